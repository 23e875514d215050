import Foundation

/// The JSON interface of `airledger estimate --format json` (stable keys; amounts are decimal
/// strings: USD with 2 decimals, probability as given):
///
/// ```
/// { "project": "scroll", "probability": "0.6",
///   "valueIfAirdrop": { "low": "…", "base": "…", "high": "…" },      // USD, typical eligible wallet
///   "expectedValue": "…", "costsToDate": "…",                        // totals over the wallets
///   "lenses": [ { "name": "like-arbitrum", "valuePerWallet": "…" }, … ], // null when not available
///   "wallets": [ { "wallet": "hot", "probability": "0.6", "valueIfAirdrop": {…},
///                  "expectedValue": "…", "costsToDate": "…", "lenses": [ … ] } ] }
/// ```
public struct EstimateJSON: Encodable, Sendable, Hashable {
    public struct Band: Encodable, Sendable, Hashable {
        public let low: String
        public let base: String
        public let high: String
    }

    public struct Lens: Encodable, Sendable, Hashable {
        public let name: String
        public let valuePerWallet: String?

        enum CodingKeys: String, CodingKey { case name, valuePerWallet }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(valuePerWallet, forKey: .valuePerWallet)  // null when not available, never absent
        }
    }

    public struct Wallet: Encodable, Sendable, Hashable {
        public let wallet: String
        public let probability: String
        public let valueIfAirdrop: Band
        public let expectedValue: String
        public let costsToDate: String
        public let lenses: [Lens]
    }

    public let project: String
    public let probability: String
    public let valueIfAirdrop: Band
    public let expectedValue: String
    public let costsToDate: String
    public let lenses: [Lens]
    public let wallets: [Wallet]
}

extension ProjectEstimate {
    /// The estimate in the JSON interface's shape (USD rounded half away from zero to cents).
    public var json: EstimateJSON {
        func usd(_ q: Quantity) -> String { q.fixed(2) }
        func band(_ b: ValueBand) -> EstimateJSON.Band { .init(low: usd(b.low), base: usd(b.base), high: usd(b.high)) }
        func lensList(_ ls: [EstimateLens]) -> [EstimateJSON.Lens] { ls.map { .init(name: $0.name, valuePerWallet: $0.valuePerWalletUsd.map(usd)) } }
        return EstimateJSON(
            project: projectSlug, probability: probability.description, valueIfAirdrop: band(valueIfAirdrop),
            expectedValue: usd(expectedValue), costsToDate: usd(costsToDate), lenses: lensList(lenses),
            wallets: wallets.map {
                .init(wallet: $0.walletLabel, probability: $0.probability.description, valueIfAirdrop: band($0.valueIfAirdrop),
                      expectedValue: usd($0.expectedValue), costsToDate: usd($0.costsToDate), lenses: lensList($0.lenses))
            })
    }
}

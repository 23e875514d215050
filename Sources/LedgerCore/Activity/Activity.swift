/// One qualifying action a wallet did for a project: a bridge, a swap, a testnet transaction...
/// Its fee is a cost of farming that project.
public struct Activity: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case testnet, bridge, swap, liquidity, stake, lend, mint, governance, deploy, social, points, other
    }

    public var id: Int64
    public var projectSlug: String
    public var walletLabel: String
    public var kind: Kind
    public var at: Instant
    public var chain: String?
    public var txHash: String?
    public var volume: Amount?
    public var volumeUsd: Quantity?
    public var fee: Amount?
    public var feeUsd: Quantity?
    public var points: Quantity?
    public var note: String?
    /// "cli", "import:etherscan", "import:csv", ...
    public var source: String
    /// A failed transaction: it still cost gas.
    public var failed: Bool
    public var counterparty: String?
    /// Which part of its transaction this entry records, when one transaction gives several entries
    /// (an explorer's normal, internal and token-transfer exports of the same swap): nil for the
    /// transaction itself, "internal:in:0.5", "token:0xa0b8...:in:1200". Part of the natural key, so
    /// every leg is kept once; summaries count the transaction once (see `WalletActivitySummary`).
    public var leg: String?

    public init(id: Int64 = 0, projectSlug: String, walletLabel: String, kind: Kind, at: Instant,
                chain: String? = nil, txHash: String? = nil, volume: Amount? = nil, volumeUsd: Quantity? = nil,
                fee: Amount? = nil, feeUsd: Quantity? = nil, points: Quantity? = nil, note: String? = nil,
                source: String = "cli", failed: Bool = false, counterparty: String? = nil, leg: String? = nil) {
        self.id = id; self.projectSlug = projectSlug; self.walletLabel = walletLabel; self.kind = kind
        self.at = at; self.chain = chain; self.txHash = txHash; self.volume = volume; self.volumeUsd = volumeUsd
        self.fee = fee; self.feeUsd = feeUsd; self.points = points; self.note = note; self.source = source
        self.failed = failed; self.counterparty = counterparty; self.leg = leg
    }
}

/// A points dashboard reading: a time series, not a sum.
public struct PointsReading: Sendable, Hashable {
    public var id: Int64
    public var projectSlug: String
    public var walletLabel: String
    public var at: Instant
    public var points: Quantity

    public init(id: Int64 = 0, projectSlug: String, walletLabel: String, at: Instant, points: Quantity) {
        self.id = id; self.projectSlug = projectSlug; self.walletLabel = walletLabel; self.at = at; self.points = points
    }
}

/// An announced eligible amount for a wallet, with an optional claim deadline.
public struct Allocation: Sendable, Hashable {
    public var id: Int64
    public var projectSlug: String
    public var walletLabel: String
    public var amount: Amount
    public var deadline: CivilDate?
    public var claimId: Int64?

    public init(id: Int64 = 0, projectSlug: String, walletLabel: String, amount: Amount, deadline: CivilDate?, claimId: Int64? = nil) {
        self.id = id; self.projectSlug = projectSlug; self.walletLabel = walletLabel; self.amount = amount
        self.deadline = deadline; self.claimId = claimId
    }
}

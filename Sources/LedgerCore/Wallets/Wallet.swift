import Foundation

/// A wallet the user farms with. `label` is what users type; the address is canonical for its family
/// (EVM lower case, Starknet zero-padded, ...) and shown in display form (EVM checksummed).
public struct Wallet: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable {
        case active
        /// Flagged by a project's sybil filter: kept for its history, shown as burned.
        case burned
    }

    public var id: Int64
    public var label: String
    public var address: String
    public var chain: Chain
    public var group: String?
    public var status: Status
    public var createdAt: Instant
    /// The broker holding this wallet's assets (an exchange account: custodial), nil for self-custody.
    /// Decides the Form 8949 box of its sales from tax year 2025 (Form 1099-DA).
    public var broker: String?

    public init(id: Int64, label: String, address: String, chain: Chain, group: String?, status: Status, createdAt: Instant,
                broker: String? = nil) {
        self.id = id; self.label = label; self.address = address; self.chain = chain
        self.group = group; self.status = status; self.createdAt = createdAt; self.broker = broker
    }

    /// The address as users expect to read it (EVM: EIP-55 checksummed).
    public var displayAddress: String { AddressRules.display(canonical: address, family: chain.family) }
}

/// Wallet labels: 1 to 40 letters, digits, '-', '_' or '.'; not starting with '0x' (an address).
public enum WalletLabel {
    public static func validate(_ text: String) throws(WalletError) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard (1...40).contains(t.count),
              t.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }),
              !t.lowercased().hasPrefix("0x")
        else { throw .badLabel(text) }
        return t
    }
}

public enum WalletError: Error, Equatable, Sendable, CustomStringConvertible {
    case badLabel(String)

    public var description: String {
        switch self {
        case .badLabel(let t):
            "'\(t)' is not a usable wallet label: use 1 to 40 letters, digits, '-', '_' or '.' (e.g. main, farm-01)"
        }
    }
}

import Foundation

// PLACEHOLDER until the address-rules work lands: EVM shape only. Replaced wholesale.
public struct ParsedAddress: Sendable, Hashable {
    public let chain: Chain
    /// Canonical stored form (EVM lower case, Starknet zero-padded to 64 hex, ...).
    public let canonical: String
    /// Warnings worth telling the user (e.g. an all-lower-case EVM address has no checksum to verify).
    public let warnings: [String]
}

public enum AddressRules {
    public static func parse(_ input: String, chain: Chain?) throws(AddressError) -> ParsedAddress {
        let t = input.trimmingCharacters(in: .whitespaces)
        if let c = chain, c.family != .evm, t.hasPrefix("0x") {
            return ParsedAddress(chain: c, canonical: "0x" + String(repeating: "0", count: 66 - t.count) + t.dropFirst(2).lowercased(), warnings: [])
        }
        guard t.hasPrefix("0x"), t.count == 42 else { throw .malformed(input, chain: chain?.name) }
        return ParsedAddress(chain: chain ?? Chains.named("ethereum")!, canonical: t.lowercased(), warnings: [])
    }

    public static func display(canonical: String, family: ChainFamily) -> String { canonical }

    public static func validateTxHash(_ hash: String, family: ChainFamily) throws(AddressError) -> String {
        hash.lowercased()
    }
}

public enum AddressError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformed(String, chain: String?)

    public var description: String {
        switch self {
        case .malformed(let t, let c): "'\(t)' is not a valid \(c ?? "") address"
        }
    }
}

public enum SecretKind: Sendable { case privateKey }
public enum SecretDetector {
    public static func detect(_ input: String, chain: Chain?) -> SecretKind? { nil }
}

/// The registry of well-known contracts per chain (bundled from `known-contracts.csv`), so an imported
/// transaction to the Scroll bridge becomes a `bridge` activity for project `scroll` without the user
/// saying so. Pure lookups; addresses are compared in canonical lower case.
public struct KnownContracts: Sendable {
    /// Every contract, in file order.
    public let all: [KnownContract]
    private let byChain: [String: [String: KnownContract]]

    public init(_ contracts: [KnownContract]) {
        var index: [String: [String: KnownContract]] = [:]
        for c in contracts where index[c.chain]?[c.address] == nil {
            index[c.chain, default: [:]][c.address] = c
        }
        self.all = contracts
        self.byChain = index
    }

    /// The registry compiled into the binary. Its CSV is checked by the test suite; if it ever failed to
    /// load, imports would fall back to method names instead of stopping the program.
    public static let bundled: KnownContracts =
        (try? KnownContracts(parsingCSV: Reference.knownContractsCSV)) ?? KnownContracts([])

    /// The contract at `address` on `chain`, if known. `address` may be in any case.
    public func lookup(chain: String, address: String) -> KnownContract? {
        let c = chain.lowercased()
        return byChain[c]?[KnownContracts.canonicalAddress(address, chain: c)]
    }

    /// All known contracts of one chain keyed by canonical address (for fast per-row lookups).
    public func contracts(on chain: String) -> [String: KnownContract] {
        byChain[chain.lowercased()] ?? [:]
    }

    /// Lower case; on Starknet also without leading zeros after "0x" (felts are written both ways). Base58
    /// addresses (Solana and SVM programs, Substrate SS58, Tron) are case-sensitive and kept as written.
    public static func canonicalAddress(_ address: String, chain: String) -> String {
        if let family = Chains.named(chain)?.family, [.solana, .substrate, .tron].contains(family) { return address }
        var a = address.lowercased()
        if chain.lowercased() == "starknet", a.hasPrefix("0x") {
            let digits = a.dropFirst(2).drop(while: { $0 == "0" })
            a = "0x" + (digits.isEmpty ? "0" : digits)
        }
        return a
    }

    /// Reads the registry CSV: `chain,address,project,kind,name,confidence,source`.
    public init(parsingCSV text: String) throws(KnownContractsError) {
        let records: [CSVRecord]
        do {
            records = try CSV.parse(text)
        } catch {
            switch error {
            case .unterminatedQuote(let line, let column), .junkAfterQuote(let line, let column):
                throw .malformedCSV(line: line, column: column)
            }
        }
        let expected = ["chain", "address", "project", "kind", "name", "confidence", "source"]
        guard let header = records.first, header.fields == expected else {
            throw .badHeader(expected: expected.joined(separator: ","))
        }
        var contracts: [KnownContract] = []
        for r in records.dropFirst() {
            guard r.fields.count == expected.count else {
                throw .badRow(line: r.line, message: "expected \(expected.count) fields, found \(r.fields.count)")
            }
            let f = r.fields
            guard let kind = KnownContract.Kind(rawValue: f[3]) else {
                throw .badRow(line: r.line, message: "unknown kind '\(f[3])'")
            }
            guard let confidence = KnownContract.Confidence(rawValue: f[5]) else {
                throw .badRow(line: r.line, message: "unknown confidence '\(f[5])'")
            }
            if let chain = Chains.named(f[0]), chain.family != .evm, chain.family != .starknet {
                // Solana programs, Cosmos and Substrate accounts: the chain's own address rules.
                guard let parsed = try? AddressRules.parse(f[1], chain: chain),
                      parsed.canonical == KnownContracts.canonicalAddress(f[1], chain: chain.name) else {
                    throw .badRow(line: r.line, message: "'\(f[1])' is not a \(chain.name) address in its canonical form")
                }
            } else {
                let hex = f[1].utf8.dropFirst(2)
                guard f[1].hasPrefix("0x"), !hex.isEmpty, hex.count <= 64,
                      hex.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) })
                else {
                    throw .badRow(line: r.line, message: "'\(f[1])' is not a hex address")
                }
            }
            contracts.append(KnownContract(chain: f[0].lowercased(), address: f[1], projectSlug: f[2], kind: kind,
                                           name: f[4], confidence: confidence, source: f[6]))
        }
        self.init(contracts)
    }
}

public enum KnownContractsError: Error, Equatable, Sendable, CustomStringConvertible {
    case malformedCSV(line: Int, column: Int)
    case badHeader(expected: String)
    case badRow(line: Int, message: String)

    public var description: String {
        switch self {
        case .malformedCSV(let line, let column):
            "known-contracts.csv:\(line):\(column): malformed CSV (unbalanced quote)"
        case .badHeader(let expected):
            "known-contracts.csv:1:1: the header must be \(expected)"
        case .badRow(let line, let message):
            "known-contracts.csv:\(line):1: \(message)"
        }
    }
}

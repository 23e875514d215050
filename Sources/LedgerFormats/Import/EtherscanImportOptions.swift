import LedgerCore

/// What the caller knows that the file does not say: whose export it is, on which chain. (The project of
/// rows the registry does not know is the caller's choice, applied when recording: `ImportedRow.project(fallback:)`.)
public struct EtherscanImportOptions: Sendable {
    /// How amounts written with thousands separators ("1,234.5") are treated.
    public enum ThousandsSeparators: Sendable, Hashable {
        /// Any comma in a number is a bad row (the default: a number is only read one way).
        case rejected
        /// Commas between groups of three integer digits are accepted in the columns where the explorer
        /// writes them (token values, "Amount", "Value (USD)"); any other comma is still an error.
        case acceptedInTokenAndUsdColumns
    }

    /// The wallet's address, canonical: "0x" and 40 lower-case hex digits.
    public let wallet: String
    /// The chain name as in `Chains` ("ethereum", "scroll").
    public let chain: String
    /// The chain's native ticker (fees and native values): "ETH", "BNB", "POL".
    public var nativeTicker: String
    public var registry: KnownContracts
    public var thousandsSeparators: ThousandsSeparators

    /// Validates the wallet (an EVM address in any case) and the chain (an EVM chain airledger knows);
    /// the native ticker defaults to the chain's.
    public init(wallet: String, chain: String, nativeTicker: String? = nil,
                registry: KnownContracts = .bundled,
                thousandsSeparators: ThousandsSeparators = .rejected) throws(EtherscanOptionsError) {
        let w = Array(wallet.trimmingSpaces.utf8)
        guard let canonical = FieldBytes.hex(w[...], hexDigits: 40) else { throw .badWallet(wallet) }
        let name = String(chain.trimmingSpaces).lowercased()
        guard let c = Chains.named(name), c.family == .evm else { throw .notAnEVMChain(chain) }
        let ticker = nativeTicker.map { $0.uppercased() } ?? NativeTickers.ticker(forChain: name)
        guard let ticker else { throw .unknownTicker(chain: name) }
        self.wallet = canonical
        self.chain = name
        self.nativeTicker = ticker
        self.registry = registry
        self.thousandsSeparators = thousandsSeparators
    }
}

public enum EtherscanOptionsError: Error, Equatable, Sendable, CustomStringConvertible {
    case badWallet(String)
    case notAnEVMChain(String)
    case unknownTicker(chain: String)

    public var description: String {
        switch self {
        case .badWallet(let w):
            "'\(w)' is not an EVM address (0x and 40 hex digits): Etherscan-family exports are for EVM wallets"
        case .notAnEVMChain(let c):
            "'\(c)' is not an EVM chain airledger knows: Etherscan-family exports come from EVM chains (\(Chains.all.filter { $0.family == .evm }.map(\.name).joined(separator: ", ")))"
        case .unknownTicker(let c):
            "airledger does not know the native token of \(c): pass it explicitly"
        }
    }
}

/// The native token of each EVM chain, as explorers write it in `Value_IN(..)` and `TxnFee(..)`.
public enum NativeTickers {
    public static func ticker(forChain chain: String) -> String? { table[chain.lowercased()] }

    /// Tickers that name the same native token (Polygon's MATIC became POL in 2024).
    public static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = a.uppercased(), y = b.uppercased()
        if x == y { return true }
        return aliases.contains { $0.contains(x) && $0.contains(y) }
    }

    private static let aliases: [Set<String>] = [["MATIC", "POL"], ["XDAI", "DAI"]]

    /// The chain registry's native gas token (LedgerCore's `Chain.gasTokens`), one source of truth.
    private static let table: [String: String] = Dictionary(
        uniqueKeysWithValues: Chains.all.filter { $0.family == .evm }.compactMap { c in c.gasTokens.first.map { (c.name, $0) } })
}

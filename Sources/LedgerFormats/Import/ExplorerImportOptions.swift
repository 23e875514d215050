import LedgerCore

/// What the caller knows that an explorer's file does not say: whose export it is and on which chain.
/// The same for every explorer. (The project of rows the registry does not know is the caller's choice,
/// applied when recording: `ImportedRow.project(fallback:)`.)
public struct ExplorerImportOptions: Sendable {
    /// How amounts written with thousands separators ("1,234.5") are treated.
    public enum ThousandsSeparators: Sendable, Hashable {
        /// Any comma in a number is a bad row (the default: a number is only read one way).
        case rejected
        /// Commas between groups of three integer digits are accepted in the columns where the explorer
        /// writes them (token values, "Amount", "Value (USD)"); any other comma is still an error.
        case acceptedInTokenAndUsdColumns
    }

    /// The wallet's address in its family's canonical form (`AddressRules`: EVM lower case, ...).
    public let wallet: String
    public let chain: Chain
    /// The chain's native gas token (the first of `Chain.gasTokens`): native values and fees.
    public let gasToken: AssetSymbol
    public var registry: KnownContracts
    public var thousandsSeparators: ThousandsSeparators

    /// Validates the chain (one airledger knows) and the wallet (an address of the chain's family).
    public init(wallet: String, chain: String, registry: KnownContracts = .bundled,
                thousandsSeparators: ThousandsSeparators = .rejected) throws(ExplorerOptionsError) {
        guard let c = Chains.named(chain) else { throw .unknownChain(chain) }
        try self.init(wallet: wallet, chain: c, registry: registry, thousandsSeparators: thousandsSeparators)
    }

    /// For a chain value: one of `Chains.all`, or one built for a chain airledger does not list (an EVM
    /// chain named by the user, its gas token taken from the file's column names).
    public init(wallet: String, chain: Chain, registry: KnownContracts = .bundled,
                thousandsSeparators: ThousandsSeparators = .rejected) throws(ExplorerOptionsError) {
        let parsed: ParsedAddress
        do { parsed = try AddressRules.parse(wallet, chain: chain) } catch { throw .badWallet(error) }
        guard let ticker = chain.gasTokens.first, let gas = try? AssetSymbol(parsing: ticker) else {
            throw .unknownGasToken(chain: chain.name)
        }
        self.wallet = parsed.canonical
        self.chain = chain
        self.gasToken = gas
        self.registry = registry
        self.thousandsSeparators = thousandsSeparators
    }

    /// Refuses a chain of a family `explorer`'s files are not for (an Etherscan export for solana).
    public func check(servedBy explorer: any ExplorerImporter.Type) throws(ExplorerOptionsError) {
        let info = explorer.info
        guard info.chainFamilies.contains(chain.family) else { throw .chainNotServed(chain.name, by: info) }
    }
}

public enum ExplorerOptionsError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownChain(String)
    /// Not an address of the chain's family (the address error masks a secret).
    case badWallet(AddressError)
    case chainNotServed(String, by: ExplorerInfo)
    case unknownGasToken(chain: String)

    public var description: String {
        switch self {
        case .unknownChain(let c):
            ChainError.unknown(c, suggestion: Suggest.closest(to: c, in: Chains.names)).description
        case .badWallet(let error):
            "the wallet: \(error)"
        case .chainNotServed(let c, let info):
            "'\(c)' is not \(ExplorerInfo.article(info.familyNames)) chain: \(info.family) exports come from \(info.familyNames) chains ("
                + Chains.all.filter { info.chainFamilies.contains($0.family) }.map(\.name).joined(separator: ", ") + ")"
        case .unknownGasToken(let c):
            "airledger does not know the gas token of \(c)"
        }
    }
}

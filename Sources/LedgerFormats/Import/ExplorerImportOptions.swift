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
    /// The chain's native gas token (the first of `Chain.gasTokens`): native values and fees. Nil only
    /// for a chain airledger does not list whose gas token was not given: an importer then takes it
    /// from the file where the file names it (Etherscan's `Value_IN(APE)`), or refuses a file with
    /// native amounts, asking for it.
    public let gasToken: AssetSymbol?
    /// False for a chain airledger does not list (`Chains.all`), named by the user: its rows are
    /// recorded under that name, and the import says so (`ExplorerImporter.notes`).
    public let chainIsListed: Bool
    public var registry: KnownContracts
    public var thousandsSeparators: ThousandsSeparators

    /// Validates the chain and the wallet (an address of the chain's family). A chain airledger lists
    /// is taken as listed (`gasToken`, if given, must be one of its gas tokens). Any other name is
    /// accepted only when `unlisted` gives the family of the explorer's chains (an Etherscan-family
    /// export is from an EVM chain, whatever its name): a lower-case name like `apechain`, its gas
    /// token `gasToken` or else read from the file. A name one or two letters away from a listed one
    /// is refused as a typo unless `gasToken` says it is meant.
    public init(wallet: String, chain: String, gasToken: String? = nil, unlisted family: ChainFamily? = nil,
                registry: KnownContracts = .bundled,
                thousandsSeparators: ThousandsSeparators = .rejected) throws(ExplorerOptionsError) {
        if let c = Chains.named(chain) {
            if let g = gasToken, !c.gasTokens.contains(where: { $0.uppercased() == g.trimmingSpaces.uppercased() }) {
                throw .gasTokenOfListedChain(chain: c.name, given: g, gasTokens: c.gasTokens)
            }
            try self.init(wallet: wallet, chain: c, registry: registry, thousandsSeparators: thousandsSeparators)
            return
        }
        guard let family else { throw .unknownChain(chain) }
        let name = chain.trimmingSpaces.lowercased()
        guard Self.isChainName(name) else { throw .notAChainName(chain) }
        var gas: [String] = []
        if let g = gasToken {
            guard let symbol = try? AssetSymbol(parsing: g.trimmingSpaces.uppercased()) else { throw .badGasToken(g) }
            gas = [symbol.code]
        } else if let near = Suggest.closest(to: name, in: Chains.names) {
            throw .likelyTypo(name, suggestion: near)
        }
        try self.init(wallet: wallet, chain: Chain(name, family, gas: gas), registry: registry,
                      thousandsSeparators: thousandsSeparators)
    }

    /// For a chain value: one of `Chains.all`, or one built for a chain airledger does not list (an EVM
    /// chain named by the user; with no gas tokens when its gas token is to be read from the file).
    public init(wallet: String, chain: Chain, registry: KnownContracts = .bundled,
                thousandsSeparators: ThousandsSeparators = .rejected) throws(ExplorerOptionsError) {
        let parsed: ParsedAddress
        do { parsed = try AddressRules.parse(wallet, chain: chain) } catch { throw .badWallet(error) }
        self.wallet = parsed.canonical
        self.chain = chain
        self.gasToken = chain.gasTokens.first.flatMap { try? AssetSymbol(parsing: $0) }
        self.chainIsListed = Chains.named(chain.name) == chain
        self.registry = registry
        self.thousandsSeparators = thousandsSeparators
    }

    /// A chain name as airledger writes them: lower-case letters, digits and "-", 2 to 40 characters,
    /// starting with a letter or digit ("apechain", "arbitrum-nova").
    static func isChainName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (2...40).contains(bytes.count), bytes[0] != 0x2D else { return false }
        return bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
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
    /// A name airledger does not list that is not written as a chain name ("Arbitrum Nova").
    case notAChainName(String)
    /// A name airledger does not list, close to one it does ("ethereun"), with no gas token given.
    case likelyTypo(String, suggestion: String)
    /// The gas token given is not an asset symbol.
    case badGasToken(String)
    /// A gas token given for a listed chain that is not one of its gas tokens.
    case gasTokenOfListedChain(chain: String, given: String, gasTokens: [String])

    public var description: String {
        switch self {
        case .unknownChain(let c):
            ChainError.unknown(c, suggestion: Suggest.closest(to: c, in: Chains.names)).description
        case .badWallet(let error):
            "the wallet: \(error)"
        case .chainNotServed(let c, let info):
            "'\(c)' is not \(ExplorerInfo.article(info.familyNames)) chain: \(info.family) exports come from \(info.familyNames) chains ("
                + Chains.all.filter { info.chainFamilies.contains($0.family) }.map(\.name).joined(separator: ", ") + ")"
        case .notAChainName(let c):
            "'\(c)' is not a chain name: write it in lower case with '-' between words, e.g. arbitrum-nova"
        case .likelyTypo(let c, let near):
            "unknown chain '\(c)'. Did you mean '\(near)'? If '\(c)' is a chain airledger does not list, name its gas token too (--gas-token SYMBOL)"
        case .badGasToken(let g):
            "gas token '\(g)' is not an asset symbol: write its ticker, e.g. APE"
        case .gasTokenOfListedChain(let c, let g, let tokens):
            "\(c) charges fees in \(tokens.joined(separator: " or ")), not \(g): --gas-token is for chains airledger does not list"
        }
    }
}

import LedgerCore

/// The extension point for block-explorer imports: one explorer's CSV exports (the Etherscan family,
/// and later Solscan, Voyager/Starkscan, Mintscan, Subscan) read into `ImportedRow`s.
///
/// A new explorer is one type conforming to this protocol plus one line in `Explorers.all`; the
/// session (`ExplorerImportSession`), the two-thread pipeline, the CLI subcommand (`airledger import
/// <id>`), its help text, all-or-nothing writing, located errors and idempotence come with it.
///
/// What the session does for every explorer, so an importer need not: tokenizing (CSV with quotes,
/// CRLF, a BOM, invalid UTF-8 located), reporting CSV problems of a record, skipping a repeated header
/// line (exports joined with `cat`), choosing the explorer from the header, checking that the explorer
/// serves the options' chain family, counting progress. What an importer does: recognise its headers
/// (`detect`), read the header into its layout (`init`), read each record (`read`) into zero, one or
/// several rows (legs), or the issues found in it, each at its line and column.
///
/// Rules every importer keeps (the guarantees of the Etherscan import):
/// - Pure: no I/O, no clock, no printing; issues are values (`ImportIssue`), collected, never thrown
///   one at a time, so a run reports every bad row of a file at once.
/// - `read` is called once per record of files of a million rows: no per-row allocation beyond the
///   row's own strings; caches bounded (see `EtherscanImporter`).
/// - Amounts are exact (`FieldBytes.decimal`, the strict grammar); native amounts and fees are in
///   `options.gasToken` or, where a file names its fee token per row, one the chain charges fees in
///   (`Chain.checkNetworkFee(in:)`, the rule `log` applies). For a chain airledger does not list,
///   `gasToken` may be nil: take it from the file where the file names it, else refuse native amounts
///   at the header, asking for it; say which with `notes`.
/// - Real files first: an importer is tested on exports people have published (trimmed, with their
///   provenance, in Fixtures/<explorer>/real/), then on the documented formats; whatever oddity a real
///   explorer writes is tolerated where its meaning is certain, and written down in
///   docs/explorer-formats.md with the export that has it.
/// - A fee only when the wallet paid it (`direction != .incoming`); failed transactions kept, marked.
/// - `txHash` in the chain family's canonical form (`AddressRules.validateTxHash`), `leg` set for every
///   row that is a part of its transaction (a token transfer, an internal transfer, one of several legs
///   of one record), so the natural key (chain, tx, kind, wallet, project, leg) keeps each once.
/// - `projectSlug` only from the registry (`options.registry`); the user's fallback project is applied
///   when recording (`ImportedRow.project(fallback:)`), never by an importer.
public protocol ExplorerImporter: Sendable {
    /// What the explorer declares about itself, read by the registry, the CLI and the help text.
    static var info: ExplorerInfo { get }

    /// Whether a header line (its fields as written) is one of this explorer's exports. Pure and cheap:
    /// the session asks every registered explorer about the first line of a file.
    static func detect(_ header: [String]) -> HeaderDetection

    /// Reads the header record of a file `detect` recognised. Throws the issue to report at the header
    /// (a header it recognised but cannot use: several native tickers, a ticker that contradicts the chain).
    init(header: CSVStreamRow, options: ExplorerImportOptions) throws(ImportIssue)

    /// The export the header named, for the summary line: "transactions (V4)".
    var exportName: String { get }

    /// What the user should know about how the file is read, said once with the summary (a chain
    /// airledger does not list, and where its gas token came from). Empty by default.
    var notes: [String] { get }

    /// Reads one record after the header (never a repeated header, never a record with CSV problems:
    /// the session reports those). Each record gives rows, a reason to skip it, or its issues.
    mutating func read(_ record: CSVStreamRow) -> ExplorerRecord
}

extension ExplorerImporter {
    public var notes: [String] { [] }
}

/// What one record gave.
public enum ExplorerRecord: Sendable {
    /// One row: the common case.
    case row(ImportedRow)
    /// Several rows from one record, each a leg of the transaction with its own `leg` (a record that
    /// moves SOL and an SPL token, an extrinsic with a transfer and a fee).
    case rows([ImportedRow])
    /// A well-formed record that records nothing, with the reason (counted and reported by reason).
    case skipped(reason: String)
    /// Everything wrong with the record, each at its line and column.
    case issues([ImportIssue])
}

/// What `detect` says of a header line.
public enum HeaderDetection: Sendable, Equatable {
    /// One of this explorer's exports that it reads.
    case recognised
    /// One of this explorer's exports that airledger does not import (an NFT transfer export, a
    /// single-token page export that names no token): what it is, and which exports to download instead.
    case unsupported(String, instead: String)
    /// Not one of its exports. `closeness` (columns that matched the nearest known header) picks the
    /// explorer whose `hint` (the nearest header and its first difference) is shown.
    case unrecognised(closeness: Int, hint: String?)
}

/// What an explorer importer declares: who it is, which wallets and chains its files are for, which
/// headers it knows. One value per explorer, so the help text and the messages read the same table.
public struct ExplorerInfo: Sendable, Hashable {
    /// Lower case and stable: the CLI subcommand (`airledger import etherscan`) and the `source` of what
    /// is recorded ("import:etherscan", stored in the ledger).
    public let id: String
    /// The format family as users call it, as an adjective: "Etherscan-family" ("an Etherscan-family
    /// CSV export", "Etherscan-family exports are for EVM wallets").
    public let family: String
    /// The name in "not a known Etherscan export header".
    public let name: String
    /// The sites that write these files, for the help text.
    public let sites: String
    /// The exports it reads, short, for the help text: "transactions, internal, token transfers".
    public let exports: String
    /// Address families of the wallets and chains its files are for.
    public let chainFamilies: [ChainFamily]
    /// How the chain of a file is known.
    public let chain: ChainChoice
    /// The headers it reads, for the unknown-header message.
    public let headers: [KnownHeader]
    /// A note shown with the known headers ("any may end with PrivateNote").
    public let headersNote: String?
    /// The `source` of recorded activities and claims: "import:" + id.
    public let source: String

    public init(id: String, family: String, name: String, sites: String, exports: String, chainFamilies: [ChainFamily],
                chain: ChainChoice, headers: [KnownHeader], headersNote: String? = nil) {
        self.id = id
        self.family = family
        self.name = name
        self.sites = sites
        self.exports = exports
        self.chainFamilies = chainFamilies
        self.chain = chain
        self.headers = headers
        self.headersNote = headersNote
        self.source = "import:" + id
    }

    /// "an Etherscan-family CSV export", "a Solscan CSV export".
    public var aFile: String { Self.article(family) + " CSV export" }

    /// "EVM", "Solana or Cosmos SDK": the chain families, for messages.
    public var familyNames: String { chainFamilies.map(\.displayName).joined(separator: " or ") }

    static func article(_ word: String) -> String {
        let vowel = word.first.map { "AEIOUaeiou".contains($0) } ?? false
        return (vowel ? "an " : "a ") + word
    }
}

/// How the chain of an explorer's file is known.
public enum ChainChoice: Sendable, Hashable {
    /// One format, many chains (the Etherscan engine runs Etherscan, Arbiscan, Basescan, ...): the user
    /// names the chain (`--chain`), since the file does not say it.
    case named
    /// The file is for the wallet's own chain (Solscan: solana; Mintscan: the chain of the address's
    /// bech32 prefix); naming a chain is optional.
    case wallet
}

/// A header an explorer reads: the export's name and its columns as documented.
public struct KnownHeader: Sendable, Hashable {
    public let export: String
    public let header: String
    public init(export: String, header: String) {
        self.export = export
        self.header = header
    }
}

/// The explorer and export a header was recognised as.
public struct ExplorerExport: Sendable, Hashable {
    /// `ExplorerInfo.id`.
    public let explorer: String
    /// "transactions (V4)".
    public let name: String
    /// The importer's `notes`.
    public let notes: [String]
    public init(explorer: String, name: String, notes: [String] = []) {
        self.explorer = explorer
        self.name = name
        self.notes = notes
    }
}

extension ChainFamily {
    /// The family as messages name it: "EVM", "Cosmos SDK".
    public var displayName: String {
        switch self {
        case .evm: "EVM"
        case .bitcoin: "Bitcoin"
        case .cosmos: "Cosmos SDK"
        case .solana: "Solana (SVM)"
        case .starknet: "Starknet"
        case .move: "Move"
        case .tron: "Tron"
        case .substrate: "Substrate"
        }
    }
}

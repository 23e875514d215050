import LedgerCore

/// One bad spot in an imported file: its 1-based line and column (characters) and what is wrong.
/// Issues are collected, never thrown one at a time, so a run reports every bad row of a file at once;
/// the CLI prints each as `FILE:LINE:COLUMN: message` and writes nothing when there is any.
public struct ImportIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let problem: ImportProblem

    public init(line: Int, column: Int, problem: ImportProblem) {
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// "LINE:COLUMN: message".
    public var description: String { "\(line):\(column): \(problem)" }

    /// "FILE:LINE:COLUMN: message", the form the CLI prints.
    public func formatted(file: String) -> String { "\(file):\(line):\(column): \(problem)" }
}

/// Everything that can be wrong with an explorer export, with its messages in one place. The values
/// come from the explorer (`ExplorerInfo`, the shapes it expects), so every explorer shares them.
public enum ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// `expected`: what the file should have been ("an Etherscan-family CSV export").
    case emptyFile(expected: String)
    case csv(CSVStreamProblem.Kind)
    /// No explorer asked for recognised the header: the nearest one's hint, and what each knows.
    case unknownHeader(found: String, hint: String?, expected: [ExplorerInfo])
    /// An explorer's export that airledger does not import: what it is, and what to export instead.
    case unsupportedExport(String, instead: String)
    /// The header is another registered explorer's (`explorer`), not one of those asked for.
    case otherExplorer(ExplorerInfo, asked: [ExplorerInfo])
    /// The explorer's files are not for the chain's family.
    case chainNotServed(chain: String, family: ChainFamily, by: ExplorerInfo)
    case mixedTickers([String])
    case tickerMismatch(file: String, chain: String, chainTicker: String)
    /// A chain airledger does not list, no gas token given, and a file with native amounts whose
    /// header does not name the token.
    case gasTokenUnknown(chain: String)
    /// A file in base units of a chain whose gas token's decimals airledger has no source for.
    case denomDecimalsUnknown(chain: String, token: String)
    case fieldCount(expected: Int, found: Int, lastLineUnterminated: Bool)
    /// `expected`: the chain family's shape ("0x and 64 hex digits").
    case badHash(column: String, value: String, expected: String)
    /// `expected`: the chain family's shape ("0x and 40 hex digits").
    case badAddress(column: String, value: String, expected: String)
    case missingValue(column: String)
    case badAmount(column: String, error: AmountError)
    case thousandsSeparator(column: String, value: String)
    case badUnit(column: String, value: String, expected: String)
    case badTimestamp(column: String, value: String)
    case badDateTime(column: String, value: String)
    case notThisWallet(wallet: String, from: String, to: String)
    /// A field that is not what its column holds: `expected` says what it should be.
    case badField(column: String, value: String, expected: String)
    /// The export's own direction column contradicts From and To.
    case directionMismatch(column: String, value: String, wallet: String)
    /// A character no export holds (a NUL, a control character, a bidirectional override).
    case unprintable(column: String, what: String)
    /// A Unix timestamp in milliseconds where seconds are expected.
    case timestampInMilliseconds(column: String, value: String)
    /// The Unix timestamp and the date-time column name different moments.
    case timesDisagree(unixColumn: String, unix: String, dateColumn: String, date: String)

    public var description: String {
        switch self {
        case .emptyFile(let expected):
            return "the file is empty: expected \(expected) starting with its header line"
        case .csv(let kind):
            return CSVStreamProblem(line: 0, column: 0, kind: kind).description
        case .unknownHeader(let found, let hint, let expected):
            let h = hint.map { " (\($0))" } ?? ""
            func known(_ info: ExplorerInfo) -> String {
                info.headers.map { "  \($0.export): \($0.header)" }.joined(separator: "\n")
            }
            if expected.count == 1, let info = expected.first {
                let note = info.headersNote.map { " (\($0))" } ?? ""
                return "not a known \(info.name) export header\(h): found \(found)\nknown headers\(note):\n\(known(info))"
            }
            return "not a known explorer export header\(h): found \(found)\nknown headers:\n"
                + expected.map { info in "\(info.name)\(info.headersNote.map { " (\($0))" } ?? ""):\n\(known(info))" }.joined(separator: "\n")
        case .unsupportedExport(let what, let instead):
            return "this is \(what), which airledger cannot import yet: export \(instead) instead"
        case .otherExplorer(let info, let asked):
            return "this is \(info.aFile) (import it as \(info.id)), not \(asked.map { ExplorerInfo.article($0.family) }.joined(separator: " or ")) one"
        case .chainNotServed(let chain, let family, let info):
            return "this is \(info.aFile), for \(info.familyNames) chains, but \(chain) is \(ExplorerInfo.article(family.displayName)) chain"
        case .mixedTickers(let t):
            return "the header names several native tickers (\(t.joined(separator: ", "))): the file looks edited; re-export it"
        case .tickerMismatch(let file, let chain, let chainTicker):
            return "the file's native amounts are in \(file) but --chain \(chain) uses \(chainTicker): pass the chain the file was exported from"
        case .gasTokenUnknown(let chain):
            return "'\(chain)' is not a chain airledger lists, and this export's header does not name its gas token: pass --gas-token SYMBOL (the token its amounts and fees are in)"
        case .denomDecimalsUnknown(let chain, let token):
            return "this export gives amounts in \(chain)'s base units, but airledger has no source for the decimals of \(token) yet, so it cannot read them exactly: log these activities by hand, or ask for \(chain) to be added with its chain-registry entry"
        case .fieldCount(let expected, let found, let last):
            let cut = last ? ": the file looks cut short (truncated); download it again" : ""
            return "expected \(expected) fields as in the header, found \(found)\(cut)"
        case .badHash(let column, let value, let expected):
            return "\(column) '\(value)' is not a transaction hash: expected \(expected)"
        case .badAddress(let column, let value, let expected):
            return "\(column) '\(value)' is not an address: expected \(expected)"
        case .missingValue(let column):
            return "\(column) is empty: every row needs it"
        case .badAmount(let column, let error):
            return "\(column): \(error)"
        case .thousandsSeparator(let column, let value):
            return "\(column) '\(value)' has thousands separators, refused here (in strict mode, or in a column explorers never group): remove them, or import without --strict-numbers to accept grouping in token and USD columns"
        case .badUnit(let column, let value, let expected):
            return "\(column) '\(value)' should be a number followed by \(expected)"
        case .badTimestamp(let column, let value):
            return "\(column) '\(value)' is not a Unix timestamp (seconds since 1970)"
        case .badDateTime(let column, let value):
            return "\(column) '\(value)' is not a UTC date-time like 2025-01-23 11:14:11: re-export the file without a locale date format"
        case .notThisWallet(let wallet, let from, let to):
            return "neither From (\(from.isEmpty ? "empty" : from)) nor To (\(to.isEmpty ? "empty" : to)) is the wallet \(wallet): was the file exported for another address? Check --wallet"
        case .badField(let column, let value, let expected):
            return "\(column) '\(value)' is not \(expected)"
        case .directionMismatch(let column, let value, let wallet):
            return "\(column) '\(value)' contradicts From and To for the wallet \(wallet): the file looks edited; re-export it"
        case .unprintable(let column, let what):
            return "\(column) holds \(what), which no export has: the file looks damaged or edited; remove it or re-export the file"
        case .timestampInMilliseconds(let column, let value):
            return "\(column) '\(value)' looks like milliseconds (\(value.count) digits), but exports give seconds since 1970: re-export the file, or divide the column by 1000"
        case .timesDisagree(let unixColumn, let unix, let dateColumn, let date):
            return "\(unixColumn) '\(unix)' is \(Instant(seconds: Int64(unix) ?? 0)), but \(dateColumn) says '\(date)': the file looks edited; fix one of them or re-export it"
        }
    }
}

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

/// Everything that can be wrong with an explorer export, with its messages in one place.
public enum ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case emptyFile
    case csv(CSVStreamProblem.Kind)
    case unknownHeader(found: String, hint: String?)
    case unsupportedExport(String)
    case mixedTickers([String])
    case tickerMismatch(file: String, chain: String, chainTicker: String)
    case fieldCount(expected: Int, found: Int, lastLineUnterminated: Bool)
    case badHash(column: String, value: String)
    case badAddress(column: String, value: String)
    case missingValue(column: String)
    case badAmount(column: String, error: AmountError)
    case thousandsSeparator(column: String, value: String)
    case badUnit(column: String, value: String, expected: String)
    case badTimestamp(column: String, value: String)
    case badDateTime(column: String, value: String)
    case notThisWallet(wallet: String, from: String, to: String)

    public var description: String {
        switch self {
        case .emptyFile:
            return "the file is empty: expected an Etherscan-family CSV export starting with its header line"
        case .csv(let kind):
            return CSVStreamProblem(line: 0, column: 0, kind: kind).description
        case .unknownHeader(let found, let hint):
            let known = EtherscanVariant.allCases.map { "  \($0): \($0.exampleHeader)" }.joined(separator: "\n")
            let h = hint.map { " (\($0))" } ?? ""
            return "not a known Etherscan export header\(h): found \(found)\nknown headers (CurrentValue may carry a price; any may end with PrivateNote):\n\(known)"
        case .unsupportedExport(let what):
            return "this is \(what), which airledger cannot import yet: export normal transactions, internal transactions or ERC-20 token transfers instead"
        case .mixedTickers(let t):
            return "the header names several native tickers (\(t.joined(separator: ", "))): the file looks edited; re-export it"
        case .tickerMismatch(let file, let chain, let chainTicker):
            return "the file's native amounts are in \(file) but --chain \(chain) uses \(chainTicker): pass the chain the file was exported from"
        case .fieldCount(let expected, let found, let last):
            let cut = last ? ": the file looks cut short (truncated); download it again" : ""
            return "expected \(expected) fields as in the header, found \(found)\(cut)"
        case .badHash(let column, let value):
            return "\(column) '\(value)' is not a transaction hash: expected 0x and 64 hex digits"
        case .badAddress(let column, let value):
            return "\(column) '\(value)' is not an address: expected 0x and 40 hex digits"
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
        }
    }
}

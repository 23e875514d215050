/// The Etherscan-family CSV exports airledger reads, told apart by their header line (the formats
/// document, docs/explorer-formats.md, lists each with the real exports it was checked against).
/// Arbiscan, Basescan, BscScan, Polygonscan, Lineascan, Scrollscan and the other clones write the same
/// headers with their own native ticker. Any variant may have a "_PrivateTag" column after From and To
/// (exports of a logged-in user), end with a "PrivateNote" column, and end with one nameless column.
public enum EtherscanVariant: String, Sendable, CaseIterable, Hashable, CustomStringConvertible {
    /// Normal transactions, oldest form: no Method column.
    case transactionsV1
    /// Normal transactions with "Method".
    case transactionsV2
    /// "DateTime (UTC)".
    case transactionsV3
    /// "Transaction Hash" instead of "Txhash" (the classic form of 2024-2025).
    case transactionsV4
    /// Internal transactions (refunds, bridge payouts): Status "0" means success.
    case internalTransactions
    /// Internal transactions as exported in 2017: no ParentTx columns, "To" for the receiver, no fee.
    case internalTransactions2017
    /// ERC-20 token transfers, oldest form ("Value").
    case tokenTransfersV1
    /// ERC-20 token transfers with "TokenValue" and "USDValueDayOfTx" (V2 and V3 share a header).
    case tokenTransfersV2
    /// ERC-20 token transfers with "Transaction Hash".
    case tokenTransfersV4
    /// The newer "Download Page Data" transaction list: unquoted header, no UnixTimestamp, "Amount"
    /// with its unit.
    case transactionList
    /// The token-transfer form of the page-data download: "Token" is "Name (SYMBOL)".
    case tokenTransactionList
    /// The internal-transaction form of the page-data download: "Parent Transaction Hash", no fee.
    case internalTransactionList

    public var description: String {
        switch self {
        case .transactionsV1: "transactions (V1)"
        case .transactionsV2: "transactions (V2)"
        case .transactionsV3: "transactions (V3)"
        case .transactionsV4: "transactions (V4)"
        case .internalTransactions: "internal transactions"
        case .internalTransactions2017: "internal transactions (2017)"
        case .tokenTransfersV1: "ERC-20 token transfers (V1)"
        case .tokenTransfersV2: "ERC-20 token transfers (V2/V3)"
        case .tokenTransfersV4: "ERC-20 token transfers (V4)"
        case .transactionList: "transaction list (export-transaction-list)"
        case .tokenTransactionList: "token transfer list (export-transaction-list)"
        case .internalTransactionList: "internal transaction list (page data)"
        }
    }

    /// True for exports of token transfers (volumes in tokens, no fee column).
    public var isTokenTransfers: Bool {
        switch self {
        case .tokenTransfersV1, .tokenTransfersV2, .tokenTransfersV4, .tokenTransactionList: true
        default: false
        }
    }

    /// True for exports of internal transactions (legs of a parent transaction, no fee).
    public var isInternal: Bool {
        switch self {
        case .internalTransactions, .internalTransactions2017, .internalTransactionList: true
        default: false
        }
    }

    /// True for the page-data downloads ("Amount" with its unit, "Success" as the status).
    public var isPageData: Bool {
        switch self {
        case .transactionList, .tokenTransactionList, .internalTransactionList: true
        default: false
        }
    }

    /// True for exports with amounts in the chain's native token (which must then be known).
    public var hasNativeAmounts: Bool { !isTokenTransfers }

    /// A readable header of this variant, as documented (for error messages and tests).
    public var exampleHeader: String {
        Self.specs.first { $0.variant == self }.map { spec in
            spec.columns.map(\.pattern.example).joined(separator: ",")
        } ?? ""
    }
}

/// What a column means to the importer.
enum EtherscanColumn: Int, Sendable, Hashable, CaseIterable {
    case hash, block, unixTime, dateTime, from, to, contractAddress, valueIn, valueOut, currentValue
    case fee, feeUsd, price, status, errCode, method, parentFrom, parentTo, parentValue, type
    case tokenValue, usdValue, tokenName, tokenSymbol, fromTag, toTag, amount, token, privateNote, ignored
}

/// A header matched to a variant: where each column is, and the native ticker the header names.
struct EtherscanLayout: Sendable {
    let variant: EtherscanVariant
    /// Fields of the header as written (nameless trailing ones included).
    let columnCount: Int
    /// Fields a row must have: the header's named columns. A row may have one more, empty (the
    /// trailing comma of the exports of 2017-2023), whether or not the header names it.
    let fieldCount: Int
    let names: [String]
    /// Index of each meaningful column by `EtherscanColumn.rawValue`, -1 when absent (an array, not a
    /// dictionary: it is read a dozen times per row).
    let positions: [Int]
    /// "ETH" from "Value_IN(Eth)", upper-cased; nil when the header names no ticker.
    let headerTicker: String?
    /// The header column that names the ticker ("Value_IN(APE)"), for messages.
    let tickerColumn: String?
    /// The export of a logged-in user: "From_PrivateTag" and "To_PrivateTag" columns (read past).
    let hasPrivateTags: Bool

    init(variant: EtherscanVariant, columnCount: Int, fieldCount: Int, names: [String],
         index: [EtherscanColumn: Int], headerTicker: String?, tickerColumn: String?, hasPrivateTags: Bool) {
        self.variant = variant
        self.columnCount = columnCount
        self.fieldCount = fieldCount
        self.names = names
        var p = [Int](repeating: -1, count: EtherscanColumn.allCases.count)
        for (c, i) in index { p[c.rawValue] = i }
        self.positions = p
        self.headerTicker = headerTicker
        self.tickerColumn = tickerColumn
        self.hasPrivateTags = hasPrivateTags
    }

    @inline(__always)
    subscript(_ c: EtherscanColumn) -> Int? {
        let i = positions[c.rawValue]
        return i >= 0 ? i : nil
    }
}

struct HeaderPattern: Sendable {
    enum Kind: Sendable {
        case names([String])
        case prefix(String)
        /// prefix + ticker + suffix, e.g. "Value_IN(" + "ETH" + ")".
        case ticker(String, String)
    }
    let kind: Kind

    static func n(_ names: String...) -> HeaderPattern { HeaderPattern(kind: .names(names)) }

    var example: String {
        switch kind {
        case .names(let n): n[0]
        case .prefix(let p): p
        case .ticker(let p, let s): p + "ETH" + s
        }
    }

    /// Matches `name` (case-insensitively, spaces trimmed); `.some(ticker)` for ticker columns.
    func match(_ raw: String) -> (matched: Bool, ticker: String?) {
        let name = raw.trimmingSpaces.lowercased()
        switch kind {
        case .names(let names):
            return (names.contains { $0.lowercased() == name }, nil)
        case .prefix(let p):
            return (name.hasPrefix(p.lowercased()), nil)
        case .ticker(let p, let s):
            let p = p.lowercased(), s = s.lowercased()
            guard name.hasPrefix(p), name.hasSuffix(s), name.count > p.count + s.count else { return (false, nil) }
            let t = name.dropFirst(p.count).dropLast(s.count)
            guard t.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return (false, nil) }
            return (true, t.uppercased())
        }
    }
}

struct VariantSpec: Sendable {
    let variant: EtherscanVariant
    let columns: [(pattern: HeaderPattern, role: EtherscanColumn)]
}

extension EtherscanVariant {
    static let specs: [VariantSpec] = {
        typealias P = HeaderPattern
        let txhash = P.n("Txhash", "Transaction Hash")
        let dateBoth = P.n("DateTime (UTC)", "DateTime")
        func normal(_ v: EtherscanVariant, hash: P, date: P, method: Bool) -> VariantSpec {
            var c: [(pattern: HeaderPattern, role: EtherscanColumn)] = [
                (hash, .hash), (.n("Blockno"), .block), (.n("UnixTimestamp"), .unixTime), (date, .dateTime),
                (.n("From"), .from), (.n("To"), .to), (.n("ContractAddress"), .contractAddress),
                (P(kind: .ticker("Value_IN(", ")")), .valueIn), (P(kind: .ticker("Value_OUT(", ")")), .valueOut),
                (P(kind: .prefix("CurrentValue")), .currentValue), (P(kind: .ticker("TxnFee(", ")")), .fee),
                (.n("TxnFee(USD)"), .feeUsd), (P(kind: .ticker("Historical $Price/", "")), .price),
                (.n("Status"), .status), (.n("ErrCode"), .errCode),
            ]
            if method { c.append((.n("Method"), .method)) }
            return VariantSpec(variant: v, columns: c)
        }
        // TxnFee(USD) also matches the ticker pattern; the order below keeps the named one in place.
        return [
            normal(.transactionsV4, hash: .n("Transaction Hash"), date: .n("DateTime (UTC)"), method: true),
            normal(.transactionsV3, hash: .n("Txhash"), date: .n("DateTime (UTC)"), method: true),
            normal(.transactionsV2, hash: txhash, date: .n("DateTime"), method: true),
            normal(.transactionsV1, hash: txhash, date: dateBoth, method: false),
            VariantSpec(variant: .internalTransactions, columns: [
                (txhash, .hash), (.n("Blockno"), .block), (.n("UnixTimestamp"), .unixTime), (dateBoth, .dateTime),
                (.n("ParentTxFrom"), .parentFrom), (.n("ParentTxTo"), .parentTo),
                (P(kind: .ticker("ParentTx", "_Value")), .parentValue), (.n("From"), .from), (.n("TxTo"), .to),
                (.n("ContractAddress"), .contractAddress), (P(kind: .ticker("Value_IN(", ")")), .valueIn),
                (P(kind: .ticker("Value_OUT(", ")")), .valueOut), (P(kind: .prefix("CurrentValue")), .currentValue),
                (P(kind: .ticker("Historical $Price/", "")), .price), (.n("Status"), .status),
                (.n("ErrCode"), .errCode), (.n("Type"), .type),
            ]),
            VariantSpec(variant: .internalTransactions2017, columns: [
                (txhash, .hash), (.n("Blockno"), .block), (.n("UnixTimestamp"), .unixTime), (dateBoth, .dateTime),
                (.n("From"), .from), (.n("To"), .to), (.n("ContractAddress"), .contractAddress),
                (P(kind: .ticker("Value_IN(", ")")), .valueIn), (P(kind: .ticker("Value_OUT(", ")")), .valueOut),
                (P(kind: .prefix("CurrentValue")), .currentValue), (P(kind: .ticker("Historical $Price/", "")), .price),
                (.n("Status"), .status), (.n("ErrCode"), .errCode), (.n("Type"), .type),
            ]),
            VariantSpec(variant: .tokenTransfersV1, columns: [
                (.n("Txhash"), .hash), (.n("UnixTimestamp"), .unixTime), (.n("DateTime"), .dateTime),
                (.n("From"), .from), (.n("To"), .to), (.n("Value"), .tokenValue),
                (.n("ContractAddress"), .contractAddress), (.n("TokenName"), .tokenName),
                (.n("TokenSymbol"), .tokenSymbol),
            ]),
            tokenV2(.tokenTransfersV4, hash: .n("Transaction Hash")),
            tokenV2(.tokenTransfersV2, hash: .n("Txhash")),
            VariantSpec(variant: .transactionList, columns: [
                (.n("Transaction Hash"), .hash), (.n("Status"), .status), (.n("Method"), .method),
                (.n("Blockno", "BlockNo"), .block), (.n("DateTime (UTC)"), .dateTime), (.n("From"), .from),
                (.n("From_Nametag"), .fromTag), (.n("To"), .to), (.n("To_Nametag"), .toTag),
                (.n("Amount"), .amount), (.n("Value (USD)"), .usdValue), (.n("Txn Fee"), .fee),
            ]),
            VariantSpec(variant: .tokenTransactionList, columns: [
                (.n("Transaction Hash"), .hash), (.n("Status"), .status), (.n("Method"), .method),
                (.n("BlockNo", "Blockno"), .block), (.n("DateTime (UTC)"), .dateTime), (.n("From"), .from),
                (.n("From_Nametag"), .fromTag), (.n("To"), .to), (.n("To_Nametag"), .toTag),
                (.n("Amount"), .tokenValue), (.n("Value (USD)"), .usdValue), (.n("Token"), .token),
            ]),
            VariantSpec(variant: .internalTransactionList, columns: [
                (.n("Parent Transaction Hash"), .hash), (.n("Status"), .status),
                (.n("Blockno", "BlockNo"), .block), (.n("DateTime (UTC)"), .dateTime), (.n("From"), .from),
                (.n("From_Nametag"), .fromTag), (.n("To"), .to), (.n("To_Nametag"), .toTag),
                (.n("Amount"), .amount), (.n("Value (USD)"), .usdValue),
            ]),
        ]
    }()

    private static func tokenV2(_ v: EtherscanVariant, hash: HeaderPattern) -> VariantSpec {
        VariantSpec(variant: v, columns: [
            (hash, .hash), (.n("Blockno"), .block), (.n("UnixTimestamp"), .unixTime),
            (.n("DateTime (UTC)", "DateTime"), .dateTime), (.n("From"), .from), (.n("To"), .to),
            (.n("TokenValue"), .tokenValue), (.n("USDValueDayOfTx"), .usdValue),
            (.n("ContractAddress"), .contractAddress), (.n("TokenName"), .tokenName),
            (.n("TokenSymbol"), .tokenSymbol),
        ])
    }

    /// A header name that names nothing: the empty last column of the exports of 2017-2023, written
    /// `,""` or `, ""` (a space, then an empty quoted name, which a CSV reader keeps as ` ""`).
    static func isNameless(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x22 }
    }

    /// "From_PrivateTag" right after "From" (any column of a logged-in user's export).
    static func isPrivateTag(_ name: String, of previous: String) -> Bool {
        name.trimmingSpaces.lowercased() == previous.trimmingSpaces.lowercased() + "_privatetag"
    }

    /// Matches a header line: its layout, or why not (several tickers in a header of a known shape, an
    /// export airledger does not read, or the nearest known header and the first column that differs).
    ///
    /// Tolerated, as real exports write them (docs/explorer-formats.md): one nameless last column, a
    /// "PrivateNote" last column, a "_PrivateTag" column after any column, any case, spaces around names.
    static func detect(_ names: [String]) -> EtherscanDetection {
        var named = names.count
        if named > 0, isNameless(names[named - 1]) { named -= 1 }
        var note: Int?
        if named > 0, names[named - 1].trimmingSpaces.lowercased() == "privatenote" {
            note = named - 1
            named -= 1
        }
        // The first difference: the header's column and the spec's column expected there.
        var best: (spec: VariantSpec, score: Int, firstMismatch: (header: Int, spec: Int)?)?
        for spec in specs {
            var index: [EtherscanColumn: Int] = [:]
            var tickers: [(ticker: String, column: Int)] = []
            var score = 0
            var firstMismatch: (header: Int, spec: Int)?
            var tags = false
            var i = 0
            for (j, col) in spec.columns.enumerated() {
                guard i < named else {
                    if firstMismatch == nil { firstMismatch = (i, j) }
                    break
                }
                let m = col.pattern.match(names[i])
                if m.matched {
                    score += 1
                    index[col.role] = i
                    // ParentTx<T>_Value is not the file's ticker: BscScan writes ParentTxETH_Value beside
                    // Value_IN(BNB) (BittyTax's BscScan parser lists that header).
                    if let t = m.ticker, col.role != .parentValue { tickers.append((t, i)) }
                } else if firstMismatch == nil {
                    firstMismatch = (i, j)
                }
                i += 1
                if i < named, isPrivateTag(names[i], of: names[i - 1]) {
                    tags = true
                    i += 1
                }
            }
            if firstMismatch == nil, i == named {
                if let note { index[.privateNote] = note }
                let named = tickers.filter { $0.ticker != "USD" }
                let distinct = Set(named.map(\.ticker))
                guard distinct.count <= 1 else { return .mixedTickers(distinct.sorted()) }
                return .layout(EtherscanLayout(variant: spec.variant, columnCount: names.count,
                                               fieldCount: note.map { $0 + 1 } ?? i, names: names, index: index,
                                               headerTicker: distinct.first, tickerColumn: named.first.map { names[$0.column] },
                                               hasPrivateTags: tags))
            }
            if firstMismatch == nil, i < named { firstMismatch = (i, spec.columns.count) }
            if best == nil || score > (best?.score ?? 0) { best = (spec, score, firstMismatch) }
        }
        let lower = Set(names.map { $0.trimmingSpaces.lowercased() })
        if lower.contains("token id") || lower.contains("tokenid") {
            return .unsupported("an NFT (ERC-721/1155) transfer export")
        }
        if lower.contains("txhash"), lower.contains("blocknumber") || lower.contains("fromaddress") {
            return .unsupported("a Blockscout export")
        }
        if lower.contains("quantity"), !lower.contains("tokensymbol") {
            return .unsupported("a single-token page export (it names no token)")
        }
        // The page-data download of a token's page: the token list's header without its Token column.
        if lower.contains("amount"), lower.contains("method"), lower.contains("from_nametag"),
           !lower.contains("token"), !lower.contains("txn fee") {
            return .unsupported("a single-token page export (page data: it names no token)")
        }
        var hint: String?
        if let b = best, b.score * 2 >= b.spec.columns.count, let m = b.firstMismatch {
            let expected = m.spec < b.spec.columns.count ? "'\(b.spec.columns[m.spec].pattern.example)'" : "no column"
            let found = m.header < names.count ? "'\(names[m.header])'" : "nothing"
            hint = "closest is \(b.spec.variant): column \(m.header + 1) is \(found), expected \(expected)"
        }
        return .unknown(closeness: best?.score ?? 0, hint: hint)
    }
}

/// What a header line is to the Etherscan importer.
enum EtherscanDetection {
    case layout(EtherscanLayout)
    /// A known header shape naming several native tickers (an edited file).
    case mixedTickers([String])
    /// An Etherscan-family export airledger does not read: what it is.
    case unsupported(String)
    /// Not a known header: how many columns of the nearest one matched, and its first difference.
    case unknown(closeness: Int, hint: String?)
}

/// The native token as Etherscan-engine explorers write it in `Value_IN(..)`, `TxnFee(..)` and the list
/// export's "Amount" (the chain's own gas token comes from LedgerCore's `Chain.gasTokens`).
enum NativeTickers {
    /// Tickers that name the same native token (Polygon's MATIC became POL in 2024).
    static func sameToken(_ a: String, _ b: String) -> Bool {
        let x = a.uppercased(), y = b.uppercased()
        if x == y { return true }
        return aliases.contains { $0.contains(x) && $0.contains(y) }
    }

    private static let aliases: [Set<String>] = [["MATIC", "POL"], ["XDAI", "DAI"]]
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return s
    }
}

import LedgerCore

/// Spreadsheet imports: `activities`, `claims` and `trades` CSV files with documented headers (docs/manual.md),
/// so a farmer's sheet moves in with a column rename at most. Header names are matched ignoring case,
/// spaces, '-' and '_'; unknown columns are ignored (and named). Each row becomes a value or a list of
/// `FileIssue`s pointing at `file:line:column`.
public enum SpreadsheetKind: String, Sendable, CaseIterable {
    case activities, claims, trades

    public var required: [String] {
        switch self {
        case .activities: ["date", "project", "wallet", "kind"]
        case .claims: ["date", "project", "wallet", "amount"]
        case .trades: ["date", "type", "wallet", "amount"]
        }
    }

    public var optional: [String] {
        switch self {
        case .activities: ["chain", "tx", "volume", "volume_usd", "fee", "fee_usd", "points", "note"]
        case .claims: ["asset", "price_usd", "tx", "fee_usd"]
        case .trades: ["asset", "price_usd", "fee_usd", "to_wallet", "fee", "tx"]
        }
    }
}

/// One parsed spreadsheet row.
public enum SpreadsheetRow: Sendable {
    case activity(Activity)
    /// A claim, buy, sell or transfer, by wallet label and project slug.
    case movement(kind: Movement.Kind, wallet: String, toWallet: String?, project: String?, amount: Amount, at: Instant,
                  priceUsd: Quantity?, feeUsd: Quantity?, feeQuantity: Quantity?, txHash: String?)
}

public struct SpreadsheetReader: Sendable {
    public let kind: SpreadsheetKind
    public let file: String
    let index: [String: Int]
    let columns: [String: Int]
    /// Header columns that are not part of the format (ignored).
    public let ignored: [String]
    /// How many fields the header has: a row's value past them would be lost, so it is refused.
    let fieldCount: Int
    /// Now, for the rule on times (from 2009-01-03 to a day ahead); nil skips it (tests of the grammar).
    let now: Instant?

    static func normalize(_ s: String) -> String {
        s.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" && $0 != "\u{FEFF}" }
    }

    /// Reads the header; issues for missing required columns.
    public init(kind: SpreadsheetKind, file: String, header: CSVStreamRow, now: Instant? = nil) throws(IssueList) {
        self.kind = kind
        self.file = file
        self.now = now
        fieldCount = header.count
        var idx: [String: Int] = [:], cols: [String: Int] = [:], ignored: [String] = []
        let known = Dictionary(uniqueKeysWithValues: (kind.required + kind.optional).map { (Self.normalize($0), $0) })
        if !header.problems.isEmpty {
            throw IssueList(header.problems.map { FileIssue(file: file, line: $0.line, column: $0.column, message: $0.description) })
        }
        var secrets: [FileIssue] = []
        for i in 0..<header.count {
            do { try FreeText.check(header.string(i), field: "this header cell") } catch {
                secrets.append(FileIssue(file: file, line: header.line, column: header.column(ofField: i), message: error.description))
            }
        }
        if !secrets.isEmpty { throw IssueList(secrets) }
        var duplicates: [FileIssue] = []
        for i in 0..<header.count {
            let name = header.string(i)
            if let canonical = known[Self.normalize(name)] {
                if let first = idx[canonical] {
                    duplicates.append(FileIssue(file: file, line: header.line, column: header.column(ofField: i), message:
                        "'\(name)' is the column \(canonical) again (the first is '\(header.string(first))' at column \(header.column(ofField: first))): keep one of the two"))
                    continue
                }
                idx[canonical] = i
                cols[canonical] = header.column(ofField: i)
            } else if !name.trimmingSpaces.isEmpty {
                ignored.append(name)
            }
        }
        if !duplicates.isEmpty { throw IssueList(duplicates) }
        let missing = kind.required.filter { idx[$0] == nil }
        guard missing.isEmpty else {
            throw IssueList([FileIssue(file: file, line: header.line, column: 1, message:
                "the header lacks \(missing.joined(separator: ", ")): a \(kind.rawValue) file needs the columns \(kind.required.joined(separator: ",")) (optional: \(kind.optional.joined(separator: ","))); rename your columns to match")])
        }
        index = idx
        columns = cols
        self.ignored = ignored
    }

    /// The 1-based column where `name` (a format column such as "fee") is in `row`; 1 when the header
    /// lacks it. For issues the caller finds in a parsed row (the network-fee rule needs the wallet's chain).
    public func column(of name: String, in row: CSVStreamRow) -> Int {
        index[name].map { row.column(ofField: $0) } ?? 1
    }

    /// Parses one data row: the common cells (date, wallet), then the kind's own.
    public func read(_ row: CSVStreamRow) -> Result<SpreadsheetRow, IssueList> {
        var c = SheetCells(file: file, index: index, row: row)
        for p in row.problems { c.issues.append(FileIssue(file: file, line: p.line, column: p.column, message: p.description)) }
        // A record too long is handed out without its fields: its one issue says so.
        if row.problems.contains(where: { if case .recordTooLong = $0.kind { true } else { false } }) { return .failure(IssueList(c.issues)) }
        // Every cell, known column or not, is screened for secrets before any is read (or echoed).
        let txField = index["tx"]
        var secrets = false
        for i in 0..<row.count {
            do {
                try FreeText.check(row.string(i), field: "this cell", ambiguousWholeAllowed: i == txField)
            } catch {
                c.issues.append(FileIssue(file: file, line: row.line, column: row.column(ofField: i), message: error.description))
                secrets = true
            }
        }
        if secrets { return .failure(IssueList(c.issues)) }
        if let bad = row.firstUnprintable {
            c.issues.append(FileIssue(file: file, line: row.line(ofField: bad.field), column: row.column(ofField: bad.field), message:
                "this cell holds \(bad.what): airledger keeps text printable (no control characters, no bidirectional overrides); remove it"))
            return .failure(IssueList(c.issues))
        }
        // A value past the header's last column would be lost: refused (empty trailing fields are fine).
        if row.count > fieldCount, let extra = (fieldCount..<row.count).first(where: { !row.field($0).allSatisfy { $0 == 0x20 } }) {
            c.issues.append(FileIssue(file: file, line: row.line(ofField: extra), column: row.column(ofField: extra), message:
                "this row has a value past the header's \(fieldCount) columns: add a header for it, or remove it"))
        }
        let at = c.required("date").flatMap { _ in
            c.parse("date") { v in
                let t = try Instant(parsing: v)
                if let now { try t.checkPlausible(now: now, text: v) }
                return t
            }
        }
        let wallet = c.required("wallet")
        switch kind {
        case .activities: return activity(&c, at: at, wallet: wallet)
        case .claims: return claim(&c, at: at, wallet: wallet)
        case .trades: return trade(&c, at: at, wallet: wallet)
        }
    }

    // MARK: Activities

    private func activity(_ c: inout SheetCells, at: Instant?, wallet: String?) -> Result<SpreadsheetRow, IssueList> {
        let project = c.required("project")
        let k = c.required("kind").flatMap { v -> Activity.Kind? in
            guard let k = Activity.Kind(rawValue: v.lowercased()) else {
                c.issue("kind", "'\(v)' is not an activity kind: use one of \(Activity.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return k
        }
        let chain = c.parse("chain") { try Chains.parse($0).name }
        let family = chain.flatMap { Chains.named($0)?.family }
        let tx = c.parse("tx") { v -> String in
            guard let f = family else { return try AddressRules.validateTxHash(v, family: .evm) }
            return try AddressRules.validateTxHash(v, family: f)
        }
        let volume = c.parse("volume") { try Amount(parsing: $0, what: "volume") }
        let volumeUsd = c.parse("volume_usd") { try Quantity.nonNegative($0, what: "volume_usd") }
        let fee = c.parse("fee") { try Amount(parsing: $0, what: "fee") }
        let feeUsd = c.parse("fee_usd") { try Quantity.nonNegative($0, what: "fee_usd") }
        let points = c.parse("points") { try Quantity.nonNegative($0, what: "points") }
        let note = c.cell("note")
        guard c.issues.isEmpty, let at, let wallet, let project, let k else { return .failure(IssueList(c.issues)) }
        return .success(.activity(Activity(
            projectSlug: project.lowercased(), walletLabel: wallet, kind: k, at: at, chain: chain, txHash: tx, volume: volume,
            volumeUsd: volumeUsd, fee: fee, feeUsd: feeUsd, points: points, note: note, source: "import:csv")))
    }

    // MARK: Claims

    private func claim(_ c: inout SheetCells, at: Instant?, wallet: String?) -> Result<SpreadsheetRow, IssueList> {
        let project = c.required("project")
        let amt = c.amount("amount")
        if c.cell("amount") == nil { c.issue("amount", "amount is empty: every row needs one, e.g. 1250 ARB") }
        let price = c.parse("price_usd") { try Quantity.positive($0, what: "price_usd") }
        let feeUsd = c.parse("fee_usd") { try Quantity.nonNegative($0, what: "fee_usd") }
        let tx = c.parse("tx") { try AddressRules.validateTxHash($0, family: .evm) }
        guard c.issues.isEmpty, let at, let wallet, let project, let amt else { return .failure(IssueList(c.issues)) }
        return .success(.movement(kind: .claim, wallet: wallet, toWallet: nil, project: project.lowercased(), amount: amt, at: at,
                                  priceUsd: price, feeUsd: feeUsd, feeQuantity: nil, txHash: tx))
    }

    // MARK: Trades

    private func trade(_ c: inout SheetCells, at: Instant?, wallet: String?) -> Result<SpreadsheetRow, IssueList> {
        let type = c.required("type").flatMap { v -> Movement.Kind? in
            guard let k = Movement.Kind(rawValue: v.lowercased()), k != .claim else {
                c.issue("type", "'\(v)' is not a trade type: use buy, sell or transfer (claims go in a claims file)")
                return nil
            }
            return k
        }
        let amt = c.amount("amount")
        if c.cell("amount") == nil { c.issue("amount", "amount is empty: every row needs one, e.g. 100 OP") }
        let price = c.parse("price_usd") { try Quantity.positive($0, what: "price_usd") }
        let feeUsd = c.parse("fee_usd") { try Quantity.nonNegative($0, what: "fee_usd") }
        let feeQty = c.parse("fee") { try Quantity.nonNegative($0, what: "fee") }
        let to = c.cell("to_wallet")
        let tx = c.parse("tx") { try AddressRules.validateTxHash($0, family: .evm) }
        if let t = type {
            if (t == .buy || t == .sell) && price == nil && c.cell("price_usd") == nil { c.issue("price_usd", "a \(t.rawValue) needs price_usd") }
            if t == .transfer && to == nil { c.issue("to_wallet", "a transfer needs to_wallet") }
            if t != .transfer && feeQty != nil { c.issue("fee", "fee (units of the moved token) is for transfers; use fee_usd for a \(t.rawValue)") }
            if t != .transfer && to != nil { c.issue("to_wallet", "to_wallet is for transfers between your wallets; a \(t.rawValue) has none: leave it empty") }
            if t == .transfer && c.cell("price_usd") != nil { c.issue("price_usd", "a transfer has no price (it is not a sale): leave price_usd empty") }
        }
        guard c.issues.isEmpty, let at, let wallet, let type, let amt else { return .failure(IssueList(c.issues)) }
        return .success(.movement(kind: type, wallet: wallet, toWallet: to, project: nil, amount: amt, at: at,
                                  priceUsd: price, feeUsd: feeUsd, feeQuantity: feeQty, txHash: tx))
    }
}

/// One spreadsheet row being read: its cells by format column, and every issue found so far, each at
/// its cell's line and column.
struct SheetCells {
    let file: String
    let index: [String: Int]
    let row: CSVStreamRow
    var issues: [FileIssue] = []

    /// The trimmed cell of format column `name`; nil when the header lacks it or it is empty.
    func cell(_ name: String) -> String? {
        guard let i = index[name], i < row.count else { return nil }
        let v = String(row.string(i).trimmingSpaces)
        return v.isEmpty ? nil : v
    }

    mutating func issue(_ name: String, _ message: String) {
        let column = index[name].map { row.column(ofField: $0) } ?? 1
        issues.append(FileIssue(file: file, line: row.line, column: column, message: message))
    }

    mutating func required(_ name: String) -> String? {
        guard let v = cell(name) else { issue(name, "\(name) is empty: every row needs one"); return nil }
        return v
    }

    /// The cell read by `body`; its error becomes an issue at the cell.
    mutating func parse<T>(_ name: String, _ body: (String) throws -> T) -> T? {
        guard let v = cell(name) else { return nil }
        do { return try body(v) } catch { issue(name, "\(error)"); return nil }
    }

    /// An amount cell: "1250 ARB", or a number with an `asset` column.
    mutating func amount(_ name: String) -> Amount? {
        guard let v = cell(name) else { return nil }
        if let a = cell("asset"), !v.contains(" ") {
            return parse(name) { _ in try Amount(parsing: "\(v) \(a)") }
        }
        guard let amount = parse(name, { try Amount(parsing: $0) }) else { return nil }
        // "100 STRK" with asset ARB: which one is meant cannot be guessed.
        if let a = cell("asset"), let symbol = try? AssetSymbol(parsing: a), symbol != amount.asset {
            issue(name, "'\(v)' is in \(amount.asset) but the asset column says \(symbol): write the number alone, or make them agree")
            return nil
        }
        return amount
    }
}

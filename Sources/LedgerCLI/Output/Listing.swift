import LedgerCore
import LedgerFormats

/// Output format of every reading command.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, json, csv
}

/// A table of records: the one shape every listing renders as an aligned table, JSON (an array of
/// objects with camelCase keys, amounts as strings) or CSV (a header row of the same keys).
public struct Listing: Sendable {
    public struct Column: Sendable {
        public let key: String
        public let title: String
        public let numeric: Bool
        public init(_ key: String, _ title: String, numeric: Bool = false) {
            self.key = key; self.title = title; self.numeric = numeric
        }
    }

    /// What a cell holds for JSON and CSV: a string (amounts as exact decimal text), a count, a flag,
    /// nothing, or a list of strings (JSON array; CSV shows the cell's text).
    public enum Value: Sendable, Equatable {
        case string(String)
        case int(Int)
        case bool(Bool)
        case null
        case strings([String])

        public static func decimal(_ q: Quantity?) -> Value { q.map { .string($0.description) } ?? .null }
        public static func text(_ s: String?) -> Value { s.map { .string($0) } ?? .null }

        public func write(to w: inout JSONWriter) {
            switch self {
            case .string(let s): w.string(s)
            case .int(let i): w.int(i)
            case .bool(let b): w.bool(b)
            case .null: w.null()
            case .strings(let list): w.strings(list)
            }
        }
    }

    /// One cell: what JSON and CSV get (`value`) and what the table shows (`text`).
    public struct Cell: Sendable {
        public let value: Value
        public let text: String
        public static func s(_ v: String?) -> Cell { Cell(value: .text(v), text: v ?? "-") }
        /// An exact decimal shown in full.
        public static func q(_ v: Quantity?) -> Cell { Cell(value: .decimal(v), text: v?.description ?? "-") }
        /// A USD value: exact in JSON/CSV, rounded to cents (half away from zero) in the table.
        public static func usd(_ v: Quantity?) -> Cell { Cell(value: .decimal(v), text: v.map { Format.usd($0) } ?? "-") }
        public static func i(_ v: Int?) -> Cell { Cell(value: v.map { .int($0) } ?? .null, text: v.map(String.init) ?? "-") }
        /// An entry's id (`c12`): text in every format.
        public static func id(_ e: EntryId) -> Cell { Cell(value: .string(e.description), text: e.description) }
        public static func b(_ v: Bool) -> Cell { Cell(value: .bool(v), text: v ? "yes" : "no") }
        /// A cell whose table text differs from its JSON value (e.g. a flag shown as a word).
        public static func custom(_ value: Value, _ text: String) -> Cell { Cell(value: value, text: text) }
    }

    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines shown under the table only (totals, notes); JSON/CSV carry data rows only.
    public var footer: [String] = []

    public init(_ columns: [Column], rows: [[Cell]] = [], footer: [String] = []) {
        self.columns = columns; self.rows = rows; self.footer = footer
    }

    /// The rows as a JSON array of objects, keys in column order.
    public func write(to w: inout JSONWriter) {
        w.array(rows) { w, row in
            w.beginObject()
            for (column, cell) in zip(columns, row) {
                w.key(column.key)
                cell.value.write(to: &w)
            }
            w.endObject()
        }
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return JSONWriter.render { write(to: &$0) }
        case .csv:
            var out = CSV.row(columns.map(\.key))
            for row in rows {
                out += CSV.row(row.map { cell in
                    switch cell.value {
                    case .string(let s): s
                    case .int(let i): String(i)
                    case .bool(let b): b ? "true" : "false"
                    case .null: ""
                    case .strings: cell.text
                    }
                })
            }
            return out
        case .table:
            return TextTable.render(headers: columns.map(\.title), rows: rows.map { $0.map(\.text) },
                                    rightAligned: columns.map(\.numeric)) + footer.map { $0 + "\n" }.joined()
        }
    }
}

public enum TextTable {
    /// Aligned columns separated by two spaces, a dashed rule under the header, no trailing spaces.
    /// Cells show control and bidirectional characters escaped (`\u{1B}`) and text over `cellLimit`
    /// characters cut with an ellipsis (`PlainText.escaped`): a stored value can neither drive the
    /// terminal nor break a row. JSON and CSV keep the exact text.
    public static let cellLimit = 80

    public static func render(headers: [String], rows: [[String]], rightAligned: [Bool]) -> String {
        let rows = rows.map { $0.map { PlainText.escaped($0, limit: cellLimit) } }
        var widths = headers.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[i] - c.count))
                parts.append(rightAligned[i] ? padding + c : c + padding)
            }
            var s = parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        var out = line(headers)
        out += line(widths.map { String(repeating: "-", count: $0) })
        for r in rows { out += line(r) }
        if rows.isEmpty { out += "(none)\n" }
        return out
    }
}

/// Display rules (named rounding points).
public enum Format {
    /// USD for people: cents, half away from zero, thousands separated: "$1,234.56", "-$3.00".
    public static func usd(_ q: Quantity) -> String {
        let s = q.magnitude.fixed(2)
        let parts = s.split(separator: ".")
        var int = String(parts[0])
        var grouped = ""
        while int.count > 3 {
            grouped = "," + int.suffix(3) + grouped
            int = String(int.dropLast(3))
        }
        return (q.rounded(scale: 2).isNegative ? "-$" : "$") + int + grouped + "." + parts[1]
    }

    /// A ratio as a percentage with one decimal: "12.5%": q rounded to three decimals (half away
    /// from zero), its point moved two places, so no multiplication can overflow.
    public static func percent(_ q: Quantity) -> String {
        let s = q.fixed(3)
        let negative = s.hasPrefix("-")
        let parts = (negative ? s.dropFirst() : Substring(s)).split(separator: ".")
        guard parts.count == 2 else { return s + "%" }
        var whole = String(parts[0]) + parts[1].prefix(2)
        while whole.count > 1, whole.hasPrefix("0") { whole.removeFirst() }
        return (negative ? "-" : "") + whole + "." + parts[1].suffix(1) + "%"
    }
}

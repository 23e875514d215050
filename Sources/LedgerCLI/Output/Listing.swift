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

    /// One cell: what JSON gets (`json`) and what the table shows (`text`).
    public struct Cell: Sendable {
        public let json: JSONValue
        public let text: String
        public static func s(_ v: String?) -> Cell { Cell(json: .text(v), text: v ?? "-") }
        /// An exact decimal shown in full.
        public static func q(_ v: Quantity?) -> Cell { Cell(json: .decimal(v), text: v?.description ?? "-") }
        /// A USD value: exact in JSON/CSV, rounded to cents (half away from zero) in the table.
        public static func usd(_ v: Quantity?) -> Cell { Cell(json: .decimal(v), text: v.map { Format.usd($0) } ?? "-") }
        public static func i(_ v: Int?) -> Cell { Cell(json: v.map { .int($0) } ?? .null, text: v.map(String.init) ?? "-") }
        public static func b(_ v: Bool) -> Cell { Cell(json: .bool(v), text: v ? "yes" : "no") }
        /// A cell whose table text differs from its JSON value (e.g. a flag shown as a word).
        public static func custom(_ json: JSONValue, _ text: String) -> Cell { Cell(json: json, text: text) }
    }

    public var columns: [Column]
    public var rows: [[Cell]]
    /// Lines shown under the table only (totals, notes); JSON/CSV carry data rows only.
    public var footer: [String] = []

    public init(_ columns: [Column], rows: [[Cell]] = [], footer: [String] = []) {
        self.columns = columns; self.rows = rows; self.footer = footer
    }

    public var json: JSONValue {
        .array(rows.map { row in .object(zip(columns, row).map { ($0.key, $1.json) }) })
    }

    public func render(_ format: OutputFormat) -> String {
        switch format {
        case .json: return json.serialized() + "\n"
        case .csv:
            var out = CSV.row(columns.map(\.key))
            for row in rows {
                out += CSV.row(row.map { cell in
                    switch cell.json {
                    case .string(let s): s
                    case .int(let i): String(i)
                    case .bool(let b): b ? "true" : "false"
                    case .null: ""
                    default: cell.text
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
    public static func render(headers: [String], rows: [[String]], rightAligned: [Bool]) -> String {
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

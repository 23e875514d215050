import Foundation

/// A small RFC 4180 CSV reader over text in memory, with the line and column of every field so
/// input errors can say `file:line:column`. Quoted fields may hold commas, quotes ("") and newlines.
/// It serves the reference data compiled into the binary; every file a user gives (explorer exports,
/// spreadsheets, price files) is read by LedgerFormats' streaming `CSVStreamReader` instead.
public struct CSVRecord: Sendable {
    /// 1-based line where the record starts.
    public let line: Int
    public let fields: [String]
    /// 1-based column (in characters) where each field starts.
    public let columns: [Int]
}

public enum CSV {
    public enum ParseError: Error, Equatable, Sendable {
        case unterminatedQuote(line: Int, column: Int)
        case junkAfterQuote(line: Int, column: Int)
    }

    public static func parse(_ text: String) throws(ParseError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var fields: [String] = []
        var columns: [Int] = []
        var field = ""
        var line = 1, col = 1
        var recordLine = 1, fieldCol = 1
        var inQuotes = false, wasQuoted = false, quoteLine = 1, quoteCol = 1
        var chars = Array(text.unicodeScalars)
        if chars.first == "\u{FEFF}" { chars.removeFirst() }
        var i = 0
        func endField() {
            fields.append(field); columns.append(fieldCol)
            field = ""; wasQuoted = false
        }
        while i < chars.count {
            let c = chars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count, chars[i + 1] == "\"" {
                        field.unicodeScalars.append("\""); i += 2; col += 2; continue
                    }
                    inQuotes = false; i += 1; col += 1; continue
                }
                field.unicodeScalars.append(c)
                if c == "\n" { line += 1; col = 1 } else { col += 1 }
                i += 1
                continue
            }
            switch c {
            case ",":
                endField(); i += 1; col += 1; fieldCol = col
            case "\r", "\n":
                endField()
                if !(fields.count == 1 && fields[0].isEmpty && columns[0] == 1 && !wasQuoted) {
                    records.append(CSVRecord(line: recordLine, fields: fields, columns: columns))
                }
                fields = []; columns = []
                if c == "\r", i + 1 < chars.count, chars[i + 1] == "\n" { i += 1 }
                i += 1; line += 1; col = 1; fieldCol = 1; recordLine = line
            case "\"" where field.isEmpty && !wasQuoted:
                inQuotes = true; wasQuoted = true; quoteLine = line; quoteCol = col; i += 1; col += 1
            default:
                if wasQuoted { throw .junkAfterQuote(line: line, column: col) }
                field.unicodeScalars.append(c); i += 1; col += 1
            }
        }
        if inQuotes { throw .unterminatedQuote(line: quoteLine, column: quoteCol) }
        if !field.isEmpty || !fields.isEmpty || wasQuoted {
            endField()
            records.append(CSVRecord(line: recordLine, fields: fields, columns: columns))
        }
        return records
    }

    /// Quotes a field when it holds a comma, quote, CR or LF. Checked on scalars, not characters: a CR LF
    /// pair is one `Character` equal to neither "\r" nor "\n" (a note pasted from Windows).
    public static func escape(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public static func row(_ fields: [String]) -> String { fields.map(escape).joined(separator: ",") + "\n" }
}

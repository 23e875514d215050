import Foundation
import LedgerCore

/// An ordered JSON value: objects keep their key order so output is deterministic and reads well,
/// written with two-space indentation (the CLI's listings, the tax report).
/// Amounts go in as strings (`.decimal`), never as JSON numbers.
public indirect enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public static func decimal(_ q: Quantity?) -> JSONValue { q.map { .string($0.description) } ?? .null }
    public static func decimal(_ q: Quantity) -> JSONValue { .string(q.description) }
    public static func text(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Pretty-printed with two-space indents (no trailing newline). Written into one buffer, so a
    /// report with a hundred thousand lots serialises in linear time.
    public func serialized(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): out += JSONValue.quote(s)
        case .int(let i): out += String(i)
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            out += "[\n"
            for (n, item) in items.enumerated() {
                JSONValue.pad(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
                out += n == items.count - 1 ? "\n" : ",\n"
            }
            JSONValue.pad(&out, indent)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{\n"
            for (n, pair) in pairs.enumerated() {
                JSONValue.pad(&out, indent + 1)
                out += JSONValue.quote(pair.0)
                out += ": "
                pair.1.write(into: &out, indent: indent + 1)
                out += n == pairs.count - 1 ? "\n" : ",\n"
            }
            JSONValue.pad(&out, indent)
            out += "}"
        }
    }

    static func pad(_ out: inout String, _ level: Int) {
        for _ in 0..<level { out += "  " }
    }

    static func quote(_ s: String) -> String {
        // Most keys and values need no escaping.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) { return "\"" + s + "\"" }
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += "\\u" + String(format: "%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

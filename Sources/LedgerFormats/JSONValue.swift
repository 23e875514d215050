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
        case .string(let s): JSONValue.appendQuoted(&out, s)
        case .int(let i): out.append(String(i))
        case .bool(let b): out.append(b ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[\n")
            for (n, item) in items.enumerated() {
                out.append(JSONValue.pad(indent + 1))
                item.write(into: &out, indent: indent + 1)
                out.append(n == items.count - 1 ? "\n" : ",\n")
            }
            out.append(JSONValue.pad(indent))
            out.append("]")
        case .object(let pairs):
            if pairs.isEmpty { out.append("{}"); return }
            out.append("{\n")
            for (n, pair) in pairs.enumerated() {
                out.append(JSONValue.pad(indent + 1))
                JSONValue.appendQuoted(&out, pair.0)
                out.append(": ")
                pair.1.write(into: &out, indent: indent + 1)
                out.append(n == pairs.count - 1 ? "\n" : ",\n")
            }
            out.append(JSONValue.pad(indent))
            out.append("}")
        }
    }

    private static let pads: [String] = (0..<24).map { String(repeating: "  ", count: $0) }

    static func pad(_ level: Int) -> String { level < pads.count ? pads[level] : String(repeating: "  ", count: level) }

    /// Appends `s` quoted; most keys and values need no escaping and are appended as they are.
    static func appendQuoted(_ out: inout String, _ s: String) {
        if s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(quote(s))
        } else {
            out.append("\"")
            out.append(s)
            out.append("\"")
        }
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

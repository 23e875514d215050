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

    /// Pretty-printed with two-space indents (no trailing newline). Written into one byte buffer, so
    /// a report with a hundred thousand lots serialises in linear time.
    public func serialized(indent: Int = 0) -> String {
        var out: [UInt8] = []
        write(into: &out, indent: indent)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let s): JSONValue.appendQuoted(&out, s)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .null: out.append(contentsOf: "null".utf8)
        case .array(let items):
            if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
            out.append(contentsOf: "[\n".utf8)
            for (n, item) in items.enumerated() {
                JSONValue.pad(&out, indent + 1)
                item.write(into: &out, indent: indent + 1)
                out.append(contentsOf: (n == items.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let pairs):
            if pairs.isEmpty { out.append(contentsOf: "{}".utf8); return }
            out.append(contentsOf: "{\n".utf8)
            for (n, pair) in pairs.enumerated() {
                JSONValue.pad(&out, indent + 1)
                JSONValue.appendQuoted(&out, pair.0)
                out.append(contentsOf: ": ".utf8)
                pair.1.write(into: &out, indent: indent + 1)
                out.append(contentsOf: (n == pairs.count - 1 ? "\n" : ",\n").utf8)
            }
            JSONValue.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    static func pad(_ out: inout [UInt8], _ level: Int) {
        for _ in 0..<(2 * level) { out.append(0x20) }
    }

    /// Appends `s` quoted; most keys and values need no escaping and are appended as they are.
    static func appendQuoted(_ out: inout [UInt8], _ s: String) {
        if s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(contentsOf: quote(s).utf8)
        } else {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
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

/// A small JSON reader that keeps numbers as their text, so a price becomes an exact `Quantity`
/// (Foundation's JSONSerialization reads numbers as Double). Used for price-service answers.
public indirect enum ExactJSON: Sendable, Equatable {
    case object([String: ExactJSON])
    case array([ExactJSON])
    case string(String)
    /// A number as written, e.g. `0.540342`, `2399`, `1.2e-7`.
    case number(String)
    case bool(Bool)
    case null

    public struct SyntaxError: Error, Equatable, Sendable {
        public var offset: Int
        public var expected: String
    }

    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> ExactJSON {
        var p = Parser(b: bytes)
        p.space()
        let v = try p.value(depth: 0)
        p.space()
        guard p.i == bytes.count else { throw SyntaxError(offset: p.i, expected: "end of the document") }
        return v
    }

    public subscript(key: String) -> ExactJSON? {
        if case .object(let o) = self { return o[key] } else { return nil }
    }

    /// The number's text in plain decimal notation (exponent expanded), or nil when not a number.
    public var decimalText: String? {
        guard case .number(let t) = self else { return nil }
        return Self.plainDecimal(t)
    }

    /// A whole number of seconds (JSON numbers like `1724450278` or `1724450278.0`).
    public var integer: Int64? {
        guard let t = decimalText else { return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[1].allSatisfy({ $0 == "0" }) { return nil }
        return Int64(parts[0])
    }

    static func plainDecimal(_ t: String) -> String? {
        var mantissa = t, exp = 0
        if let e = t.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(t[t.index(after: e)...].replacingOccurrences(of: "+", with: "")), abs(x) < 400 else { return nil }
            exp = x
            mantissa = String(t[..<e])
        }
        if exp == 0 { return mantissa }
        let negative = mantissa.hasPrefix("-")
        if negative { mantissa.removeFirst() }
        let dot = mantissa.firstIndex(of: ".")
        let intPart = dot.map { String(mantissa[..<$0]) } ?? mantissa
        let frac = dot.map { String(mantissa[mantissa.index(after: $0)...]) } ?? ""
        var digits = intPart + frac
        var point = intPart.count + exp
        if point <= 0 { digits = String(repeating: "0", count: -point + 1) + digits; point = 1 }
        if point >= digits.count { digits += String(repeating: "0", count: point - digits.count); return (negative ? "-" : "") + digits }
        let idx = digits.index(digits.startIndex, offsetBy: point)
        return (negative ? "-" : "") + digits[..<idx] + "." + digits[idx...]
    }

    struct Parser {
        let b: [UInt8]
        var i = 0

        mutating func space() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
        }

        mutating func value(depth: Int) throws(SyntaxError) -> ExactJSON {
            guard depth < 64 else { throw SyntaxError(offset: i, expected: "less nesting") }
            guard i < b.count else { throw SyntaxError(offset: i, expected: "a value") }
            switch b[i] {
            case UInt8(ascii: "{"):
                i += 1; space()
                var o: [String: ExactJSON] = [:]
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                while true {
                    space()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw SyntaxError(offset: i, expected: "a key") }
                    let k = try string()
                    space()
                    guard i < b.count, b[i] == UInt8(ascii: ":") else { throw SyntaxError(offset: i, expected: "':'") }
                    i += 1; space()
                    o[k] = try value(depth: depth + 1)
                    space()
                    guard i < b.count else { throw SyntaxError(offset: i, expected: "',' or '}'") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .object(o) }
                    throw SyntaxError(offset: i, expected: "',' or '}'")
                }
            case UInt8(ascii: "["):
                i += 1; space()
                var a: [ExactJSON] = []
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                while true {
                    space()
                    a.append(try value(depth: depth + 1))
                    space()
                    guard i < b.count else { throw SyntaxError(offset: i, expected: "',' or ']'") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
                    throw SyntaxError(offset: i, expected: "',' or ']'")
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "n"): return try literal("null", .null)
            default:
                return try number()
            }
        }

        mutating func literal(_ word: String, _ v: ExactJSON) throws(SyntaxError) -> ExactJSON {
            let w = Array(word.utf8)
            guard i + w.count <= b.count, Array(b[i..<i + w.count]) == w else { throw SyntaxError(offset: i, expected: word) }
            i += w.count
            return v
        }

        mutating func number() throws(SyntaxError) -> ExactJSON {
            let start = i
            func digits(_ i: inout Int, _ b: [UInt8]) -> Int {
                let s = i
                while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                return i - s
            }
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits(&i, b) > 0 else { throw SyntaxError(offset: start, expected: "a value") }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                guard digits(&i, b) > 0 else { throw SyntaxError(offset: i, expected: "digits after '.'") }
            }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits(&i, b) > 0 else { throw SyntaxError(offset: i, expected: "exponent digits") }
            }
            return .number(String(decoding: b[start..<i], as: UTF8.self))
        }

        mutating func string() throws(SyntaxError) -> String {
            i += 1
            var out: [UInt8] = []
            while i < b.count {
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < b.count else { break }
                    let e = b[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<i + 4], as: UTF8.self), radix: 16) else {
                            throw SyntaxError(offset: i, expected: "four hex digits")
                        }
                        i += 4
                        out.append(contentsOf: Array(String(Unicode.Scalar(v).map(Character.init) ?? "\u{FFFD}").utf8))
                    default: out.append(e)
                    }
                    continue
                }
                out.append(c)
                i += 1
            }
            throw SyntaxError(offset: i, expected: "the end of a string")
        }
    }
}

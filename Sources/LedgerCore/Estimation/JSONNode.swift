import Foundation

/// A tiny JSON reader that keeps the line and column of every value and key, so errors in a
/// criteria file can say `FILE:LINE:COLUMN`. Numbers are kept as their text (never Double): callers
/// turn them into `Quantity` or `Int` exactly.
struct JSONNode: Sendable {
    indirect enum Value: Sendable {
        case object([Member])
        case array([JSONNode])
        case string(String)
        case number(String)
        case bool(Bool)
        case null
    }

    struct Member: Sendable {
        let key: String
        let line: Int
        let column: Int
        let value: JSONNode
    }

    let value: Value
    let line: Int
    let column: Int

    var typeName: String {
        switch value {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true/false"
        case .null: "null"
        }
    }

    struct SyntaxError: Error, Sendable {
        let line: Int
        let column: Int
        let message: String
    }

    static func parse(_ text: String) throws(SyntaxError) -> JSONNode {
        var p = Parser(chars: Array(text.unicodeScalars))
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        guard p.i == p.chars.count else { throw p.error("unexpected text after the JSON value") }
        return v
    }

    private struct Parser {
        let chars: [Unicode.Scalar]
        var i = 0, line = 1, col = 1

        init(chars: [Unicode.Scalar]) {
            self.chars = chars.first == "\u{FEFF}" ? Array(chars.dropFirst()) : chars
        }

        func error(_ m: String) -> SyntaxError { SyntaxError(line: line, column: col, message: m) }

        mutating func advance() {
            if chars[i] == "\n" { line += 1; col = 1 } else { col += 1 }
            i += 1
        }

        mutating func skipSpace() {
            while i < chars.count, chars[i] == " " || chars[i] == "\n" || chars[i] == "\t" || chars[i] == "\r" { advance() }
        }

        /// How deep arrays and objects are nested now: a file nested deeper than `maxDepth` is refused
        /// (the parser recurses once per level, and a deep enough file would overflow the stack).
        var depth = 0
        static let maxDepth = 64

        mutating func value() throws(SyntaxError) -> JSONNode {
            guard i < chars.count else { throw error("the JSON ends too early: a value is missing") }
            if chars[i] == "{" || chars[i] == "[", depth >= Self.maxDepth {
                throw error("arrays and objects are nested more than \(Self.maxDepth) deep: a criteria file never is; check the file")
            }
            let l = line, c = col
            switch chars[i] {
            case "{":
                depth += 1
                defer { depth -= 1 }
                advance(); skipSpace()
                var members: [Member] = []
                if i < chars.count, chars[i] == "}" { advance(); return JSONNode(value: .object([]), line: l, column: c) }
                while true {
                    skipSpace()
                    guard i < chars.count, chars[i] == "\"" else { throw error("expected a key in double quotes") }
                    let kl = line, kc = col
                    let key = try string()
                    skipSpace()
                    guard i < chars.count, chars[i] == ":" else { throw error("expected ':' after the key \"\(key)\"") }
                    advance(); skipSpace()
                    let v = try value()
                    members.append(Member(key: key, line: kl, column: kc, value: v))
                    skipSpace()
                    guard i < chars.count else { throw error("the JSON ends inside an object: add '}'") }
                    if chars[i] == "," { advance(); continue }
                    if chars[i] == "}" { advance(); break }
                    throw error("expected ',' or '}' in an object")
                }
                return JSONNode(value: .object(members), line: l, column: c)
            case "[":
                depth += 1
                defer { depth -= 1 }
                advance(); skipSpace()
                var items: [JSONNode] = []
                if i < chars.count, chars[i] == "]" { advance(); return JSONNode(value: .array([]), line: l, column: c) }
                while true {
                    skipSpace()
                    items.append(try value())
                    skipSpace()
                    guard i < chars.count else { throw error("the JSON ends inside an array: add ']'") }
                    if chars[i] == "," { advance(); continue }
                    if chars[i] == "]" { advance(); break }
                    throw error("expected ',' or ']' in an array")
                }
                return JSONNode(value: .array(items), line: l, column: c)
            case "\"":
                return JSONNode(value: .string(try string()), line: l, column: c)
            case "t", "f", "n":
                for (word, v) in [("true", Value.bool(true)), ("false", Value.bool(false)), ("null", Value.null)] {
                    let w = Array(word.unicodeScalars)
                    if i + w.count <= chars.count, Array(chars[i..<(i + w.count)]) == w {
                        for _ in w { advance() }
                        return JSONNode(value: v, line: l, column: c)
                    }
                }
                throw error("unexpected word: use true, false, null, a number, a string, an array or an object")
            default:
                var text = ""
                while i < chars.count, "+-0123456789.eE".unicodeScalars.contains(chars[i]) {
                    text.unicodeScalars.append(chars[i]); advance()
                }
                guard !text.isEmpty else { throw error("unexpected character '\(chars[i])'") }
                return JSONNode(value: .number(text), line: l, column: c)
            }
        }

        mutating func string() throws(SyntaxError) -> String {
            advance()  // opening quote
            var s = ""
            while true {
                guard i < chars.count else { throw error("a string is never closed: add '\"'") }
                let ch = chars[i]
                if ch == "\"" { advance(); return s }
                if ch == "\n" { throw error("a string runs past the end of the line: close it with '\"'") }
                if ch == "\\" {
                    advance()
                    guard i < chars.count else { throw error("a string ends in '\\'") }
                    let e = chars[i]
                    switch e {
                    case "\"": s += "\""
                    case "\\": s += "\\"
                    case "/": s += "/"
                    case "n": s += "\n"
                    case "t": s += "\t"
                    case "r": s += "\r"
                    case "b": s += "\u{08}"
                    case "f": s += "\u{0C}"
                    case "u":
                        var hex = ""
                        for _ in 0..<4 {
                            advance()
                            guard i < chars.count else { throw error("a \\u escape needs four hex digits") }
                            hex.unicodeScalars.append(chars[i])
                        }
                        guard let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                            throw error("'\\u\(hex)' is not a usable character escape")
                        }
                        s.unicodeScalars.append(scalar)
                    default:
                        throw error("unknown escape '\\\(e)' in a string")
                    }
                    advance()
                    continue
                }
                s.unicodeScalars.append(ch)
                advance()
            }
        }
    }
}

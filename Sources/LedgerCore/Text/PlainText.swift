/// Text a user or a file gives must be printable: no control characters (a NUL is cut by SQLite, an
/// ESC sequence drives the terminal, a newline breaks a table row) and no bidirectional overrides
/// (which show text in another order than it is stored). Notes may hold line breaks and tabs.
/// Display is guarded too (`PlainText.escaped` in tables); this is the rule for what is stored.
public enum PlainText {
    /// The first character `text` may not hold, as "U+001B (a control character) at character 5".
    public static func problem(in text: String, multiline: Bool = false) -> String? {
        var position = 0
        for s in text.unicodeScalars {
            position += 1
            if multiline && (s == "\n" || s == "\t" || s == "\r") { continue }
            if let what = kind(of: s) { return "\(codePoint(s)) (\(what)) at character \(position)" }
        }
        return nil
    }

    /// Throws when `text` holds a character `problem(in:)` refuses; `field` names where it was given.
    public static func check(_ text: String?, field: @autoclosure () -> String, multiline: Bool = false) throws(TextError) {
        guard let text, let p = problem(in: text, multiline: multiline) else { return }
        throw TextError(field: field(), problem: p, multiline: multiline)
    }

    /// Why `s` is not printable text, or nil.
    static func kind(of s: Unicode.Scalar) -> String? {
        switch s.value {
        case 0: "a NUL byte"
        case 0x0A, 0x0D: "a line break"
        case 0x01...0x1F, 0x7F...0x9F: "a control character"
        case 0x202A...0x202E, 0x2066...0x2069: "a bidirectional override"
        default: nil
        }
    }

    static func codePoint(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` for a table cell: every character `problem(in:)` refuses (line breaks and tabs too)
    /// shown as `\u{1B}`-style escapes, and at most `limit` characters, cut with an ellipsis.
    public static func escaped(_ text: String, limit: Int = 80) -> String {
        let limit = max(limit, 2)
        var out = ""
        var count = 0
        for ch in text {
            if ch.unicodeScalars.contains(where: { kind(of: $0) != nil || $0 == "\t" }) {
                for s in ch.unicodeScalars {
                    if kind(of: s) != nil || s == "\t" { out += "\\u{" + String(s.value, radix: 16, uppercase: true) + "}" } else { out.unicodeScalars.append(s) }
                }
                count = out.count
            } else {
                out.append(ch)
                count += 1
            }
            // Stop reading long text early: only whether there is more than `limit` matters.
            if count > limit { return String(out.prefix(limit - 1)) + "…" }
        }
        return out
    }
}

public struct TextError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let problem: String
    public let multiline: Bool
    public var description: String {
        "\(field) holds \(problem): airledger keeps text printable (no control characters, "
            + (multiline ? "" : "no line breaks, ") + "no bidirectional overrides); remove it and give the value again"
    }
}

/// A small writer of HTML and SVG markup that escapes every piece of text it is given.
///
/// Tag and attribute names are the program's own constants (`StaticString`: they cannot come from
/// data); text content and attribute values, including names users typed (wallet labels, project
/// names, notes), always go through `escape`. The only unescaped text a `Markup` accepts is another
/// `Markup` (already escaped) or a `StaticString` (the page's style sheet). Characters XML forbids
/// (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF) become U+FFFD, so an
/// inline SVG stays well-formed whatever a label holds.
///
/// Why our own writer and not JohnSundell/Plot 0.14.0: Plot has no SVG vocabulary (the charts would
/// need a second writer anyway), and its renderer does not escape attribute values: a wallet named
/// `x" onmouseover="...` written with `.class(name)` or `.title(name)` comes out as a live attribute;
/// its `.title` also adds og:/twitter: meta tags. It cost 27 s of a clean debug build here.
public struct Markup: Sendable, Hashable {
    public private(set) var text: String

    public init() { text = "" }

    /// Attribute pairs in the order given (deterministic output).
    public typealias Attributes = KeyValuePairs<StaticString, String>

    /// `<tag a="v" ...>`
    public mutating func open(_ tag: StaticString, _ attributes: Attributes = [:]) {
        text += "<"
        text += tag.description
        write(attributes)
        text += ">"
    }

    /// `</tag>`
    public mutating func close(_ tag: StaticString) {
        text += "</"
        text += tag.description
        text += ">"
    }

    /// An element without content: `<tag a="v"/>` in SVG, `<tag a="v">` (a void element) in HTML.
    public mutating func empty(_ tag: StaticString, _ attributes: Attributes = [:], html: Bool = false) {
        text += "<"
        text += tag.description
        write(attributes)
        text += html ? ">" : "/>"
    }

    /// `<tag a="v">escaped text</tag>`
    public mutating func element(_ tag: StaticString, _ attributes: Attributes = [:], text content: String) {
        open(tag, attributes)
        text += Markup.escape(content)
        close(tag)
    }

    /// Escaped text content.
    public mutating func text(_ content: String) {
        text += Markup.escape(content)
    }

    /// Markup already written (and escaped) by another writer.
    public mutating func append(_ other: Markup) {
        text += other.text
    }

    /// Program text that needs no escaping: the style sheet, a doctype. Only compile-time constants.
    public mutating func raw(_ constant: StaticString) {
        text += constant.description
    }

    /// A line break between blocks (readability of the file only).
    public mutating func newline() {
        text += "\n"
    }

    private mutating func write(_ attributes: Attributes) {
        for (name, value) in attributes {
            text += " "
            text += name.description
            text += "=\""
            text += Markup.escape(value)
            text += "\""
        }
    }

    /// Escapes `&`, `<`, `>`, `"` and `'` (safe in text and in double- or single-quoted attribute
    /// values) and replaces characters XML forbids with U+FFFD.
    public static func escape(_ s: String) -> String {
        // Fast path: most labels and every coordinate need nothing.
        if !s.unicodeScalars.contains(where: needsWork) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0x7F || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    private static func needsWork(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "&", "<", ">", "\"", "'": true
        case "\t", "\n", "\r": false
        default: u.value < 0x20 || u.value == 0x7F || u.value == 0xFFFE || u.value == 0xFFFF
        }
    }
}

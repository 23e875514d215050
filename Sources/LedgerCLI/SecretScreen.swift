import ArgumentParser
import LedgerCore

/// The command line's side of `FreeText.check`: every argument is screened for secrets before the
/// argument parser sees it (so no parse error can echo one), and every string field of the parsed
/// command again with its name (so a lone 64-hex value is refused wherever it is not a transaction
/// hash, an address or a path). Commands added later are covered without doing anything.
enum SecretScreen {
    /// Fields whose own rules judge a value that is only 64 hex digits (or 64 bytes of base58): a
    /// transaction hash or signature, an address (whose rules know the chain), file paths.
    /// Fields that may hold line breaks and tabs.
    static let multiline: Set<String> = ["note", "notes"]

    static let ambiguousWholeAllowed: Set<String> = ["address", "tx", "txHash", "file", "path", "output", "db", "keep", "criteria"]

    /// Before parsing: any secret except a lone ambiguous value, which the parsed fields decide.
    static func firstSecret(in arguments: [String]) -> SecretError? {
        do { try screen(arguments: arguments) } catch { return error }
        return nil
    }

    static func screen(arguments: [String]) throws(SecretError) {
        for (i, argument) in arguments.enumerated() {
            var field = "argument \(i + 1) of the command line"
            var value = argument
            if argument.hasPrefix("--"), let eq = argument.firstIndex(of: "=") {
                field = String(argument[..<eq])
                value = String(argument[argument.index(after: eq)...])
            } else if i > 0, arguments[i - 1].hasPrefix("-"), !argument.hasPrefix("-") {
                field = arguments[i - 1]
            }
            try FreeText.check(value, field: field, ambiguousWholeAllowed: true)
        }
    }

    /// After parsing: every string the command holds, named by its flag or argument.
    static func screen(command: Any) throws(SecretError) {
        for f in fields(of: command) {
            try FreeText.check(f.text, field: f.field, ambiguousWholeAllowed: ambiguousWholeAllowed.contains(f.name))
        }
    }

    /// After the secret screen: printable text only in every string field (a note may span lines),
    /// so no ESC sequence, NUL or bidirectional override is stored or echoed.
    static func screenText(command: Any) throws(TextError) {
        for f in fields(of: command) { try PlainText.check(f.text, field: f.field, multiline: multiline.contains(f.name)) }
    }

    /// Every string the command holds: the property's name, the flag or argument as the user wrote it, the text.
    static func fields(of command: Any) -> [(name: String, field: String, text: String)] {
        var out: [(name: String, field: String, text: String)] = []
        for child in Mirror(reflecting: command).children {
            guard let label = child.label else { continue }
            let name = label.hasPrefix("_") ? String(label.dropFirst()) : label
            let typeName = String(describing: type(of: child.value))
            if typeName.hasPrefix("OptionGroup<") {
                out += fields(of: unwrapped(child.value) ?? ())
                continue
            }
            let field = typeName.hasPrefix("Argument<") ? "the \(kebab(name)) argument" : "--\(kebab(name))"
            for text in strings(in: child.value, depth: 0) { out.append((name, field, text)) }
        }
        return out
    }

    /// The parsed value inside a property wrapper (its `.value` case).
    static func unwrapped(_ wrapper: Any) -> Any? {
        for child in Mirror(reflecting: wrapper).children {
            for inner in Mirror(reflecting: child.value).children where inner.label == "value" { return inner.value }
        }
        return nil
    }

    /// The strings a value holds: itself, an optional's, an array's, a wrapper's parsed value.
    static func strings(in value: Any, depth: Int) -> [String] {
        if let s = value as? String { return [s] }
        guard depth < 6 else { return [] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .class { return [] }
        return mirror.children.flatMap { strings(in: $0.value, depth: depth + 1) }
    }

    static func kebab(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }
}

/// Secrets anywhere in free text (a label, a name, a note, an amount, a spreadsheet cell, a ledger
/// file's string): `FreeText.check` is the one check every value a user or a file gives passes
/// before anything else reads it, so no later error can echo a secret and nothing stores one. A found
/// secret is shown only masked (`4c08…2318`): enough to recognise, never enough to use.
public struct SecretFinding: Sendable, Equatable, CustomStringConvertible {
    public let kind: SecretKind
    /// The secret with all but its first and last four characters hidden (`4c08…2318`), or, for
    /// words, how many there are and where they start.
    public let masked: String
    /// What the value has that makes it a secret: "64 hex characters: looks like a private key".
    public let why: String

    public var description: String { "\(masked) (\(why))" }
}

/// A secret in a free-text value: `field` names where it was given (a flag, a column, a JSON path).
public struct SecretError: Error, Sendable, Equatable, CustomStringConvertible {
    public let field: String
    public let finding: SecretFinding

    public init(field: String, finding: SecretFinding) { self.field = field; self.finding = finding }

    public var description: String {
        "\(field) holds \(finding): refused, nothing was written. " + SecretFinding.advice(finding.kind)
    }
}

extension SecretFinding {
    /// Why a secret must never be typed anywhere and what to do now (no part of the value).
    public static func advice(_ kind: SecretKind) -> String {
        "A secret controls your funds: never type or paste one into any tool (airledger needs only public addresses). "
            + "If it was pasted by mistake, clear your clipboard and shell history, and move the funds to a new wallet if it may have been exposed."
            + (kind == .hexPrivateKey ? " If it is a transaction hash, give it where the transaction hash goes." : "")
    }
}

/// The one check of free text: every label, group, name, note, amount, symbol, spreadsheet cell and
/// ledger-file string goes through it before it is parsed, stored or echoed.
public enum FreeText {
    /// Throws when `value` holds a secret anywhere. `ambiguousWholeAllowed`: a value that is nothing but
    /// 64 hex digits, or 64 bytes in base58, is let through for the field's own rule to judge (a
    /// transaction hash or signature, a Starknet or Move address, which have those shapes); the same
    /// inside other text is still refused, and so is any other key shape.
    public static func check(_ value: String?, field: @autoclosure () -> String, ambiguousWholeAllowed: Bool = false) throws(SecretError) {
        guard let value, let finding = SecretDetector.find(in: value, ambiguousWholeAllowed: ambiguousWholeAllowed) else { return }
        throw SecretError(field: field(), finding: finding)
    }
}

extension SecretDetector {
    /// The first secret in `text`, or nil: a whole value of a secret shape (keystore JSON, a Solana key
    /// array, a recovery phrase), any token of a key's shape (64 hex digits with or without 0x, WIF,
    /// xprv, Solana base58, Sui or Aptos keys), or eight or more BIP-39 words in a row.
    public static func find(in text: String, ambiguousWholeAllowed: Bool = false) -> SecretFinding? {
        // Every shape looked for is at least 31 characters (eight three-letter words and spaces).
        guard text.utf8.count >= 31 else { return nil }
        let whole = trimmed(text)
        if let kind = detect(whole, chain: nil), kind == .keystoreJSON || kind == .solanaSecretKey && whole.hasPrefix("[") {
            return SecretFinding(kind: kind, masked: "the whole value", why: "looks like \(kind)")
        }
        for token in tokens(of: text) {
            let s = String(token)
            guard let kind = keyKind(s) else { continue }
            if ambiguousWholeAllowed && s == whole && (kind == .hexPrivateKey || kind == .solanaSecretKey) { continue }
            return finding(kind, token: s)
        }
        return wordRun(in: text)
    }

    /// `text` with every secret-shaped token replaced by its masked form: for messages written by code
    /// that did not check its input (the argument parser's own errors).
    public static func masking(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        for token in tokens(of: text) {
            let s = String(token)
            guard keyKind(s) != nil, let range = rest.range(of: s) else { continue }
            out += rest[..<range.lowerBound] + mask(s)
            rest = rest[range.upperBound...]
        }
        return out + rest
    }

    /// Maximal runs of ASCII letters and digits, plus '-' inside Aptos keys' prefixes.
    static func tokens(of text: String) -> [Substring] {
        text.split { c in !(c.isASCII && (c.isLetter || c.isNumber)) }.filter { $0.utf8.count >= 32 }
    }

    /// The key shape a single token has (no phrases, no JSON).
    static func keyKind(_ token: String) -> SecretKind? {
        let lower = token.lowercased()
        if lower.hasPrefix("suiprivkey") { return .suiPrivateKey }
        let hex = Hex.body(afterPrefixOf: token) ?? Substring(token)
        if hex.utf8.count == 64 && Hex.isHex(hex) { return .hexPrivateKey }
        guard Base58.isBase58(token) else { return nil }
        return detect(token, chain: nil)
    }

    static func mask(_ token: String) -> String {
        let body = Hex.body(afterPrefixOf: token).map(String.init) ?? token
        guard body.count >= 12 else { return "…" }
        return "\(body.prefix(4))…\(body.suffix(4))"
    }

    static func finding(_ kind: SecretKind, token: String) -> SecretFinding {
        let why: String
        switch kind {
        case .hexPrivateKey: why = "64 hex characters: looks like a private key"
        default: why = "\(token.count) characters: looks like \(kind)"
        }
        return SecretFinding(kind: kind, masked: mask(token), why: why)
    }

    /// Eight or more BIP-39 words in a row (whole words, or their unique four-letter beginnings): a
    /// recovery phrase or part of one. Words of other letters, digits and punctuation other than
    /// numbering break the run, so ordinary notes pass.
    static func wordRun(in text: String) -> SecretFinding? {
        let words = text.lowercased().split { !$0.isLetter }
        guard words.count >= 8 else { return nil }
        var start = 0, length = 0, best = (start: 0, length: 0)
        for (i, w) in words.enumerated() {
            if w.count >= 3 && isBIP39Word(String(w)) {
                if length == 0 { start = i }
                length += 1
                if length > best.length { best = (start, length) }
            } else {
                length = 0
            }
        }
        guard best.length >= 8 else { return nil }
        let full = [12, 15, 18, 21, 24].contains(best.length)
        let masked = best.start == 0 ? "\(best.length) words" : "\(best.length) words from word \(best.start + 1)"
        return SecretFinding(kind: full ? .mnemonic : .mnemonicFragment, masked: masked,
                             why: full ? "BIP-39 words: looks like a recovery phrase" : "BIP-39 words in a row: looks like part of a recovery phrase")
    }
}

extension SecretDetector {
    /// False only when `find(in:ambiguousWholeAllowed:)` cannot find a secret in these UTF-8 bytes: a
    /// byte-level pre-check for screening every field of a large file, where almost every field is a
    /// hash, an address or a number. It follows `find`'s own necessary conditions: at least 31 bytes;
    /// the whole-value shapes (keystore JSON, a key array) need a quote or a bracket; a key-shaped token
    /// is a run of 32 or more ASCII letters and digits (when the run is the whole value and ambiguous
    /// wholes are allowed, only a WIF's 51 or 52 characters, an extended key's more than 90, or a Sui
    /// key's prefix can be one); a word run needs eight runs of three or more letters. Any byte
    /// outside ASCII sends the value to `find`.
    public static func mayHoldSecret(_ bytes: some Collection<UInt8>, ambiguousWholeAllowed: Bool) -> Bool {
        guard bytes.count >= 31 else { return false }
        var alnumRun = 0, letterRun = 0, letterWords = 0
        var longRuns = 0, longRunIsWhole = false
        var index = 0
        for b in bytes {
            if b >= 0x80 || b == 0x22 || b == 0x5B { return true }
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            let isDigit = b >= 0x30 && b <= 0x39
            if isLetter { letterRun += 1 } else {
                if letterRun >= 3 { letterWords += 1 }
                letterRun = 0
            }
            if isLetter || isDigit {
                alnumRun += 1
                if alnumRun == 32 {
                    longRuns += 1
                    longRunIsWhole = index == 31
                }
            } else {
                if alnumRun >= 32 { longRunIsWhole = false }
                alnumRun = 0
            }
            index += 1
        }
        if letterRun >= 3 { letterWords += 1 }
        if letterWords >= 8 { return true }
        guard longRuns > 0 else { return false }
        // One run that is the whole value: a WIF, an extended key or a Sui key are the only shapes left.
        guard ambiguousWholeAllowed, longRuns == 1, longRunIsWhole, alnumRun == bytes.count else { return true }
        let n = bytes.count
        if n == 51 || n == 52 || n > 90 { return true }
        let prefix = bytes.prefix(10).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        return prefix.elementsEqual("suiprivkey".utf8)
    }
}

import LedgerCore

/// Reads the fields of one record by column name, collecting every issue at its line and column: the
/// common field rules of the non-Etherscan importers (Solscan, Voyager, Mintscan, Subscan), so each of
/// them reads a hash, a time, an amount in base units or a decimal the same way and says the same
/// thing when it is wrong.
struct RecordFields {
    let record: CSVStreamRow
    /// The header's column names (trimmed), for messages.
    let names: [String]
    var issues: [ImportIssue] = []

    init(_ record: CSVStreamRow, names: [String]) {
        self.record = record
        self.names = names
    }

    mutating func issue(_ c: Int, _ p: ImportProblem) {
        issues.append(ImportIssue(line: record.line(ofField: c), column: record.column(ofField: c), problem: p))
    }

    func name(_ c: Int) -> String { c < names.count ? names[c] : "column \(c + 1)" }
    func field(_ c: Int) -> ArraySlice<UInt8> { record.field(c) }
    func isEmpty(_ c: Int) -> Bool { FieldBytes.isEmpty(record.field(c)) }

    /// The field's text without surrounding spaces.
    func text(_ c: Int) -> String {
        var f = record.field(c)
        while let first = f.first, first == 0x20 { f = f.dropFirst() }
        while let last = f.last, last == 0x20 { f = f.dropLast() }
        return FieldBytes.string(f)
    }

    /// A transaction hash in the family's canonical form; "" (and an issue) when it is not one.
    mutating func hash(_ c: Int, family: ChainFamily) -> String {
        let t = text(c)
        guard !t.isEmpty else {
            issue(c, .missingValue(column: name(c)))
            return ""
        }
        do { return try AddressRules.validateTxHash(t, family: family) } catch {
            issue(c, .badHash(column: name(c), value: t, expected: Self.hashShape(family)))
            return ""
        }
    }

    static func hashShape(_ family: ChainFamily) -> String {
        switch family {
        case .solana: "a base58 signature of 64 bytes"
        case .starknet: "0x and 1 to 64 hex digits"
        case .cosmos: "64 hex digits, without 0x"
        default: "0x and 64 hex digits"
        }
    }

    /// Seconds since 1970.
    mutating func unixTime(_ c: Int) -> Instant? {
        if let s = FieldBytes.integer(record.field(c)) { return Instant(seconds: s) }
        issue(c, .badTimestamp(column: name(c), value: text(c)))
        return nil
    }

    /// An ISO-8601 UTC date-time ("2024-03-15T14:22:05Z", "2024-03-15T14:22:05.000Z") or the same with a
    /// space and no zone, read as UTC ("2024-03-15 14:22:05").
    mutating func dateTime(_ c: Int) -> Instant? {
        let t = text(c)
        if let i = Self.utcDateTime(t) { return i }
        issue(c, .badDateTime(column: name(c), value: t))
        return nil
    }

    static func utcDateTime(_ text: String) -> Instant? {
        var t = text
        // Milliseconds, always zero in explorer exports of block times (".000Z"): dropped when zero.
        if let dot = t.firstIndex(of: "."), t.hasSuffix("Z") {
            let fraction = t[t.index(after: dot)..<t.index(before: t.endIndex)]
            guard !fraction.isEmpty, fraction.allSatisfy({ $0 == "0" }) else { return nil }
            t = String(t[..<dot]) + "Z"
        }
        if t.utf8.count == 19, t.contains(" ") { t = t.replacingOccurrences(of: " ", with: "T") + "Z" }
        guard t.utf8.count >= 20 else { return nil }
        return try? Instant(parsing: t)
    }

    /// A non-negative decimal; nil when empty (an issue when `required`) or bad.
    mutating func decimal(_ c: Int, required: Bool = false, grouping: Bool = false, signed: Bool = false) -> Quantity? {
        var f = record.field(c)
        var negative = false
        if signed {
            while let first = f.first, first == 0x20 { f = f.dropFirst() }
            if f.first == 0x2D {
                negative = true
                f = f.dropFirst()
            }
        }
        switch FieldBytes.decimal(f, grouping: grouping) {
        case .value(let q): return negative ? -q : q
        case .empty:
            if required { issue(c, .missingValue(column: name(c))) }
        case .grouped:
            issue(c, .thousandsSeparator(column: name(c), value: text(c)))
        case .malformed(let e):
            issue(c, .badAmount(column: name(c), error: e))
        }
        return nil
    }

    /// A whole number of base units (lamports, planck, micro-units): digits only.
    mutating func baseUnits(_ c: Int) -> Quantity? {
        let f = record.field(c)
        guard !FieldBytes.isEmpty(f) else {
            issue(c, .missingValue(column: name(c)))
            return nil
        }
        guard !f.contains(0x2E), !f.contains(0x2C) else {
            issue(c, .badField(column: name(c), value: text(c), expected: "a whole number of the token's smallest units"))
            return nil
        }
        return decimal(c, required: true)
    }

    /// Token decimals, 0 to 38.
    mutating func decimals(_ c: Int) -> Int? {
        if let d = FieldBytes.integer(record.field(c)), d <= Int64(Quantity.maxFractionDigits) { return Int(d) }
        issue(c, .badField(column: name(c), value: text(c), expected: "the token's decimals, a whole number from 0 to 38"))
        return nil
    }

    /// `units` x 10^-decimals, exactly (a whole number of units has no fraction to lose).
    static func scaled(_ units: Quantity, decimals: Int) -> Quantity { units.dividedByPowerOfTen(decimals) }
}

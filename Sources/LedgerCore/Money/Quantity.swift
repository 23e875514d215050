import Foundation

/// An exact decimal number: token quantities, USD values, prices.
///
/// Built only from text with a strict grammar (`-?\d+(\.\d+)?`, no exponent, no grouping, at most
/// 38 significant digits) or from other quantities; never from `Double`. `description` is the
/// canonical text stored in the database: no exponent, no trailing fractional zeros, no `-0`.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let decimal: Decimal
    /// The canonical text when it is known without asking Foundation to print the decimal (values
    /// parsed from text, integers): writing millions of rows back to the database stays cheap.
    private let text: String?

    public static let zero = Quantity(exactly: 0)
    public static let maxSignificantDigits = 38

    init(_ decimal: Decimal) {
        self.decimal = decimal
        self.text = nil
    }

    /// A small whole number (for counts and constants): exact.
    public init(exactly value: Int) {
        self.decimal = Decimal(value)
        self.text = String(value)
    }

    /// significand x 10^-fractionDigits, exactly: `Quantity(significand: 125, fractionDigits: 2)` is 1.25.
    /// The fast path for readers that have already split a number into its digits.
    public init(significand: Int64, fractionDigits: Int) {
        precondition(fractionDigits >= 0 && fractionDigits <= 30, "fractionDigits out of range")
        var magnitude = significand.magnitude
        var fraction = fractionDigits
        if magnitude == 0 { fraction = 0 }
        while fraction > 0, magnitude % 10 == 0 {
            magnitude /= 10
            fraction -= 1
        }
        self.decimal = Decimal(sign: significand < 0 ? .minus : .plus, exponent: -fraction, significand: Decimal(magnitude))
        self.text = Quantity.canonical(negative: significand < 0 && magnitude != 0, magnitude: magnitude, fractionDigits: fraction)
    }

    /// Canonical text of magnitude x 10^-fractionDigits (magnitude without trailing zeros when
    /// fractionDigits > 0), written straight into the string's storage.
    static func canonical(negative: Bool, magnitude: UInt64, fractionDigits: Int) -> String {
        var digitCount = 1
        var rest = magnitude / 10
        while rest != 0 {
            digitCount += 1
            rest /= 10
        }
        let printed = max(digitCount, fractionDigits + 1)
        let length = (negative ? 1 : 0) + printed + (fractionDigits > 0 ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { out in
            var position = length - 1
            var m = magnitude
            for k in 0..<printed {
                if fractionDigits > 0, k == fractionDigits {
                    out[position] = UInt8(ascii: ".")
                    position -= 1
                }
                out[position] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30
                m /= 10
                position -= 1
            }
            if negative { out[0] = UInt8(ascii: "-") }
            return length
        }
    }

    /// Canonical text of a decimal written as its digits and the count of fractional ones:
    /// no leading zeros, no trailing fractional zeros, no "-0".
    static func canonical(negative: Bool, digits: String, fractionDigits: Int) -> String {
        var d = Array(digits.utf8)
        var frac = fractionDigits
        if d.count <= frac { d = Array(repeating: UInt8(ascii: "0"), count: frac - d.count + 1) + d }
        while frac > 0, d.last == UInt8(ascii: "0") { d.removeLast(); frac -= 1 }
        var intPart = d[..<(d.count - frac)]
        while intPart.count > 1, intPart.first == UInt8(ascii: "0") { intPart = intPart.dropFirst() }
        let fracPart = d[(d.count - frac)...]
        let isZero = intPart.allSatisfy { $0 == UInt8(ascii: "0") } && fracPart.isEmpty
        var out = (negative && !isZero) ? "-" : ""
        out += String(decoding: intPart, as: UTF8.self)
        if !fracPart.isEmpty { out += "." + String(decoding: fracPart, as: UTF8.self) }
        return out
    }

    /// Parses `text` with the strict grammar. Throws `AmountError` naming the text and the fix.
    public init(parsing text: String) throws(AmountError) {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard !s.isEmpty else { throw .empty }
        let bytes = Array(s.utf8)
        var i = 0
        if bytes[0] == UInt8(ascii: "-") { i = 1 }
        var intDigits = 0, fracDigits = 0, sawPoint = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if sawPoint { fracDigits += 1 } else { intDigits += 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                throw .malformed(text)
            }
            i += 1
        }
        guard intDigits > 0, !sawPoint || fracDigits > 0 else { throw .malformed(text) }
        // Significant digits: strip leading zeros of the integer part and trailing fractional zeros.
        let unsigned = s.hasPrefix("-") ? String(s.dropFirst()) : s
        let parts = unsigned.split(separator: ".", omittingEmptySubsequences: false)
        let intPart = parts[0].drop(while: { $0 == "0" })
        var fracPart = parts.count > 1 ? Substring(parts[1]) : ""
        while fracPart.hasSuffix("0") { fracPart = fracPart.dropLast() }
        let digits = intPart.isEmpty ? String(fracPart.drop(while: { $0 == "0" })) : String(intPart) + fracPart
        guard digits.count <= Quantity.maxSignificantDigits else { throw .tooPrecise(text) }
        guard let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else { throw .malformed(text) }
        self.decimal = d
        self.text = Quantity.canonical(negative: s.hasPrefix("-"), digits: String(unsigned.filter { $0 != "." }),
                                       fractionDigits: parts.count > 1 ? parts[1].count : 0)
    }

    /// Fast path for canonical text this program wrote (the database, its own exports): "-?d+(.d+)?".
    /// Up to 18 digits are built from an integer significand without Foundation's string parser;
    /// anything else goes through the strict parser. nil when the text is not a plain decimal.
    public init?(stored text: String) {
        var significand: UInt64 = 0, digits = 0, fraction = 0, negative = false, sawPoint = false, ok = true
        for (i, b) in text.utf8.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                significand = significand &* 10 &+ UInt64(b - 0x30)
                digits += 1
                if sawPoint { fraction += 1 }
            } else if b == UInt8(ascii: ".") && !sawPoint && digits > 0 {
                sawPoint = true
            } else if b == UInt8(ascii: "-") && i == 0 {
                negative = true
            } else {
                ok = false
                break
            }
        }
        if ok && digits > 0 && digits <= 18 && !(sawPoint && fraction == 0) {
            self = Quantity(significand: negative ? -Int64(significand) : Int64(significand), fractionDigits: fraction)
            return
        }
        guard let q = try? Quantity(parsing: text) else { return nil }
        self = q
    }

    public var isZero: Bool { decimal.isZero }
    public var isNegative: Bool { decimal < 0 }
    public var isPositive: Bool { decimal > 0 }
    public var magnitude: Quantity { isNegative ? Quantity(-decimal) : self }

    public var description: String {
        if let t = text { return t }
        if decimal.isZero { return "0" }
        if let fast = DecimalText.canonical(decimal) { return fast }
        // Foundation prints plain digits (no exponent); trim trailing fractional zeros on the bytes.
        let s = decimal.description
        var u = Array(s.utf8)
        guard u.contains(UInt8(ascii: ".")), !u.contains(UInt8(ascii: "e")), !u.contains(UInt8(ascii: "E")) else { return s }
        while u.last == UInt8(ascii: "0") { u.removeLast() }
        if u.last == UInt8(ascii: ".") { u.removeLast() }
        return String(decoding: u, as: UTF8.self)
    }

    /// Rounds to `scale` fractional digits. `.bankers` is round-half-even; `.plain` is half away from zero.
    public func rounded(scale: Int, mode: RoundingMode = .plain) -> Quantity {
        var input = decimal
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, mode.foundation)
        return Quantity(result)
    }

    /// Fixed-point text with exactly `scale` fractional digits (rounded with `mode`): "1234.50".
    public func fixed(_ scale: Int, mode: RoundingMode = .plain) -> String {
        let r = rounded(scale: scale, mode: mode)
        var s = r.description
        guard scale > 0 else { return s }
        if let dot = s.firstIndex(of: ".") {
            let have = s.distance(from: dot, to: s.endIndex) - 1
            if have < scale { s += String(repeating: "0", count: scale - have) }
        } else {
            s += "." + String(repeating: "0", count: scale)
        }
        return s
    }

    public enum RoundingMode: Sendable {
        case plain, bankers, down, up
        var foundation: NSDecimalNumber.RoundingMode {
            switch self {
            case .plain: .plain
            case .bankers: .bankers
            case .down: .down
            case .up: .up
            }
        }
    }

    public static func < (a: Quantity, b: Quantity) -> Bool { a.decimal < b.decimal }
    public static func + (a: Quantity, b: Quantity) -> Quantity { Quantity(a.decimal + b.decimal) }
    public static func - (a: Quantity, b: Quantity) -> Quantity { Quantity(a.decimal - b.decimal) }
    public static func * (a: Quantity, b: Quantity) -> Quantity { Quantity(a.decimal * b.decimal) }
    /// Division is the one inexact operation (38 significant digits); callers keep totals exact by
    /// giving the last share the remainder instead of another quotient.
    public static func / (a: Quantity, b: Quantity) -> Quantity { Quantity(a.decimal / b.decimal) }
    public static prefix func - (a: Quantity) -> Quantity { Quantity(-a.decimal) }
    public static func += (a: inout Quantity, b: Quantity) { a = a + b }
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }

    public static func == (a: Quantity, b: Quantity) -> Bool { a.decimal == b.decimal }
    public func hash(into h: inout Hasher) { h.combine(description) }
}

extension Sequence where Element == Quantity {
    public func sum() -> Quantity { reduce(.zero, +) }
}

/// Errors in amounts and quantities typed by a user or read from a file.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case malformed(String)
    case tooPrecise(String)
    case notPositive(String, what: String)
    case negative(String, what: String)
    case missingSymbol(String)
    case badSymbol(String)

    public var description: String {
        switch self {
        case .empty:
            "an amount is empty: write a plain decimal such as 12.5"
        case .malformed(let t):
            "'\(t)' is not a plain decimal number: write digits with an optional '.' and fraction, no exponent, no thousands separators, no hex (e.g. 1000 or 0.25)"
        case .tooPrecise(let t):
            "'\(t)' has more than \(Quantity.maxSignificantDigits) significant digits: airledger never rounds silently, so shorten it"
        case .notPositive(let t, let what):
            "\(what) '\(t)' must be greater than zero"
        case .negative(let t, let what):
            "\(what) '\(t)' must not be negative"
        case .missingSymbol(let t):
            "'\(t)' needs an asset symbol after the number, such as \"1.5 ETH\""
        case .badSymbol(let t):
            "'\(t)' is not a valid asset symbol: use 1 to 20 letters, digits, '.', '-' or '_' (e.g. ETH, USDC.e)"
        }
    }
}

/// Prints a `Decimal` without Foundation's string conversion (a third of a large tax report's time):
/// it reads the value's exponent, sign and 128-bit mantissa from its memory layout. The layout is
/// Foundation's private business, so it is verified once against `description` on sample values, and
/// when it does not match (another Foundation), every call returns nil and the slow path is used.
enum DecimalText {
    static let layoutVerified: Bool = {
        let samples = ["0", "1", "-1", "-123.45", "0.000000000000000001", "1250", "99999999999999999999999999999999999999",
                       "123456789012345678901234567890.12345678", "-0.5", "100", "7.000001"]
        for text in samples {
            guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else { return false }
            var expected = d.description
            if expected.utf8.contains(UInt8(ascii: ".")) {
                while expected.hasSuffix("0") { expected.removeLast() }
                if expected.hasSuffix(".") { expected.removeLast() }
            }
            guard render(d) == expected else { return false }
        }
        return true
    }()

    static func canonical(_ d: Decimal) -> String? {
        guard layoutVerified else { return nil }
        return render(d)
    }

    /// Layout (20 bytes): [0] exponent (Int8); [1] length in bits 4-7, negative bit 3; [4...19] mantissa,
    /// eight little-endian UInt16 words, least significant first.
    static func render(_ d: Decimal) -> String? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: d) { raw -> String? in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            guard length <= 8 else { return nil }
            var mantissa: UInt128 = 0
            for i in stride(from: length - 1, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt128(UInt16(raw[4 + 2 * i]) | UInt16(raw[5 + 2 * i]) << 8)
            }
            if mantissa == 0 { return "0" }
            var digits: [UInt8] = []
            digits.reserveCapacity(40)
            var m = mantissa
            while m > 0 { digits.append(UInt8(48 + Int(m % 10))); m /= 10 }
            digits.reverse()
            var out: [UInt8] = negative ? [45] : []
            if exponent >= 0 {
                out += digits
                out += [UInt8](repeating: 48, count: exponent)
            } else {
                let frac = -exponent
                var intDigits: ArraySlice<UInt8>, fracDigits: ArraySlice<UInt8>
                if digits.count > frac {
                    intDigits = digits[..<(digits.count - frac)]
                    fracDigits = digits[(digits.count - frac)...]
                } else {
                    intDigits = [48][...]
                    fracDigits = ([UInt8](repeating: 48, count: frac - digits.count) + digits)[...]
                }
                while fracDigits.last == 48 { fracDigits = fracDigits.dropLast() }
                out += intDigits
                if !fracDigits.isEmpty { out.append(46); out += fracDigits }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}

import Foundation

/// An exact decimal number: token quantities, USD values, prices.
///
/// Built only from text with a strict grammar (`-?\d+(\.\d+)?`, no exponent, no grouping, at most
/// 38 significant digits) or from other quantities; never from `Double`. `description` is the
/// canonical text stored in the database: no exponent, no trailing fractional zeros, no `-0`.
///
/// Storage: every value that fits is held as an integer significand and a count of fractional
/// digits (`significand x 10^-scale`, scale 0...38, |significand| < 10^38, no trailing zero digit),
/// so sums, differences, products, comparisons and printing are integer work. Foundation's `Decimal`
/// (slow: hundreds of nanoseconds per addition, microseconds per division here) is used for division
/// and for any result that does not fit, which it rounds to 38 digits as before; its results come back
/// to the integer form whenever they fit. Both forms give the same values: integer work is exact
/// exactly where Decimal's would be.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let significand: Int128
    private let scale: Int8
    /// The value when it does not fit the integer form (then `significand` and `scale` are unused).
    private let big: Decimal?

    public static let zero = Quantity(fixed: 0, scale: 0)
    public static let maxSignificantDigits = 38

    /// 10^0 ... 10^38.
    static let powersOfTen: [Int128] = {
        var p: [Int128] = [1]
        for _ in 1...38 { p.append(p[p.count - 1] * 10) }
        return p
    }()
    private static let limit: Int128 = powersOfTen[38]

    private init(fixed significand: Int128, scale: Int8) {
        self.significand = significand
        self.scale = scale
        self.big = nil
    }

    private init(big: Decimal) {
        self.significand = 0
        self.scale = 0
        self.big = big
    }

    /// significand x 10^-scale with trailing zeros removed; nil when it does not fit the integer form.
    @inline(__always)
    private static func normalized(_ significand: Int128, scale: Int) -> Quantity? {
        var s = significand, k = scale
        if s == 0 { return Quantity(fixed: 0, scale: 0) }
        if k > 0 {
            if let small = Int64(exactly: s) {
                var v = small
                while k > 0, v % 10 == 0 { v /= 10; k -= 1 }
                s = Int128(v)
            } else {
                while k > 0, s % 10 == 0 { s /= 10; k -= 1 }
            }
        }
        guard k >= 0, k <= 38, s.magnitude < limit.magnitude else { return nil }
        return Quantity(fixed: s, scale: Int8(k))
    }

    /// significand x 10^-scale in whichever form holds it: the integer form whenever it fits, else
    /// Foundation's Decimal (which keeps 38 digits, as every result beyond the integer form did).
    private static func make(_ significand: Int128, scale: Int) -> Quantity {
        if let q = normalized(significand, scale: scale) { return q }
        let text = canonical(negative: significand < 0, magnitude: significand.magnitude, fractionDigits: scale)
        return Quantity(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? Decimal())
    }

    /// A Foundation result, in the integer form when it fits.
    init(_ decimal: Decimal) {
        if let (negative, exponent, mantissa) = DecimalText.parts(decimal) ?? DecimalText.partsFromText(decimal),
           mantissa < Quantity.limit.magnitude {
            let signed = negative ? -Int128(mantissa) : Int128(mantissa)
            if exponent <= 0, let q = Quantity.normalized(signed, scale: -exponent) {
                self = q
                return
            }
            if exponent > 0, exponent <= 38 {
                let (p, o) = signed.multipliedReportingOverflow(by: Quantity.powersOfTen[exponent])
                if !o, p.magnitude < Quantity.limit.magnitude {
                    self = Quantity(fixed: p, scale: 0)
                    return
                }
            }
        }
        self = Quantity(big: decimal)
    }

    /// The value as Foundation's `Decimal` (exact: at most 38 digits).
    public var decimal: Decimal {
        if let big { return big }
        let m = significand.magnitude
        let sign: FloatingPointSign = significand < 0 ? .minus : .plus
        if m <= UInt128(UInt64.max) {
            return Decimal(sign: sign, exponent: -Int(scale), significand: Decimal(UInt64(m)))
        }
        let two64 = Decimal(UInt64(1) << 32) * Decimal(UInt64(1) << 32)
        let magnitude = Decimal(UInt64(m >> 64)) * two64 + Decimal(UInt64(truncatingIfNeeded: m))
        return Decimal(sign: sign, exponent: -Int(scale), significand: magnitude)
    }

    /// A small whole number (for counts and constants): exact.
    public init(exactly value: Int) {
        self.init(fixed: Int128(value), scale: 0)
    }

    /// significand x 10^-fractionDigits, exactly: `Quantity(significand: 125, fractionDigits: 2)` is 1.25.
    /// The fast path for readers that have already split a number into its digits.
    public init(significand: Int64, fractionDigits: Int) {
        precondition(fractionDigits >= 0 && fractionDigits <= 30, "fractionDigits out of range")
        self = Quantity.make(Int128(significand), scale: fractionDigits)
    }

    /// Parses `text` with the strict grammar. Throws `AmountError` naming the text and the fix.
    public init(parsing text: String) throws(AmountError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let bytes = Array(trimmed.utf8)
        var i = 0
        guard !bytes.isEmpty else { throw .empty }
        let negative = bytes[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        var intDigits = 0, fracDigits = 0, sawPoint = false, significant = 0
        var value: Int128 = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                if sawPoint { fracDigits += 1 } else { intDigits += 1 }
                if significant > 0 || b != 0x30 { significant += 1 }
                if significant <= Quantity.maxSignificantDigits { value = value * 10 + Int128(b - 0x30) }
            } else if b == UInt8(ascii: ".") && !sawPoint {
                sawPoint = true
            } else {
                throw .malformed(text)
            }
            i += 1
        }
        guard intDigits > 0, !sawPoint || fracDigits > 0 else { throw .malformed(text) }
        // Significant digits: without leading zeros of the integer part and trailing fractional zeros.
        var trailingZeros = 0
        if sawPoint {
            var j = bytes.count - 1
            while bytes[j] == 0x30 { trailingZeros += 1; j -= 1 }
            trailingZeros = min(trailingZeros, fracDigits)
        }
        guard significant - trailingZeros <= Quantity.maxSignificantDigits else { throw .tooPrecise(text) }
        if significant <= Quantity.maxSignificantDigits,
           let q = Quantity.normalized(negative ? -value : value, scale: fracDigits) {
            self = q
            return
        }
        // More than 38 digits before the trailing zeros are dropped, or a tiny value below 10^-38.
        guard let d = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX")) else { throw .malformed(text) }
        self = Quantity(d)
    }

    /// Fast path for canonical text this program wrote (the database, its own exports): "-?d+(.d+)?".
    /// nil when the text is not a plain decimal.
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
            self = Quantity.make(negative ? -Int128(significand) : Int128(significand), scale: fraction)
            return
        }
        guard let q = try? Quantity(parsing: text) else { return nil }
        self = q
    }

    public var isZero: Bool { big?.isZero ?? (significand == 0) }
    public var isNegative: Bool { big.map { $0 < 0 } ?? (significand < 0) }
    public var isPositive: Bool { big.map { $0 > 0 } ?? (significand > 0) }
    public var magnitude: Quantity { isNegative ? -self : self }

    public var description: String {
        if let big { return Quantity.text(of: big) }
        return Quantity.canonical(negative: significand < 0, magnitude: significand.magnitude, fractionDigits: Int(scale))
    }

    private static func text(of d: Decimal) -> String {
        if d.isZero { return "0" }
        if let fast = DecimalText.canonical(d) { return fast }
        // Foundation prints plain digits (no exponent); trim trailing fractional zeros on the bytes.
        let s = d.description
        var u = Array(s.utf8)
        guard u.contains(UInt8(ascii: ".")), !u.contains(UInt8(ascii: "e")), !u.contains(UInt8(ascii: "E")) else { return s }
        while u.last == UInt8(ascii: "0") { u.removeLast() }
        if u.last == UInt8(ascii: ".") { u.removeLast() }
        return String(decoding: u, as: UTF8.self)
    }

    /// Canonical text of magnitude x 10^-fractionDigits (magnitude without trailing zeros when
    /// fractionDigits > 0), written straight into the string's storage.
    static func canonical(negative: Bool, magnitude: UInt128, fractionDigits: Int) -> String {
        // Up to 39 digits: a high part and 19 low digits, so the loop divides 64-bit integers.
        let split: UInt128 = 10_000_000_000_000_000_000
        guard let high = UInt64(exactly: magnitude / split) else {
            // Above 1.8 x 10^38 (only Decimal's widest mantissas): Swift's own integer printing.
            var digits = String(magnitude)
            if fractionDigits > 0 {
                if digits.count <= fractionDigits { digits = String(repeating: "0", count: fractionDigits - digits.count + 1) + digits }
                digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -fractionDigits))
            }
            return (negative ? "-" : "") + digits
        }
        let low = UInt64(magnitude % split)
        var digitCount = high == 0 ? 1 : 19
        var rest = high == 0 ? low / 10 : high
        while rest != 0 {
            digitCount += 1
            rest /= 10
        }
        let printed = max(digitCount, fractionDigits + 1)
        let isNegative = negative && magnitude != 0
        let length = (isNegative ? 1 : 0) + printed + (fractionDigits > 0 ? 1 : 0)
        return String(unsafeUninitializedCapacity: length) { out in
            var position = length - 1
            var m = low
            for k in 0..<printed {
                if fractionDigits > 0, k == fractionDigits {
                    out[position] = UInt8(ascii: ".")
                    position -= 1
                }
                if k == 19 { m = high }
                out[position] = UInt8(truncatingIfNeeded: m % 10) &+ 0x30
                m /= 10
                position -= 1
            }
            if isNegative { out[0] = UInt8(ascii: "-") }
            return length
        }
    }

    /// Rounds to `scale` fractional digits. `.bankers` is round-half-even; `.plain` is half away from
    /// zero; `.down` is toward negative infinity and `.up` toward positive infinity (as Foundation's).
    public func rounded(scale target: Int, mode: RoundingMode = .plain) -> Quantity {
        if big == nil, target >= 0 {
            if Int(scale) <= target { return self }
            let unit = Quantity.powersOfTen[Int(scale) - target]
            var (q, r) = significand.quotientAndRemainder(dividingBy: unit)
            if r != 0 {
                let twice = r.magnitude * 2, whole = unit.magnitude
                let away: Bool
                switch mode {
                case .plain: away = twice >= whole
                case .bankers: away = twice > whole || (twice == whole && q % 2 != 0)
                case .down: away = r < 0
                case .up: away = r > 0
                }
                if away { q += r < 0 ? -1 : 1 }
            }
            return Quantity.make(q, scale: target)
        }
        var input = decimal
        var result = Decimal()
        NSDecimalRound(&result, &input, target, mode.foundation)
        return Quantity(result)
    }

    /// a x b / c rounded to `scale` fractional digits (half away from zero), computed exactly when
    /// the integers allow (the quotient is rounded once, from its exact value); otherwise as
    /// `(a * b / c).rounded(scale:)`. For splitting a basis or proceeds by units.
    public static func product(_ a: Quantity, _ b: Quantity, dividedBy c: Quantity, scale target: Int) -> Quantity {
        if a.big == nil, b.big == nil, c.big == nil, c.significand != 0, target >= 0, target <= 38 {
            let (num, o1) = a.significand.multipliedReportingOverflow(by: b.significand)
            let e = target - Int(a.scale) - Int(b.scale) + Int(c.scale)
            if !o1, e >= -38, e <= 38 {
                var numerator = num, denominator = c.significand, overflow = false
                if e >= 0 {
                    (numerator, overflow) = num.multipliedReportingOverflow(by: powersOfTen[e])
                } else {
                    (denominator, overflow) = denominator.multipliedReportingOverflow(by: powersOfTen[-e])
                }
                if !overflow {
                    var (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
                    if r != 0, r.magnitude >= denominator.magnitude - r.magnitude {
                        q += (numerator < 0) != (denominator < 0) ? -1 : 1
                    }
                    if let result = normalized(q, scale: target) { return result }
                }
            }
        }
        return (a * b / c).rounded(scale: target)
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

    /// Both significands at the larger scale; nil when one overflows.
    @inline(__always)
    private static func aligned(_ a: Quantity, _ b: Quantity) -> (Int128, Int128, Int)? {
        if a.scale == b.scale { return (a.significand, b.significand, Int(a.scale)) }
        if a.scale < b.scale {
            let (x, o) = a.significand.multipliedReportingOverflow(by: powersOfTen[Int(b.scale - a.scale)])
            return o ? nil : (x, b.significand, Int(b.scale))
        }
        let (y, o) = b.significand.multipliedReportingOverflow(by: powersOfTen[Int(a.scale - b.scale)])
        return o ? nil : (a.significand, y, Int(a.scale))
    }

    public static func < (a: Quantity, b: Quantity) -> Bool {
        if a.big == nil, b.big == nil, let (x, y, _) = aligned(a, b) { return x < y }
        return a.decimal < b.decimal
    }

    public static func + (a: Quantity, b: Quantity) -> Quantity {
        if a.big == nil, b.big == nil, let (x, y, s) = aligned(a, b) {
            let (sum, o) = x.addingReportingOverflow(y)
            if !o, let q = normalized(sum, scale: s) { return q }
        }
        return Quantity(a.decimal + b.decimal)
    }

    public static func - (a: Quantity, b: Quantity) -> Quantity {
        if a.big == nil, b.big == nil, let (x, y, s) = aligned(a, b) {
            let (difference, o) = x.subtractingReportingOverflow(y)
            if !o, let q = normalized(difference, scale: s) { return q }
        }
        return Quantity(a.decimal - b.decimal)
    }

    public static func * (a: Quantity, b: Quantity) -> Quantity {
        if a.big == nil, b.big == nil {
            let (p, o) = a.significand.multipliedReportingOverflow(by: b.significand)
            if !o, let q = normalized(p, scale: Int(a.scale) + Int(b.scale)) { return q }
        }
        return Quantity(a.decimal * b.decimal)
    }

    /// Division is the one inexact operation (38 significant digits); callers keep totals exact by
    /// giving the last share the remainder instead of another quotient.
    public static func / (a: Quantity, b: Quantity) -> Quantity { Quantity(a.decimal / b.decimal) }

    public static prefix func - (a: Quantity) -> Quantity {
        if let big = a.big { return Quantity(-big) }
        return Quantity(fixed: -a.significand, scale: a.scale)
    }

    public static func += (a: inout Quantity, b: Quantity) { a = a + b }
    public static func -= (a: inout Quantity, b: Quantity) { a = a - b }

    public static func == (a: Quantity, b: Quantity) -> Bool {
        if a.big == nil, b.big == nil { return a.significand == b.significand && a.scale == b.scale }
        return a.decimal == b.decimal
    }

    public func hash(into h: inout Hasher) {
        if let big {
            h.combine(Quantity.text(of: big))
        } else {
            h.combine(significand)
            h.combine(scale)
        }
    }
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

    /// Sign, exponent and mantissa read from the layout; nil when the layout is not verified.
    static func parts(_ d: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt128)? {
        guard layoutVerified else { return nil }
        return rawParts(d)
    }

    /// The same parts from Foundation's printed digits (slow; when the layout is unknown). nil for NaN.
    static func partsFromText(_ d: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt128)? {
        var negative = false, exponent = 0, mantissa: UInt128 = 0, sawPoint = false
        for b in d.description.utf8 {
            switch b {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "."): sawPoint = true
            case 0x30...0x39:
                let (m, o1) = mantissa.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt128(b - 0x30))
                guard !o1, !o2 else { return nil }
                mantissa = a
                if sawPoint { exponent -= 1 }
            default: return nil
            }
        }
        return (negative, exponent, mantissa)
    }

    private static func rawParts(_ d: Decimal) -> (negative: Bool, exponent: Int, mantissa: UInt128)? {
        guard MemoryLayout<Decimal>.size == 20 else { return nil }
        return withUnsafeBytes(of: d) { raw -> (negative: Bool, exponent: Int, mantissa: UInt128)? in
            let exponent = Int(Int8(bitPattern: raw[0]))
            let length = Int(raw[1] >> 4)
            let negative = raw[1] & 0x08 != 0
            guard length <= 8 else { return nil }
            if length == 0 && negative { return nil } // NaN
            var mantissa: UInt128 = 0
            for i in stride(from: length - 1, through: 0, by: -1) {
                mantissa = mantissa << 16 | UInt128(UInt16(raw[4 + 2 * i]) | UInt16(raw[5 + 2 * i]) << 8)
            }
            return (negative, exponent, mantissa)
        }
    }

    /// Layout (20 bytes): [0] exponent (Int8); [1] length in bits 4-7, negative bit 3; [4...19] mantissa,
    /// eight little-endian UInt16 words, least significant first.
    static func render(_ d: Decimal) -> String? {
        guard let parts = rawParts(d) else { return nil }
        let negative = parts.negative
        var (exponent, mantissa) = (parts.exponent, parts.mantissa)
        if mantissa == 0 { return "0" }
        while exponent < 0, mantissa % 10 == 0 {
            mantissa /= 10
            exponent += 1
        }
        if exponent >= 0 { return (negative ? "-" : "") + String(mantissa) + String(repeating: "0", count: exponent) }
        return Quantity.canonical(negative: negative, magnitude: mantissa, fractionDigits: -exponent)
    }
}

/// An exact decimal number: token quantities, USD values, prices.
///
/// Built only from text with a strict grammar (`-?\d+(\.\d+)?`, no exponent, no grouping, at most
/// 38 significant digits; `Quantity+Parsing.swift`) or from other quantities; never from `Double`.
/// `description` is the canonical text stored in the database: no exponent, no trailing fractional
/// zeros, no `-0`.
///
/// One representation: an integer significand and a count of fractional digits
/// (`significand x 10^-scale`, |significand| < 10^38, scale 0...38, no trailing zero digit when
/// scale > 0). Every value has exactly one form, so `==` and hashing compare the two fields, and
/// sums, differences, products, comparisons and printing are integer work.
///
/// Exactness (`Quantity+Arithmetic.swift`): `+`, `-` and `*` give the exact result or throw
/// `AmountError.notExact` naming the operands when it cannot be held (more than 38 significant
/// digits, or more than 38 after the point); nothing is rounded silently. Division happens only at a
/// scale and with a rounding rule stated by the caller (`divided(by:scale:rounding:)`,
/// `product(_:_:dividedBy:scale:rounding:)`), rounded once from the exact quotient.
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The significand's two 64-bit halves. Stored apart so that a quantity is 8-byte aligned: with
    /// an `Int128` field (16-byte aligned) this toolchain's debug builds spill an optional quantity
    /// to a misaligned stack slot and load it with an aligned instruction, which crashes.
    private let high: Int64
    private let low: UInt64
    /// Fractional digits, 0...38.
    let scale: Int8

    /// |significand| < 10^38; not a multiple of 10 when `scale` > 0.
    @inline(__always)
    var significand: Int128 { Int128(high) << 64 | Int128(low) }

    public static let zero = Quantity(unchecked: 0, scale: 0)
    public static let maxSignificantDigits = 38
    /// The most digits after the point a quantity holds (10^-38 is the smallest positive one).
    public static let maxFractionDigits = 38

    /// 10^0 ... 10^38.
    static let powersOfTen: [Int128] = {
        var p: [Int128] = [1]
        for _ in 1...38 { p.append(p[p.count - 1] * 10) }
        return p
    }()
    /// 10^38: every significand's magnitude is below it.
    static let limit: UInt128 = 100_000_000_000_000_000_000_000_000_000_000_000_000

    /// A significand and scale already in normal form.
    init(unchecked significand: Int128, scale: Int8) {
        self.high = Int64(truncatingIfNeeded: significand >> 64)
        self.low = UInt64(truncatingIfNeeded: significand)
        self.scale = scale
    }

    /// significand x 10^-scale with trailing zeros removed, for a value known to fit (scale 0...38,
    /// |significand| < 10^38 once reduced).
    @inline(__always)
    static func reduced(_ significand: Int128, scale: Int) -> Quantity {
        let (s, k) = stripped(significand, scale: scale)
        return Quantity(unchecked: s, scale: Int8(truncatingIfNeeded: k))
    }

    /// significand x 10^-scale (scale >= 0) in normal form; nil when it cannot be held: more than 38
    /// significant digits, or more than 38 after the point once trailing zeros are removed.
    @inline(__always)
    static func normalized(_ significand: Int128, scale: Int) -> Quantity? {
        let (s, k) = stripped(significand, scale: scale)
        guard k <= maxFractionDigits, s.magnitude < limit else { return nil }
        return Quantity(unchecked: s, scale: Int8(k))
    }

    /// Trailing zero digits removed while the scale is positive (64-bit division when it fits).
    @inline(__always)
    private static func stripped(_ significand: Int128, scale: Int) -> (Int128, Int) {
        var s = significand, k = scale
        if s == 0 { return (0, 0) }
        guard k > 0 else { return (s, k) }
        if let small = Int64(exactly: s) {
            var v = small
            while k > 0, v % 10 == 0 { v /= 10; k -= 1 }
            s = Int128(v)
        } else {
            while k > 0, s % 10 == 0 { s /= 10; k -= 1 }
        }
        return (s, k)
    }

    /// ±magnitude x 10^-scale (scale >= 0) from a wide intermediate, in normal form; nil when it
    /// cannot be held.
    static func normalized(negative: Bool, magnitude: UInt256, scale: Int) -> Quantity? {
        if let narrow = magnitude.narrow, narrow < limit {
            return normalized(negative ? -Int128(narrow) : Int128(narrow), scale: scale)
        }
        // Wider than 10^38: only removing trailing zeros (at most `scale` of them) can bring it in.
        var m = magnitude, k = scale
        while k > 0 {
            let (q, r) = m.quotientAndRemainder(dividingBy: 10)
            guard r == 0 else { break }
            m = q
            k -= 1
            if let narrow = m.narrow, narrow < limit { return normalized(negative ? -Int128(narrow) : Int128(narrow), scale: k) }
        }
        return nil
    }

    /// A whole number (counts, constants): exact.
    public init(exactly value: Int) {
        self.init(unchecked: Int128(value), scale: 0)
    }

    /// significand x 10^-fractionDigits, exactly: `Quantity(significand: 125, fractionDigits: 2)` is 1.25.
    /// `fractionDigits` is 0...38 (a constant of the caller's, never user input).
    public init(significand: Int64, fractionDigits: Int) {
        precondition(fractionDigits >= 0 && fractionDigits <= Quantity.maxFractionDigits, "fractionDigits out of range")
        self = Quantity.reduced(Int128(significand), scale: fractionDigits)
    }

    /// 10^k exactly, with k clamped to the powers a quantity holds (-38...37).
    public static func powerOfTen(clamped k: Int) -> Quantity {
        let e = min(max(k, -maxFractionDigits), 37)
        return e >= 0 ? Quantity(unchecked: powersOfTen[e], scale: 0) : Quantity(unchecked: 1, scale: Int8(-e))
    }

    /// self x 10^-k (k clamped to 0...38): exact while the result keeps at most 38 fractional digits,
    /// else rounded there first by `rounding` (for display scaling such as thousands or millions).
    public func dividedByPowerOfTen(_ k: Int, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Quantity {
        let k = min(max(k, 0), Quantity.maxFractionDigits)
        let r = Int(scale) + k > Quantity.maxFractionDigits ? rounded(scale: Quantity.maxFractionDigits - k, rounding: rounding) : self
        return Quantity.reduced(r.significand, scale: Int(r.scale) + k)
    }

    public var isZero: Bool { high == 0 && low == 0 }
    public var isNegative: Bool { high < 0 }
    public var isPositive: Bool { high > 0 || (high == 0 && low != 0) }
    /// |self| (always representable: the range is symmetric).
    public var magnitude: Quantity { Quantity(unchecked: significand < 0 ? -significand : significand, scale: scale) }

    /// The canonical text; the one printer of quantities.
    public var description: String {
        Quantity.canonical(negative: significand < 0, magnitude: significand.magnitude, fractionDigits: Int(scale))
    }

    /// Canonical text of magnitude x 10^-fractionDigits (magnitude below 10^38, without trailing
    /// zeros when fractionDigits > 0), written straight into the string's storage.
    static func canonical(negative: Bool, magnitude: UInt128, fractionDigits: Int) -> String {
        // Up to 38 digits: a high part and 19 low digits, so the loop divides 64-bit integers.
        let split: UInt64 = 10_000_000_000_000_000_000
        let high: UInt64, low: UInt64
        if let m = UInt64(exactly: magnitude) {
            (high, low) = m.quotientAndRemainder(dividingBy: split)
        } else {
            let (h, l) = magnitude.quotientAndRemainder(dividingBy: UInt128(split))
            (high, low) = (UInt64(truncatingIfNeeded: h), UInt64(truncatingIfNeeded: l))
        }
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

    /// Rounded to `target` fractional digits (0...38) by `rounding`: `.toNearestOrAwayFromZero`
    /// (half away from zero, the default), `.toNearestOrEven` (half even), `.down` (toward negative
    /// infinity), `.up` (toward positive infinity), `.towardZero`, `.awayFromZero`. Never fails: the
    /// result has no more digits than `self`.
    public func rounded(scale target: Int, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Quantity {
        precondition(target >= 0 && target <= Quantity.maxFractionDigits, "scale out of range")
        if Int(scale) <= target { return self }
        let unit = Quantity.powersOfTen[Int(scale) - target]
        var (q, r) = significand.quotientAndRemainder(dividingBy: unit)
        if r != 0 {
            let twice = r.magnitude * 2, whole = unit.magnitude
            let fraction: Fraction = twice < whole ? .belowHalf : twice == whole ? .half : .aboveHalf
            if Quantity.roundsAway(rounding, negative: r < 0, fraction: fraction, odd: q % 2 != 0) { q += r < 0 ? -1 : 1 }
        }
        return Quantity.reduced(q, scale: target)
    }

    /// Fixed-point text with exactly `scale` fractional digits (rounded by `rounding`): "1234.50".
    public func fixed(_ scale: Int, rounding: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> String {
        let r = rounded(scale: scale, rounding: rounding)
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

    /// Where the discarded part of a magnitude lies between two representable neighbours.
    enum Fraction {
        case zero, belowHalf, half, aboveHalf
    }

    /// Whether a magnitude whose discarded part is `fraction` moves one unit away from zero under
    /// `rule`; `negative` is the value's sign, `odd` whether the kept digits end odd.
    @inline(__always)
    static func roundsAway(_ rule: FloatingPointRoundingRule, negative: Bool, fraction: Fraction, odd: Bool) -> Bool {
        if fraction == .zero { return false }
        switch rule {
        case .toNearestOrAwayFromZero: return fraction != .belowHalf
        case .toNearestOrEven: return fraction == .aboveHalf || (fraction == .half && odd)
        case .towardZero: return false
        case .awayFromZero: return true
        case .down: return negative
        case .up: return !negative
        @unknown default: return fraction != .belowHalf
        }
    }

    /// Both significands at the larger scale; nil when one overflows 128 bits.
    @inline(__always)
    static func aligned(_ a: Quantity, _ b: Quantity) -> (Int128, Int128, Int)? {
        if a.scale == b.scale { return (a.significand, b.significand, Int(a.scale)) }
        if a.scale < b.scale {
            let (x, o) = a.significand.multipliedReportingOverflow(by: powersOfTen[Int(b.scale - a.scale)])
            return o ? nil : (x, b.significand, Int(b.scale))
        }
        let (y, o) = b.significand.multipliedReportingOverflow(by: powersOfTen[Int(a.scale - b.scale)])
        return o ? nil : (a.significand, y, Int(a.scale))
    }

    public static func < (a: Quantity, b: Quantity) -> Bool {
        if let (x, y, _) = aligned(a, b) { return x < y }
        // The side that overflowed 128 bits when aligned is above 10^38 in units of the other's
        // last digit, so its magnitude is the larger one: its sign decides.
        return a.scale < b.scale ? a.significand < 0 : b.significand > 0
    }

    public static prefix func - (a: Quantity) -> Quantity {
        Quantity(unchecked: -a.significand, scale: a.scale)
    }
}

/// Errors in amounts and quantities typed by a user, read from a file or computed from them.
public enum AmountError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    case malformed(String)
    case tooPrecise(String)
    case notPositive(String, what: String)
    case negative(String, what: String)
    case missingSymbol(String)
    case badSymbol(String)
    /// A number with more than 38 digits after the point (once trailing zeros are dropped).
    case tooManyFractionDigits(String)
    /// An exact result that cannot be held (more than 38 significant digits, or more than 38 after
    /// the point); `expression` names the operands, e.g. "99999999999999999999999999999999999999 + 1.5".
    case notExact(expression: String)
    /// A division whose divisor is zero; `dividend` names what was to be divided ("12.5", "3 x 1.5").
    case divisionByZero(dividend: String)
    /// An amount with more than a number and one symbol ("1.5 ARB ETH").
    case notOneAmount(String)

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
        case .tooManyFractionDigits(let t):
            "'\(t)' has more than \(Quantity.maxFractionDigits) digits after the decimal point: airledger never rounds silently, so shorten it"
        case .notExact(let expression):
            "\(expression) cannot be held exactly: the result needs more than \(Quantity.maxSignificantDigits) significant digits or more than \(Quantity.maxFractionDigits) after the decimal point, and airledger never rounds silently; check these amounts"
        case .divisionByZero(let dividend):
            "cannot divide \(dividend) by zero"
        case .notOneAmount(let t):
            "'\(t)' is not one amount: write a number and one asset symbol, e.g. \"1.5 ARB\" (one amount per value)"
        }
    }
}

extension Int {
    /// The quantity when it is a whole number that fits an `Int`; nil otherwise.
    public init?(exactly q: Quantity) {
        guard q.scale == 0, let v = Int(exactly: q.significand) else { return nil }
        self = v
    }
}

/// Exact arithmetic on quantities, with integers only.
///
/// - `+`, `-`, `*` give the exact result or throw `AmountError.notExact` naming the operands: a
///   result needing more than 38 significant digits or more than 38 after the point is an error,
///   never a rounded or zero figure. The fast path works on the 128-bit significands; when an
///   intermediate overflows 128 bits the same operation is redone on 256 bits, so the error is
///   raised exactly where the exact result does not fit, not where the fast path gives up.
/// - Division happens only at a scale (fractional digits, 0...38) and with a rounding rule stated
///   by the caller: `divided(by:scale:rounding:)`, `product(_:_:dividedBy:scale:rounding:)` (a x b / c,
///   rounded once) and `multiplied(by:scale:rounding:)` (a x b rounded to a scale, for estimates
///   whose factors are themselves rounded quotients). The quotient is computed exactly (256-bit
///   numerator, divided by the 128-bit divisor, then by powers of ten) and rounded once.
extension Quantity {
    public static func + (a: Quantity, b: Quantity) throws(AmountError) -> Quantity {
        if let (x, y, s) = aligned(a, b) {
            let (sum, overflow) = x.addingReportingOverflow(y)
            if !overflow, let q = normalized(sum, scale: s) { return q }
        }
        return try wideSum(a, b, negateB: false, symbol: "+")
    }

    public static func - (a: Quantity, b: Quantity) throws(AmountError) -> Quantity {
        if let (x, y, s) = aligned(a, b) {
            let (difference, overflow) = x.subtractingReportingOverflow(y)
            if !overflow, let q = normalized(difference, scale: s) { return q }
        }
        return try wideSum(a, b, negateB: true, symbol: "-")
    }

    public static func * (a: Quantity, b: Quantity) throws(AmountError) -> Quantity {
        let (p, overflow) = a.significand.multipliedReportingOverflow(by: b.significand)
        if !overflow, let q = normalized(p, scale: Int(a.scale) + Int(b.scale)) { return q }
        let wide = UInt256.product(a.significand.magnitude, b.significand.magnitude)
        if let q = normalized(negative: (a.significand < 0) != (b.significand < 0), magnitude: wide,
                              scale: Int(a.scale) + Int(b.scale)) {
            return q
        }
        throw .notExact(expression: "\(a) x \(b)")
    }

    public static func += (a: inout Quantity, b: Quantity) throws(AmountError) { a = try a + b }
    public static func -= (a: inout Quantity, b: Quantity) throws(AmountError) { a = try a - b }

    /// self / divisor rounded to `scale` fractional digits (0...38) by `rounding`, from the exact
    /// quotient. Throws when the divisor is zero or the rounded quotient cannot be held.
    public func divided(by divisor: Quantity, scale: Int, rounding: FloatingPointRoundingRule) throws(AmountError) -> Quantity {
        guard !divisor.isZero else { throw .divisionByZero(dividend: "\(self)") }
        // self / divisor x 10^scale = |self.significand| x 10^e / |divisor.significand|.
        let e = scale + Int(divisor.scale) - Int(self.scale)
        if let q = Quantity.quotient(UInt256(low: significand.magnitude), timesPowerOfTen: e,
                                     dividedBy: divisor.significand.magnitude,
                                     negative: (significand < 0) != (divisor.significand < 0), scale: scale, rounding: rounding) {
            return q
        }
        throw .notExact(expression: "\(self) / \(divisor) to \(scale) decimal places")
    }

    /// a x b / c rounded to `scale` fractional digits (0...38) by `rounding`, from the exact value
    /// (one rounding, no intermediate). For splitting a basis or proceeds by units.
    public static func product(_ a: Quantity, _ b: Quantity, dividedBy c: Quantity, scale: Int,
                               rounding: FloatingPointRoundingRule) throws(AmountError) -> Quantity {
        guard !c.isZero else { throw .divisionByZero(dividend: "\(a) x \(b)") }
        let e = scale + Int(c.scale) - Int(a.scale) - Int(b.scale)
        let negative = ((a.significand < 0) != (b.significand < 0)) != (c.significand < 0)
        if let q = quotient(UInt256.product(a.significand.magnitude, b.significand.magnitude), timesPowerOfTen: e,
                            dividedBy: c.significand.magnitude, negative: negative, scale: scale, rounding: rounding) {
            return q
        }
        throw .notExact(expression: "\(a) x \(b) / \(c) to \(scale) decimal places")
    }

    /// self x factor rounded to `scale` fractional digits (0...38) by `rounding` (exact when the
    /// product has no more digits after the point). For estimates, whose factors are rounded
    /// quotients already.
    public func multiplied(by factor: Quantity, scale: Int, rounding: FloatingPointRoundingRule) throws(AmountError) -> Quantity {
        let e = scale - Int(self.scale) - Int(factor.scale)
        let negative = (significand < 0) != (factor.significand < 0)
        if let q = Quantity.quotient(UInt256.product(significand.magnitude, factor.significand.magnitude), timesPowerOfTen: e,
                                     dividedBy: 1, negative: negative, scale: scale, rounding: rounding) {
            return q
        }
        throw .notExact(expression: "\(self) x \(factor) to \(scale) decimal places")
    }

    // MARK: the exact cores

    /// a ± b on 256 bits (sign and magnitude), for when the 128-bit path overflowed.
    private static func wideSum(_ a: Quantity, _ b: Quantity, negateB: Bool, symbol: String) throws(AmountError) -> Quantity {
        let s = max(Int(a.scale), Int(b.scale))
        let negA = a.significand < 0
        let negB = (b.significand < 0) != negateB
        // Aligned magnitudes: below 10^38 x 10^38, so they fit.
        guard let x = UInt256(low: a.significand.magnitude).multiplied(byPowerOfTen: s - Int(a.scale)),
              let y = UInt256(low: b.significand.magnitude).multiplied(byPowerOfTen: s - Int(b.scale)) else {
            throw .notExact(expression: "\(a) \(symbol) \(b)")
        }
        let result: Quantity?
        if negA == negB {
            result = x.adding(y).flatMap { normalized(negative: negA, magnitude: $0, scale: s) }
        } else if x >= y {
            result = normalized(negative: negA, magnitude: x.subtracting(y), scale: s)
        } else {
            result = normalized(negative: negB, magnitude: y.subtracting(x), scale: s)
        }
        guard let result else { throw .notExact(expression: "\(a) \(symbol) \(b)") }
        return result
    }

    /// ±(numerator x 10^e / divisor) rounded to an integer by `rounding`, as a quantity of `scale`
    /// fractional digits; nil when it cannot be held. e is -76...76; divisor > 0.
    static func quotient(_ numerator: UInt256, timesPowerOfTen e: Int, dividedBy divisor: UInt128,
                         negative: Bool, scale: Int, rounding: FloatingPointRoundingRule) -> Quantity? {
        precondition(scale >= 0 && scale <= maxFractionDigits, "scale out of range")
        guard let (q, fraction) = truncatedQuotient(numerator, timesPowerOfTen: e, dividedBy: divisor) else { return nil }
        let odd = q.low & 1 == 1
        let magnitude = roundsAway(rounding, negative: negative, fraction: fraction, odd: odd) ? q.incremented() : q
        return normalized(negative: negative, magnitude: magnitude, scale: scale)
    }

    /// floor(numerator x 10^e / divisor) and where the discarded fraction lies; nil when the
    /// quotient is certainly too large to be held (its scaled numerator exceeds 256 bits).
    static func truncatedQuotient(_ numerator: UInt256, timesPowerOfTen e: Int,
                                  dividedBy divisor: UInt128) -> (UInt256, Fraction)? {
        // Fast path: everything in 128 bits.
        if e >= 0, e <= 38, let n = numerator.narrow {
            let (scaled, overflow) = n.multipliedReportingOverflow(by: UInt128(powersOfTen[e]))
            if !overflow {
                if divisor == 1 { return (UInt256(low: scaled), .zero) }
                let (q, r) = scaled.quotientAndRemainder(dividingBy: divisor)
                return (UInt256(low: q), stage(remainder: r, divisor: divisor, prior: .zero))
            }
        }
        var n = numerator
        if e > 0 {
            // A quotient that can be held is below 10^38, so its numerator is below 10^38 x divisor
            // < 2^256: a numerator that overflows 256 bits gives a quotient that cannot be held.
            guard let scaled = n.multiplied(byPowerOfTen: e) else { return nil }
            n = scaled
        }
        var fraction = Fraction.zero
        if divisor != 1 {
            let (q, r) = n.quotientAndRemainder(dividingBy: divisor)
            fraction = stage(remainder: r, divisor: divisor, prior: fraction)
            n = q
        }
        // floor(floor(x / d) / 10^k) = floor(x / (d x 10^k)): divide by the powers of ten after.
        var k = e < 0 ? -e : 0
        while k > 0 {
            let step = min(k, 38)
            let d = UInt128(powersOfTen[step])
            let (q, r) = n.quotientAndRemainder(dividingBy: d)
            fraction = stage(remainder: r, divisor: d, prior: fraction)
            n = q
            k -= step
        }
        return (n, fraction)
    }

    /// floor(basis / units x 10^fractionDigits) and where the cut fraction lies, for a basis >= 0
    /// and units > 0; nil when it does not fit 256 bits (or the basis is negative).
    static func truncatedQuotient(basis: Quantity, units: Quantity, fractionDigits: Int) -> (UInt256, Fraction)? {
        guard !basis.isNegative, units.isPositive else { return nil }
        return truncatedQuotient(UInt256(low: basis.significand.magnitude),
                                 timesPowerOfTen: fractionDigits + Int(units.scale) - Int(basis.scale),
                                 dividedBy: units.significand.magnitude)
    }

    /// -1, 0 or 1 as a / b is below, equal to or above c / d (b, d > 0), exactly: compares a x d with
    /// c x b, products of up to 76 digits at up to 76 fractional digits, on 256 bits.
    static func compareQuotients(_ a: Quantity, _ b: Quantity, _ c: Quantity, _ d: Quantity) -> Int {
        let left = a.significand.signum() * b.significand.signum()
        let right = c.significand.signum() * d.significand.signum()
        if left != right { return left < right ? -1 : 1 }
        if left == 0 { return 0 }
        let x = UInt256.product(a.significand.magnitude, d.significand.magnitude), xs = Int(a.scale) + Int(d.scale)
        let y = UInt256.product(c.significand.magnitude, b.significand.magnitude), ys = Int(c.scale) + Int(b.scale)
        // Magnitudes first by the position of their leading digit, then digit by digit once aligned
        // (the aligned one then has as many digits as the other, so it fits).
        let ex = x.digitCount - xs, ey = y.digitCount - ys
        let order: Int
        if ex != ey {
            order = ex < ey ? -1 : 1
        } else {
            // An aligned value that overflowed 256 bits would be the larger one.
            if xs < ys {
                order = x.multiplied(byPowerOfTen: ys - xs).map { $0 == y ? 0 : ($0 < y ? -1 : 1) } ?? 1
            } else {
                order = y.multiplied(byPowerOfTen: xs - ys).map { x == $0 ? 0 : (x < $0 ? -1 : 1) } ?? -1
            }
        }
        return left > 0 ? order : -order
    }

    /// Where (r + f) / d lies in [0, 1), given where f lies (the fraction of earlier divisions):
    /// compares 2r + 2f with d.
    @inline(__always)
    private static func stage(remainder r: UInt128, divisor d: UInt128, prior: Fraction) -> Fraction {
        if r == 0 && prior == .zero { return .zero }
        let twice = r &<< 1  // r < d < 2^127
        if twice > d { return .aboveHalf }
        if twice == d { return prior == .zero ? .half : .aboveHalf }
        if twice &+ 1 == d { return prior == .zero ? .belowHalf : prior }
        return .belowHalf
    }
}

/// Runs exact arithmetic where errors are another layer's: `try exact(TaxError.amount) { try a + b }`.
@inline(__always)
func exact<T, E: Error>(_ wrap: (AmountError) -> E, _ body: () throws(AmountError) -> T) throws(E) -> T {
    do { return try body() } catch { throw wrap(error) }
}

extension Sequence where Element == Quantity {
    /// The exact sum; throws when it cannot be held.
    public func sum() throws(AmountError) -> Quantity {
        var total = Quantity.zero
        for q in self { total = try total + q }
        return total
    }
}

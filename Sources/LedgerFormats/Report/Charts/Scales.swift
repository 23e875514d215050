import Foundation
import LedgerCore

/// Round tick steps: 1, 2 or 5 x 10^k, chosen so about `count` intervals cover a span (Paul
/// Heckbert, "Nice numbers for graph labels", Graphics Gems, 1990; the thresholds are d3-array's
/// tickIncrement: sqrt(50), sqrt(10), sqrt(2)). The choice of step uses `Double` (a display
/// decision); the step and every tick are exact `Quantity` values, so labels print "0.3", not
/// "0.30000000000000004".
public enum NiceTicks {
    public static func step(span: Quantity, count: Int) -> Quantity {
        let raw = ChartNumber.display(span.magnitude) / Double(max(count, 1))
        guard raw.isFinite, raw > 0 else { return Quantity(exactly: 1) }
        var exponent = Int(log10(raw).rounded(.down))
        let error = raw / pow10(exponent)
        var mantissa = error >= 50.0.squareRoot() ? 10 : error >= 10.0.squareRoot() ? 5 : error >= 2.0.squareRoot() ? 2 : 1
        if mantissa == 10 { mantissa = 1; exponent += 1 }
        exponent = min(max(exponent, -30), 36)
        return ChartMath.scaled(mantissa, exponent)
    }

    /// The largest multiple of `step` at or below `v` (`below: true`), or the smallest at or above it.
    static func multiple(of step: Quantity, near v: Quantity, below: Bool) -> Int {
        let guess = ChartNumber.display(v) / ChartNumber.display(step)
        var i = guess.isFinite ? Int(max(min(below ? guess.rounded(.down) : guess.rounded(.up), 1e15), -1e15)) : 0
        func at(_ k: Int) -> Quantity { ChartMath.times(Quantity(exactly: k), step) }
        // The guess is within one step; settle it exactly.
        if below {
            while at(i) > v { i -= 1 }
            while at(i + 1) <= v { i += 1 }
        } else {
            while at(i) < v { i += 1 }
            while at(i - 1) >= v { i -= 1 }
        }
        return i
    }

    static func pow10(_ k: Int) -> Double {
        var p = 1.0
        if k >= 0 { for _ in 0..<k { p *= 10 } } else { for _ in 0..<(-k) { p /= 10 } }
        return p
    }
}

/// A linear scale from exact values to pixels. The domain is widened to round ticks (and to zero
/// when `includeZero`: bars start at zero), so the axis starts and ends on a labelled tick.
public struct LinearScale: Sendable {
    public let lower: Quantity
    public let upper: Quantity
    public let step: Quantity
    /// Exact tick values from `lower` to `upper`, `step` apart.
    public let ticks: [Quantity]
    /// Pixel positions of `lower` and `upper` (`end < start` for a y axis that grows upward).
    public let start: Double
    public let end: Double

    public init(covering values: [Quantity], from start: Double, to end: Double, tickCount: Int = 5, includeZero: Bool = true) {
        self.start = start
        self.end = end
        var lo = values.min() ?? .zero, hi = values.max() ?? .zero
        if includeZero {
            lo = min(lo, .zero)
            hi = max(hi, .zero)
        }
        if lo == hi {
            // One value (or none): zero to one, or a band of the value's size around it.
            let unit = hi.isZero ? Quantity(exactly: 1) : hi.magnitude
            if includeZero {
                hi = unit
            } else {
                lo = ChartMath.minus(lo, unit)
                hi = ChartMath.plus(hi, unit)
            }
        }
        let span = ChartMath.minus(hi, lo)
        let step = NiceTicks.step(span: span, count: tickCount)
        let i = NiceTicks.multiple(of: step, near: lo, below: true)
        let j = max(NiceTicks.multiple(of: step, near: hi, below: false), i + 1)
        self.step = step
        self.lower = ChartMath.times(Quantity(exactly: i), step)
        self.upper = ChartMath.times(Quantity(exactly: j), step)
        self.ticks = (i...j).map { ChartMath.times(Quantity(exactly: $0), step) }
    }

    /// The pixel position of `v` (display; values outside the domain map outside the range).
    public func position(_ v: Quantity) -> Double {
        let l = ChartNumber.display(lower), u = ChartNumber.display(upper)
        return start + (ChartNumber.display(v) - l) / (u - l) * (end - start)
    }
}

/// A base-10 logarithmic scale over positive values, from a power of ten at or below the smallest
/// value to one at or above the largest. Major ticks at every power of ten; minor ticks at 2 and 5
/// times them when the domain spans at most three decades. Zero and negative values have no position.
public struct LogScale: Sendable {
    public let lowerExponent: Int
    public let upperExponent: Int
    public let ticks: [Quantity]
    public let minorTicks: [Quantity]
    public let start: Double
    public let end: Double

    /// nil when no value is positive (nothing can be placed on a log axis).
    public init?(covering values: [Quantity], from start: Double, to end: Double) {
        let positive = values.filter(\.isPositive)
        guard let lo = positive.min(), let hi = positive.max() else { return nil }
        self.start = start
        self.end = end
        var a = Int(log10(ChartNumber.display(lo)).rounded(.down))
        a = min(max(a, -30), 36)
        while a > -30, ChartMath.power(a) > lo { a -= 1 }
        while a < 36, ChartMath.power(a + 1) <= lo { a += 1 }
        var b = max(a + 1, min(Int(log10(ChartNumber.display(hi)).rounded(.up)), 37))
        while b < 37, ChartMath.power(b) < hi { b += 1 }
        while b > a + 1, ChartMath.power(b - 1) >= hi { b -= 1 }
        lowerExponent = a
        upperExponent = b
        ticks = (a...b).map(ChartMath.power)
        minorTicks = b - a <= 3 ? (a..<b).flatMap { [ChartMath.scaled(2, $0), ChartMath.scaled(5, $0)] } : []
    }

    /// The pixel position of `v`, or nil when `v` is not positive (display).
    public func position(_ v: Quantity) -> Double? {
        guard v.isPositive else { return nil }
        let x = log10(ChartNumber.display(v))
        return start + (x - Double(lowerExponent)) / Double(upperExponent - lowerExponent) * (end - start)
    }
}

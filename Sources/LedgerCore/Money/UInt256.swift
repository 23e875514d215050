/// A 256-bit unsigned integer: the exact intermediate of `Quantity` arithmetic where 128 bits are not
/// enough (a product of two 38-digit significands, a numerator scaled by 10^38). Only the few
/// operations that arithmetic needs, each exact: a result that does not fit is reported, never wrapped.
/// A plain value of two words: nothing is allocated.
struct UInt256: Hashable, Comparable, Sendable {
    var high: UInt128
    var low: UInt128

    init(high: UInt128 = 0, low: UInt128) {
        self.high = high
        self.low = low
    }

    static let zero = UInt256(low: 0)

    var isZero: Bool { high == 0 && low == 0 }

    /// The value when it fits 128 bits.
    var narrow: UInt128? { high == 0 ? low : nil }

    /// a x b, exactly (it always fits).
    static func product(_ a: UInt128, _ b: UInt128) -> UInt256 {
        let (h, l) = a.multipliedFullWidth(by: b)
        return UInt256(high: h, low: l)
    }

    /// self x m; nil when the product needs more than 256 bits.
    func multiplied(by m: UInt128) -> UInt256? {
        let (h1, l1) = low.multipliedFullWidth(by: m)
        let (h2, l2) = high.multipliedFullWidth(by: m)
        guard h2 == 0 else { return nil }
        let (h, overflow) = l2.addingReportingOverflow(h1)
        return overflow ? nil : UInt256(high: h, low: l1)
    }

    /// self x 10^k for k in 0...76; nil when the product needs more than 256 bits.
    func multiplied(byPowerOfTen k: Int) -> UInt256? {
        var r = self
        var left = k
        while left > 0 {
            let step = min(left, 38)
            guard let next = r.multiplied(by: UInt128(Quantity.powersOfTen[step])) else { return nil }
            r = next
            left -= step
        }
        return r
    }

    /// Quotient and remainder of the division by a non-zero 128-bit divisor.
    func quotientAndRemainder(dividingBy d: UInt128) -> (quotient: UInt256, remainder: UInt128) {
        if high == 0 {
            let (q, r) = low.quotientAndRemainder(dividingBy: d)
            return (UInt256(low: q), r)
        }
        let (qh, rh) = high.quotientAndRemainder(dividingBy: d)
        let (ql, rl) = d.dividingFullWidth((rh, low))
        return (UInt256(high: qh, low: ql), rl)
    }

    /// self + b; nil on overflow.
    func adding(_ b: UInt256) -> UInt256? {
        let (l, carry) = low.addingReportingOverflow(b.low)
        let (h1, o1) = high.addingReportingOverflow(b.high)
        let (h2, o2) = h1.addingReportingOverflow(carry ? 1 : 0)
        return o1 || o2 ? nil : UInt256(high: h2, low: l)
    }

    /// self - b, for self >= b.
    func subtracting(_ b: UInt256) -> UInt256 {
        let (l, borrow) = low.subtractingReportingOverflow(b.low)
        return UInt256(high: high &- b.high &- (borrow ? 1 : 0), low: l)
    }

    /// self + 1 (the callers' values are far below 2^256).
    func incremented() -> UInt256 {
        let (l, carry) = low.addingReportingOverflow(1)
        return UInt256(high: high &+ (carry ? 1 : 0), low: l)
    }

    static func < (a: UInt256, b: UInt256) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }

    /// 10^0 ... 10^76: every power of ten below 2^256.
    static let powersOfTen: [UInt256] = {
        var p: [UInt256] = [UInt256(low: 1)]
        for _ in 1...76 {
            if let next = p[p.count - 1].multiplied(by: 10) { p.append(next) }
        }
        return p
    }()

    /// The number of decimal digits (0 for zero) of a value below 10^77 (every product of two
    /// significands, every aligned significand).
    var digitCount: Int {
        if isZero { return 0 }
        var n = 1
        let table = UInt256.powersOfTen
        while n < table.count, table[n] <= self { n += 1 }
        return n
    }
}

/// A test oracle: an exact decimal of any size (sign, base-10 digits, scale) with schoolbook
/// arithmetic written for obviousness, not speed. It shares no code with `Quantity` and does not
/// round, so it decides where an exact result leaves the representation, which Foundation's
/// `Decimal` cannot: past 38 digits it rounds, and does not always say so.
struct ExactDecimal: Equatable, CustomStringConvertible {
    var negative: Bool
    /// Magnitude digits, least significant first, no leading zeros (empty for zero).
    var digits: [Int]
    /// Digits after the point.
    var scale: Int

    init(negative: Bool, digits: [Int], scale: Int) {
        var d = digits
        while d.last == 0 { d.removeLast() }
        self.negative = negative && !d.isEmpty
        self.digits = d
        self.scale = scale
    }

    /// A plain decimal `-?\d+(\.\d+)?`.
    init?(_ text: String) {
        var body = Substring(text)
        let negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return nil }
        let all = parts.joined()
        self.init(negative: negative, digits: all.reversed().map { Int(String($0)) ?? 0 }, scale: parts.count == 2 ? parts[1].count : 0)
    }

    var isZero: Bool { digits.isEmpty }

    /// Canonical text: no trailing fractional zeros, no "-0".
    var description: String {
        var d = digits, s = scale
        while s > 0, d.first == 0 { d.removeFirst(); s -= 1 }
        if d.isEmpty { return "0" }
        var text = d.reversed().map(String.init).joined()
        if s > 0 {
            if text.count <= s { text = String(repeating: "0", count: s - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -s))
        }
        return (negative ? "-" : "") + text
    }

    /// At most 38 digits in the canonical significand and at most 38 after the point.
    var holdable: Bool {
        if digits.isEmpty { return true }
        var d = digits, s = scale
        while s > 0, d.first == 0 { d.removeFirst(); s -= 1 }
        return d.count <= 38 && s <= 38
    }

    // MARK: magnitudes (little-endian digit arrays)

    static func trimmed(_ x: [Int]) -> [Int] {
        var x = x
        while x.last == 0 { x.removeLast() }
        return x
    }

    static func compare(_ x: [Int], _ y: [Int]) -> Int {
        let x = trimmed(x), y = trimmed(y)
        if x.count != y.count { return x.count < y.count ? -1 : 1 }
        for i in stride(from: x.count - 1, through: 0, by: -1) where x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
        return 0
    }

    static func add(_ x: [Int], _ y: [Int]) -> [Int] {
        var out: [Int] = [], carry = 0
        for i in 0..<max(x.count, y.count) {
            let s = (i < x.count ? x[i] : 0) + (i < y.count ? y[i] : 0) + carry
            out.append(s % 10)
            carry = s / 10
        }
        if carry > 0 { out.append(carry) }
        return trimmed(out)
    }

    /// x - y for x >= y.
    static func subtract(_ x: [Int], _ y: [Int]) -> [Int] {
        var out: [Int] = [], borrow = 0
        for i in 0..<x.count {
            var s = x[i] - (i < y.count ? y[i] : 0) - borrow
            borrow = s < 0 ? 1 : 0
            if s < 0 { s += 10 }
            out.append(s)
        }
        return trimmed(out)
    }

    static func multiply(_ x: [Int], _ y: [Int]) -> [Int] {
        guard !x.isEmpty, !y.isEmpty else { return [] }
        var out = [Int](repeating: 0, count: x.count + y.count)
        for i in 0..<x.count {
            for j in 0..<y.count { out[i + j] += x[i] * y[j] }
        }
        var carry = 0
        for k in 0..<out.count {
            let s = out[k] + carry
            out[k] = s % 10
            carry = s / 10
        }
        return trimmed(out)
    }

    /// Quotient and remainder of x / y (y non-zero): long division, one digit at a time.
    static func divide(_ x: [Int], _ y: [Int]) -> (quotient: [Int], remainder: [Int]) {
        var q = [Int](repeating: 0, count: x.count), r: [Int] = []
        for i in stride(from: x.count - 1, through: 0, by: -1) {
            r = trimmed([x[i]] + r)
            var digit = 0
            while compare(r, y) >= 0 {
                r = subtract(r, y)
                digit += 1
            }
            q[i] = digit
        }
        return (trimmed(q), r)
    }

    /// The magnitude at `scale` digits (scale >= self.scale).
    func magnitude(at s: Int) -> [Int] { ExactDecimal.trimmed([Int](repeating: 0, count: s - scale) + digits) }

    // MARK: arithmetic

    static func + (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        let s = max(a.scale, b.scale)
        let x = a.magnitude(at: s), y = b.magnitude(at: s)
        if a.negative == b.negative { return ExactDecimal(negative: a.negative, digits: add(x, y), scale: s) }
        return compare(x, y) >= 0 ? ExactDecimal(negative: a.negative, digits: subtract(x, y), scale: s)
            : ExactDecimal(negative: b.negative, digits: subtract(y, x), scale: s)
    }

    static prefix func - (a: ExactDecimal) -> ExactDecimal { ExactDecimal(negative: !a.negative, digits: a.digits, scale: a.scale) }

    static func - (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal { a + -b }

    static func * (a: ExactDecimal, b: ExactDecimal) -> ExactDecimal {
        ExactDecimal(negative: a.negative != b.negative, digits: multiply(a.digits, b.digits), scale: a.scale + b.scale)
    }

    static func < (a: ExactDecimal, b: ExactDecimal) -> Bool { (a - b).negative }

    /// a / b rounded to `scale` places by `rule` (b non-zero).
    func divided(by b: ExactDecimal, scale target: Int, rule: FloatingPointRoundingRule) -> ExactDecimal {
        // |a| / |b| x 10^target = (|a| x 10^(target + b.scale)) / (|b| x 10^a.scale), in integers.
        let numerator = [Int](repeating: 0, count: target + b.scale) + digits
        let denominator = [Int](repeating: 0, count: scale) + b.digits
        let (q, r) = ExactDecimal.divide(ExactDecimal.trimmed(numerator), ExactDecimal.trimmed(denominator))
        let negative = self.negative != b.negative
        let twice = ExactDecimal.add(r, r)
        let half = ExactDecimal.compare(twice, ExactDecimal.trimmed(denominator))
        let odd = (q.first ?? 0) % 2 == 1
        let away: Bool
        if r.isEmpty {
            away = false
        } else {
            switch rule {
            case .toNearestOrAwayFromZero: away = half >= 0
            case .toNearestOrEven: away = half > 0 || (half == 0 && odd)
            case .up: away = !negative
            case .down: away = negative
            case .towardZero: away = false
            case .awayFromZero: away = true
            @unknown default: away = false
            }
        }
        return ExactDecimal(negative: negative, digits: away ? ExactDecimal.add(q, [1]) : q, scale: target)
    }

    /// Rounded to `scale` places by `rule`.
    func rounded(scale target: Int, rule: FloatingPointRoundingRule) -> ExactDecimal {
        target >= scale ? self : divided(by: ExactDecimal(negative: false, digits: [1], scale: 0), scale: target, rule: rule)
    }
}

import Foundation
import PropertyBased
import Testing
@testable import LedgerCore

/// Random decimals against Foundation's `Decimal`, used here (and only in tests) as the reference:
/// parsing and printing, +, -, x, comparison, rounding in every mode, division at a scale, and
/// errors exactly where the exact result leaves the representation (more than 38 digits, or more
/// than 38 after the point). Foundation rounds past 38 digits (not always saying so), so where an
/// exact result is that long, `ExactDecimal` (schoolbook digits, no rounding) decides whether a
/// quantity must hold it; every value a quantity holds is also compared with Foundation's.
@Suite("Quantity against Foundation's Decimal (property-based)")
struct QuantityPropertyTests {
    // MARK: generators

    /// Digits for a significand: random runs of 1 to 38 digits, short ones (the 64-bit fast
    /// paths), and the edges: runs of 9s, and a 1 followed by zeros.
    static let digits = Gen.frequency([
        (3, Gen.number.string(of: 1...38).eraseToAny()),
        (2, Gen.number.string(of: 1...6).eraseToAny()),
        (1, Gen.int(in: 1...38).map { String(repeating: "9", count: $0) }.eraseToAny()),
        (1, Gen.int(in: 1...38).map { "1" + String(repeating: "0", count: $0 - 1) }.eraseToAny()),
    ])

    /// Text of a decimal a quantity can hold: at most 38 digits, at most 38 after the point,
    /// either sign (leading zeros and trailing fractional zeros appear as generated).
    static let holdable = zip(Gen.bool, digits, Gen.int(in: 0...38)).map { negative, digits, scale in
        DecimalReference.text(negative: negative, digits: digits, scale: scale)
    }

    /// Text with 39 to 60 digits (before trailing fractional zeros are dropped), some of which a
    /// quantity cannot hold.
    static let long = zip(Gen.bool, Gen.number.string(of: 39...60), Gen.int(in: 0...60)).map { negative, digits, scale in
        DecimalReference.text(negative: negative, digits: digits, scale: scale)
    }

    /// Small decimals (up to 18 digits, up to 18 after the point), for which Foundation's integer
    /// arithmetic decides every division exactly.
    static let small = zip(Gen.bool, Gen.number.string(of: 1...18), Gen.int(in: 0...18)).map { negative, digits, scale in
        DecimalReference.text(negative: negative, digits: digits, scale: scale)
    }

    /// Pairs whose sum cancels most digits across scales: a (scale 0) near 1.7 to 2 x 10^(38 - s), b
    /// (scale s) near -10^(38 - s). Aligning a to scale s overflows 128 bits while the exact sum
    /// often fits, so the 256-bit path decides.
    static let cancelling = zip(Gen.int(in: 1...37), Gen.number.string(of: 38), Gen.number.string(of: 38)).map { s, x, y in
        (DecimalReference.text(negative: false, digits: "1" + String(x.prefix(38 - s)), scale: 0),
         DecimalReference.text(negative: true, digits: "9" + String(y.prefix(37)), scale: s))
    }

    static let rules: [FloatingPointRoundingRule] = [.toNearestOrAwayFromZero, .toNearestOrEven, .up, .down, .towardZero, .awayFromZero]
    static let rule = Gen.int(in: 0...5).map { rules[$0] }

    // MARK: parsing and printing

    @Test("parsing then printing gives Foundation's value, and the printed text parses back to the same quantity")
    func roundTrip() async {
        await propertyCheck(count: 1000, input: Self.holdable) { text in
            let q = try Quantity(parsing: text)
            let d = try #require(DecimalReference.decimal(text))
            #expect(q.description == DecimalReference.canonical(d), "\(text)")
            #expect(Quantity(stored: q.description) == q, "\(text)")
            let again = try Quantity(parsing: q.description)
            #expect(again == q && again.hashValue == q.hashValue, "\(text)")
        }
    }

    @Test("text with more than 38 digits, or more than 38 after the point, is refused with the reason")
    func refusal() async {
        await propertyCheck(count: 500, input: Self.long) { text in
            let (significant, fraction) = DecimalReference.digitCounts(text)
            if significant > 38 {
                #expect(throws: AmountError.tooPrecise(text)) { try Quantity(parsing: text) }
            } else if fraction > 38 {
                #expect(throws: AmountError.tooManyFractionDigits(text)) { try Quantity(parsing: text) }
            } else {
                let d = try #require(DecimalReference.decimal(text))
                #expect(try Quantity(parsing: text).description == DecimalReference.canonical(d), "\(text)")
            }
        }
    }

    // MARK: exact operations

    @Test("sums and differences are exact (Foundation's where it holds them) and fail exactly where they cannot be held")
    func sumsAndDifferences() async {
        await propertyCheck(count: 1000, input: Self.holdable, Self.holdable) { x, y in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y)
            let ea = try #require(ExactDecimal(x)), eb = try #require(ExactDecimal(y))
            DecimalReference.check({ try a + b }, "\(a) + \(b)", exact: ea + eb, foundation: DecimalReference.operation(x, y, NSDecimalAdd))
            DecimalReference.check({ try a - b }, "\(a) - \(b)", exact: ea - eb, foundation: DecimalReference.operation(x, y, NSDecimalSubtract))
        }
    }

    @Test("sums that cancel across scales are exact where they fit, past the 128-bit fast path")
    func cancellingSums() async {
        let fitted = Counter()
        await propertyCheck(count: 1000, input: Self.cancelling) { pair in
            let (x, y) = pair
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y)
            let exact = try #require(ExactDecimal(x)) + (try #require(ExactDecimal(y)))
            if exact.holdable { fitted.n += 1 }
            DecimalReference.check({ try a + b }, "\(a) + \(b)", exact: exact, foundation: DecimalReference.operation(x, y, NSDecimalAdd))
            DecimalReference.check({ try b - (-a) }, "\(b) - \(-a)", exact: exact, foundation: nil)
            #expect((a < -b) == (ExactDecimal(x)! < -(ExactDecimal(y)!)), "\(a) < \(-b)")
        }
        #expect(fitted.n > 100, "only \(fitted.n) of 1000 sums fit")
    }

    @Test("products are exact (Foundation's where it holds them) and fail exactly where they cannot be held")
    func products() async {
        await propertyCheck(count: 1000, input: Self.holdable, Self.holdable) { x, y in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y)
            let exact = try #require(ExactDecimal(x)) * (try #require(ExactDecimal(y)))
            DecimalReference.check({ try a * b }, "\(a) x \(b)", exact: exact, foundation: DecimalReference.operation(x, y, NSDecimalMultiply))
        }
    }

    @Test("comparison and equality agree with Foundation's; equal quantities hash alike")
    func comparison() async {
        await propertyCheck(count: 1000, input: Self.holdable, Self.holdable) { x, y in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y)
            let da = try #require(DecimalReference.decimal(x)), db = try #require(DecimalReference.decimal(y))
            #expect((a < b) == (da < db), "\(x) < \(y)")
            #expect((a == b) == (da == db), "\(x) == \(y)")
            if a == b { #expect(a.hashValue == b.hashValue) }
            #expect(a.magnitude == (a.isNegative ? -a : a))
        }
    }

    // MARK: rounding and division

    @Test("rounding to a scale in every mode equals NSDecimalRound")
    func rounding() async {
        await propertyCheck(count: 1000, input: Self.holdable, Gen.int(in: 0...38), Self.rule) { x, scale, rule in
            let q = try Quantity(parsing: x)
            var d = try #require(DecimalReference.decimal(x)), r = Decimal()
            NSDecimalRound(&r, &d, scale, DecimalReference.mode(rule, negative: q.isNegative))
            let ours = q.rounded(scale: scale, rounding: rule).description
            #expect(ours == DecimalReference.canonical(r), "\(x) to \(scale) \(rule)")
            #expect(ours == (try #require(ExactDecimal(x))).rounded(scale: scale, rule: rule).description, "\(x) to \(scale) \(rule)")
        }
    }

    @Test("division at a scale is the exact quotient rounded once (Foundation's integer quotient and remainder agree)")
    func division() async {
        let decided = Counter()
        await propertyCheck(count: 1000, input: Self.small, Self.small, Gen.int(in: 0...38), Self.rule) { x, y, scale, rule in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y)
            guard !b.isZero else {
                DecimalReference.expectDivisionByZero(a, b, scale: scale, rule: rule)
                return
            }
            let exact = try #require(ExactDecimal(x)).divided(by: try #require(ExactDecimal(y)), scale: scale, rule: rule)
            let da = try #require(DecimalReference.decimal(x)), db = try #require(DecimalReference.decimal(y))
            let foundation = DecimalReference.quotient(da, db, scale: scale, rule: rule)
            if foundation != nil { decided.n += 1 }
            DecimalReference.check({ try a.divided(by: b, scale: scale, rounding: rule) }, "\(a) / \(b) to \(scale) decimal places",
                                   exact: exact, foundation: foundation)
        }
        #expect(decided.n > 300, "Foundation decided only \(decided.n) of 1000 divisions")
    }

    @Test("division fails exactly where the rounded quotient cannot be held")
    func divisionAtTheEdge() async {
        let divisors = ["0.1", "0.5", "0.25", "0.125", "2", "3", "7", "8", "10", "1000", "0.001", "1", "0.3"]
        await propertyCheck(count: 1000, input: Self.holdable, Gen.int(in: 0...12), Gen.int(in: 0...38), Self.rule) { x, k, scale, rule in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: divisors[k])
            let exact = try #require(ExactDecimal(x)).divided(by: try #require(ExactDecimal(divisors[k])), scale: scale, rule: rule)
            DecimalReference.check({ try a.divided(by: b, scale: scale, rounding: rule) }, "\(a) / \(b) to \(scale) decimal places",
                                   exact: exact, foundation: nil)
        }
    }

    @Test("a x b / c at a scale is the exact value rounded once")
    func productDividedBy() async {
        let decided = Counter()
        await propertyCheck(count: 500, input: Self.holdable, Self.small, Self.small, Gen.int(in: 0...38)) { x, y, z, scale in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y), c = try Quantity(parsing: z)
            guard !c.isZero else { return }
            let exact = (try #require(ExactDecimal(x)) * (try #require(ExactDecimal(y))))
                .divided(by: try #require(ExactDecimal(z)), scale: scale, rule: .toNearestOrAwayFromZero)
            var foundation: Decimal?
            var da = try #require(DecimalReference.decimal(x)), db = try #require(DecimalReference.decimal(y)), ab = Decimal()
            let dc = try #require(DecimalReference.decimal(z))
            if x.count + y.count < 38, NSDecimalMultiply(&ab, &da, &db, .plain) == .noError {
                foundation = DecimalReference.quotient(ab, dc, scale: scale, rule: .toNearestOrAwayFromZero)
            }
            if foundation != nil { decided.n += 1 }
            DecimalReference.check({ try Quantity.product(a, b, dividedBy: c, scale: scale, rounding: .toNearestOrAwayFromZero) },
                                   "\(a) x \(b) / \(c) to \(scale) decimal places", exact: exact, foundation: foundation)
        }
        #expect(decided.n > 50, "Foundation decided only \(decided.n) of 500")
    }

    @Test("a product rounded to a scale is the exact product rounded once (NSDecimalRound agrees)")
    func roundedProducts() async {
        await propertyCheck(count: 1000, input: Self.holdable, Self.holdable, Gen.int(in: 0...38), Self.rule) { x, y, scale, rule in
            let a = try Quantity(parsing: x), b = try Quantity(parsing: y)
            let product = try #require(ExactDecimal(x)) * (try #require(ExactDecimal(y)))
            let exact = product.rounded(scale: scale, rule: rule)
            var foundation: Decimal?
            var da = try #require(DecimalReference.decimal(x)), db = try #require(DecimalReference.decimal(y)), p = Decimal(), r = Decimal()
            // Foundation keeps the product's every digit only up to 38 of them.
            if product.digits.count <= 38, NSDecimalMultiply(&p, &da, &db, .plain) == .noError {
                NSDecimalRound(&r, &p, scale, DecimalReference.mode(rule, negative: a.isNegative != b.isNegative))
                foundation = r
            }
            DecimalReference.check({ try a.multiplied(by: b, scale: scale, rounding: rule) }, "\(a) x \(b) to \(scale) decimal places",
                                   exact: exact, foundation: foundation)
        }
    }
}

/// How many generated cases Foundation could decide (the property closures run one at a time).
final class Counter: @unchecked Sendable {
    var n = 0
}

/// Foundation's side of the comparisons.
enum DecimalReference {
    static func decimal(_ text: String) -> Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }

    /// "-" digits with a point `scale` places from the right (zeros added in front as needed).
    static func text(negative: Bool, digits: String, scale: Int) -> String {
        var body = digits
        if scale > 0 {
            if body.count <= scale { body = String(repeating: "0", count: scale - body.count + 1) + body }
            body.insert(".", at: body.index(body.endIndex, offsetBy: -scale))
        }
        return (negative ? "-" : "") + body
    }

    /// Foundation's value printed canonically: plain digits, no trailing fractional zeros, no "-0".
    static func canonical(_ d: Decimal) -> String {
        var s = d.description
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// Significant digits (from the first non-zero digit, trailing fractional zeros dropped) and
    /// digits after the point (trailing zeros dropped) of a plain decimal text.
    static func digitCounts(_ text: String) -> (significant: Int, fraction: Int) {
        let body = text.hasPrefix("-") ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let all = (String(parts[0]) + fraction).drop { $0 == "0" }
        return (all.count, fraction.count)
    }

    /// Whether a quantity holds this canonical value: at most 38 digits, at most 38 after the point.
    static func holdable(_ canonical: String) -> Bool {
        let (significant, fraction) = digitCounts(canonical)
        return significant <= 38 && fraction <= 38
    }

    /// Foundation's result of an operation on two decimals (rounded by Foundation past 38 digits).
    static func operation(_ x: String, _ y: String,
                          _ op: (UnsafeMutablePointer<Decimal>, UnsafePointer<Decimal>, UnsafePointer<Decimal>,
                                 NSDecimalNumber.RoundingMode) -> NSDecimalNumber.CalculationError) -> Decimal? {
        guard var a = decimal(x), var b = decimal(y) else { return nil }
        var r = Decimal()
        _ = op(&r, &a, &b, .plain)
        return r
    }

    /// Our result for `expression`: the exact value when a quantity holds it (and then Foundation's
    /// too, when given: callers give it only where Foundation kept every digit), and an error
    /// naming the operands when it cannot be held.
    static func check(_ ours: () throws -> Quantity, _ expression: String, exact: ExactDecimal, foundation: Decimal?,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        guard exact.holdable else {
            #expect(throws: AmountError.notExact(expression: expression), "\(expression)", sourceLocation: sourceLocation) {
                try ours()
            }
            return
        }
        do {
            let q = try ours()
            #expect(q.description == exact.description, "\(expression)", sourceLocation: sourceLocation)
            if let f = foundation {
                #expect(q.description == canonical(f), "\(expression) against Foundation", sourceLocation: sourceLocation)
            }
        } catch {
            Issue.record("\(expression) threw \(error), expected \(exact)", sourceLocation: sourceLocation)
        }
    }

    static func expectDivisionByZero(_ a: Quantity, _ b: Quantity, scale: Int, rule: FloatingPointRoundingRule) {
        #expect(throws: AmountError.divisionByZero(dividend: a.description)) { try a.divided(by: b, scale: scale, rounding: rule) }
    }

    /// Foundation's rounding mode for a rule (`.down` and `.up` are toward negative and positive
    /// infinity there as here; toward and away from zero depend on the sign).
    static func mode(_ rule: FloatingPointRoundingRule, negative: Bool) -> NSDecimalNumber.RoundingMode {
        switch rule {
        case .toNearestOrAwayFromZero: .plain
        case .toNearestOrEven: .bankers
        case .up: .up
        case .down: .down
        case .towardZero: negative ? .up : .down
        case .awayFromZero: negative ? .down : .up
        @unknown default: .plain
        }
    }

    /// a / b rounded to `scale` places by `rule` with Foundation's arithmetic: the integer quotient
    /// and remainder of |a| x 10^scale by |b|, computed only where every figure has fewer than 37
    /// digits (so Foundation keeps them all); nil elsewhere.
    static func quotient(_ a: Decimal, _ b: Decimal, scale: Int, rule: FloatingPointRoundingRule) -> Decimal? {
        var n = Decimal(), magnitude = a.magnitude, d = b.magnitude
        guard NSDecimalMultiplyByPowerOf10(&n, &magnitude, Int16(scale), .plain) == .noError,
              let bound = decimal("1000000000000000000000000000000000000"), n < bound else { return nil }
        var t = n / d, f = Decimal()
        guard t < bound else { return nil }
        NSDecimalRound(&f, &t, 0, .down)
        var r = n - f * d
        // Foundation's quotient may be a unit short.
        if r < 0 { f -= 1; r += d }
        if r >= d { f += 1; r -= d }
        guard r >= 0, r < d else { return nil }
        let twice = r * 2
        var half = f / 2, halfFloor = Decimal()
        NSDecimalRound(&halfFloor, &half, 0, .down)
        let odd = f != halfFloor * 2
        let negative = (a < 0) != (b < 0)
        let away: Bool
        if r == 0 {
            away = false
        } else {
            switch rule {
            case .toNearestOrAwayFromZero: away = twice >= d
            case .toNearestOrEven: away = twice > d || (twice == d && odd)
            case .up: away = !negative
            case .down: away = negative
            case .towardZero: away = false
            case .awayFromZero: away = true
            @unknown default: return nil
            }
        }
        var q = away ? f + 1 : f, result = Decimal()
        guard NSDecimalMultiplyByPowerOf10(&result, &q, Int16(-scale), .plain) == .noError else { return nil }
        return negative ? -result : result
    }
}

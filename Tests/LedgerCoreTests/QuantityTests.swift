@testable import LedgerCore
import Foundation
import Testing

@Suite("Quantity and Amount")
struct QuantityTests {
    @Test("canonical text", arguments: [
        ("0", "0"), ("0.10", "0.1"), ("1250", "1250"), ("-0.0", "0"), ("007.500", "7.5"),
        ("0.000000000000000001", "0.000000000000000001"), ("123456789.123456789012345678", "123456789.123456789012345678"),
        ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
    ])
    func canonical(_ input: String, _ expected: String) throws {
        #expect(try Quantity(parsing: input).description == expected)
    }

    @Test("refused", arguments: ["", "1e5", "1,000", "NaN", "0x10", "1.", ".5", "+1", "1 000", "١٢", "--1", "1.2.3",
                                 "1234567890123456789012345678901234567890"])
    func refused(_ input: String) {
        #expect(throws: AmountError.self) { try Quantity(parsing: input) }
    }

    @Test("0.1 + 0.2 - 0.3 is exactly zero")
    func exact() throws {
        let s = try Quantity(parsing: "0.1") + Quantity(parsing: "0.2") - Quantity(parsing: "0.3")
        #expect(s.isZero && s.description == "0")
    }

    @Test("rounding happens only when asked, half away from zero or half even")
    func rounding() throws {
        #expect(try Quantity(parsing: "2.675").fixed(2) == "2.68")
        #expect(try Quantity(parsing: "2.665").fixed(2, mode: .bankers) == "2.66")
        #expect(try Quantity(parsing: "-1.005").fixed(2) == "-1.01")
        #expect(try Quantity(parsing: "3").fixed(2) == "3.00")
    }

    @Test("amounts need a positive quantity and a symbol")
    func amounts() throws {
        #expect(try Amount(parsing: "1250 arb").description == "1250 ARB")
        #expect(try Amount(parsing: "0.5   USDC.e").asset.code == "USDC.E")
        #expect(throws: AmountError.missingSymbol("5")) { try Amount(parsing: "5") }
        #expect(throws: AmountError.notPositive("-5 ETH", what: "amount")) { try Amount(parsing: "-5 ETH") }
        #expect(throws: AmountError.notPositive("0 ETH", what: "amount")) { try Amount(parsing: "0 ETH") }
        #expect(throws: AmountError.self) { try Amount(parsing: "5 E$TH") }
    }
}

@Suite("Instant and CivilDate")
struct TimeTests {
    @Test("parses dates and date-times to UTC", arguments: [
        ("2024-02-20", "2024-02-20T00:00:00Z"), ("2024-02-20T14:30:00Z", "2024-02-20T14:30:00Z"),
        ("2024-02-20T14:30:00+02:00", "2024-02-20T12:30:00Z"), ("2024-02-20T23:30:00-05:00", "2024-02-21T04:30:00Z"),
        ("2024-02-20 14:30", "2024-02-20T14:30:00Z"), ("2024-02-20T14:30:00.123Z", "2024-02-20T14:30:00Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"), ("1970-01-01", "1970-01-01T00:00:00Z"),
    ])
    func parses(_ input: String, _ expected: String) throws {
        #expect(try Instant(parsing: input).description == expected)
    }

    @Test("refuses", arguments: ["2023-02-29", "2024-13-01", "2024-1-1", "yesterday", "2024-02-20T25:00:00Z", "2024-02-20T10:00:00+0"])
    func refuses(_ input: String) {
        #expect(throws: TimeError.self) { try Instant(parsing: input) }
    }

    @Test("civil dates round-trip through days since the epoch")
    func civil() throws {
        for days in stride(from: Int64(-1000), through: 40000, by: 37) {
            let d = CivilDate(daysSinceEpoch: days)
            #expect(d.daysSinceEpoch == days)
        }
        let leap = try CivilDate(parsing: "2024-02-29")
        #expect(leap.adding(years: 1).description == "2025-02-28")
    }
}

@Suite("Quantity from stored text")
struct StoredQuantityTests {
    @Test("the fast path gives exactly what the strict parser gives", arguments: [
        "0", "1", "-1", "0.1", "1250", "2.01", "-80.4", "0.000000000000000001", "123456789012345678",
        "1234567890123456789", "123456789.123456789012345678", "99999999999999999999999999999999999999", "0.5",
    ])
    func same(_ text: String) throws {
        let stored = try #require(Quantity(stored: text))
        let parsed = try Quantity(parsing: text)
        #expect(stored == parsed)
        #expect(stored.description == parsed.description)
    }

    @Test("significand and fraction digits give what the parser gives for the same digits")
    func significand() throws {
        let significands: [Int64] = [0, 1, -1, 5, 10, 100, -1200, 123456789, 1_000_000_000_000_000_000, Int64.max, -Int64.max,
                                     999_999_999_999_999_999, 250, -70]
        for s in significands {
            for fraction in [0, 1, 2, 3, 9, 18, 19, 20, 30] {
                let digits = String(s.magnitude)
                let padded = String(repeating: "0", count: max(0, fraction + 1 - digits.count)) + digits
                let cut = padded.index(padded.endIndex, offsetBy: -fraction)
                let text = (s < 0 ? "-" : "") + padded[..<cut] + (fraction > 0 ? "." + padded[cut...] : "")
                let built = Quantity(significand: s, fractionDigits: fraction)
                let parsed = try Quantity(parsing: text)
                #expect(built == parsed, "\(text)")
                #expect(built.description == parsed.description, "\(text)")
                #expect(built.decimal.description == parsed.decimal.description, "\(text)")
            }
        }
    }

    @Test("text that is not a plain decimal is refused", arguments: ["", "1.", "-", "1e5", "1,0", "abc", "--1"])
    func refused(_ text: String) {
        #expect(Quantity(stored: text) == nil)
    }
}

@Suite("Decimal printing")
struct DecimalTextTests {
    @Test("the layout check passes on this toolchain (else the slow path is used)")
    func verified() { #expect(DecimalText.layoutVerified) }

    @Test("the widest mantissas (above 1.8 x 10^38) print like Foundation's")
    func widest() throws {
        for text in ["340282366920938463463374607431768211455", "-3402823669209384634633746074317682114.55",
                     "0.0340282366920938463463374607431768211455"] {
            let d = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
            var expected = d.description
            if expected.contains(".") {
                while expected.hasSuffix("0") { expected.removeLast() }
                if expected.hasSuffix(".") { expected.removeLast() }
            }
            #expect(DecimalText.render(d) == expected, "\(text)")
        }
    }

    @Test("fast printing equals Foundation's for computed values")
    func computed() throws {
        let values = ["0.1", "3", "1.25", "-7.5", "0.000000000000000001", "123456789.123456789012345678", "2.01", "1000000"]
        let qs = try values.map { try Quantity(parsing: $0) }
        for a in qs {
            for b in qs {
                for r in [a + b, a - b, a * b, (b.isZero ? a : a / b).rounded(scale: 20)] {
                    var slow = r.decimal.description
                    if slow.contains(".") {
                        while slow.hasSuffix("0") { slow.removeLast() }
                        if slow.hasSuffix(".") { slow.removeLast() }
                    }
                    if slow == "-0" { slow = "0" }
                    #expect(DecimalText.render(r.decimal) == slow, "\(a) op \(b)")
                }
            }
        }
    }
}

/// The integer form must give exactly what Foundation's Decimal gives wherever Decimal is exact, and
/// fall back to Decimal where a result does not fit.
@Suite("Quantity arithmetic against Foundation's Decimal")
struct QuantityArithmeticTests {
    static let texts = [
        "0", "1", "-1", "0.1", "0.2", "-0.3", "2.5", "-2.5", "3.5", "1250", "0.000000000000000001", "123456789.123456789",
        "99999999999999999999999999999999999999", "-99999999999999999999999999999999999999", "0.00000000000000000000000000000000000001",
        "12345678901234567890.123456789012345678", "18446744073709551616", "-18446744073709551615.5", "7", "1000000",
        "0.33333333333333333333", "4.05", "1701411834604692317.3168730371588410572",
    ]

    /// Foundation's value of a decimal, printed canonically (plain digits, no trailing fractional zeros).
    static func canonical(_ d: Decimal) -> String {
        var s = d.description
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    static func decimal(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    @Test("parsing and printing keep every digit")
    func roundTrip() throws {
        for t in Self.texts {
            let q = try Quantity(parsing: t)
            #expect(q.description == Self.canonical(Self.decimal(t)), "\(t)")
            #expect(Self.canonical(q.decimal) == Self.canonical(Self.decimal(t)), "\(t)")
            #expect(Quantity(stored: q.description) == q, "\(t)")
        }
    }

    @Test("sums, differences, products and comparisons equal Decimal's")
    func operations() throws {
        let qs = try Self.texts.map { try Quantity(parsing: $0) }
        for (i, a) in qs.enumerated() {
            for (j, b) in qs.enumerated() {
                let da = Self.decimal(Self.texts[i]), db = Self.decimal(Self.texts[j])
                #expect((a + b).description == Self.canonical(da + db), "\(a) + \(b)")
                #expect((a - b).description == Self.canonical(da - db), "\(a) - \(b)")
                #expect((a * b).description == Self.canonical(da * db), "\(a) * \(b)")
                #expect((a < b) == (da < db), "\(a) < \(b)")
                #expect((a == b) == (da == db), "\(a) == \(b)")
                if a == b { #expect(a.hashValue == b.hashValue) }
                if !b.isZero {
                    #expect((a / b).description == Self.canonical(da / db), "\(a) / \(b)")
                }
            }
        }
    }

    @Test("a value computed by Decimal and one parsed are equal and hash alike")
    func formsAgree() throws {
        let third = Quantity(exactly: 1) / Quantity(exactly: 3)
        let parsed = try Quantity(parsing: third.description)
        #expect(third == parsed)
        #expect(third.hashValue == parsed.hashValue)
        let tenth = Quantity(exactly: 1) / Quantity(exactly: 10)
        #expect(tenth == (try Quantity(parsing: "0.1")))
        #expect(Set([tenth, try Quantity(parsing: "0.10")]).count == 1)
    }

    @Test("rounding in every mode equals NSDecimalRound")
    func rounding() throws {
        let texts = ["1.5", "-1.5", "2.5", "-2.5", "0.125", "-0.125", "1.005", "123.456789", "-0.0000001", "0.5", "7",
                     "99999999999999999999999999999999999999", "-12345678901234567890.123456789012345678", "0.045"]
        let modes: [Quantity.RoundingMode] = [.plain, .bankers, .down, .up]
        for t in texts {
            let q = try Quantity(parsing: t)
            for mode in modes {
                for scale in [0, 1, 2, 3, 20] {
                    var input = Self.decimal(t), result = Decimal()
                    NSDecimalRound(&result, &input, scale, mode.foundationMode)
                    #expect(q.rounded(scale: scale, mode: mode).description == Self.canonical(result), "\(t) \(mode) \(scale)")
                }
            }
        }
    }

    @Test("a x b / c rounded once equals the Decimal route where Decimal's quotient has the digits")
    func productDividedBy() throws {
        let cases: [(String, String, String)] = [
            ("100", "1", "3"), ("250.75", "0.3", "1.7"), ("-80.4", "2", "7"), ("1234.56789012345678901234", "12.5", "37.125"),
            ("0.5", "1", "2"), ("1", "1", "6"), ("99.99", "0.000001", "0.000003"), ("5", "5", "9"),
        ]
        for (a, b, c) in cases {
            let qa = try Quantity(parsing: a), qb = try Quantity(parsing: b), qc = try Quantity(parsing: c)
            let fast = Quantity.product(qa, qb, dividedBy: qc, scale: 20)
            let slow = (qa * qb / qc).rounded(scale: 20)
            #expect(fast == slow, "\(a) x \(b) / \(c): \(fast) vs \(slow)")
        }
        // Half away from zero on an exact tie.
        #expect(Quantity.product(try Quantity(parsing: "1"), try Quantity(parsing: "1"), dividedBy: try Quantity(parsing: "8"), scale: 2)
                    .description == "0.13")
        #expect(Quantity.product(try Quantity(parsing: "-1"), try Quantity(parsing: "1"), dividedBy: try Quantity(parsing: "8"), scale: 2)
                    .description == "-0.13")
    }
}

extension Quantity.RoundingMode {
    var foundationMode: NSDecimalNumber.RoundingMode {
        switch self {
        case .plain: .plain
        case .bankers: .bankers
        case .down: .down
        case .up: .up
        }
    }
}

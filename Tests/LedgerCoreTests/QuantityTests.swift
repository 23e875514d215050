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
                                 "1234567890123456789012345678901234567890", "-", "1-", "1.-5", " ", "\u{00A0}"])
    func refused(_ input: String) {
        #expect(throws: AmountError.self) { try Quantity(parsing: input) }
    }

    @Test("each refusal names the text and what is wrong with it")
    func refusals() {
        #expect(throws: AmountError.empty) { try Quantity(parsing: "  ") }
        #expect(throws: AmountError.malformed(" 1e5")) { try Quantity(parsing: " 1e5") }
        #expect(throws: AmountError.tooPrecise("123456789012345678901234567890123456789")) {
            try Quantity(parsing: "123456789012345678901234567890123456789")
        }
        // 10^38 has 39 digits; 10^-39 has 39 after the point: neither can be held.
        #expect(throws: AmountError.tooPrecise("100000000000000000000000000000000000000")) {
            try Quantity(parsing: "100000000000000000000000000000000000000")
        }
        let tiny = "0." + String(repeating: "0", count: 38) + "1"
        #expect(throws: AmountError.tooManyFractionDigits(tiny)) { try Quantity(parsing: tiny) }
    }

    @Test("the limits: 38 digits, 38 after the point, surrounding spaces and trailing zeros aside", arguments: [
        ("99999999999999999999999999999999999999", "99999999999999999999999999999999999999"),
        ("-0.99999999999999999999999999999999999999", "-0.99999999999999999999999999999999999999"),
        ("0.00000000000000000000000000000000000001", "0.00000000000000000000000000000000000001"),
        ("1.50000000000000000000000000000000000000000000000", "1.5"),
        ("000000000000000000000000000000000000000000000012.5", "12.5"),
        ("0." + String(repeating: "0", count: 60), "0"), ("-0.000", "0"), ("\t 7 \u{2003}", "7"),
        ("10000000000000000000000000000000000000.0", "10000000000000000000000000000000000000"),
    ])
    func limits(_ input: String, _ expected: String) throws {
        #expect(try Quantity(parsing: input).description == expected)
    }

    @Test("0.1 + 0.2 - 0.3 is exactly zero")
    func exact() throws {
        let s = try Quantity(parsing: "0.1") + Quantity(parsing: "0.2") - Quantity(parsing: "0.3")
        #expect(s.isZero && s.description == "0")
    }

    @Test("a result that cannot be held is an error naming the operands, never a rounded or zero figure")
    func notExact() throws {
        let big = try Quantity(parsing: "99999999999999999999999999999999999999")
        let oneAndAHalf = try Quantity(parsing: "1.5")
        #expect(throws: AmountError.notExact(expression: "99999999999999999999999999999999999999 + 1.5")) { try big + oneAndAHalf }
        #expect(throws: AmountError.notExact(expression: "-99999999999999999999999999999999999999 - 1")) {
            try -big - Quantity(exactly: 1)
        }
        #expect(throws: AmountError.notExact(expression: "99999999999999999999999999999999999999 x 2")) { try big * Quantity(exactly: 2) }
        let tiny = try Quantity(parsing: "0.0000000000000000001")
        let tinier = try Quantity(parsing: "0.00000000000000000001")
        #expect(throws: AmountError.notExact(expression: "0.00000000000000000001 x 0.0000000000000000001")) { try tinier * tiny }
        #expect(throws: AmountError.notExact(expression: "99999999999999999999999999999999999999 / 0.1 to 0 decimal places")) {
            try big.divided(by: Quantity(parsing: "0.1"), scale: 0, rounding: .towardZero)
        }
        #expect(throws: AmountError.divisionByZero(dividend: "1.5")) { try oneAndAHalf.divided(by: .zero, scale: 2, rounding: .up) }
        #expect(throws: AmountError.divisionByZero(dividend: "1.5 x 1.5")) {
            try Quantity.product(oneAndAHalf, oneAndAHalf, dividedBy: .zero, scale: 2, rounding: .up)
        }
        // Where the 128-bit fast path overflows but the exact result fits, the result is given.
        let a = try Quantity(parsing: "17100000000000000000000000000000000000")
        let b = try Quantity(parsing: "-9999999999999999999999999999999999999.9")
        #expect(try (a + b).description == "7100000000000000000000000000000000000.1")
        #expect(try (big * Quantity(parsing: "0.1")).description == "9999999999999999999999999999999999999.9")
        #expect(try (tiny * Quantity(parsing: "0.0000000000000000001")) == (try Quantity(parsing: "0." + String(repeating: "0", count: 37) + "1")))
    }

    @Test("rounding happens only when asked, by the rule named")
    func rounding() throws {
        #expect(try Quantity(parsing: "2.675").fixed(2) == "2.68")
        #expect(try Quantity(parsing: "2.665").fixed(2, rounding: .toNearestOrEven) == "2.66")
        #expect(try Quantity(parsing: "-1.005").fixed(2) == "-1.01")
        #expect(try Quantity(parsing: "3").fixed(2) == "3.00")
        #expect(try Quantity(parsing: "-1.001").rounded(scale: 2, rounding: .towardZero).description == "-1")
        #expect(try Quantity(parsing: "-1.001").rounded(scale: 2, rounding: .awayFromZero).description == "-1.01")
    }

    @Test("division at a stated scale, rounded once from the exact quotient")
    func division() throws {
        let one = Quantity(exactly: 1), three = Quantity(exactly: 3), two = Quantity(exactly: 2)
        #expect(try one.divided(by: three, scale: 20, rounding: .toNearestOrAwayFromZero).description == "0.33333333333333333333")
        #expect(try two.divided(by: three, scale: 20, rounding: .toNearestOrAwayFromZero).description == "0.66666666666666666667")
        #expect(try two.divided(by: three, scale: 20, rounding: .towardZero).description == "0.66666666666666666666")
        #expect(try (-two).divided(by: three, scale: 2, rounding: .down).description == "-0.67")
        #expect(try (-two).divided(by: three, scale: 2, rounding: .up).description == "-0.66")
        #expect(try one.divided(by: Quantity(exactly: 8), scale: 2, rounding: .toNearestOrEven).description == "0.12")
        #expect(try Quantity(exactly: 3).divided(by: Quantity(exactly: 8), scale: 2, rounding: .toNearestOrEven).description == "0.38")
        #expect(try one.divided(by: Quantity(parsing: "0.001"), scale: 38, rounding: .up).description == "1000")
        // 10^37 x 10^-37 / 3 at 38 places: a 75-digit numerator, divided on 256 bits.
        let e37 = try Quantity(parsing: "10000000000000000000000000000000000000")
        let em37 = try Quantity(parsing: "0.0000000000000000000000000000000000001")
        #expect(try Quantity.product(e37, em37, dividedBy: three, scale: 37, rounding: .toNearestOrAwayFromZero).description
                    == "0." + String(repeating: "3", count: 37))
        #expect(try Quantity.product(e37, e37, dividedBy: e37, scale: 0, rounding: .up) == e37)
        #expect(try e37.multiplied(by: em37, scale: 0, rounding: .up) == one)
        #expect(try Quantity(parsing: "0.125").multiplied(by: Quantity(parsing: "0.1"), scale: 3, rounding: .toNearestOrEven).description == "0.012")
    }

    @Test("a tie is a tie only when nothing was cut before it")
    func ties() throws {
        // 0.0151 / 3 = 0.005033...: the digits cut at 2 places are 50 (a tie) after a remainder of
        // 1/3, so the value is above half way: half even rounds up to 0.01.
        #expect(try Quantity(parsing: "0.0151").divided(by: Quantity(exactly: 3), scale: 2, rounding: .toNearestOrEven).description == "0.01")
        // 0.015 / 3 = 0.005: an exact tie, half even keeps 0.00, half away gives 0.01.
        #expect(try Quantity(parsing: "0.015").divided(by: Quantity(exactly: 3), scale: 2, rounding: .toNearestOrEven).description == "0")
        #expect(try Quantity(parsing: "0.015").divided(by: Quantity(exactly: 3), scale: 2, rounding: .toNearestOrAwayFromZero).description == "0.01")
        // 1 x 0.5 / 1 at 0 places: a tie from the product's own digits; 2.5 and 3.5 round to even.
        #expect(try Quantity.product(Quantity(exactly: 1), Quantity(parsing: "2.5"), dividedBy: Quantity(exactly: 1), scale: 0,
                                     rounding: .toNearestOrEven).description == "2")
        #expect(try Quantity.product(Quantity(exactly: 7), Quantity(parsing: "0.5"), dividedBy: Quantity(exactly: 1), scale: 0,
                                     rounding: .toNearestOrEven).description == "4")
        // (5 x 10^-38)^2 = 2.5 x 10^-75: at 38 places one step of 10^38 is cut, at 0 places two.
        let e37 = try Quantity(parsing: "10000000000000000000000000000000000000")
        let tiny = try Quantity(parsing: "0.00000000000000000000000000000000000005")
        for scale in [38, 0] {
            #expect(try Quantity.product(tiny, tiny, dividedBy: Quantity(exactly: 1), scale: scale, rounding: .up)
                        == Quantity(significand: 1, fractionDigits: scale))
            #expect(try Quantity.product(tiny, tiny, dividedBy: Quantity(exactly: 1), scale: scale, rounding: .toNearestOrAwayFromZero).isZero)
            #expect(try Quantity.product(-tiny, tiny, dividedBy: Quantity(exactly: 1), scale: scale, rounding: .down)
                        == -Quantity(significand: 1, fractionDigits: scale))
        }
        #expect(try Quantity.product(e37, tiny, dividedBy: Quantity(exactly: 1), scale: 0, rounding: .toNearestOrEven).description == "0")
        #expect(try Quantity.product(e37, tiny, dividedBy: Quantity(parsing: "0.1"), scale: 0, rounding: .toNearestOrEven).description == "5")
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

/// Every quantity has one form, so a value printed and parsed again is the same value.
@Suite("Quantity from stored text")
struct StoredQuantityTests {
    @Test("the stored text gives exactly what the strict parser gives", arguments: [
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
            for fraction in [0, 1, 2, 3, 9, 18, 19, 20, 30, 38] {
                let digits = String(s.magnitude)
                let padded = String(repeating: "0", count: max(0, fraction + 1 - digits.count)) + digits
                let cut = padded.index(padded.endIndex, offsetBy: -fraction)
                let text = (s < 0 ? "-" : "") + padded[..<cut] + (fraction > 0 ? "." + padded[cut...] : "")
                let built = Quantity(significand: s, fractionDigits: fraction)
                let parsed = try Quantity(parsing: text)
                #expect(built == parsed, "\(text)")
                #expect(built.description == parsed.description, "\(text)")
            }
        }
    }

    @Test("text that is not a plain decimal is refused", arguments: ["", "1.", "-", "1e5", "1,0", "abc", "--1", " 1", "1 "])
    func refused(_ text: String) {
        #expect(Quantity(stored: text) == nil)
    }
}

@Suite("Whole numbers out of quantities")
struct QuantityIntTests {
    @Test("only a whole number that fits converts", arguments: [("12", 12), ("-3", -3), ("0", 0), ("1.5", nil),
                                                                 ("99999999999999999999", nil)] as [(String, Int?)])
    func convert(_ text: String, _ expected: Int?) throws {
        #expect(Int(exactly: try Quantity(parsing: text)) == expected)
    }
}

import LedgerCore
@testable import LedgerFormats
import Testing

@Suite("Report scales, ticks and number text")
struct ReportScaleTests {
    func q(_ s: String) -> Quantity { ReportFixtures.q(s) }
    func texts(_ qs: [Quantity]) -> [String] { qs.map(\.description) }

    @Test("nice steps are 1, 2 or 5 times a power of ten", arguments: [
        ("10", 5, "2"), ("1", 5, "0.2"), ("0.3", 5, "0.05"), ("2512.5", 5, "500"), ("7", 5, "1"),
        ("100", 10, "10"), ("37", 5, "10"), ("0.000123", 4, "0.00002"), ("99999999999", 5, "20000000000"),
    ])
    func steps(span: String, count: Int, step: String) {
        #expect(NiceTicks.step(span: q(span), count: count).description == step)
    }

    @Test("linear ticks are exact decimals, start at or below the data and end at or above it", arguments: [
        (["0.1", "0.3"], true, ["0", "0.05", "0.1", "0.15", "0.2", "0.25", "0.3"]),
        (["2512.5"], true, ["0", "500", "1000", "1500", "2000", "2500", "3000"]),
        (["-80.4", "1005"], true, ["-200", "0", "200", "400", "600", "800", "1000", "1200"]),
        (["0"], true, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        (["10.05", "10.25"], false, ["10.05", "10.1", "10.15", "10.2", "10.25"]),
        (["5"], false, ["0", "2", "4", "6", "8", "10"]),
    ])
    func linearTicks(values: [String], includeZero: Bool, ticks: [String]) {
        let s = LinearScale(covering: values.map(q), from: 0, to: 100, includeZero: includeZero)
        #expect(texts(s.ticks) == ticks)
        #expect(s.lower == s.ticks.first && s.upper == s.ticks.last)
        for v in values.map(q) { #expect(s.lower <= v && v <= s.upper) }
    }

    @Test("linear positions map the domain onto the range, inverted for a y axis")
    func linearPositions() {
        let s = LinearScale(covering: [q("0"), q("100")], from: 200, to: 0)
        #expect(s.position(q("0")) == 200)
        #expect(s.position(q("100")) == 0)
        #expect(s.position(q("25")) == 150)
    }

    @Test("log scale: powers of ten around the data, minor ticks on short spans, no position for zero")
    func logScale() throws {
        let s = try #require(LogScale(covering: [q("65"), q("26869"), q("0")], from: 0, to: 400))
        #expect(s.lowerExponent == 1 && s.upperExponent == 5)
        #expect(texts(s.ticks) == ["10", "100", "1000", "10000", "100000"])
        #expect(s.minorTicks.isEmpty)
        #expect(s.position(q("1000")) == 200)
        #expect(s.position(.zero) == nil && s.position(q("-3")) == nil)
        let short = try #require(LogScale(covering: [q("0.02"), q("0.5")], from: 0, to: 100))
        #expect(texts(short.ticks) == ["0.01", "0.1", "1"])
        #expect(texts(short.minorTicks) == ["0.02", "0.05", "0.2", "0.5"])
        // Exactly a power of ten: the domain starts on it, and one value still spans a decade.
        let one = try #require(LogScale(covering: [q("100")], from: 0, to: 100))
        #expect(one.lowerExponent == 2 && one.upperExponent == 3)
        #expect(LogScale(covering: [q("0"), q("-1")], from: 0, to: 1) == nil)
    }

    @Test("coordinates print with at most two decimals, half away from zero, never -0 or an exponent", arguments: [
        (12.5, "12.5"), (300, "300"), (-4.25, "-4.25"), (0.004, "0"), (-0.004, "0"), (1.006, "1.01"), (0.125, "0.13"), (2.999, "3"),
        (1e-20, "0"), (123456.789, "123456.79"), (.infinity, "0"), (0.1 + 0.2, "0.3"), (-0.5, "-0.5"), (7.07, "7.07"),
    ])
    func coordinates(value: Double, text: String) {
        #expect(ChartNumber.coordinate(value) == text)
    }

    @Test("money labels are exact decimals rounded to cents at one named point", arguments: [
        ("1234.565", "$1,234.57"), ("-3.1", "-$3.10"), ("0", "$0.00"), ("-0.004", "$0.00"), ("1000000", "$1,000,000.00"),
        ("0.005", "$0.01"), ("99999999999999999999999999999.99", "$99,999,999,999,999,999,999,999,999,999.99"),
    ])
    func money(value: String, text: String) {
        #expect(MoneyText.usd(q(value)) == text)
    }

    @Test("unknown money is a dash, never zero")
    func unknownMoney() {
        #expect(MoneyText.usd(nil) == "-")
        #expect(ChartMath.total([q("1"), nil, q("2")]) == nil)
        #expect(ChartMath.total([q("1"), q("2.5")]) == q("3.5"))
    }

    @Test("compact tick labels", arguments: [
        ("2500", "2.5k"), ("1200000", "1.2M"), ("0.05", "0.05"), ("-500", "-500"), ("0", "0"), ("3000000000", "3B"), ("100000", "100k"),
    ])
    func compact(value: String, text: String) {
        #expect(MoneyText.compact(q(value)) == text)
        #expect(MoneyText.usdCompact(q(value)) == (text.hasPrefix("-") ? "-$" + text.dropFirst() : "$" + text))
    }

    @Test("weeks start on Monday, months on the 1st; periods cover both ends")
    func periods() {
        let d = ReportFixtures.d
        #expect(TimeUnit.week.start(of: d("2024-03-10")) == d("2024-03-04")) // a Sunday
        #expect(TimeUnit.week.start(of: d("2024-03-04")) == d("2024-03-04")) // a Monday
        #expect(TimeUnit.week.start(of: d("1970-01-01")) == d("1969-12-29"))
        #expect(TimeUnit.month.next(d("2024-12-01")) == d("2025-01-01"))
        #expect(TimeUnit.month.periods(from: d("2024-01-31"), through: d("2024-03-01")).map(\.description) == ["2024-01-01", "2024-02-01", "2024-03-01"])
        #expect(TimeUnit.fitting(from: d("2024-01-01"), through: d("2024-01-31"), maxPeriods: 60) == .day)
        #expect(TimeUnit.fitting(from: d("2024-01-01"), through: d("2024-10-31"), maxPeriods: 60) == .week)
        #expect(TimeUnit.fitting(from: d("2022-01-01"), through: d("2024-10-31"), maxPeriods: 60) == .month)
    }

    @Test("time ticks are round dates, at most the number asked for")
    func timeTicks() {
        let d = ReportFixtures.d
        let months = TimeScale(from: d("2024-04-20"), through: d("2024-09-10"), start: 0, end: 100)
        #expect(months.ticks.map(\.label) == ["May 2024", "Jun", "Jul", "Aug", "Sep"])
        let years = TimeScale(from: d("2019-06-01"), through: d("2024-06-01"), start: 0, end: 100)
        #expect(years.ticks.map(\.label) == ["2020", "2021", "2022", "2023", "2024"])
        let days = TimeScale(from: d("2024-12-30"), through: d("2025-01-03"), start: 0, end: 100)
        #expect(days.ticks.map(\.label) == ["30 Dec 2024", "31 Dec", "1 Jan 2025", "2 Jan", "3 Jan"])
        #expect(days.position(d("2024-12-30")) == 0 && days.position(d("2025-01-03")) == 100)
    }
}

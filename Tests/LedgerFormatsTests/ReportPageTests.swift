import Foundation
import LedgerCore
@testable import LedgerFormats
import Testing

@Suite("Report page and markup")
struct ReportPageTests {
    static let hostile = "x\" onmouseover=\"alert(1)' <script>alert(2)</script> & \u{0}\u{7}\u{FFFE}"

    @Test("text and attribute values are escaped; characters XML forbids are replaced")
    func escaping() {
        #expect(Markup.escape("a<b>&\"c'") == "a&lt;b&gt;&amp;&quot;c&#39;")
        #expect(Markup.escape("tab\tnew\nline") == "tab\tnew\nline")
        #expect(Markup.escape("nul\u{0}bell\u{7}del\u{7F}") == "nul\u{FFFD}bell\u{FFFD}del\u{FFFD}")
        var m = Markup()
        m.element("p", ["class": Self.hostile], text: Self.hostile)
        #expect(!m.text.contains("<script>") && !m.text.contains("\" onmouseover"))
        #expect(m.text.hasPrefix("<p class=\"x&quot; onmouseover=&quot;alert(1)&#39; &lt;script&gt;"))
    }

    /// A report whose every user-named field holds markup.
    static func hostileReport() -> FarmReport {
        let d = ReportFixtures.d, q = ReportFixtures.q
        let periods = TimeUnit.month.periods(from: d("2024-01-01"), through: d("2024-03-01"))
        return FarmReport(
            title: "report " + hostile, generatedAt: Instant(seconds: 1_735_646_400), scope: ["Wallet '\(hostile)' only."],
            holdings: HoldingsValueInput(unit: .month, periods: periods, assets: [.init(symbol: hostile, valuesUsd: [q("1"), nil, q("3")])], priceRule: "rule"),
            projects: ProjectReturnsInput(projects: [.init(slug: hostile, claimed: true, costsUsd: q("2"), expectedUsd: nil, expectedLowUsd: nil,
                                                           expectedHighUsd: nil, receivedUsd: nil, realizedUsd: nil, netUsd: nil, roi: nil)]),
            activity: WalletActivityInput(unit: .month, periods: periods, wallets: [.init(label: hostile, burned: true, counts: [1, 0, 5])]),
            deadlines: DeadlinesInput(today: d("2024-02-15"), deadlines: [.init(date: d("2024-03-01"), project: hostile, wallet: hostile, amount: "1 X")]),
            tax: TaxYearInput(year: 2024, policy: "p", rules: [hostile], incomeByProject: [Subtotal(key: hostile, usd: q("5"))],
                              shortTerm: TermTotals(proceeds: q("10"), costBasis: q("4"), gain: q("6")), longTerm: .zero, disposalCount: 1,
                              largestDisposals: [.init(date: d("2024-02-01"), amount: "1 X", wallet: hostile, term: "short",
                                                       proceedsUsd: q("10"), costBasisUsd: q("4"), gainUsd: q("6"))],
                              farmingCostsUsd: q("2")),
            backtest: BacktestInput(rows: [.init(slug: hostile, predictedUsd: q("10"), actualUsd: q("20"))], scores: [hostile]))
    }

    @Test("user text cannot open a tag, an attribute or a script anywhere in the page")
    func hostileNames() {
        let html = Self.hostileReport().html()
        #expect(!html.contains("<script"))
        #expect(!html.contains("\" onmouseover"))
        #expect(!html.contains("\u{0}") && !html.contains("\u{7}"))
        #expect(html.contains("x&quot; onmouseover=&quot;alert(1)&#39; &lt;script&gt;alert(2)&lt;/script&gt; &amp;"))
    }

    @Test("the page is self-contained: no script, no external reference, a policy forbidding any")
    func selfContained() {
        let html = Self.hostileReport().html()
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src data:\">"))
        #expect(!html.contains("<script") && !html.contains("<link") && !html.contains("<img") && !html.contains("@import"))
        // The only URL is the SVG namespace, which is a name, not a request.
        let urls = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(urls.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") || $0.hasPrefix("-equiv") })
    }

    @Test("ids are unique in the page; every figure has a caption, a title, a description and a table")
    func structure() throws {
        let html = Self.hostileReport().html()
        let ids = html.components(separatedBy: " id=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(Set(ids).count == ids.count, "duplicate ids: \(ids.sorted())")
        let figures = html.components(separatedBy: "<figure ").count - 1
        #expect(figures == 8)
        #expect(html.components(separatedBy: "<figcaption").count - 1 == figures)
        #expect(html.components(separatedBy: "<svg ").count - 1 == figures)
        #expect(html.components(separatedBy: "<desc ").count - 1 == figures)
        #expect(html.components(separatedBy: "<table>").count - 1 == figures)
    }

    @Test("an unpriced period is a gap marked ? and a dash in the table, never $0.00")
    func gaps() {
        let s = Self.hostileReport().holdings.section()
        let f = s.figures[0]
        #expect(f.table.rows[1].suffix(2) == ["-", "-"])
        #expect(f.svg.text.contains(">?</text>"))
        #expect(f.description.contains("1 period has a value unknown"))
    }

    @Test("empty ledgers give sections that say how to get data")
    func empty() {
        let d = ReportFixtures.d
        let report = FarmReport(
            title: "t", generatedAt: Instant(seconds: 0), scope: [],
            holdings: HoldingsValueInput(unit: .month, periods: [], assets: [], priceRule: ""), projects: ProjectReturnsInput(projects: []),
            activity: WalletActivityInput(unit: .week, periods: [], wallets: []), deadlines: DeadlinesInput(today: d("2024-01-01"), deadlines: []),
            tax: TaxYearInput(year: 2024, policy: "p", rules: [], incomeByProject: [], shortTerm: .zero, longTerm: .zero, disposalCount: 0,
                              largestDisposals: [], farmingCostsUsd: .zero),
            backtest: BacktestInput(rows: [], scores: []))
        let doc = report.document()
        #expect(doc.sections.allSatisfy { $0.figures.isEmpty && $0.empty != nil })
        #expect(report.html().contains("<p class=\"empty\">No holdings yet"))
    }
}

@Suite("Report section limits")
struct ReportSectionLimitTests {
    @Test("more assets than series: the largest are drawn, the rest summed exactly, unknown where any is unknown")
    func otherAssets() {
        let q = ReportFixtures.q
        let periods = TimeUnit.month.periods(from: ReportFixtures.d("2024-01-01"), through: ReportFixtures.d("2024-02-01"))
        var assets = (1...10).map { HoldingsValueInput.Asset(symbol: "A\($0)", valuesUsd: [q(String($0)), q(String($0 * 10))]) }
        assets[0].valuesUsd[1] = nil // A1, the smallest, unknown in February
        let input = HoldingsValueInput(unit: .month, periods: periods, assets: assets, priceRule: "r")
        let drawn = input.drawnAssets()
        #expect(drawn.count == HoldingsValueInput.maxSeries)
        #expect(drawn.map(\.symbol) == ["A4", "A5", "A6", "A7", "A8", "A9", "A10", "other (3 assets)"])
        #expect(drawn.last?.valuesUsd == [q("6"), nil])
        let table = input.section().figures[0].table
        #expect(table.rows[0].last == "$55.00" && table.rows[1].last == "-")
    }
}

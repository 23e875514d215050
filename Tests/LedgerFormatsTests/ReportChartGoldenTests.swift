// Golden SVG files of every chart type for fixed data: Fixtures/report/<name>.svg. The test renders
// each chart and compares the whole file; RECORD_GOLDENS=1 rewrites them instead (review the diff:
// every changed coordinate is a claim about the picture).
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LedgerCore
@testable import LedgerFormats
import Testing

enum ReportFixtures {
    static func q(_ s: String) -> Quantity { (try? Quantity(parsing: s)) ?? .zero }
    static func d(_ s: String) -> CivilDate { (try? CivilDate(parsing: s)) ?? CivilDate(daysSinceEpoch: 0) }

    static var stacked: StackedBarChart {
        let periods = ["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"].map(d)
        return StackedBarChart(
            text: ChartText(title: "Holdings value by asset", caption: "Value at each month's end."),
            unit: .month, periods: periods,
            series: [
                .init(name: "USDC", values: ["500", "500", "750", "750", "750", "1000"].map { Optional(q($0)) }),
                .init(name: "ETH", values: [q("1200.5"), q("1500"), q("2100.25"), nil, q("1800"), q("1650.75")]),
                .init(name: "STRK", values: [q("0"), q("0"), q("2410.5"), q("1800"), q("1210.33"), q("950")]),
            ])
    }

    static var grouped: GroupedBarChart {
        GroupedBarChart(
            text: ChartText(title: "Costs and returns per project", caption: "Costs drawn leftward."),
            measures: [
                .init(name: "Costs", colour: Palette.Measure.costs, drawnNegative: true),
                .init(name: "Expected", colour: Palette.Measure.expected),
                .init(name: "Received", colour: Palette.Measure.received),
                .init(name: "Net", colour: Palette.Measure.net),
            ],
            rows: [
                .init(label: "starknet", values: [.init(q("84.12")), .init(nil), .init(q("2512.5")), .init(q("2428.38"))]),
                .init(label: "scroll", values: [.init(q("40.6")), .init(q("310"), low: q("120"), high: q("905.5")), .init(nil), .init(q("269.4"))]),
                .init(label: "a <very> \"long\" project name & more", values: [.init(q("250")), .init(q("12.5"), low: q("2"), high: q("40")), .init(q("0")), .init(q("-237.5"))]),
            ])
    }

    static var heatmap: CalendarHeatmap {
        let periods = TimeUnit.week.periods(from: d("2024-03-04"), through: d("2024-05-06"))
        return CalendarHeatmap(
            text: ChartText(title: "Activity per wallet", caption: "Weeks start on Monday."),
            unit: .week, periods: periods,
            rows: [
                .init(label: "main", burned: false, counts: [1, 0, 3, 3, 0, 0, 8, 1, 0, 20]),
                .init(label: "farm-02", burned: true, counts: [1, 0, 3, 2, 0, 0, 9, 1]),
                .init(label: "cold", burned: false, counts: [0, 0, 0, 0, 0, 4, 0, 0, 0, 0]),
            ])
    }

    static var timeline: EventTimeline {
        EventTimeline(
            text: ChartText(title: "Claim deadlines", caption: "Nearest first."),
            today: d("2024-06-15"),
            events: [
                .init(date: d("2024-06-20"), label: "zksync · main", detail: "1500 ZK"),
                .init(date: d("2024-09-01"), label: "layerzero · cold", detail: "312.5 ZRO"),
                .init(date: d("2024-05-01"), label: "starknet · farm-02", detail: "1250 STRK"),
                .init(date: nil, label: "scroll · main", detail: "80 SCR"),
            ])
    }

    static var scatter: LogScatter {
        LogScatter(
            text: ChartText(title: "Backtest: predicted against actual", caption: "Both axes logarithmic."),
            xTitle: "Actual", yTitle: "Predicted",
            points: [
                .init(label: "arbitrum", x: q("1859"), y: q("2400")),
                .init(label: "optimism", x: q("1200"), y: q("310.5")),
                .init(label: "uniswap", x: q("1400"), y: q("1399")),
                .init(label: "blur", x: q("3100"), y: q("9000")),
                .init(label: "ens", x: q("16000"), y: q("2100")),
                .init(label: "zero", x: q("0"), y: q("55")),
            ])
    }

    static func all() throws -> [(name: String, figure: Figure)] {
        [("stacked-bars", try stacked.figure(id: "f1")), ("grouped-bars", try grouped.figure(id: "f2")),
         ("calendar-heatmap", heatmap.figure(id: "f3")), ("event-timeline", timeline.figure(id: "f4")),
         ("log-scatter", try scatter.figure(id: "f5"))]
    }

    static var folder: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/report")
    }
}

@Suite("Report chart goldens")
struct ReportChartGoldenTests {
    @Test("each chart's SVG equals its golden file", arguments: try ReportFixtures.all().map(\.name))
    func golden(_ name: String) throws {
        guard let figure = try ReportFixtures.all().first(where: { $0.name == name })?.figure else {
            Issue.record("no chart named \(name)")
            return
        }
        let text = figure.svg.text + "\n"
        let url = ReportFixtures.folder.appendingPathComponent(name + ".svg")
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: ReportFixtures.folder, withIntermediateDirectories: true)
            let before = try? String(contentsOf: url, encoding: .utf8)
            try Data(text.utf8).write(to: url)
            // A recording run fails, so no run both writes and passes.
            if before != text { Issue.record("re-recorded \(name).svg: review its diff, then run the tests again without RECORD_GOLDENS") }
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name).svg differs from the rendered chart; re-record with RECORD_GOLDENS=1 and review the diff")
    }

    @Test("every chart is well-formed XML with a title and a description", arguments: try ReportFixtures.all().map(\.name))
    func wellFormed(_ name: String) throws {
        guard let figure = try ReportFixtures.all().first(where: { $0.name == name })?.figure else { return }
        let parser = XMLParser(data: Data(figure.svg.text.utf8))
        #expect(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "")")
        #expect(figure.svg.text.contains("<title id=\"\(figure.id)-title\">"))
        #expect(figure.svg.text.contains("<desc id=\"\(figure.id)-desc\">"))
        #expect(!figure.description.isEmpty && !figure.table.rows.isEmpty)
    }

    @Test("rendering twice gives the same bytes")
    func deterministic() throws {
        #expect(try ReportFixtures.all().map(\.figure) == ReportFixtures.all().map(\.figure))
    }
}

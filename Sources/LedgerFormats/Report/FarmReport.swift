// The farm report: one self-contained HTML page of charts (issue 17). The folder's layers:
// - Charts/: our own small SVG chart layer (scales, axes, stacked/grouped bars, calendar heat map,
//   time line, log-log scatter), pure functions of plain values; exact values are turned into
//   coordinates only for drawing (`ChartNumber`), labels and tables print the exact values rounded
//   at one named point (`MoneyText`).
// - Sections/: one input type per section ("what the chart needs"), each rendered to a
//   `ReportSection` with its figures, words and notes.
// - ReportPage: the HTML page (inline CSS and SVG, no script, no external resource), written by
//   `Markup`, which escapes every piece of text.
import LedgerCore

/// Everything the report shows, as plain values: a command fills these from the ledger and renders.
public struct FarmReport: Sendable, Hashable {
    public var title: String
    public var generatedAt: Instant
    /// Lines on what the report covers ("all wallets", "wallet 'main' only", "tax year 2024").
    public var scope: [String]
    public var holdings: HoldingsValueInput
    public var projects: ProjectReturnsInput
    public var activity: WalletActivityInput
    public var deadlines: DeadlinesInput
    public var tax: TaxYearInput
    public var backtest: BacktestInput

    public init(title: String, generatedAt: Instant, scope: [String], holdings: HoldingsValueInput, projects: ProjectReturnsInput,
                activity: WalletActivityInput, deadlines: DeadlinesInput, tax: TaxYearInput, backtest: BacktestInput) {
        self.title = title; self.generatedAt = generatedAt; self.scope = scope; self.holdings = holdings; self.projects = projects
        self.activity = activity; self.deadlines = deadlines; self.tax = tax; self.backtest = backtest
    }

    public func document() -> ReportDocument {
        ReportDocument(
            title: title,
            meta: ["Made \(generatedAt)."] + scope,
            sections: [holdings.section(), projects.section(), activity.section(), deadlines.section(), tax.section(), backtest.section()])
    }

    /// The page, as UTF-8 text.
    public func html() -> String { ReportPage.render(document()) }
}

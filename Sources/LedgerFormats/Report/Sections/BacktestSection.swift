import LedgerCore

/// Section input: what the backtest scatter needs. Per benchmark, the leave-one-out prediction and
/// the actual average value per recipient at launch, and the scores as `estimate --backtest` prints them.
public struct BacktestInput: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var slug: String
        public var predictedUsd: Quantity
        public var actualUsd: Quantity
        public init(slug: String, predictedUsd: Quantity, actualUsd: Quantity) {
            self.slug = slug; self.predictedUsd = predictedUsd; self.actualUsd = actualUsd
        }
    }

    public var rows: [Row]
    /// Score lines in words ("median |log10(predicted/actual)| 0.412 (baseline 0.530)", "within 2x: 7 of 16").
    public var scores: [String]

    public init(rows: [Row], scores: [String]) { self.rows = rows; self.scores = scores }

    public func section() -> ReportSection {
        let heading = "How rough the estimates are"
        guard !rows.isEmpty else {
            return ReportSection(id: "backtest", heading: heading, empty: "No benchmark with an actual value per recipient to test against.")
        }
        let chart = LogScatter(
            text: ChartText(
                title: "Backtest: predicted against actual value per recipient",
                caption: "Each point is a historical airdrop predicted from its pre-launch facts and the other airdrops only (leave-one-out). "
                    + "Both axes are logarithmic; on the diagonal the estimate was exact, above it too high. The grey band is within a factor 2."),
            xTitle: "Actual", yTitle: "Predicted",
            points: rows.map { .init(label: $0.slug, x: $0.actualUsd, y: $0.predictedUsd) })
        return ReportSection(
            id: "backtest", heading: heading,
            intro: ["Estimates of airdrops not yet received are rough ranges. This is how the same estimator did on airdrops that happened."],
            figures: [chart.figure(id: "backtest-scatter")], notes: scores)
    }
}

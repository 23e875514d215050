import LedgerCore

/// Section input: what the per-project chart needs. Farming costs, expected value (low/base/high)
/// for projects without a claim, received (claims at fair market value when received), realized
/// (proceeds - their value at receipt), net and ROI, as `airledger value` computes them.
public struct ProjectReturnsInput: Sendable, Hashable {
    public struct Project: Sendable, Hashable {
        public var slug: String
        /// Claimed: received/realized apply and the expected value does not; else the reverse.
        public var claimed: Bool
        public var costsUsd: Quantity
        /// Expected value with its band; nil when the project has no estimate (it was claimed).
        public var expectedUsd: Quantity?
        public var expectedLowUsd: Quantity?
        public var expectedHighUsd: Quantity?
        /// nil: unknown (an unpriced claim).
        public var receivedUsd: Quantity?
        public var realizedUsd: Quantity?
        public var netUsd: Quantity?
        public var roi: Quantity?

        public init(slug: String, claimed: Bool, costsUsd: Quantity, expectedUsd: Quantity?, expectedLowUsd: Quantity?, expectedHighUsd: Quantity?,
                    receivedUsd: Quantity?, realizedUsd: Quantity?, netUsd: Quantity?, roi: Quantity?) {
            self.slug = slug; self.claimed = claimed; self.costsUsd = costsUsd; self.expectedUsd = expectedUsd; self.expectedLowUsd = expectedLowUsd
            self.expectedHighUsd = expectedHighUsd; self.receivedUsd = receivedUsd; self.realizedUsd = realizedUsd
            self.netUsd = netUsd; self.roi = roi
        }
    }

    public var projects: [Project]
    /// Words on how the figures are attributed (shown under the chart).
    public var notes: [String]

    public init(projects: [Project], notes: [String] = []) { self.projects = projects; self.notes = notes }

    public func section() -> ReportSection {
        let heading = "Costs and returns per project"
        guard !projects.isEmpty else {
            return ReportSection(id: "projects", heading: heading,
                                 empty: "No project has activity, claims or costs yet: log farming with `airledger log PROJECT --wallet W --kind K`.")
        }
        let chart = GroupedBarChart(
            text: ChartText(
                title: "Costs, expected value, received, realized and net per project",
                caption: "Costs are drawn leftward from zero, everything else rightward (a loss leftward). Expected value is the estimate for projects "
                    + "without a claim, with its low-high range as a whisker. A ? is a figure that needs a missing price: unknown, not zero."),
            measures: [
                .init(name: "Costs", colour: Palette.Measure.costs, drawnNegative: true),
                .init(name: "Expected", colour: Palette.Measure.expected),
                .init(name: "Received", colour: Palette.Measure.received),
                .init(name: "Realized", colour: Palette.Measure.realized),
                .init(name: "Net", colour: Palette.Measure.net),
            ],
            rows: projects.map { p in
                GroupedBarChart.Row(label: p.slug, values: [
                    .init(p.costsUsd),
                    p.claimed ? .notApplicable : .init(p.expectedUsd, low: p.expectedLowUsd, high: p.expectedHighUsd),
                    p.claimed ? .init(p.receivedUsd) : .notApplicable,
                    p.claimed ? .init(p.realizedUsd) : .notApplicable,
                    .init(p.netUsd),
                ])
            })
        var figure = chart.figure(id: "projects-returns")
        figure.table.columns.append(.init("ROI", numeric: true))
        for i in figure.table.rows.indices where i < projects.count {
            figure.table.rows[i].append(MoneyText.percent(projects[i].roi))
        }
        return ReportSection(id: "projects", heading: heading, figures: [figure], notes: notes)
    }
}

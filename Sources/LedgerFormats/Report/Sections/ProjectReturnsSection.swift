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

    /// Projects drawn at most (those with the largest figures); the rest are named in a note.
    public static let maxProjects = 30

    public func section() -> ReportSection {
        let heading = "Costs and returns per project"
        guard !projects.isEmpty else {
            return ReportSection(id: "projects", heading: heading,
                                 empty: "No project has activity, claims or costs yet: log farming with `airledger log PROJECT --wallet W --kind K`.")
        }
        let size: (Project) -> Quantity = { p in
            [p.costsUsd, p.expectedUsd, p.receivedUsd, p.netUsd].compactMap { $0?.magnitude }.max() ?? .zero
        }
        let shownSlugs = Set(projects.sorted { size($0) != size($1) ? size($0) > size($1) : $0.slug < $1.slug }.prefix(Self.maxProjects).map(\.slug))
        let shown = projects.filter { shownSlugs.contains($0.slug) }
        let left = projects.filter { !shownSlugs.contains($0.slug) }.map(\.slug)
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
            rows: shown.map { p in
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
        for i in figure.table.rows.indices where i < shown.count {
            figure.table.rows[i].append(MoneyText.percent(shown[i].roi))
        }
        let more = left.isEmpty ? [] : ["\(left.count) smaller project\(left.count == 1 ? " is" : "s are") not drawn (see `airledger value`): \(left.joined(separator: ", "))."]
        return ReportSection(id: "projects", heading: heading, figures: [figure], notes: notes + more)
    }
}

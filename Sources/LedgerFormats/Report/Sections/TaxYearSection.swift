import LedgerCore

/// Section input: what the tax-year charts need. Income by project, short/long-term totals, the
/// largest disposals (by absolute gain), and the policy used, as `airledger tax summary` computes them.
public struct TaxYearInput: Sendable, Hashable {
    public struct Disposal: Sendable, Hashable {
        public var date: CivilDate
        /// Exact amount text, e.g. "550 ARB".
        public var amount: String
        public var wallet: String
        /// "short" or "long".
        public var term: String
        public var proceedsUsd: Quantity
        public var costBasisUsd: Quantity
        public var gainUsd: Quantity
        public init(date: CivilDate, amount: String, wallet: String, term: String, proceedsUsd: Quantity, costBasisUsd: Quantity, gainUsd: Quantity) {
            self.date = date; self.amount = amount; self.wallet = wallet; self.term = term
            self.proceedsUsd = proceedsUsd; self.costBasisUsd = costBasisUsd; self.gainUsd = gainUsd
        }
    }

    public var year: Int
    /// One line: "US, FIFO, universal basis, airdrops as income" (TaxPolicy.summary).
    public var policy: String
    /// The rules in words (TaxPolicy.rules).
    public var rules: [String]
    /// USD income per project slug (`Subtotal.key` is the slug).
    public var incomeByProject: [Subtotal]
    public var shortTerm: TermTotals
    public var longTerm: TermTotals
    public var disposalCount: Int
    /// The largest lot fractions by absolute gain, largest first.
    public var largestDisposals: [Disposal]
    public var farmingCostsUsd: Quantity
    /// Why the year cannot be computed (e.g. a claim without a price), with the fix; the section
    /// then shows this instead of charts, and the rest of the report is still written.
    public var problem: String?

    public init(year: Int, policy: String, rules: [String], incomeByProject: [Subtotal], shortTerm: TermTotals,
                longTerm: TermTotals, disposalCount: Int, largestDisposals: [Disposal], farmingCostsUsd: Quantity) {
        self.year = year; self.policy = policy; self.rules = rules; self.incomeByProject = incomeByProject
        self.shortTerm = shortTerm; self.longTerm = longTerm; self.disposalCount = disposalCount
        self.largestDisposals = largestDisposals; self.farmingCostsUsd = farmingCostsUsd
    }

    /// A tax year that could not be computed, and why.
    public static func unavailable(year: Int, policy: String, problem: String) -> TaxYearInput {
        var t = TaxYearInput(year: year, policy: policy, rules: [], incomeByProject: [], shortTerm: .zero, longTerm: .zero,
                             disposalCount: 0, largestDisposals: [], farmingCostsUsd: .zero)
        t.problem = problem
        return t
    }

    public func section() -> ReportSection {
        let heading = "Tax year \(year)"
        if let problem {
            return ReportSection(id: "tax", heading: heading, notes: ["Policy: \(policy)."],
                                 empty: "The tax year \(year) cannot be shown: \(problem)")
        }
        var figures: [Figure] = []
        if !incomeByProject.isEmpty {
            // The largest projects one by one, the rest summed (exactly) in one row.
            let limit = 20
            var rows = incomeByProject.sorted { $0.usd != $1.usd ? $0.usd > $1.usd : $0.key < $1.key }
            if rows.count > limit {
                let rest = rows[(limit - 1)...]
                let sum = rest.map(\.usd).reduce(Quantity.zero, ChartMath.plus)
                rows = Array(rows.prefix(limit - 1)) + [Subtotal(key: "other (\(rest.count) projects)", usd: sum)]
            }
            figures.append(GroupedBarChart(
                text: ChartText(title: "Airdrop income \(year) by project",
                                caption: "Claims received in \(year) at fair market value when received (ordinary income under the policy below)."),
                measures: [.init(name: "Income", colour: Palette.Measure.received)],
                rows: rows.map { .init(label: $0.key, values: [.init($0.usd)]) }).figure(id: "tax-income"))
        }
        if disposalCount > 0 {
            let total = TermTotals(proceeds: ChartMath.plus(shortTerm.proceeds, longTerm.proceeds),
                                   costBasis: ChartMath.plus(shortTerm.costBasis, longTerm.costBasis),
                                   gain: ChartMath.plus(shortTerm.gain, longTerm.gain))
            figures.append(GroupedBarChart(
                text: ChartText(title: "Short- and long-term totals \(year)",
                                caption: "Proceeds (net of sale fees), cost basis and gain (a loss leftward) of every disposal in \(year), by holding period."),
                measures: [.init(name: "Proceeds", colour: Palette.Measure.received), .init(name: "Cost basis", colour: Palette.series[1]),
                           .init(name: "Gain", colour: Palette.Measure.net)],
                rows: [("Short-term", shortTerm), ("Long-term", longTerm), ("Total", total)].map { name, t in
                    .init(label: name, values: [.init(t.proceeds), .init(t.costBasis), .init(t.gain)])
                }).figure(id: "tax-terms"))
            figures.append(GroupedBarChart(
                text: ChartText(title: "Largest disposals \(year) by gain",
                                caption: "Lot fractions disposed of in \(year) with the largest gains or losses (a loss leftward): \(largestDisposals.count) shown; "
                                    + "\(disposalCount) disposal\(disposalCount == 1 ? "" : "s") in the year."),
                measures: [.init(name: "Gain", colour: Palette.Measure.net), .init(name: "Proceeds", colour: Palette.Measure.received)],
                rows: largestDisposals.map { d in
                    .init(label: "\(d.date) \(d.amount) (\(d.wallet), \(d.term))", values: [.init(d.gainUsd), .init(d.proceedsUsd)])
                }).figure(id: "tax-disposals"))
        }
        var notes = ["Policy: \(policy)."] + rules
        notes.append("Farming costs \(year) (fees logged on activities; information, not deducted): \(MoneyText.usd(farmingCostsUsd)).")
        return ReportSection(
            id: "tax", heading: heading, figures: figures, notes: notes,
            empty: "No airdrop income and no disposals in \(year). Another year: `airledger report --year Y`.")
    }
}

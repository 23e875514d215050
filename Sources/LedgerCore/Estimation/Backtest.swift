import Foundation

/// Leave-one-out backtest of the estimator over the benchmarks.
///
/// For every benchmark with an actual average value per recipient at launch, the estimator sees
/// only that airdrop's pre-launch facts (category, raised, last private valuation, points program)
/// and the *other* benchmarks; its base per average recipient (the same rule `EstimateEngine` uses:
/// the median of the available lenses) is compared with the actual average. The naive baseline
/// predicts the median of the other benchmarks' averages. No figure of the held-out row other than
/// its pre-launch facts reaches the prediction (a test changes its outcome and checks the
/// prediction does not move). Nothing is fitted: lenses are medians of the other rows.
///
/// Scores: the median of |log10(predicted / actual)| (0 is perfect, 0.301 is a factor 2), and the
/// share of rows within a factor 2 and 3 (counted exactly, without floating point).
public enum Backtest {
    public struct Row: Sendable, Hashable {
        public let slug: String
        public let project: String
        public let category: String
        /// The pre-launch facts the estimator saw.
        public let facts: [String]
        /// Lenses that were available, with their value per average recipient.
        public let lenses: [(lens: Lens, valueUsd: Quantity)]
        public let predictedUsd: Quantity
        public let actualUsd: Quantity
        /// predicted / actual.
        public let ratio: Quantity
        public let baselineUsd: Quantity
        public let baselineRatio: Quantity

        public static func == (a: Row, b: Row) -> Bool {
            a.slug == b.slug && a.predictedUsd == b.predictedUsd && a.actualUsd == b.actualUsd && a.baselineUsd == b.baselineUsd
                && a.lenses.map(\.lens) == b.lenses.map(\.lens) && a.lenses.map(\.valueUsd) == b.lenses.map(\.valueUsd)
        }

        public func hash(into h: inout Hasher) { h.combine(slug); h.combine(predictedUsd); h.combine(actualUsd) }
    }

    public struct Score: Sendable, Hashable {
        public let count: Int
        /// Median of |log10(predicted / actual)|. Double is used here only on dimensionless ratios.
        public let medianAbsLog10: Double
        public let within2x: Int
        public let within3x: Int

        /// Shares of the rows, to `EstimateEngine.scale` digits.
        public let shareWithin2x: Quantity
        public let shareWithin3x: Quantity

        init(count: Int, medianAbsLog10: Double, within2x: Int, within3x: Int) throws(AmountError) {
            self.count = count; self.medianAbsLog10 = medianAbsLog10; self.within2x = within2x; self.within3x = within3x
            func share(_ n: Int) throws(AmountError) -> Quantity {
                count > 0 ? try Quantity(exactly: n).divided(by: Quantity(exactly: count), scale: EstimateEngine.scale,
                                                              rounding: .toNearestOrAwayFromZero) : .zero
            }
            shareWithin2x = try share(within2x)
            shareWithin3x = try share(within3x)
        }
    }

    public struct Report: Sendable, Hashable {
        public let rows: [Row]
        public let model: Score
        public let baseline: Score
        /// Benchmarks skipped because they have no actual value per recipient (slug: reason).
        public let skipped: [String]
        /// Each lens of `Lens.backtested` alone, scored on the rows where it was available, in lens
        /// order: shows which lenses carry the base and which would mislead on their own.
        public let lensScores: [(lens: Lens, score: Score)]

        public static func == (a: Report, b: Report) -> Bool {
            a.rows == b.rows && a.model == b.model && a.baseline == b.baseline && a.skipped == b.skipped
                && a.lensScores.map(\.lens) == b.lensScores.map(\.lens) && a.lensScores.map(\.score) == b.lensScores.map(\.score)
        }

        public func hash(into h: inout Hasher) { h.combine(rows); h.combine(model); h.combine(baseline) }

        /// The model's median error is lower and it is within 2x and 3x at least as often.
        public var modelBeatsBaseline: Bool {
            model.medianAbsLog10 < baseline.medianAbsLog10 && model.within2x >= baseline.within2x && model.within3x >= baseline.within3x
        }
    }

    /// Runs the backtest over `benchmarks` (rows in their given order).
    public static func run(benchmarks: [Benchmark]) throws(AmountError) -> Report {
        var rows: [Row] = []
        var skipped: [String] = []
        for (i, held) in benchmarks.enumerated() {
            guard let actual = held.averageValuePerRecipientUsd, actual.isPositive else {
                skipped.append("\(held.slug): no average value per recipient at launch")
                continue
            }
            var others = benchmarks
            others.remove(at: i)
            guard let p = try predict(held, others: others), let baseline = try baseline(others: others) else {
                skipped.append("\(held.slug): no prediction possible from the other benchmarks")
                continue
            }
            rows.append(Row(slug: held.slug, project: held.project, category: held.categoryText, facts: p.facts,
                            lenses: p.lenses, predictedUsd: p.value, actualUsd: actual, ratio: try ratio(p.value, actual),
                            baselineUsd: baseline, baselineRatio: try ratio(baseline, actual)))
        }
        var lensScores: [(lens: Lens, score: Score)] = []
        for lens in Lens.backtested {
            var ratios: [Quantity] = []
            for row in rows {
                if let l = row.lenses.first(where: { $0.lens == lens }) { ratios.append(try ratio(l.valueUsd, row.actualUsd)) }
            }
            if !ratios.isEmpty { lensScores.append((lens, try score(ratios))) }
        }
        return Report(rows: rows, model: try score(rows.map(\.ratio)), baseline: try score(rows.map(\.baselineRatio)),
                      skipped: skipped, lensScores: lensScores)
    }

    /// The estimator's base per average recipient for `held`, from its pre-launch facts only.
    public static func predict(_ held: Benchmark, others: [Benchmark]) throws(AmountError)
        -> (value: Quantity, facts: [String], lenses: [(lens: Lens, valueUsd: Quantity)])? {
        let project = preLaunchProject(held)
        let core = try EstimateEngine.averageLenses(project: project, benchmarks: others)
        let lenses = core.lenses.compactMap { l in l.averageUsd.map { (lens: l.lens, valueUsd: $0) } }
        guard let v = try EstimateEngine.median(lenses.map(\.valueUsd)) else { return nil }
        var facts = ["category \(held.categoryText)"]
        facts.append(held.raisedBeforeTgeUsd.map { "raised \($0) USD" } ?? "raised unknown")
        facts.append(held.lastPrivateValuationUsd.map { "last valuation \($0) USD" } ?? "valuation unknown")
        facts.append(held.pointsProgram.map { $0 ? "points program" : "no points program" } ?? "points program unknown")
        return (v, facts, lenses)
    }

    /// A project built from a benchmark's pre-launch facts only: never its outcome (FDV, price,
    /// recipients, tokens, values). The points-program flag is carried in the notes; no lens uses it
    /// without a points pool and totals, which the benchmarks do not record.
    static func preLaunchProject(_ b: Benchmark) -> Project {
        Project(slug: "backtest-\(b.slug)", name: b.project, status: .confirmed, category: b.category ?? .other,
                raisedUsd: b.raisedBeforeTgeUsd, valuationUsd: b.lastPrivateValuationUsd,
                notes: b.pointsProgram.map { $0 ? "points program" : "no points program" })
    }

    /// The naive baseline: the median of the other benchmarks' average values per recipient.
    public static func baseline(others: [Benchmark]) throws(AmountError) -> Quantity? {
        try EstimateEngine.median(others.compactMap(\.averageValuePerRecipientUsd))
    }

    /// predicted / actual, to `EstimateEngine.scale` digits.
    static func ratio(_ predicted: Quantity, _ actual: Quantity) throws(AmountError) -> Quantity {
        try predicted.divided(by: actual, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
    }

    static func score(_ ratios: [Quantity]) throws(AmountError) -> Score {
        // Double on dimensionless ratios only (predicted / actual), for the logarithm.
        let logs = ratios.map { abs($0.log10Magnitude) }.sorted()
        let med: Double
        if logs.isEmpty {
            med = 0
        } else if logs.count % 2 == 1 {
            med = logs[logs.count / 2]
        } else {
            med = (logs[logs.count / 2 - 1] + logs[logs.count / 2]) / 2
        }
        func within(_ k: Int) throws(AmountError) -> Int {
            let f = Quantity(exactly: k)
            var n = 0
            for r in ratios where r <= f {
                if Quantity(exactly: 1) <= (try r * f) { n += 1 }
            }
            return n
        }
        return try Score(count: ratios.count, medianAbsLog10: med, within2x: try within(2), within3x: try within(3))
    }
}

private extension Quantity {
    /// log10(|self|) of a dimensionless ratio (-infinity for zero): the significand converted to
    /// Double (correctly rounded), less the scale.
    var log10Magnitude: Double { log10(Double(significand.magnitude)) - Double(scale) }
}

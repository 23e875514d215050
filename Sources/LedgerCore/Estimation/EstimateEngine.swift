import Foundation

/// Why the estimator works the way it does (DESIGN.md, Estimation):
///
/// Value if the airdrop happens is looked at through several lenses side by side, each a value per
/// *average* recipient at launch prices (the benchmarks record averages; none records a median):
/// - `like-arbitrum`, `like-uniswap`: what those airdrops paid the average recipient at launch;
/// - `category-median`: the median over benchmarks of the project's category (needs 2 or more);
/// - `all-median`: the median over all benchmarks;
/// - `valuation-model`: expected FDV x airdrop share / expected recipients, where expected FDV is the
///   user's figure, else last valuation x the benchmarks' median FDV-to-valuation multiple, else
///   raised x the median FDV-to-raised multiple; share and recipients are the user's, else the
///   benchmarks' medians;
/// - `points-share` (per wallet): expected FDV x points pool (share of supply) x the wallet's points
///   / total points, when all are known.
///
/// Base: the points share when known (the wallet's own claim on a published pool); else the
/// valuation model when the user gave expected FDV, airdrop share or expected recipients (they know
/// something the benchmarks do not); else the median of the available lenses. That last rule is
/// what `Backtest` measures, leaving each benchmark out in turn.
///
/// Median recipient, not average: the typical eligible wallet gets base x 1,250 / 1,858.8 (Arbitrum's
/// 3-point tier over its average allocation, 0.672; Uniswap's median grant 400 over its average
/// 596.3 UNI is 0.671). A wallet with logged activity is scored on Arbitrum's published rules
/// (without the Nitro halving) and gets base x its tier's ARB / 1,858.8, within the tier spread:
/// below 3 points the smallest paid allocation (625 ARB, x0.336), at 12+ points 10,250 (x5.51).
/// When the wallet has a points reading and the project's total points are known (but not the
/// pool, so no points share), points replace the activity rules: points programs pay pro rata, so
/// the factor is the wallet's points over the average recipient's (total points / recipients),
/// kept within the same spread (x0.336 to x5.51).
///
/// Low / high: base x the benchmarks' lower and upper quartile over their median (the spread
/// history actually showed); for the points share and the user's valuation model, x0.5 / x1.5 (the
/// FDV band of the benchmarks' method note).
///
/// Expected value = probability x base. Costs to date = fees logged (USD). ROI = (EV - costs) / costs.
///
/// Precision: estimates are approximate figures, so every quotient, and every product with a
/// quotient among its factors, keeps `scale` (20) fractional digits, rounded half away from zero
/// where it is computed; sums stay exact. A figure that still cannot be held (more than 38 digits)
/// is an error naming its inputs, never a rounded one.
public enum EstimateEngine {
    /// Fractional digits kept on quotients and on products of quotients (see above).
    public static let scale = 20
    static let half = Quantity(significand: 5, fractionDigits: 1)
    static let oneAndAHalf = Quantity(significand: 15, fractionDigits: 1)

    public static func estimate(project: Project, benchmarks: [Benchmark],
                                wallets: [(label: String, summary: WalletActivitySummary)],
                                policy: EstimatePolicy = .standard, now: Instant) throws(AmountError) -> ProjectEstimate {
        var explain: [String] = ["estimate for \(project.slug) as of \(now), at launch prices"]

        // Probability.
        let probability: Quantity
        if let p = project.probability {
            probability = p
            explain.append("probability \(p): the project's own setting")
        } else {
            probability = policy.probability(for: project.status)
            explain.append("probability \(probability): default for status '\(project.status.rawValue)' (confirmed 0.9, likely 0.6, possible 0.3, speculative 0.1, launched 1, ended 0); set the project's probability to override")
        }

        // Lenses, per average recipient.
        let core = try averageLenses(project: project, benchmarks: benchmarks)
        explain += core.explanation
        let available = core.lenses.compactMap { l in l.averageUsd.map { (l.name, $0) } }
        let userValuation = project.expectedFdvUsd != nil || project.airdropShare != nil || project.expectedRecipients != nil
        var baseAverage: Quantity?
        var baseLens = "none"
        var band: (low: Quantity, high: Quantity) = (.zero, .zero)
        if userValuation, let v = core.lenses.first(where: { $0.lens == .valuationModel })?.averageUsd {
            baseAverage = v
            baseLens = Lens.valuationModel.name
            band = (half, oneAndAHalf)
            explain.append("base: the valuation model, because you set \([project.expectedFdvUsd.map { _ in "expected FDV" }, project.airdropShare.map { _ in "airdrop share" }, project.expectedRecipients.map { _ in "expected recipients" }].compactMap { $0 }.joined(separator: ", ")): \(v.fixed(2)) USD per average recipient; low/high x0.5/x1.5 (FDV band)")
        } else if let m = try median(available.map(\.1)) {
            baseAverage = m
            baseLens = "median-of-lenses"
            band = core.spread
            explain.append("base: the median of \(available.count) lenses (\(available.map { "\($0.0) \($0.1.fixed(2))" }.joined(separator: ", "))) = \(m.fixed(2)) USD per average recipient; this rule is the one the leave-one-out backtest measures")
            explain.append("low/high: base x \(core.spread.low.rounded(scale: 4)) / x \(core.spread.high.rounded(scale: 4)), the benchmarks' lower/upper quartile over their median")
        } else {
            explain.append("no lens has the figures it needs: add the project's raised or valuation, or expected FDV, share and recipients")
        }

        let typical = try policy.typicalMultiplier
        explain.append("typical eligible wallet (the median recipient): base x \(typical.rounded(scale: 4)) = Arbitrum's 3-point tier \(policy.typicalTokens) / average \(policy.adjustmentAverageTokens) ARB (Uniswap's median 400 / average 596.3 UNI is 0.671)")

        func times(_ a: Quantity, _ b: Quantity) throws(AmountError) -> Quantity {
            try a.multiplied(by: b, scale: scale, rounding: .toNearestOrAwayFromZero)
        }
        func lensValues(multiplier: Quantity) throws(AmountError) -> [EstimateLens] {
            try core.lenses.map { (l) throws(AmountError) -> EstimateLens in
                EstimateLens(lens: l.lens, title: l.title, averageUsd: l.averageUsd,
                             valuePerWalletUsd: try l.averageUsd.map { (a) throws(AmountError) in try times(a, multiplier) },
                             inputs: l.inputs, note: l.note)
            }
        }
        func valueBand(_ avg: Quantity?, _ multiplier: Quantity) throws(AmountError) -> ValueBand {
            guard let a = avg else { return ValueBand(low: .zero, base: .zero, high: .zero) }
            let b = try times(a, multiplier)
            return ValueBand(low: try times(b, band.low), base: b, high: try times(b, band.high))
        }

        let typicalBand = try valueBand(baseAverage, typical)
        let typicalLenses = try lensValues(multiplier: typical)

        // Wallets.
        var walletEstimates: [WalletEstimate] = []
        for (label, summary) in wallets {
            var lines: [String] = []
            var lenses: [EstimateLens]
            var walletBand: ValueBand
            var multiplier: Quantity?
            var adjPoints: Int?
            var walletBase = baseLens
            let points = try pointsShare(project: project, fdv: core.fdv, walletPoints: summary.points)
            lines.append("\(label): \(summary.activeMonths) active months, \(summary.transactions) transactions, \(summary.volumeUsd.fixed(2)) USD volume, \(summary.bridgedUsd.fixed(2)) USD bridged, points \(summary.points.map(\.description) ?? "none")")
            let lowest = try policy.floorTokens.divided(by: policy.adjustmentAverageTokens, scale: scale, rounding: .toNearestOrAwayFromZero)
            let highest = try (policy.adjustmentCriteria?.tiers.last?.tokens ?? policy.floorTokens)
                .divided(by: policy.adjustmentAverageTokens, scale: scale, rounding: .toNearestOrAwayFromZero)
            if points == nil, let mine = summary.points, let total = project.totalPoints, total.isPositive,
               let r = core.recipients, r.value.isPositive {
                // Points programs pay pro rata: the wallet's points over the average recipient's,
                // kept within the benchmark's tier spread.
                let averagePoints = try total.divided(by: r.value, scale: scale, rounding: .toNearestOrAwayFromZero)
                let raw = try mine.divided(by: averagePoints, scale: scale, rounding: .toNearestOrAwayFromZero)
                let m = min(max(raw, lowest), highest)
                multiplier = m
                lines.append("\(label): \(mine) points against an average of \(averagePoints.rounded(scale: 2)) per recipient (total points \(total) / \(r.how)) = x\(raw.rounded(scale: 4))\(raw == m ? "" : ", kept within the tier spread x\(lowest.rounded(scale: 4))..x\(highest.rounded(scale: 4)): x\(m.rounded(scale: 4))")")
            } else if let check = try policy.adjustmentCriteria.map({ (c) throws(AmountError) in try EligibilityCheck.run(criteria: c, summary: summary) }) {
                let tokens = check.points >= (policy.adjustmentCriteria?.minimumPoints ?? 3) ? (check.tokens ?? policy.floorTokens) : policy.floorTokens
                let m = try tokens.divided(by: policy.adjustmentAverageTokens, scale: scale, rounding: .toNearestOrAwayFromZero)
                multiplier = m
                adjPoints = check.points
                let met = (check.rules + check.penalties).filter { $0.points != 0 }.map(\.id)
                lines.append("\(label): \(check.points) points on Arbitrum's 2023 rules (\(met.isEmpty ? "none met" : met.joined(separator: ", "))) -> \(tokens) ARB-equivalent / \(policy.adjustmentAverageTokens) = x\(m.rounded(scale: 4))\(check.points < 3 ? " (below 3 points: the smallest paid allocation)" : "")")
            }
            let m = multiplier ?? typical
            lenses = try lensValues(multiplier: m)
            walletBand = try valueBand(baseAverage, m)
            if let p = points {
                lenses.append(p.lens)
                walletBand = ValueBand(low: try times(p.value, half), base: p.value, high: try times(p.value, oneAndAHalf))
                walletBase = Lens.pointsShare.name
                lines.append("\(label): base from the points share (your own points against the pool): \(p.lens.inputs.joined(separator: "; ")); low/high x0.5/x1.5")
            } else if project.pointsPool != nil || project.totalPoints != nil {
                lines.append("\(label): points share not used: it needs the project's points pool (a share of supply up to 1, or tokens with --total-supply), total points, an FDV and a points reading for the wallet")
            }
            let ev = try times(probability, walletBand.base)
            let costs = summary.feesUsd
            if summary.feesWithoutUsd > 0 {
                lines.append("\(label): \(summary.feesWithoutUsd) fee(s) have no USD value and are not in the costs")
            }
            walletEstimates.append(WalletEstimate(
                walletLabel: label, summary: summary, probability: probability, baseLens: walletBase,
                adjustmentPoints: adjPoints, multiplier: m, valueIfAirdrop: walletBand, expectedValue: ev,
                costsToDate: costs, roi: try roi(ev, costs), lenses: lenses, explanation: lines))
            explain += lines
        }

        let ev: Quantity
        let costs: Quantity
        if walletEstimates.isEmpty {
            ev = try times(probability, typicalBand.base)
            costs = .zero
            explain.append("expected value: \(probability) x \(typicalBand.base.fixed(2)) = \(ev.fixed(2)) USD for a typical eligible wallet")
        } else {
            ev = try walletEstimates.map(\.expectedValue).sum()
            costs = try walletEstimates.map(\.costsToDate).sum()
            explain.append("expected value over \(walletEstimates.count) wallet(s): \(ev.fixed(2)) USD; costs to date \(costs.fixed(2)) USD")
        }
        return ProjectEstimate(
            projectSlug: project.slug, projectName: project.name, probability: probability, baseLens: baseLens,
            baseAverageUsd: baseAverage, valueIfAirdrop: typicalBand, expectedValue: ev, costsToDate: costs,
            roi: try roi(ev, costs), lenses: typicalLenses, wallets: walletEstimates, explanation: explain)
    }

    // MARK: lenses

    struct CoreLenses {
        var lenses: [EstimateLens]
        var explanation: [String]
        var fdv: (value: Quantity, how: String)?
        var recipients: (value: Quantity, how: String)?
        var spread: (low: Quantity, high: Quantity)
    }

    /// The lenses per average recipient, from the project's pre-launch facts and the benchmarks.
    /// Used by `estimate` and, with the held-out row removed, by `Backtest`.
    static func averageLenses(project: Project, benchmarks: [Benchmark]) throws(AmountError) -> CoreLenses {
        var lenses: [EstimateLens] = []
        var explain: [String] = []
        func lens(_ l: Lens, _ title: String, _ v: Quantity?, _ inputs: [String], _ note: String? = nil) {
            lenses.append(EstimateLens(lens: l, title: title, averageUsd: v, valuePerWalletUsd: v, inputs: inputs, note: note))
            if let v {
                explain.append("lens \(l.name): \(v.fixed(2)) USD per average recipient (\(inputs.joined(separator: "; ")))")
            } else {
                explain.append("lens \(l.name): not available: \(note ?? "missing figures")")
            }
        }
        for l in Lens.allCases {
            guard let slug = l.comparable else { continue }
            if let b = benchmarks.first(where: { $0.slug == slug }), let v = b.averageValuePerRecipientUsd {
                lens(l, l.title, v, ["\(b.project) \(b.token) \(b.date): \(b.avgTokens.map { "\($0) tokens" } ?? "average") x \(b.priceAtLaunchUsd.map(\.description) ?? "?") USD at launch"])
            } else {
                lens(l, l.title, nil, [], "the \(slug) benchmark is not in the list")
            }
        }
        let withValue = benchmarks.compactMap { b in b.averageValuePerRecipientUsd.map { (b, $0) } }
        let same = withValue.filter { $0.0.category == project.category }
        if same.count >= 2, let m = try median(same.map(\.1)) {
            lens(.categoryMedian, "median of \(project.category.rawValue)", m,
                 ["\(same.count) \(project.category.rawValue) benchmarks: \(same.map { "\($0.0.slug) \($0.1.fixed(0))" }.joined(separator: ", "))"])
        } else {
            lens(.categoryMedian, "median of \(project.category.rawValue)", nil, [],
                 "only \(same.count) \(project.category.rawValue) benchmark(s) with a value per recipient (needs 2)")
        }
        let all = withValue.map(\.1)
        if let m = try median(all) {
            lens(.allMedian, Lens.allMedian.title, m, ["\(all.count) benchmarks with a value per recipient"])
        } else {
            lens(.allMedian, Lens.allMedian.title, nil, [], "no benchmark has a value per recipient")
        }

        // Valuation model.
        var fdv: (Quantity, String)?
        if let e = project.expectedFdvUsd {
            fdv = (e, "expected FDV \(e) USD (your figure)")
        } else if let v = project.valuationUsd, v.isPositive,
                  let k = try median(ratios(benchmarks.map { ($0.fdvAtLaunchUsd, $0.lastPrivateValuationUsd) })) {
            fdv = (try v.multiplied(by: k, scale: scale, rounding: .toNearestOrAwayFromZero),
                   "last valuation \(v) USD x median FDV/valuation \(k.rounded(scale: 4)) of the benchmarks")
        } else if let r = project.raisedUsd, r.isPositive,
                  let k = try median(ratios(benchmarks.map { ($0.fdvAtLaunchUsd, $0.raisedBeforeTgeUsd) })) {
            fdv = (try r.multiplied(by: k, scale: scale, rounding: .toNearestOrAwayFromZero),
                   "raised \(r) USD x median FDV/raised \(k.rounded(scale: 4)) of the benchmarks")
        }
        let shareMedian = try median(benchmarks.compactMap(\.shareOfSupply))
        let share = project.airdropShare.map { ($0, "airdrop share \($0) (your figure)") }
            ?? shareMedian.map { ($0, "airdrop share \($0.rounded(scale: 4)) (benchmarks' median)") }
        let recipientsMedian = try median(benchmarks.compactMap(\.recipients))
        let recipients = project.expectedRecipients.map { ($0, "recipients \($0) (your figure)") }
            ?? recipientsMedian.map { ($0, "recipients \($0) (benchmarks' median)") }
        if let f = fdv, let s = share, let r = recipients, r.0.isPositive {
            lens(.valuationModel, Lens.valuationModel.title,
                 try Quantity.product(f.0, s.0, dividedBy: r.0, scale: scale, rounding: .toNearestOrAwayFromZero), [f.1, s.1, r.1])
        } else {
            lens(.valuationModel, Lens.valuationModel.title, nil, [], fdv == nil
                 ? "needs the project's last valuation or raised amount (or an expected FDV)"
                 : "needs an airdrop share and expected recipients")
        }

        // Spread: the benchmarks' quartiles over their median.
        var spread = (low: half, high: oneAndAHalf)
        if let q = try quartiles(all), q.median.isPositive {
            spread = (try q.q1.divided(by: q.median, scale: scale, rounding: .toNearestOrAwayFromZero),
                      try q.q3.divided(by: q.median, scale: scale, rounding: .toNearestOrAwayFromZero))
        }
        // In the enumeration's order, whatever the order of computing.
        lenses.sort { a, b in (Lens.allCases.firstIndex(of: a.lens) ?? 0) < (Lens.allCases.firstIndex(of: b.lens) ?? 0) }
        return CoreLenses(lenses: lenses, explanation: explain, fdv: fdv.map { (value: $0.0, how: $0.1) },
                          recipients: recipients.map { (value: $0.0, how: $0.1) }, spread: spread)
    }

    static func pointsShare(project: Project, fdv: (value: Quantity, how: String)?, walletPoints: Quantity?)
        throws(AmountError) -> (value: Quantity, lens: EstimateLens)? {
        // The pool is a share of supply (0 to 1), or a number of tokens with the total supply known.
        guard let raw = project.pointsPool, raw.isPositive,
              let total = project.totalPoints, total.isPositive, let mine = walletPoints, let f = fdv else { return nil }
        let pool: Quantity
        let poolText: String
        if raw <= Quantity(exactly: 1) {
            pool = raw
            poolText = "points pool \(raw) of supply"
        } else if let supply = project.totalSupply, supply.isPositive, raw <= supply {
            pool = try raw.divided(by: supply, scale: scale, rounding: .toNearestOrAwayFromZero)
            poolText = "points pool \(raw) tokens of a supply of \(supply)"
        } else {
            return nil
        }
        let v = try Quantity.product(try f.value.multiplied(by: pool, scale: scale, rounding: .toNearestOrAwayFromZero), mine,
                                     dividedBy: total, scale: scale, rounding: .toNearestOrAwayFromZero)
        let inputs = [f.how, poolText, "wallet points \(mine) / total points \(total)"]
        return (v, EstimateLens(lens: .pointsShare, title: Lens.pointsShare.title, averageUsd: nil, valuePerWalletUsd: v, inputs: inputs, note: nil))
    }

    // MARK: helpers

    /// a / b for each pair where both are known and b is positive.
    static func ratios(_ pairs: [(Quantity?, Quantity?)]) throws(AmountError) -> [Quantity] {
        var out: [Quantity] = []
        for case let (a?, b?) in pairs where b.isPositive {
            out.append(try a.divided(by: b, scale: scale, rounding: .toNearestOrAwayFromZero))
        }
        return out
    }

    static func roi(_ ev: Quantity, _ costs: Quantity) throws(AmountError) -> Quantity? {
        costs.isPositive ? try (ev - costs).divided(by: costs, scale: scale, rounding: .toNearestOrAwayFromZero) : nil
    }

    /// The median (mean of the two middle values for an even count, to `scale` digits); nil for no values.
    public static func median(_ values: [Quantity]) throws(AmountError) -> Quantity? {
        let s = values.sorted()
        guard !s.isEmpty else { return nil }
        let mid = s.count / 2
        return s.count % 2 == 1 ? s[mid]
            : try (s[mid - 1] + s[mid]).divided(by: Quantity(exactly: 2), scale: scale, rounding: .toNearestOrAwayFromZero)
    }

    /// Lower quartile, median, upper quartile (medians of the lower and upper halves, the middle
    /// value excluded for an odd count); nil for fewer than 4 values.
    static func quartiles(_ values: [Quantity]) throws(AmountError) -> (q1: Quantity, median: Quantity, q3: Quantity)? {
        let s = values.sorted()
        guard s.count >= 4, let m = try median(s) else { return nil }
        let half = s.count / 2
        guard let q1 = try median(Array(s[..<half])), let q3 = try median(Array(s[(s.count - half)...])) else { return nil }
        return (q1, m, q3)
    }
}

/// Defaults of the estimator, overridable in tests and by a future settings file.
public struct EstimatePolicy: Sendable, Hashable {
    public var probabilityByStatus: [Project.Status: Quantity]
    /// Criteria whose table scores a wallet's activity (Arbitrum 2023, without the Nitro halving).
    public var adjustmentCriteria: Criteria?
    /// Average tokens per recipient of that airdrop (Arbitrum: 1,858.8 ARB, airdrop-benchmarks.csv).
    public var adjustmentAverageTokens: Quantity
    /// Allocation of a typical eligible (median) wallet on that table (Arbitrum 3 points: 1,250).
    public var typicalTokens: Quantity
    /// The smallest paid allocation (Arbitrum: 625 ARB, 3 post-Nitro points).
    public var floorTokens: Quantity

    public init(probabilityByStatus: [Project.Status: Quantity], adjustmentCriteria: Criteria?,
                adjustmentAverageTokens: Quantity, typicalTokens: Quantity, floorTokens: Quantity) {
        self.probabilityByStatus = probabilityByStatus; self.adjustmentCriteria = adjustmentCriteria
        self.adjustmentAverageTokens = adjustmentAverageTokens; self.typicalTokens = typicalTokens; self.floorTokens = floorTokens
    }

    public func probability(for status: Project.Status) -> Quantity {
        probabilityByStatus[status] ?? .zero
    }

    /// Typical (median) wallet over the average recipient: 1,250 / 1,858.8 (to `EstimateEngine.scale` digits).
    public var typicalMultiplier: Quantity {
        get throws(AmountError) {
            try typicalTokens.divided(by: adjustmentAverageTokens, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
        }
    }

    public static var standard: EstimatePolicy { standardPolicy }

    private static let standardPolicy: EstimatePolicy = {
        func q(_ tenths: Int64) -> Quantity { Quantity(significand: tenths, fractionDigits: 1) }
        var arbitrum = (try? Criteria.bundled(named: "arbitrum-2023")) ?? nil
        arbitrum?.timeWeight = nil  // the adjustment uses the table's shape, not 2022's Nitro date
        return EstimatePolicy(
            probabilityByStatus: [.confirmed: q(9), .likely: q(6), .possible: q(3), .speculative: q(1),
                                  .launched: Quantity(exactly: 1), .ended: .zero],
            adjustmentCriteria: arbitrum,
            adjustmentAverageTokens: q(18588), typicalTokens: Quantity(exactly: 1250), floorTokens: Quantity(exactly: 625))
    }()
}

/// One lens: its value per average recipient and per wallet (typical wallet at project level),
/// with the inputs it used, or why it is not available.
public struct EstimateLens: Sendable, Hashable {
    public let lens: Lens
    /// The lens's title, made specific where it can be ("median of L2").
    public let title: String
    public let averageUsd: Quantity?
    public let valuePerWalletUsd: Quantity?
    public let inputs: [String]
    public let note: String?

    public var name: String { lens.name }
}

public struct ValueBand: Sendable, Hashable {
    public let low: Quantity
    public let base: Quantity
    public let high: Quantity
}

public struct WalletEstimate: Sendable, Hashable {
    public let walletLabel: String
    public let summary: WalletActivitySummary
    public let probability: Quantity
    /// A lens's name (`Lens.pointsShare`, `Lens.valuationModel`), "median-of-lenses" or "none".
    public let baseLens: String
    /// The wallet's points on the adjustment criteria (Arbitrum 2023 rules).
    public let adjustmentPoints: Int?
    /// Factor applied to the per-average-recipient lenses.
    public let multiplier: Quantity
    public let valueIfAirdrop: ValueBand
    public let expectedValue: Quantity
    public let costsToDate: Quantity
    /// (expected value - costs) / costs; nil without costs.
    public let roi: Quantity?
    public let lenses: [EstimateLens]
    public let explanation: [String]
}

public struct ProjectEstimate: Sendable, Hashable {
    public let projectSlug: String
    public let projectName: String
    public let probability: Quantity
    public let baseLens: String
    /// The base per average recipient (before the typical-wallet factor); what the backtest scores.
    public let baseAverageUsd: Quantity?
    /// For a typical eligible wallet.
    public let valueIfAirdrop: ValueBand
    /// Sum over the wallets (typical wallet when there are none).
    public let expectedValue: Quantity
    public let costsToDate: Quantity
    public let roi: Quantity?
    /// Per typical eligible wallet.
    public let lenses: [EstimateLens]
    public let wallets: [WalletEstimate]
    public let explanation: [String]
}

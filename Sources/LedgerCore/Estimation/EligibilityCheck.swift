/// The result of scoring one wallet's logged activity against a `Criteria`.
public struct CheckResult: Sendable, Hashable {
    public struct RuleOutcome: Sendable, Hashable {
        public let id: String
        public let text: String
        public let metric: Criteria.Metric
        public let met: Bool
        /// Points this rule contributes (its points when met, else 0; penalties: negative when applied).
        public let points: Int
        public let required: Bool
        /// What the wallet has, and what the rule asks: "3 months", "more than 4 transactions".
        public let have: String
        public let need: String
    }

    /// The cheapest set of actions that lifts the wallet to the next tier (or to eligibility).
    public struct NextStep: Sendable, Hashable {
        /// Points of the target tier.
        public let targetPoints: Int
        /// Tokens at the target tier, before any time weight (nil without a table).
        public let targetTokens: Quantity?
        /// The rules and penalties the step satisfies or removes.
        public let ruleIds: [String]
        /// One line per action: "5 more transactions (from 5 to more than 10)".
        public let actions: [String]
        /// Estimated cost in USD (fees at the wallet's own average fee, else the criteria default,
        /// plus the cost of moving volume), see `Criteria.StepCosts`.
        public let estimatedCostUsd: Quantity
        /// Calendar time the step needs at least, in days (months count 30 days, weeks 7).
        public let minimumDays: Int
    }

    public let criteria: String
    public let rules: [RuleOutcome]
    public let penalties: [RuleOutcome]
    /// Sum of the met rules and applied penalties, not below 0.
    public let rawPoints: Int
    /// Points after the cap (`maximumPoints`).
    public let points: Int
    /// Every required rule met and points at or above the minimum.
    public let eligible: Bool
    /// Points of the tier the wallet falls in (nil when not eligible).
    public let tier: Int?
    /// Tokens after the time weight (nil when no table was published; 0 when not eligible).
    public let tokens: Quantity?
    /// Points from activity before the time weight starts (nil without a time weight).
    public let pointsBeforeTimeWeight: Int?
    /// How the tokens were computed, in words.
    public let explanation: [String]
    public let nextStep: NextStep?
    public let notModelled: [String]
}

/// Scores a wallet against a criteria file.
///
/// Points = the points of every met rule + every applied penalty (negative), floored at 0 and
/// capped at `maximumPoints`. Eligible when every `required` rule is met and points reach
/// `minimumPoints`. Tokens = the table row at or below the points.
///
/// Time weight (Arbitrum's post-Nitro halving), as airdrop-benchmarks.md 1.1 states it: points from
/// activity on or after `from` count `factor` of the allocation, and a wallet that first reached the
/// minimum only after `from` has all its points weighted. With P the points of all activity and
/// Pb those of the activity before `from` (same penalties):
///   Pb >= minimum: tokens = T(Pb) + factor x (T(P) - T(Pb));   otherwise: tokens = factor x T(P).
/// So 3 pre-Nitro points give 1,250 ARB and 3 post-Nitro points 625 ARB, the published minimum.
///
/// The cheapest next step searches every combination of unmet thresholds (per metric, the level to
/// reach) and removable penalties, and keeps the one of least estimated USD cost that reaches the
/// next tier's points with every required rule met (ties: less calendar time, then fewer actions).
/// Costs are estimates: a transaction costs the wallet's average fee (criteria default when unknown);
/// volume and bridged value cost `costPerUsdMoved` per USD plus one transaction; a new active month,
/// week or day costs one transaction in it. Extra transactions made for months or volume are not
/// credited to the transaction rules, so the estimate errs on the high side.
public enum EligibilityCheck {
    public static func run(criteria: Criteria, summary: WalletActivitySummary, activities: [Activity] = []) throws(AmountError) -> CheckResult {
        let outcomes = try criteria.rules.map { (r) throws(AmountError) in try outcome(r, summary) }
        let penaltyOutcomes = try criteria.penalties.map { (r) throws(AmountError) in try outcome(r, summary) }
        let raw = max(0, (outcomes + penaltyOutcomes).map(\.points).reduce(0, +))
        let points = criteria.maximumPoints.map { min($0, raw) } ?? raw
        let requiredMet = outcomes.allSatisfy { !$0.required || $0.met }
        let eligible = requiredMet && points >= criteria.minimumPoints
        var explanation: [String] = []

        var tokens: Quantity? = criteria.tokens(forPoints: eligible ? points : -1)
        var pointsBefore: Int?
        if let tw = criteria.timeWeight, eligible, let full = criteria.tokens(forPoints: points) {
            let mine = activities.filter { $0.projectSlug == summary.projectSlug && $0.walletLabel == summary.walletLabel }
            let before: Int
            if let first = summary.first, first >= tw.from {
                before = 0
            } else if let last = summary.last, last < tw.from {
                before = points
            } else {
                let cutoff = tw.from.adding(seconds: -1)
                let early = try WalletActivitySummary.summarize(projectSlug: summary.projectSlug, walletLabel: summary.walletLabel,
                                                                activities: mine, readings: [], now: cutoff)
                let earlyRaw = max(0, try (criteria.rules + criteria.penalties).map { (r) throws(AmountError) in
                    try outcome(r, early).points
                }.reduce(0, +))
                before = min(points, criteria.maximumPoints.map { min($0, earlyRaw) } ?? earlyRaw)
            }
            pointsBefore = before
            if before >= criteria.minimumPoints, let tb = criteria.tokens(forPoints: before) {
                let weighted = try tb + tw.factor * (full - tb)
                tokens = weighted
                explanation.append("\(before) points before \(tw.from.day) give \(tb) tokens; the other \(points - before) points, from \(tw.from.day) on, count x\(tw.factor): \(tb) + \(tw.factor) x (\(full) - \(tb)) = \(weighted)")
            } else {
                let weighted = try tw.factor * full
                tokens = weighted
                explanation.append("the minimum of \(criteria.minimumPoints) points was reached only from \(tw.from.day) on, so all points count x\(tw.factor): \(tw.factor) x \(full) = \(weighted)")
            }
        } else if eligible, let t = tokens {
            explanation.append("\(points) points: tier \(criteria.tier(forPoints: points).map(String.init) ?? "-"), \(t) tokens")
        }
        if !requiredMet {
            let missing = outcomes.filter { $0.required && !$0.met }.map(\.id)
            explanation.append("not eligible: required rule(s) not met: \(missing.joined(separator: ", "))")
        } else if points < criteria.minimumPoints {
            explanation.append("not eligible: \(points) points, the minimum is \(criteria.minimumPoints)")
        }
        if tokens == nil, eligible { explanation.append("no points-to-tokens table was published for \(criteria.name)") }

        return CheckResult(
            criteria: criteria.name, rules: outcomes, penalties: penaltyOutcomes, rawPoints: raw, points: points,
            eligible: eligible, tier: eligible ? criteria.tier(forPoints: points) : nil, tokens: tokens,
            pointsBeforeTimeWeight: pointsBefore, explanation: explanation,
            nextStep: try nextStep(criteria: criteria, summary: summary, points: points, outcomes: outcomes, penalties: penaltyOutcomes),
            notModelled: criteria.notModelled)
    }

    // MARK: rule evaluation

    static func value(_ metric: Criteria.Metric, _ s: WalletActivitySummary) -> Quantity {
        switch metric {
        case .bridged: Quantity(exactly: s.bridges)
        case .transactions: Quantity(exactly: s.transactions)
        case .activeDays: Quantity(exactly: s.activeDays)
        case .activeWeeks: Quantity(exactly: s.activeWeeks)
        case .activeMonths: Quantity(exactly: s.activeMonths)
        case .volumeUsd: s.volumeUsd
        case .bridgedUsd: s.bridgedUsd
        case .feesUsd: s.feesUsd
        case .points: s.points ?? .zero
        case .allActivityWithinHours: Quantity(exactly: Int(s.transactionSpanSeconds ?? 0))
        }
    }

    static func holds(_ rule: Criteria.Rule, _ s: WalletActivitySummary) throws(AmountError) -> Bool {
        switch rule.metric {
        case .bridged:
            return s.bridges > 0 || s.bridgedUsd.isPositive
        case .allActivityWithinHours:
            guard let span = s.transactionSpanSeconds, let h = rule.threshold else { return false }
            return try Quantity(exactly: Int(span)) <= h * Quantity(exactly: 3600)
        default:
            let v = value(rule.metric, s)
            guard let t = rule.threshold else { return false }
            return rule.strict ? v > t : v >= t
        }
    }

    static func unit(_ metric: Criteria.Metric) -> String {
        switch metric {
        case .bridged: "bridges"
        case .transactions: "transactions"
        case .activeDays: "active days"
        case .activeWeeks: "active weeks"
        case .activeMonths: "active months"
        case .volumeUsd: "USD volume"
        case .bridgedUsd: "USD bridged"
        case .feesUsd: "USD fees"
        case .points: "points"
        case .allActivityWithinHours: "hours"
        }
    }

    static func outcome(_ rule: Criteria.Rule, _ s: WalletActivitySummary) throws(AmountError) -> CheckResult.RuleOutcome {
        let met = try holds(rule, s)
        let have: String
        let need: String
        switch rule.metric {
        case .bridged:
            have = "\(s.bridges) bridges"
            need = "at least 1 bridge"
        case .allActivityWithinHours:
            if let span = s.transactionSpanSeconds {
                let hours = try Quantity(exactly: Int(span)).divided(by: Quantity(exactly: 3600), scale: 1, rounding: .toNearestOrAwayFromZero)
                have = "all transactions within \(hours) hours"
            } else {
                have = "no transactions"
            }
            need = "applies when all transactions are within \(rule.threshold.map(\.description) ?? "?") hours"
        default:
            have = "\(value(rule.metric, s)) \(unit(rule.metric))"
            need = "\(rule.strict ? "more than" : "at least") \(rule.threshold.map(\.description) ?? "?") \(unit(rule.metric))"
        }
        return CheckResult.RuleOutcome(id: rule.id, text: rule.text, metric: rule.metric, met: met,
                                       points: met ? rule.points : 0, required: rule.required, have: have, need: need)
    }

    // MARK: next step

    struct Option {
        var ruleIds: [String]
        var gain: Int
        var cost: Quantity
        var days: Int
        var action: String
        var satisfiesRequired: Set<String>
    }

    static func nextStep(criteria: Criteria, summary s: WalletActivitySummary, points: Int,
                         outcomes: [CheckResult.RuleOutcome], penalties: [CheckResult.RuleOutcome]) throws(AmountError) -> CheckResult.NextStep? {
        // The target: the next tier above the current points, or the minimum when not eligible.
        let requiredUnmet = Set(outcomes.filter { $0.required && !$0.met }.map(\.id))
        let target: Int
        if points < criteria.minimumPoints || !requiredUnmet.isEmpty {
            target = max(criteria.minimumPoints, points)
        } else if let next = criteria.tiers.first(where: { $0.points > points }) {
            target = next.points
        } else {
            return nil  // top tier already (or no table and eligible)
        }
        let cap = criteria.maximumPoints ?? Int.max
        let fee = s.transactions > 0 && s.feesUsd.isPositive
            ? try s.feesUsd.divided(by: Quantity(exactly: s.transactions), scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
            : criteria.stepCosts.feePerTransactionUsd

        // Options per metric: reaching one level of that metric meets every unmet rule up to it.
        let unmet = criteria.rules.filter { r in outcomes.contains { $0.id == r.id && !$0.met } }
        var groups: [[Option]] = []
        for metric in Criteria.Metric.allCases where metric != .allActivityWithinHours {
            let rs = unmet.filter { $0.metric == metric }
            guard !rs.isEmpty else { continue }
            let options = try metricOptions(metric, rules: rs, summary: s, fee: fee, costs: criteria.stepCosts)
            if !options.isEmpty { groups.append(options) }
        }
        // Removable penalties: activity spread beyond the window lifts "all activity within N hours".
        for p in criteria.penalties where p.metric == .allActivityWithinHours {
            guard penalties.contains(where: { $0.id == p.id && $0.points < 0 }), let h = p.threshold else { continue }
            // The threshold is read as a whole number of hours.
            guard let hours = Int(exactly: h) else { continue }
            groups.append([Option(ruleIds: [p.id], gain: -p.points, cost: fee, days: (hours + 23) / 24,
                                  action: "one more transaction more than \(hours) hours after the first (lifts '\(p.id)')",
                                  satisfiesRequired: [])])
        }

        guard let b = try cheapest(groups, points: points, cap: cap, target: target, requiredUnmet: requiredUnmet) else { return nil }
        return CheckResult.NextStep(targetPoints: target, targetTokens: criteria.tokens(forPoints: target),
                                    ruleIds: b.options.flatMap(\.ruleIds), actions: b.options.map(\.action),
                                    estimatedCostUsd: b.cost, minimumDays: b.days)
    }

    /// The ways to meet a metric's unmet rules, one per level reached, with cost and days.
    static func metricOptions(_ metric: Criteria.Metric, rules rs: [Criteria.Rule], summary s: WalletActivitySummary,
                              fee: Quantity, costs: Criteria.StepCosts) throws(AmountError) -> [Option] {
        let current = value(metric, s)
        var options: [Option] = []
        let levels = try rs.map { (r) throws(AmountError) -> (Quantity, Criteria.Rule) in
            let t = r.threshold ?? Quantity(exactly: 1)
            // "More than t": the next whole count, or a cent more.
            let needed = r.strict ? try t + (metric.isCount ? Quantity(exactly: 1) : Quantity(significand: 1, fractionDigits: 2)) : t
            return (metric == .bridged ? Quantity(exactly: 1) : needed, r)
        }.sorted { $0.0 < $1.0 }
        for (level, _) in levels {
            let reached = levels.filter { $0.0 <= level }.map(\.1)
            let gap = try level - current
            guard gap.isPositive || metric == .bridged else { continue }
            var cost = Quantity.zero
            var days = 0
            var action = ""
            switch metric {
            case .bridged:
                cost = fee; action = "bridge once"
            case .transactions:
                cost = try fee * gap; action = "\(gap) more transactions (\(current) now, \(level) needed)"
            case .activeMonths, .activeWeeks, .activeDays:
                cost = try fee * gap
                // Counts and their thresholds are whole numbers, so the gap is one.
                guard let n = Int(exactly: gap) else { continue }
                days = n * (metric == .activeMonths ? 30 : metric == .activeWeeks ? 7 : 1)
                action = "a transaction in each of \(gap) more \(metric == .activeMonths ? "months" : metric == .activeWeeks ? "weeks" : "days") (\(current) now, \(level) needed)"
            case .volumeUsd, .bridgedUsd:
                cost = try gap * costs.costPerUsdMoved + fee
                action = "\(metric == .volumeUsd ? "trade" : "bridge") \(gap.fixed(2)) USD more (\(current.fixed(2)) now, \(level.fixed(2)) needed)"
            case .feesUsd:
                cost = gap; action = "pay \(gap.fixed(2)) USD more in fees"
            case .points, .allActivityWithinHours:
                continue  // points cannot be bought at a known price
            }
            options.append(Option(ruleIds: reached.map(\.id), gain: reached.map(\.points).reduce(0, +), cost: cost, days: days,
                                  action: action, satisfiesRequired: Set(reached.filter(\.required).map(\.id))))
        }
        return options
    }

    /// The cheapest combination of options (at most one per group) that reaches the target and meets
    /// every unmet required rule: by cost, then days, then fewest steps.
    static func cheapest(_ groups: [[Option]], points: Int, cap: Int, target: Int,
                         requiredUnmet: Set<String>) throws(AmountError) -> (cost: Quantity, days: Int, options: [Option])? {
        var best: (cost: Quantity, days: Int, options: [Option])?
        func search(_ g: Int, _ chosen: [Option]) throws(AmountError) {
            if g == groups.count {
                let gain = chosen.map(\.gain).reduce(0, +)
                let satisfied = chosen.reduce(into: Set<String>()) { $0.formUnion($1.satisfiesRequired) }
                guard min(cap, points + gain) >= target, requiredUnmet.isSubset(of: satisfied), !chosen.isEmpty else { return }
                let cost = try chosen.map(\.cost).sum()
                let days = chosen.map(\.days).max() ?? 0
                if let b = best {
                    if (cost, days, chosen.count) >= (b.cost, b.days, b.options.count) { return }
                }
                best = (cost, days, chosen)
                return
            }
            try search(g + 1, chosen)
            for o in groups[g] { try search(g + 1, chosen + [o]) }
        }
        try search(0, [])
        return best
    }
}

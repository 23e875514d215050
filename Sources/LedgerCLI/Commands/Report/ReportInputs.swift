import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

/// What the report reads from the ledger, read once: the activity table in one pass (the summaries
/// for costs and estimates, the calendar, the tax year's farming costs), the rest as the store gives it.
struct ReportSnapshot {
    var movements: [Movement]
    var wallets: [Wallet]
    var projects: [Project]
    var prices: [PricePoint]
    var allocations: [Allocation]
    var activity: LedgerDatabase.ActivityOverview
    /// The tax year's farming costs from activity, of every wallet (`FarmingFees`, the tax report's rule).
    var farmingFees: FarmingFees

    static func read(_ db: LedgerDatabase, _ o: ReportInputs.Options) throws -> ReportSnapshot {
        let timeZone = TaxPolicy.default(forYear: o.year).timeZone
        // The tax year covers every wallet: with --wallet its fees are read apart.
        var fees: FarmingFees? = o.wallet == nil ? try FarmingFees(year: o.year, timeZone: timeZone) : nil
        let activity = try db.activityOverview(wallet: o.wallet?.label, now: o.now, walletDays: true, fees: &fees)
        return ReportSnapshot(
            movements: try db.movements(), wallets: try db.wallets(), projects: try db.projects(), prices: try db.prices(),
            allocations: try db.allocations(), activity: activity,
            farmingFees: try fees ?? db.farmingFees(year: o.year, timeZone: timeZone))
    }
}

/// The report's section inputs: a pure function of a `ReportSnapshot`, the options and "now", through
/// the engines the other commands use (`value`, `estimate`, `tax summary`, `deadlines`, `estimate --backtest`).
/// It holds no rule of its own beyond choosing periods and which rows fit on a page.
enum ReportInputs {
    struct Options {
        var wallet: Wallet?
        var year: Int
        var now: Instant
    }

    /// Wallet rows the heat map draws at most (the busiest; the rest are counted in a note).
    static let maxHeatmapWallets = 60
    /// Largest disposals shown in the tax section.
    static let maxDisposals = 8

    /// Reads the snapshot and makes the report (what the command and the tests call).
    static func load(_ db: LedgerDatabase, _ o: Options) throws -> FarmReport {
        try report(ReportSnapshot.read(db, o), o)
    }

    static func report(_ s: ReportSnapshot, _ o: Options) throws -> FarmReport {
        let policy = TaxPolicy.default(forYear: o.year)
        var scope = [o.wallet.map { "Wallet '\($0.label)' only (holdings, projects, activity, deadlines); the tax year covers every wallet." } ?? "All wallets."]
        scope.append("Tax year \(o.year). Money rounded to cents for display.")
        return FarmReport(
            title: "airledger farm report",
            generatedAt: o.now,
            scope: scope,
            holdings: try holdings(movements: s.movements, prices: s.prices, o),
            projects: try projects(s, o),
            activity: activity(s.activity.walletDays, wallets: s.wallets, o),
            deadlines: deadlines(s.allocations, o),
            tax: tax(movements: s.movements, fees: s.farmingFees, policy: policy, o),
            backtest: try backtest())
    }

    // MARK: Holdings value over time

    static func holdings(movements all: [Movement], prices: [PricePoint], _ o: Options) throws -> HoldingsValueInput {
        let rule = "the latest price at or before the period's end, from the price table or a claim's or trade's own price"
        let movements = all.filter { $0.at <= o.now }
        guard let first = movements.first?.at.day else {
            return HoldingsValueInput(unit: .month, periods: [], assets: [], priceRule: rule)
        }
        let unit = TimeUnit.fitting(from: first, through: o.now.day, maxPeriods: 60)
        let periods = unit.periods(from: first, through: o.now.day)
        // The one price rule's "now", taken at each period's end: the table and the movements' own prices.
        let priceRule = PriceRule(book: PriceBook(prices), movements: movements)
        let inScope: (Int64) -> Bool = { id in o.wallet.map { $0.id == id } ?? true }
        var balances = Balances()
        var next = 0
        var held: [AssetSymbol: [Quantity]] = [:]
        for (i, start) in periods.enumerated() {
            let endDay = unit.next(start)
            let end = min(endDay.startUTC.adding(seconds: -1), o.now)
            while next < movements.count && movements[next].at <= end {
                try balances.apply(movements[next])
                next += 1
            }
            var totals: [AssetSymbol: Quantity] = [:]
            for (key, q) in balances.held where inScope(key.walletId) && !q.isZero { try totals[key.asset, default: .zero] += q }
            for (asset, q) in totals {
                if held[asset] == nil { held[asset] = Array(repeating: .zero, count: periods.count) }
                held[asset]?[i] = q
            }
        }
        var assets: [HoldingsValueInput.Asset] = try held.keys.sorted().map { asset in
            let qs = held[asset] ?? []
            let values: [Quantity?] = try periods.indices.map { i in
                let q = qs[i]
                if q.isZero { return .zero }
                let end = min(unit.next(periods[i]).startUTC.adding(seconds: -1), o.now)
                return try priceRule.latest(of: asset, at: end).map { try $0.usd * q }
            }
            return .init(symbol: asset.code, valuesUsd: values)
        }
        // Always-priced assets at the bottom of the stack, so a gap stops as few others as possible.
        assets.sort { a, b in
            let ua = a.valuesUsd.filter { $0 == nil }.count, ub = b.valuesUsd.filter { $0 == nil }.count
            return ua != ub ? ua < ub : a.symbol < b.symbol
        }
        return HoldingsValueInput(unit: unit, periods: periods, assets: assets, priceRule: rule)
    }

    // MARK: Costs and returns per project (as `airledger value`)

    static func projects(_ s: ReportSnapshot, _ o: Options) throws -> ProjectReturnsInput {
        let movements = s.movements
        let view = EstimationView(asOf: o.now, explicitAsOf: false, wallet: o.wallet, wallets: s.wallets, projects: s.projects,
                                  summaries: s.activity.summaries, movements: movements)
        var expected: [String: Quantity] = [:], costs: [String: Quantity] = [:]
        var bands: [String: (low: Quantity, high: Quantity)] = [:]
        for p in view.candidates {
            let e = try view.estimate(p)
            expected[p.slug] = e.expectedValue
            if e.wallets.isEmpty {
                bands[p.slug] = (try e.probability * e.valueIfAirdrop.low, try e.probability * e.valueIfAirdrop.high)
            } else {
                bands[p.slug] = (try e.wallets.map { try $0.probability * $0.valueIfAirdrop.low }.sum(),
                                 try e.wallets.map { try $0.probability * $0.valueIfAirdrop.high }.sum())
            }
        }
        for s in view.summaries { try costs[s.projectSlug, default: .zero] += s.feesUsd }
        let rows = try ProjectValue.report(movements: movements, prices: PriceRule(book: PriceBook(s.prices), movements: movements), now: view.asOf, expected: expected, costs: costs,
                                       inScope: { id in o.wallet.map { $0.id == id } ?? true })
        return ProjectReturnsInput(
            projects: rows.map { r in
                let claimed = !(r.claimedQuantity.isZero && r.proceedsUsd.isZero)
                return .init(slug: r.projectSlug, claimed: claimed, costsUsd: r.costsUsd,
                             expectedUsd: claimed ? nil : r.expectedUsd.rounded(scale: 2),
                             expectedLowUsd: bands[r.projectSlug]?.low.rounded(scale: 2), expectedHighUsd: bands[r.projectSlug]?.high.rounded(scale: 2),
                             receivedUsd: r.receivedAtReceiptUsd, realizedUsd: r.realizedUsd, netUsd: r.netUsd, roi: r.roi)
            },
            notes: [
                "Received: claims at fair market value when received. Realized: sale proceeds net of fees minus their value at receipt.",
                "Net = sold + held now (latest price) + expected - costs; ROI = net / costs. Costs: fees logged on activity plus claim fees.",
                "Expected: probability x estimated value for projects with activity and no claim (`airledger estimate`); the whisker is its low-high range.",
            ])
    }

    // MARK: Activity per wallet

    static func activity(_ days: [LedgerDatabase.WalletDay], wallets: [Wallet], _ o: Options) -> WalletActivityInput {
        // Transactions per wallet per day, folded by the store's one read: never one row of the ledger in memory.
        guard let first = days.map(\.day).min(), let last = days.map(\.day).max() else {
            return WalletActivityInput(unit: .week, periods: [], wallets: [])
        }
        let unit = TimeUnit.fitting(from: first, through: last, maxPeriods: 80)
        let periods = unit.periods(from: first, through: last)
        var index: [CivilDate: Int] = [:]
        for (i, p) in periods.enumerated() { index[p] = i }
        var counts: [String: [Int]] = [:]
        for d in days {
            guard let i = index[unit.start(of: d.day)] else { continue }
            if counts[d.walletLabel] == nil { counts[d.walletLabel] = Array(repeating: 0, count: periods.count) }
            counts[d.walletLabel]?[i] += d.transactions
        }
        let burned = Set(wallets.filter { $0.status == .burned }.map(\.label))
        let busiest = counts.keys.sorted { (counts[$0]?.reduce(0, +) ?? 0, $1) > (counts[$1]?.reduce(0, +) ?? 0, $0) }
            .prefix(maxHeatmapWallets)
        return WalletActivityInput(
            unit: unit, periods: periods,
            wallets: busiest.sorted().map { .init(label: $0, burned: burned.contains($0), counts: counts[$0] ?? []) },
            omittedWallets: counts.count - busiest.count)
    }

    // MARK: Claim deadlines

    static func deadlines(_ allocations: [Allocation], _ o: Options) -> DeadlinesInput {
        let open = allocations.filter { $0.claimId == nil && (o.wallet == nil || $0.walletLabel == o.wallet?.label) }
        return DeadlinesInput(today: o.now.day, deadlines: open.map {
            .init(date: $0.deadline, project: $0.projectSlug, wallet: $0.walletLabel, amount: $0.amount.description)
        })
    }

    // MARK: Tax year (as `airledger tax summary` with its default policy)

    static func tax(movements: [Movement], fees: FarmingFees, policy: TaxPolicy, _ o: Options) -> TaxYearInput {
        let r: TaxReport
        do {
            r = try TaxEngine.report(year: o.year, movements: movements, farmingFees: fees, policy: policy)
        } catch {
            // One section that cannot be computed does not stop the page: it says why and how to fix it.
            return .unavailable(year: o.year, policy: policy.summary, problem: ErrorReport.message(for: error))
        }
        let largest = r.disposals.sorted { a, b in
            a.gain.magnitude != b.gain.magnitude ? a.gain.magnitude > b.gain.magnitude : a.movementId < b.movementId
        }.prefix(maxDisposals)
        return TaxYearInput(
            year: o.year, policy: policy.summary, rules: policy.rules, incomeByProject: r.incomeByProject,
            shortTerm: r.shortTerm, longTerm: r.longTerm, disposalCount: r.disposalEvents,
            largestDisposals: largest.map {
                .init(date: $0.disposed, amount: $0.amount.description, wallet: $0.walletLabel, term: $0.term.rawValue,
                      proceedsUsd: $0.proceeds, costBasisUsd: $0.costBasis, gainUsd: $0.gain)
            },
            farmingCostsUsd: r.farmingCostsTotal)
    }

    // MARK: The estimator's backtest

    static func backtest() throws -> BacktestInput {
        let r = try Backtest.run(benchmarks: Benchmarks.bundled)
        func line(_ name: String, _ s: Backtest.Score) -> String {
            "\(name): median |log10(predicted/actual)| \(String(format: "%.3f", s.medianAbsLog10)); within 2x \(s.within2x) of \(s.count), within 3x \(s.within3x) of \(s.count)."
        }
        return BacktestInput(
            rows: r.rows.map { .init(slug: $0.slug, predictedUsd: $0.predictedUsd, actualUsd: $0.actualUsd) },
            scores: ["Value per average recipient at launch, USD; each benchmark predicted from its pre-launch facts and the other benchmarks.",
                     line("Estimator", r.model), line("Naive baseline (median of the other benchmarks)", r.baseline)]
                + r.skipped.map { "Skipped \($0)." })
    }
}

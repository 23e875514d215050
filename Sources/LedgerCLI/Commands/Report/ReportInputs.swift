import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

/// Today's wiring of the report's section inputs from the store's reads and the engines the other
/// commands use (`value`, `estimate`, `tax summary`, `deadlines`, `estimate --backtest`).
///
/// Temporary by design: when reports become pure functions of a snapshot in the core, each
/// `xxxInput` below is filled from that report instead, and this file goes. It holds no rule of its
/// own beyond choosing periods and which rows fit on a page.
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

    static func load(_ db: LedgerDatabase, _ o: Options) throws -> FarmReport {
        let movements = try db.movements()
        let wallets = try db.wallets()
        var scope = [o.wallet.map { "Wallet '\($0.label)' only (holdings, projects, activity, deadlines); the tax year covers every wallet." } ?? "All wallets."]
        scope.append("Tax year \(o.year). Money rounded to cents for display.")
        return FarmReport(
            title: "airledger farm report",
            generatedAt: o.now,
            scope: scope,
            holdings: try holdings(movements: movements, prices: db.prices(), o),
            projects: try projects(db, movements: movements, o),
            activity: try activity(db, wallets: wallets, o),
            deadlines: try deadlines(db, o),
            tax: try tax(db, movements: movements, o),
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

    static func projects(_ db: LedgerDatabase, movements: [Movement], _ o: Options) throws -> ProjectReturnsInput {
        let view = try EstimationView.load(db, wallet: o.wallet, asOf: nil)
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
        let rows = try ProjectValue.report(movements: movements, prices: PriceRule(book: try db.priceBook(), movements: movements), now: view.asOf, expected: expected, costs: costs,
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

    static func activity(_ db: LedgerDatabase, wallets: [Wallet], _ o: Options) throws -> WalletActivityInput {
        // Aggregated by the store (transactions per wallet per day): never one row of the ledger in memory.
        let days = try db.walletDays(wallet: o.wallet?.label, until: o.now.adding(seconds: 1))
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

    static func deadlines(_ db: LedgerDatabase, _ o: Options) throws -> DeadlinesInput {
        let open = try db.allocations().filter { $0.claimId == nil && (o.wallet == nil || $0.walletLabel == o.wallet?.label) }
        return DeadlinesInput(today: o.now.day, deadlines: open.map {
            .init(date: $0.deadline, project: $0.projectSlug, wallet: $0.walletLabel, amount: $0.amount.description)
        })
    }

    // MARK: Tax year (as `airledger tax summary` with its default policy)

    static func tax(_ db: LedgerDatabase, movements: [Movement], _ o: Options) throws -> TaxYearInput {
        let policy = TaxPolicy.default(forYear: o.year)
        guard let jan1 = CivilDate(year: o.year, month: 1, day: 1), let next = CivilDate(year: o.year + 1, month: 1, day: 1) else {
            throw CLIError.usage("--year \(o.year) is out of range: give a four-digit year such as 2024")
        }
        // Activity fees (farming costs) are summed from a stream, not handed to the engine as entries: the
        // engine's farming costs are then the claim fees alone, and the page shows both added.
        var activityFees = Quantity.zero
        try db.forEachActivityFee(since: jan1.adding(days: -1).startUTC, until: next.adding(days: 1).startUTC) { f in
            if let usd = f.usd, f.at.day(in: policy.timeZone).year == o.year { try activityFees += usd }
        }
        let r: TaxReport
        do { r = try TaxEngine.report(year: o.year, movements: movements, activities: [], policy: policy) } catch {
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
            farmingCostsUsd: try r.farmingCostsTotal + activityFees)
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

/// The tax engine: replays movements in ledger order through lot pools and reports one tax year.
///
/// How it books (US rules):
/// - A claim makes a lot whose basis is its fair market value (amount x price), counted as income
///   (zero-basis policy: basis 0, no income). A buy makes a lot with basis amount x price + fee.
/// - A sell consumes lots from its pool by the booking method; its proceeds (amount x price - fee)
///   are shared among the lot fractions by units, the last fraction taking the remainder.
/// - A transfer between own wallets is not a sale. Its network fee paid in the moved token is a
///   disposal of those units at the transfer's price (taken first, from the sending wallet's pool).
///   Under the per-wallet basis the moved units then leave the sender's pool and join the
///   receiver's with their basis and dates; under the universal basis nothing else happens.
/// - Each pool (asset, or asset and wallet) is a heap ordered by the method, so booking is
///   O(n log n) in the number of events. A lot is split by units (basis x taken / remaining); a
///   fully consumed lot gives its whole remaining basis, so no basis is lost to division.
/// - Division is the one inexact step. A quotient (a split basis, a share of proceeds) is rounded
///   once, from its exact value (`Quantity.product(_:_:dividedBy:scale:rounding:)`), half away from
///   zero, to `LotBook.splitScale` (20) fractional digits, 10^-18 of a cent, so that every later sum
///   and difference stays exact within 38 digits: the fractions of a lot or of a sale add up to its
///   total exactly, and gain = proceeds - basis holds for every total. A figure that still cannot be
///   held exactly is an error (`TaxError.amount`), never a rounded one.
/// - HIFO orders a pool by each lot's exact cost per unit (`LotHeap.UnitCost`), never a rounded one.
/// - Holding period: long-term when the disposal day is after the first anniversary of the
///   acquisition day (acquired 2023-03-15: 2024-03-15 short, 2024-03-16 long), days in the
///   policy's time zone.
/// Movements after the report's year are not booked: nothing later changes that year's figures.
public enum TaxEngine {
    /// The report of `year`, with the activities' fees as farming costs (`FarmingFees`: a caller over
    /// millions of activities streams them into it; this one takes them in memory).
    public static func report(year: Int, movements: [Movement], activities: [Activity],
                              policy: TaxPolicy) throws(TaxError) -> TaxReport {
        try report(year: year, movements: movements,
                   farmingFees: FarmingFees(year: year, timeZone: policy.timeZone, activities: activities), policy: policy)
    }

    /// The report of `year`; `farmingFees` holds the fees of the year's activities (its year and time
    /// zone must be the report's).
    public static func report(year: Int, movements: [Movement], farmingFees: FarmingFees,
                              policy: TaxPolicy) throws(TaxError) -> TaxReport {
        guard (1...9999).contains(year) else { throw .badYear(year) }
        precondition(farmingFees.year == year && farmingFees.timeZone == policy.timeZone,
                     "farming fees of another year or time zone")
        let tz = policy.timeZone
        // The store gives them in ledger order already; sort only when a caller did not.
        let inOrder = zip(movements, movements.dropFirst()).allSatisfy { !Movement.ledgerOrder($1, $0) }
        let ordered = inOrder ? movements : movements.sorted(by: Movement.ledgerOrder)
        var days: [CivilDate] = []
        days.reserveCapacity(ordered.count)
        for m in ordered {
            let d = m.at.day(in: tz)
            if d.year > year { break }
            days.append(d)
        }
        // Shares the caller's storage when every movement is booked (no copy of a large ledger).
        let booked = days.count == ordered.count ? ordered : Array(ordered.prefix(days.count))

        // Collect every missing price first, so one run names them all.
        let missing = booked.filter { m in
            switch m.kind {
            case .claim: policy.airdrops == .income && m.priceUsd == nil
            case .buy, .sell: m.priceUsd == nil
            case .transfer: (m.feeQuantity.map { $0.isPositive } ?? false) && m.priceUsd == nil
            }
        }
        guard missing.isEmpty else { throw .missingPrices(missing) }

        var book = LotBook(policy: policy)
        var balances = Balances()
        for (m, day) in zip(booked, days) {
            do { try balances.apply(m) } catch {
                switch error {
                case .insufficient(let mv, let held): throw .insufficient(movement: mv, held: held)
                case .amount(let e): throw .amount(e)
                }
            }
            try book.apply(m, day: day)
        }

        return try summarize(year: year, policy: policy, book: book, booked: booked, days: days, farmingFees: farmingFees)
    }

    /// What is still held after every movement, lot by lot: the portfolio's cost basis, booked by the
    /// same pools as the tax report (`policy.method`; under the per-wallet basis a transfer moves its
    /// lots with their basis and dates). Claims enter at fair market value, or with an unknown basis
    /// (`basisUsd` nil, never zero) when they have no price; buys at amount x price + fee; a transfer
    /// fee paid in the moved token consumes units like a sale.
    public static func openLots(_ movements: [Movement], policy: TaxPolicy) throws(TaxError) -> [OpenLot] {
        let inOrder = zip(movements, movements.dropFirst()).allSatisfy { !Movement.ledgerOrder($1, $0) }
        // A claim without a price books a lot of unknown basis (the tax report refuses those first).
        var book = LotBook(policy: policy)
        for m in inOrder ? movements : movements.sorted(by: Movement.ledgerOrder) {
            try book.apply(m, day: m.at.day(in: policy.timeZone))
        }
        return book.openLots()
    }

    private static func summarize(year: Int, policy: TaxPolicy, book: LotBook, booked: [Movement], days: [CivilDate],
                                  farmingFees: FarmingFees) throws(TaxError) -> TaxReport {
        // Income.
        var income: [IncomeItem] = []
        if policy.airdrops == .income {
            for (m, day) in zip(booked, days) where m.kind == .claim && day.year == year {
                let price = m.priceUsd ?? .zero
                income.append(IncomeItem(movementId: m.id, at: m.at, date: day, amount: m.amount, priceUsd: price,
                                         usd: try exact(TaxError.amount) { () throws(AmountError) in try m.amount.quantity * price }, projectSlug: m.projectSlug,
                                         walletLabel: m.walletLabel, txHash: m.txHash))
            }
        }
        let byAsset = try subtotals(income.map { ($0.amount.asset.code, $0.usd) })
        let byProject = try subtotals(income.map { ($0.projectSlug ?? "(no project)", $0.usd) })

        // Disposals of the year.
        let disposals = book.matches.allSatisfy { $0.disposed.year == year } ? book.matches
            : book.matches.filter { $0.disposed.year == year }
        var st = TermTotals.zero, lt = TermTotals.zero
        var events = Set<Int64>()
        try exact(TaxError.amount) { () throws(AmountError) in
            for d in disposals {
                events.insert(d.movementId)
                switch d.term {
                case .short:
                    try st.proceeds += d.proceeds; try st.costBasis += d.costBasis; try st.gain += d.gain
                case .long:
                    try lt.proceeds += d.proceeds; try lt.costBasis += d.costBasis; try lt.gain += d.gain
                }
            }
        }
        // Fee disposals and sales are distinct movements, so the event count is the movement count.
        let eventCount = events.count

        // Farming costs: activity fees (`FarmingFees`) and claim fees of the year, by project.
        var costs: [(String, Quantity)] = farmingFees.byProject.map { ($0.key, $0.value) }
        for (m, day) in zip(booked, days) where m.kind == .claim && day.year == year {
            if let fee = m.feeUsd, !fee.isZero { costs.append((m.projectSlug ?? "(no project)", fee)) }
        }
        let costsByProject = try subtotals(costs)

        return TaxReport(
            year: year, policy: policy, income: income, incomeTotal: try exact(TaxError.amount) { () throws(AmountError) in try income.map(\.usd).sum() },
            incomeByAsset: byAsset, incomeByProject: byProject, disposals: disposals, disposalEvents: eventCount,
            shortTerm: st, longTerm: lt, farmingCostsTotal: try exact(TaxError.amount) { () throws(AmountError) in try costs.map(\.1).sum() },
            farmingCostsByProject: costsByProject, unpricedFarmingFees: farmingFees.unpriced,
            history: TaxHistory(movements: booked, lots: book.lots, disposals: book.matches, moves: book.moves))
    }

    private static func subtotals(_ pairs: [(String, Quantity)]) throws(TaxError) -> [Subtotal] {
        var sums: [String: Quantity] = [:]
        for (k, v) in pairs { try exact(TaxError.amount) { () throws(AmountError) in try sums[k, default: .zero] += v } }
        return sums.keys.sorted().map { Subtotal(key: $0, usd: sums[$0] ?? .zero) }
    }
}

/// The lot pools while booking: lots made, fractions disposed of and moved.
struct LotBook {
    struct PoolKey: Hashable {
        var asset: AssetSymbol
        /// nil under the universal basis.
        var walletId: Int64?
    }

    /// Fractional digits kept on a quotient (see the engine's header).
    static let splitScale = 20

    let policy: TaxPolicy
    var pools: [PoolKey: LotHeap] = [:]
    var lots: [TaxLot] = []
    var matches: [LotMatch] = []
    var moves: [LotMove] = []

    init(policy: TaxPolicy) { self.policy = policy }

    func key(_ asset: AssetSymbol, _ walletId: Int64) -> PoolKey {
        PoolKey(asset: asset, walletId: policy.basis == .perWallet ? walletId : nil)
    }

    /// A taken fraction of a lot piece.
    struct Taken {
        var lotId: Int
        var amount: Quantity
        var basis: Quantity
        var acquiredAt: Instant
        var acquired: CivilDate
        var cost: LotHeap.UnitCost?
        var walletLabel: String
        var walletId: Int64
        var basisKnown: Bool
    }

    mutating func apply(_ m: Movement, day: CivilDate) throws(TaxError) {
        let q = m.amount.quantity
        switch m.kind {
        case .claim, .buy:
            let price = m.priceUsd ?? .zero
            let basis: Quantity = try exact(TaxError.amount) { () throws(AmountError) in
                if m.kind == .claim { return policy.airdrops == .income ? try q * price : .zero }
                let cost = try q * price
                guard let fee = m.feeUsd, !fee.isZero else { return cost }
                return try cost + fee
            }
            let id = lots.count + 1
            lots.append(TaxLot(id: id, movementId: m.id, source: m.kind == .claim ? .claim : .buy, amount: m.amount,
                               costBasis: basis, acquiredAt: m.at, acquired: day, walletLabel: m.walletLabel,
                               projectSlug: m.projectSlug))
            guard q.isPositive else { return }
            // The cost per unit orders HIFO pools only; FIFO and LIFO skip it.
            let unit = policy.method == .hifo ? LotHeap.UnitCost(basis: basis, units: q) : nil
            let known = m.priceUsd != nil || (m.kind == .claim && policy.airdrops == .zeroBasis)
            pools[key(m.amount.asset, m.walletId), default: LotHeap(method: policy.method)]
                .push(LotHeap.Piece(lotId: id, acquiredAt: m.at, acquired: day, remaining: q, remainingBasis: basis,
                                    cost: unit,
                                    walletLabel: m.walletLabel, walletId: m.walletId, basisKnown: known))
        case .sell:
            let proceeds: Quantity = try exact(TaxError.amount) { () throws(AmountError) in
                let gross = try q * (m.priceUsd ?? .zero)
                guard let fee = m.feeUsd, !fee.isZero else { return gross }
                return try gross - fee
            }
            let taken = try take(q, from: key(m.amount.asset, m.walletId), for: m)
            try record(taken, kind: .sell, proceeds: proceeds, movement: m, day: day)
        case .transfer:
            let from = key(m.amount.asset, m.walletId)
            if let fee = m.feeQuantity, fee.isPositive {
                let taken = try take(fee, from: from, for: m)
                let proceeds = try exact(TaxError.amount) { () throws(AmountError) in try fee * (m.priceUsd ?? .zero) }
                try record(taken, kind: .fee, proceeds: proceeds, movement: m, day: day)
            }
            guard policy.basis == .perWallet, let toId = m.toWalletId, toId != m.walletId, q.isPositive else { return }
            let to = key(m.amount.asset, toId)
            let toLabel = m.toWalletLabel ?? String(toId)
            let taken = try take(q, from: from, for: m)
            for t in taken {
                moves.append(LotMove(movementId: m.id, lotId: t.lotId, amount: Amount(t.amount, m.amount.asset),
                                     costBasis: t.basis, acquiredAt: t.acquiredAt, acquired: t.acquired,
                                     fromWalletLabel: t.walletLabel, toWalletLabel: toLabel))
                pools[to, default: LotHeap(method: policy.method)]
                    .push(LotHeap.Piece(lotId: t.lotId, acquiredAt: t.acquiredAt, acquired: t.acquired,
                                        remaining: t.amount, remainingBasis: t.basis, cost: t.cost,
                                        walletLabel: toLabel, walletId: toId, basisKnown: t.basisKnown))
            }
        }
    }

    /// What every pool still holds, lot piece by lot piece.
    func openLots() -> [OpenLot] {
        var out: [OpenLot] = []
        for (key, heap) in pools {
            for p in heap.items where p.remaining.isPositive {
                out.append(OpenLot(asset: key.asset, walletId: p.walletId, walletLabel: p.walletLabel, quantity: p.remaining,
                                   basisUsd: p.basisKnown ? p.remainingBasis : nil, acquired: p.acquiredAt))
            }
        }
        return out.sorted { ($0.asset, $0.acquired, $0.walletLabel) < ($1.asset, $1.acquired, $1.walletLabel) }
    }

    /// Consumes `amount` units from a pool by the booking method.
    private mutating func take(_ amount: Quantity, from key: PoolKey, for m: Movement) throws(TaxError) -> [Taken] {
        var need = amount
        var out: [Taken] = []
        guard var heap = pools[key] else {
            if amount.isPositive { throw .insufficient(movement: m, held: .zero) }
            return []
        }
        pools[key] = nil // take the heap out so it is mutated uniquely (no copy)
        defer { pools[key] = heap }
        while need.isPositive {
            guard let top = heap.top else {
                throw .insufficient(movement: m, held: try exact(TaxError.amount) { () throws(AmountError) in try amount - need })
            }
            if top.remaining <= need {
                out.append(Taken(lotId: top.lotId, amount: top.remaining, basis: top.remainingBasis,
                                 acquiredAt: top.acquiredAt, acquired: top.acquired, cost: top.cost,
                                 walletLabel: top.walletLabel, walletId: top.walletId, basisKnown: top.basisKnown))
                try exact(TaxError.amount) { () throws(AmountError) in try need -= top.remaining }
                heap.popTop()
            } else {
                try exact(TaxError.amount) { () throws(AmountError) in
                    let basis = try Quantity.product(top.remainingBasis, need, dividedBy: top.remaining, scale: LotBook.splitScale,
                                                     rounding: .toNearestOrAwayFromZero)
                    out.append(Taken(lotId: top.lotId, amount: need, basis: basis, acquiredAt: top.acquiredAt,
                                     acquired: top.acquired, cost: top.cost,
                                     walletLabel: top.walletLabel, walletId: top.walletId, basisKnown: top.basisKnown))
                    heap.reduceTop(remaining: try top.remaining - need, remainingBasis: try top.remainingBasis - basis)
                }
                need = .zero
            }
        }
        return out
    }

    /// Records disposed fractions, sharing `proceeds` by units (the last takes the remainder).
    private mutating func record(_ taken: [Taken], kind: DisposalKind, proceeds: Quantity, movement m: Movement,
                                 day: CivilDate) throws(TaxError) {
        let total = taken.count == 1 ? Quantity.zero : try exact(TaxError.amount) { () throws(AmountError) in try taken.map(\.amount).sum() }
        var left = proceeds
        for (i, t) in taken.enumerated() {
            let last = i == taken.count - 1
            let share = last || total.isZero ? left : try exact(TaxError.amount) { () throws(AmountError) in
                try Quantity.product(proceeds, t.amount, dividedBy: total, scale: LotBook.splitScale, rounding: .toNearestOrAwayFromZero)
            }
            if !last { try exact(TaxError.amount) { () throws(AmountError) in try left -= share } }
            let gain = try exact(TaxError.amount) { () throws(AmountError) in try share - t.basis }
            let term: HoldingTerm = day > t.acquired.adding(years: 1) ? .long : .short
            matches.append(LotMatch(kind: kind, movementId: m.id, amount: Amount(t.amount, m.amount.asset),
                                    walletLabel: m.walletLabel, lotId: t.lotId, lotWalletLabel: t.walletLabel,
                                    acquiredAt: t.acquiredAt, acquired: t.acquired, disposedAt: m.at, disposed: day,
                                    proceeds: share, costBasis: t.basis, gain: gain, term: term,
                                    txHash: m.txHash))
        }
    }
}

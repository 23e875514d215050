import GRDB
import LedgerCore

extension LedgerDatabase {
    /// What one read of the activity table gives the reports that look at all of it (`activity summary`,
    /// `estimate`, `value`, the HTML report).
    public struct ActivityOverview: Sendable {
        /// Per (project, wallet) summaries as of `now`, sorted by project then wallet
        /// (`WalletActivitySummary`'s rules; pairs with points readings but no activity included).
        public var summaries: [WalletActivitySummary]
        /// Transactions per wallet per UTC day at or before `now` (empty unless asked for).
        public var walletDays: [WalletDay]
    }

    /// One wallet's activity on one UTC day: the number of transactions (entries sharing a transaction
    /// hash, the legs several explorer exports list, count once; an entry without a hash counts alone).
    public struct WalletDay: Sendable, Hashable {
        public var walletLabel: String
        public var day: CivilDate
        public var transactions: Int
    }

    /// Per (project, wallet) activity summaries as of `now` (`activityOverview` without the calendar).
    public func activitySummaries(project: String? = nil, wallet: String? = nil, now: Instant) throws -> [WalletActivitySummary] {
        var none: FarmingFees?
        return try activityOverview(project: project, wallet: wallet, now: now, walletDays: false, fees: &none).summaries
    }

    /// Reads the activity table once: the per (project, wallet) summaries as of `now`, the calendar
    /// of transactions per wallet per day when `walletDays`, and, when `fees` is given, every row's fee
    /// added to it (`FarmingFees` keeps those of its tax year, whatever `now`).
    ///
    /// Rows come through a cursor in (project, wallet, time) order (the activityByProjectWallet index,
    /// no sort), read by column position through SQLite's C API, and are folded one (project, wallet)
    /// group at a time, so memory is bounded by the largest group, not the ledger. Volumes and fees
    /// logged in a token are valued by the one price rule (`PriceRule.pricing`). A row the core cannot
    /// read is `StoreError.damagedRow`.
    ///
    /// The calendar counts a transaction hash once per wallet and day, across projects. Hashes one
    /// wallet booked to several projects are found first from the natural-key index alone (no table
    /// read, one wallet's hashes in memory at a time); only those are remembered across groups.
    public func activityOverview(project: String? = nil, wallet: String? = nil, now: Instant, walletDays: Bool,
                                 fees: inout FarmingFees?) throws -> ActivityOverview {
        var farming = fees
        let overview = try read { db -> ActivityOverview in
            var slugs: [Int64: String] = [:], labels: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, slug FROM project") { slugs[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT id, label FROM wallet") { labels[row[0]] = row[1] }
            var filter = ""
            var args: [Int64] = []
            if let s = project { filter += " AND projectId = ?"; args.append(try Self.project(db, slug: s).id) }
            if let l = wallet { filter += " AND walletId = ?"; args.append(try Self.wallet(db, labelled: l).id) }
            let shared = walletDays ? try Self.sharedHashes(db, filter: filter, args: args) : []
            var sql = """
                SELECT projectId, walletId, kind, atSeconds, chain, txHash, volumeQuantity, volumeAsset, volumeUsd,
                       feeQuantity, feeAsset, feeUsd, points, failed, id
                FROM activity WHERE 1
                """ + filter
            // Fees are read whatever their time (the fee rule keeps its year); summaries stop at `now`.
            if farming == nil { sql += " AND atSeconds <= ?"; args.append(now.seconds) }
            sql += " ORDER BY projectId, walletId, atSeconds"

            struct Key: Hashable { let project: String; let wallet: String }
            var readings: [Key: [PointsReading]] = [:]
            for r in try Self.pointsReadings(db, project: project, wallet: wallet) {
                readings[Key(project: r.projectSlug, wallet: r.walletLabel), default: []].append(r)
            }
            let rule = PriceRule(book: PriceBook(try Self.pricePoints(db)))
            var summaries: [WalletActivitySummary] = []
            var seen = Set<Key>()

            // The calendar: transactions per (wallet, day); shared hashes already counted on a day.
            struct SharedOnDay: Hashable { let wallet: Int64; let day: Int64; let hash: String }
            var calendar: [Int64: [Int64: Int]] = [:]
            var sharedCounted = Set<SharedOnDay>()

            // The current (project, wallet) group: its builder, and the current day's hashes.
            var group: (project: Int64, wallet: Int64)?
            var builder: WalletActivitySummary.Builder?
            var key = Key(project: "", wallet: "")
            var day: Int64?
            var dayHashes = Set<String>(), dayCount = 0
            var walletCalendar: [Int64: Int] = [:]
            func flushDay() {
                if let d = day, dayCount > 0 { walletCalendar[d, default: 0] += dayCount }
                day = nil
                dayCount = 0
                dayHashes.removeAll(keepingCapacity: true)
            }
            func flushGroup() throws {
                if let b = builder {
                    summaries.append(try b.summary(readings: readings[key] ?? [], now: now))
                    seen.insert(key)
                }
                builder = nil
                flushDay()
                if let g = group, walletDays { calendar[g.wallet] = walletCalendar }
            }

            let statement = RawBinding(try db.cachedStatement(sql: sql))
            for (i, a) in args.enumerated() { statement.bind(Int32(i + 1), a) }
            var decoded = ActivityColumns()
            try statement.forEachRow(db) { row in
                let r = StoredRow(table: "activity", id: row.int64(14))
                let projectId = row.int64(0), walletId = row.int64(1)
                if group?.project != projectId || group?.wallet != walletId {
                    try flushGroup()
                    group = (projectId, walletId)
                    key = Key(project: slugs[projectId] ?? "?", wallet: labels[walletId] ?? "?")
                    if walletDays { walletCalendar = calendar.removeValue(forKey: walletId) ?? [:] }
                }
                let tx = row.text(5) ?? ""
                let at = Instant(seconds: row.int64(3))
                let a = rule.pricing(try decoded.activity(row, r, projectSlug: key.project, walletLabel: key.wallet, at: at, txHash: tx))
                try farming?.add(a)
                guard at <= now else { return }
                if builder == nil { builder = WalletActivitySummary.Builder(projectSlug: key.project, walletLabel: key.wallet) }
                try builder?.add(a)
                guard walletDays else { return }
                // The UTC day as SQLite's integer division gives it.
                let d = at.seconds / 86_400
                if d != day { flushDay(); day = d }
                if tx.isEmpty {
                    dayCount += 1
                } else if dayHashes.insert(tx).inserted
                            && (shared.isEmpty || !shared.contains(WalletHash(wallet: walletId, hash: tx))
                                || sharedCounted.insert(SharedOnDay(wallet: walletId, day: d, hash: tx)).inserted) {
                    dayCount += 1
                }
            }
            try flushGroup()
            // Pairs with points readings but no activity.
            for (k, rs) in readings where !seen.contains(k) && rs.contains(where: { $0.at <= now }) {
                summaries.append(try WalletActivitySummary.summarize(projectSlug: k.project, walletLabel: k.wallet, activities: [],
                                                                     readings: rs, now: now))
            }
            summaries.sort { ($0.projectSlug, $0.walletLabel) < ($1.projectSlug, $1.walletLabel) }
            let days = calendar.flatMap { wallet, byDay in
                byDay.map { d, n in WalletDay(walletLabel: labels[wallet] ?? "?", day: CivilDate(daysSinceEpoch: d), transactions: n) }
            }
            return ActivityOverview(summaries: summaries, walletDays: days)
        }
        fees = farming
        return overview
    }

    struct WalletHash: Hashable { let wallet: Int64; let hash: String }

    /// The transaction hashes a wallet booked to more than one project, from the natural-key index
    /// alone (in wallet, project order; no table read), one wallet's hashes in memory at a time.
    static func sharedHashes(_ db: Database, filter: String, args: [Int64]) throws -> Set<WalletHash> {
        let statement = RawBinding(try db.cachedStatement(sql: """
            SELECT walletId, projectId, txHash FROM activity WHERE txHash <> ''\(filter) ORDER BY walletId, projectId
            """))
        for (i, a) in args.enumerated() { statement.bind(Int32(i + 1), a) }
        var shared = Set<WalletHash>()
        var wallet: Int64?
        var firstProject: [String: Int64] = [:]
        try statement.forEachRow(db) { row in
            let w = row.int64(0), p = row.int64(1)
            if w != wallet { wallet = w; firstProject.removeAll(keepingCapacity: true) }
            guard let hash = row.text(2) else { return }
            if let first = firstProject[hash] {
                if first != p { shared.insert(WalletHash(wallet: w, hash: hash)) }
            } else {
                firstProject[hash] = p
            }
        }
        return shared
    }

    /// Transactions per wallet per UTC day at or before `now` (`activityOverview`'s calendar).
    public func walletDays(wallet: String? = nil, now: Instant) throws -> [WalletDay] {
        var none: FarmingFees?
        return try activityOverview(wallet: wallet, now: now, walletDays: true, fees: &none).walletDays
    }
}

/// The columns of activity rows decoded through `ColumnMemo`s: what repeats from row to row (a kind,
/// an asset, a flat fee) is decoded once, with the same checks as every decoder (`StoredRow`).
private struct ActivityColumns {
    var kind = ColumnMemo<Activity.Kind>(), chain = ColumnMemo<String?>()
    var volumeQuantity = ColumnMemo<Quantity?>(), volumeAsset = ColumnMemo<AssetSymbol?>(), volumeUsd = ColumnMemo<Quantity?>()
    var feeQuantity = ColumnMemo<Quantity?>(), feeAsset = ColumnMemo<AssetSymbol?>(), feeUsd = ColumnMemo<Quantity?>()
    var points = ColumnMemo<Quantity?>()

    /// Columns: 2 kind, 4 chain, 6-8 volume, 9-11 fee, 12 points, 13 failed (of `activityOverview`'s SELECT).
    mutating func activity(_ row: RawRow, _ r: StoredRow, projectSlug: String, walletLabel: String, at: Instant,
                           txHash tx: String) throws -> Activity {
        Activity(
            projectSlug: projectSlug, walletLabel: walletLabel, kind: try kind(row, 2) { text throws(StoreError) in try r.value("kind", text) },
            at: at, chain: chain(row, 4) { text in text.flatMap { $0.isEmpty ? nil : $0 } }, txHash: tx.isEmpty ? nil : tx,
            volume: try amount(row, r, 6, "volumeQuantity", 7, "volumeAsset", &volumeQuantity, &volumeAsset),
            volumeUsd: try volumeUsd(row, 8) { text throws(StoreError) in try r.optionalQuantity("volumeUsd", text) },
            fee: try amount(row, r, 9, "feeQuantity", 10, "feeAsset", &feeQuantity, &feeAsset),
            feeUsd: try feeUsd(row, 11) { text throws(StoreError) in try r.optionalQuantity("feeUsd", text) },
            points: try points(row, 12) { text throws(StoreError) in try r.optionalQuantity("points", text) },
            failed: row.int64(13) != 0)
    }

    /// Quantity and asset in two columns, as `StoredRow.optionalAmount` reads them.
    private func amount(_ row: RawRow, _ r: StoredRow, _ qi: Int32, _ qColumn: String, _ ai: Int32, _ aColumn: String,
                        _ q: inout ColumnMemo<Quantity?>, _ a: inout ColumnMemo<AssetSymbol?>) throws -> Amount? {
        switch (row.isNull(qi), row.isNull(ai)) {
        case (true, true): return nil
        case (true, false): throw r.damaged(qColumn, nil)
        case (false, true): throw r.damaged(aColumn, nil)
        case (false, false):
            guard let quantity = try q(row, qi, { text throws(StoreError) in try r.optionalQuantity(qColumn, text) }),
                  let asset = try a(row, ai, { text throws(StoreError) in try r.optionalAsset(aColumn, text) }) else { return nil }
            return Amount(quantity, asset)
        }
    }
}

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
            struct WalletDayKey: Hashable { let wallet: Int64; let day: Int64 }
            struct SharedOnDay: Hashable { let wallet: Int64; let day: Int64; let hash: String }
            var calendar: [WalletDayKey: Int] = [:]
            var sharedCounted = Set<SharedOnDay>()

            // The current (project, wallet) group: its builder, and the current day's hashes.
            var group: (project: Int64, wallet: Int64)?
            var builder: WalletActivitySummary.Builder?
            var key = Key(project: "", wallet: "")
            var day: Int64?
            var dayHashes = Set<String>()
            func flushGroup() throws {
                if let b = builder {
                    summaries.append(try b.summary(readings: readings[key] ?? [], now: now))
                    seen.insert(key)
                }
                builder = nil
                day = nil
                dayHashes.removeAll(keepingCapacity: true)
            }

            let statement = RawBinding(try db.cachedStatement(sql: sql))
            for (i, a) in args.enumerated() { statement.bind(Int32(i + 1), a) }
            var kinds = SharedKind()
            try statement.forEachRow(db) { row in
                let r = StoredRow(table: "activity", id: row.int64(14))
                let projectId = row.int64(0), walletId = row.int64(1)
                if group?.project != projectId || group?.wallet != walletId {
                    try flushGroup()
                    group = (projectId, walletId)
                    key = Key(project: slugs[projectId] ?? "?", wallet: labels[walletId] ?? "?")
                }
                let tx = row.text(5) ?? "", chain = row.text(4) ?? ""
                let at = Instant(seconds: row.int64(3))
                let a = rule.pricing(Activity(
                    projectSlug: key.project, walletLabel: key.wallet, kind: try kinds(r, row.text(2)),
                    at: at, chain: chain.isEmpty ? nil : chain, txHash: tx.isEmpty ? nil : tx,
                    volume: try r.optionalAmount("volumeQuantity", row.text(6), "volumeAsset", row.text(7)),
                    volumeUsd: try r.optionalQuantity("volumeUsd", row.text(8)),
                    fee: try r.optionalAmount("feeQuantity", row.text(9), "feeAsset", row.text(10)),
                    feeUsd: try r.optionalQuantity("feeUsd", row.text(11)), points: try r.optionalQuantity("points", row.text(12)),
                    failed: row.int64(13) != 0))
                try farming?.add(a)
                guard at <= now else { return }
                if builder == nil { builder = WalletActivitySummary.Builder(projectSlug: key.project, walletLabel: key.wallet) }
                try builder?.add(a)
                guard walletDays else { return }
                // The UTC day as SQLite's integer division gives it.
                let d = at.seconds / 86_400
                if d != day { day = d; dayHashes.removeAll(keepingCapacity: true) }
                let counts: Bool
                if tx.isEmpty {
                    counts = true
                } else if dayHashes.insert(tx).inserted {
                    counts = !shared.contains(WalletHash(wallet: walletId, hash: tx))
                        || sharedCounted.insert(SharedOnDay(wallet: walletId, day: d, hash: tx)).inserted
                } else {
                    counts = false
                }
                if counts { calendar[WalletDayKey(wallet: walletId, day: d), default: 0] += 1 }
            }
            try flushGroup()
            // Pairs with points readings but no activity.
            for (k, rs) in readings where !seen.contains(k) && rs.contains(where: { $0.at <= now }) {
                summaries.append(try WalletActivitySummary.summarize(projectSlug: k.project, walletLabel: k.wallet, activities: [],
                                                                     readings: rs, now: now))
            }
            summaries.sort { ($0.projectSlug, $0.walletLabel) < ($1.projectSlug, $1.walletLabel) }
            let days = calendar.map { k, n in
                WalletDay(walletLabel: labels[k.wallet] ?? "?", day: CivilDate(daysSinceEpoch: k.day), transactions: n)
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

/// The activity kind of row after row: the stored text is decoded once while it repeats.
private struct SharedKind {
    private var lastText = ""
    private var last: Activity.Kind?

    mutating func callAsFunction(_ r: StoredRow, _ text: String?) throws(StoreError) -> Activity.Kind {
        if let k = last, let text, text == lastText { return k }
        let k: Activity.Kind = try r.value("kind", text)
        last = k
        lastText = text ?? ""
        return k
    }
}

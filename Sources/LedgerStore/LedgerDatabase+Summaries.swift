import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Per (project, wallet) activity summaries as of `now`, streamed: rows come through a cursor in
    /// (project, wallet, time) order (the activityByProjectWallet index, no sort) and are summarised
    /// one group at a time, so memory is bounded by the largest group, not the ledger.
    public func activitySummaries(project: String? = nil, wallet: String? = nil, now: Instant) throws -> [WalletActivitySummary] {
        try read { db in
            var slugs: [Int64: String] = [:], labels: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, slug FROM project") { slugs[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT id, label FROM wallet") { labels[row[0]] = row[1] }
            var sql = """
                SELECT projectId, walletId, kind, atSeconds, chain, txHash, volumeQuantity, volumeAsset, volumeUsd,
                       feeQuantity, feeAsset, feeUsd, points, failed, id
                FROM activity WHERE atSeconds <= ?
                """
            var args: [(any DatabaseValueConvertible)?] = [now.seconds]
            if let s = project { sql += " AND projectId = ?"; args.append(try Self.project(db, slug: s).id) }
            if let l = wallet { sql += " AND walletId = ?"; args.append(try Self.wallet(db, labelled: l).id) }
            sql += " ORDER BY projectId, walletId, atSeconds"

            struct Key: Hashable { let project: String; let wallet: String }
            var readings: [Key: [PointsReading]] = [:]
            for r in try Self.pointsReadings(db, project: project, wallet: wallet) {
                readings[Key(project: r.projectSlug, wallet: r.walletLabel), default: []].append(r)
            }
            // Volumes and fees logged in a token are valued by the one price rule.
            let rule = PriceRule(book: PriceBook(try Self.pricePoints(db)))
            var out: [WalletActivitySummary] = []
            var seen = Set<Key>()
            var current: Key?
            var group: [Activity] = []
            func flush() throws {
                guard let k = current else { return }
                out.append(try WalletActivitySummary.summarize(projectSlug: k.project, walletLabel: k.wallet, activities: group,
                                                           readings: readings[k] ?? [], now: now))
                seen.insert(k)
                group.removeAll(keepingCapacity: true)
            }
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(args))
            while let row = try cursor.next() {
                let key = Key(project: slugs[row[0]] ?? "?", wallet: labels[row[1]] ?? "?")
                if key != current { try flush(); current = key }
                // Read by position (a by-name lookup costs a lowercasing per column per row), through the
                // same checks as every decoder: a damaged row is an error naming it.
                let r = StoredRow(table: "activity", id: row[14])
                let tx: String = row[5], chain: String = row[4]
                group.append(rule.pricing(Activity(
                    projectSlug: key.project, walletLabel: key.wallet, kind: try r.value("kind", row[2]),
                    at: Instant(seconds: row[3]), chain: chain.isEmpty ? nil : chain, txHash: tx.isEmpty ? nil : tx,
                    volume: try r.optionalAmount("volumeQuantity", row[6], "volumeAsset", row[7]),
                    volumeUsd: try r.optionalQuantity("volumeUsd", row[8]),
                    fee: try r.optionalAmount("feeQuantity", row[9], "feeAsset", row[10]),
                    feeUsd: try r.optionalQuantity("feeUsd", row[11]), points: try r.optionalQuantity("points", row[12]),
                    failed: row[13])))
            }
            try flush()
            // Pairs with points readings but no activity.
            for (k, rs) in readings where !seen.contains(k) && rs.contains(where: { $0.at <= now }) {
                out.append(try WalletActivitySummary.summarize(projectSlug: k.project, walletLabel: k.wallet, activities: [],
                                                           readings: rs, now: now))
            }
            return out.sorted { ($0.projectSlug, $0.walletLabel) < ($1.projectSlug, $1.walletLabel) }
        }
    }
}

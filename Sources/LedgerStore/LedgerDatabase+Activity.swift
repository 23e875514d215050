import GRDB
import LedgerCore

/// Filters for reading activity; nil means "any".
public struct ActivityFilter: Sendable {
    public var project: String?
    public var wallet: String?
    public var kind: Activity.Kind?
    public var since: Instant?
    public var until: Instant?
    public init(project: String? = nil, wallet: String? = nil, kind: Activity.Kind? = nil, since: Instant? = nil, until: Instant? = nil) {
        self.project = project; self.wallet = wallet; self.kind = kind; self.since = since; self.until = until
    }
}

extension LedgerDatabase {
    static func activity(from row: Row) -> Activity {
        func q(_ c: String) -> Quantity? { (row[c] as String?).flatMap { Quantity(stored: $0) } }
        func amount(_ qc: String, _ ac: String) -> Amount? {
            guard let qty = q(qc), let a = (row[ac] as String?).flatMap(AssetSymbol.init(stored:)) else { return nil }
            return Amount(qty, a)
        }
        let chain: String = row["chain"], tx: String = row["txHash"], leg: String = row["leg"]
        return Activity(
            id: row["id"], projectSlug: row["projectSlug"], walletLabel: row["walletLabel"],
            kind: Activity.Kind(rawValue: row["kind"]) ?? .other, at: Instant(seconds: row["atSeconds"]),
            chain: chain.isEmpty ? nil : chain, txHash: tx.isEmpty ? nil : tx,
            volume: amount("volumeQuantity", "volumeAsset"), volumeUsd: q("volumeUsd"),
            fee: amount("feeQuantity", "feeAsset"), feeUsd: q("feeUsd"), points: q("points"), note: row["note"],
            source: row["source"], failed: row["failed"], counterparty: row["counterparty"], leg: leg.isEmpty ? nil : leg)
    }

    /// Every column of an activity, in the order both writers bind them (`insertActivity` and the
    /// import batch, which adds an ON CONFLICT clause).
    static let activityInsert = """
        INSERT INTO activity(projectId, walletId, kind, at, atSeconds, chain, txHash, volumeQuantity, volumeAsset,
          volumeUsd, feeQuantity, feeAsset, feeUsd, points, note, source, failed, counterparty, createdAt, leg)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// Records one activity. The same (wallet, project, chain, tx, kind, leg) twice is refused, naming the entry.
    public func recordActivity(_ a: Activity, now: Instant) throws -> Activity {
        try write { db in try Self.insertActivity(db, a, now: now, duplicateIsError: true) ?? a }
    }

    /// Inserts; returns the stored activity, or nil when it was already there and `duplicateIsError` is false.
    static func insertActivity(_ db: Database, _ a: Activity, now: Instant, duplicateIsError: Bool) throws -> Activity? {
        let w = try wallet(db, labelled: a.walletLabel)
        let p = try project(db, slug: a.projectSlug)
        let chain = a.chain ?? "", tx = a.txHash ?? "", leg = a.leg ?? ""
        if !tx.isEmpty, let row = try Row.fetchOne(db, sql: """
            SELECT id, at FROM activity WHERE walletId = ? AND projectId = ? AND chain = ? AND txHash = ? AND kind = ? AND leg = ?
            """, arguments: [w.id, p.id, chain, tx, a.kind.rawValue, leg]) {
            guard duplicateIsError else { return nil }
            throw StoreError.duplicateActivity(existingId: row["id"],
                summary: "\(a.kind.rawValue) on \(p.slug) by '\(w.label)' at \(row["at"] as String), tx \(tx)")
        }
        try db.execute(sql: activityInsert, arguments: [
                p.id, w.id, a.kind.rawValue, a.at.description, a.at.seconds, chain, tx,
                a.volume?.quantity.description, a.volume?.asset.code, a.volumeUsd?.description,
                a.fee?.quantity.description, a.fee?.asset.code, a.feeUsd?.description, a.points?.description,
                a.note, a.source, a.failed, a.counterparty, now.description, leg,
            ])
        var stored = a
        stored.id = db.lastInsertedRowID
        stored.walletLabel = w.label
        stored.projectSlug = p.slug
        return stored
    }

    public func activities(_ f: ActivityFilter = ActivityFilter()) throws -> [Activity] {
        try read { db in
            var sql = """
                SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM activity a
                JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId WHERE 1
                """
            var args: [(any DatabaseValueConvertible)?] = []
            if let s = f.project { sql += " AND a.projectId = ?"; args.append(try Self.project(db, slug: s).id) }
            if let l = f.wallet { sql += " AND a.walletId = ?"; args.append(try Self.wallet(db, labelled: l).id) }
            if let k = f.kind { sql += " AND a.kind = ?"; args.append(k.rawValue) }
            if let s = f.since { sql += " AND a.atSeconds >= ?"; args.append(s.seconds) }
            if let u = f.until { sql += " AND a.atSeconds < ?"; args.append(u.seconds) }
            sql += " ORDER BY a.atSeconds, a.id"
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.activity(from:))
        }
    }

    public func recordPoints(project: String, wallet: String, points: Quantity, at: Instant, now: Instant) throws -> PointsReading {
        try write { db in
            let w = try Self.wallet(db, labelled: wallet)
            let p = try Self.project(db, slug: project)
            try db.execute(sql: "INSERT INTO pointsReading(projectId, walletId, at, atSeconds, points, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [p.id, w.id, at.description, at.seconds, points.description, now.description])
            return PointsReading(id: db.lastInsertedRowID, projectSlug: p.slug, walletLabel: w.label, at: at, points: points)
        }
    }

    public func pointsReadings(project: String? = nil, wallet: String? = nil) throws -> [PointsReading] {
        try read { db in try Self.pointsReadings(db, project: project, wallet: wallet) }
    }

    static func pointsReadings(_ db: Database, project: String?, wallet: String?) throws -> [PointsReading] {
        var sql = """
            SELECT r.*, p.slug AS projectSlug, w.label AS walletLabel FROM pointsReading r
            JOIN project p ON p.id = r.projectId JOIN wallet w ON w.id = r.walletId WHERE 1
            """
        var args: [(any DatabaseValueConvertible)?] = []
        if let s = project { sql += " AND r.projectId = ?"; args.append(try Self.project(db, slug: s).id) }
        if let l = wallet { sql += " AND r.walletId = ?"; args.append(try Self.wallet(db, labelled: l).id) }
        sql += " ORDER BY r.atSeconds, r.id"
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row in
            PointsReading(id: row["id"], projectSlug: row["projectSlug"], walletLabel: row["walletLabel"],
                          at: Instant(seconds: row["atSeconds"]), points: Quantity(stored: row["points"]) ?? .zero)
        }
    }
}

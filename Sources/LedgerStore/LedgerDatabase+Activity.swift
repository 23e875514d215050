import Foundation
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
    /// The activity table's one INSERT: every column, and a natural key conflict (same wallet,
    /// project, chain, tx hash, kind and leg) writes nothing, so the writer decides what it means.
    static let activityInsert = """
        INSERT INTO activity(projectId, walletId, kind, at, atSeconds, chain, txHash, volumeQuantity, volumeAsset,
          volumeUsd, feeQuantity, feeAsset, feeUsd, points, note, source, failed, counterparty, createdAt, leg)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT(walletId, projectId, chain, txHash, kind, leg) WHERE txHash <> '' DO NOTHING
        """

    /// Records one activity. The same (wallet, project, chain, tx, kind, leg) twice is refused, naming the entry.
    public func recordActivity(_ a: Activity, now: Instant) throws -> Activity {
        try write { db in
            let w = try Self.wallet(db, labelled: a.walletLabel)
            let p = try Self.project(db, slug: a.projectSlug)
            var stored = a
            stored.id = try ActivityWriter(db, cached: true).insert(db, a, walletId: w.id, projectId: p.id,
                                                                    createdAt: now.description, duplicate: .refuse) ?? 0
            stored.walletLabel = w.label
            stored.projectSlug = p.slug
            return stored
        }
    }

    /// The points reading table's one writer.
    static func insertPointsReading(_ db: Database, projectId: Int64, walletId: Int64, at: Instant, points: Quantity,
                                    now: String) throws -> Int64 {
        try db.cachedStatement(sql: """
            INSERT INTO pointsReading(projectId, walletId, at, atSeconds, points, createdAt) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [projectId, walletId, at.description, at.seconds, points.description, now])
        return db.lastInsertedRowID
    }

    /// Activity entries in time order, their token volumes and fees without a logged USD figure valued
    /// by the one price rule (`PriceRule.pricing`); what the rule cannot price stays nil.
    public func activities(_ f: ActivityFilter = ActivityFilter()) throws -> [Activity] {
        try read { db in
            let rule = PriceRule(book: PriceBook(try Self.pricePoints(db)))
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
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row throws in rule.pricing(try Activity(row: row)) }
        }
    }

    public func recordPoints(project: String, wallet: String, points: Quantity, at: Instant, now: Instant) throws -> PointsReading {
        try write { db in
            let w = try Self.wallet(db, labelled: wallet)
            let p = try Self.project(db, slug: project)
            let id = try Self.insertPointsReading(db, projectId: p.id, walletId: w.id, at: at, points: points, now: now.description)
            return PointsReading(id: id, projectSlug: p.slug, walletLabel: w.label, at: at, points: points)
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
        return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map { row throws in try PointsReading(row: row) }
    }
}

/// The one writer of the activity table, used by `recordActivity`, import batches and `restore`.
/// It binds through SQLite's C API (`RawBinding`): an import writes millions of rows, and a batch
/// keeps one writer (one prepared statement) for all of them.
struct ActivityWriter {
    /// What a row already in the ledger means.
    enum Duplicate {
        /// A command or a restore: the same (wallet, project, chain, tx, kind, leg) is refused, naming
        /// the entry (`StoreError.duplicateActivity`). Entries without a tx hash are never duplicates.
        case refuse
        /// An import: it is skipped (imports are idempotent). Without a tx hash the natural key is the
        /// same wallet, project, kind, chain, time, volume and fee.
        case skip
    }

    private let statement: Statement

    /// `cached`: through GRDB's statement cache (a single write); else a statement of its own, for a
    /// batch that keeps the writer (the cache hashes the SQL text on every lookup).
    init(_ db: Database, cached: Bool) throws {
        statement = cached ? try db.cachedStatement(sql: LedgerDatabase.activityInsert)
                           : try db.makeStatement(sql: LedgerDatabase.activityInsert)
    }

    /// Inserts `a` for the resolved wallet and project; returns its id, or nil when `.skip` found it
    /// already in the ledger.
    func insert(_ db: Database, _ a: Activity, walletId: Int64, projectId: Int64, createdAt: String,
                duplicate: Duplicate) throws -> Int64? {
        let chain = a.chain ?? "", tx = a.txHash ?? "", leg = a.leg ?? ""
        if duplicate == .skip, tx.isEmpty {
            let existing = try db.cachedStatement(sql: """
                SELECT 1 FROM activity WHERE walletId = ? AND atSeconds = ? AND projectId = ? AND kind = ? AND chain = ? AND txHash = ''
                  AND volumeQuantity IS ? AND volumeUsd IS ? AND feeQuantity IS ? AND feeUsd IS ? LIMIT 1
                """)
            if try Row.fetchOne(existing, arguments: [walletId, a.at.seconds, projectId, a.kind.rawValue, chain,
                                                      a.volume?.quantity.description, a.volumeUsd?.description,
                                                      a.fee?.quantity.description, a.feeUsd?.description]) != nil {
                return nil
            }
        }
        let insert = RawBinding(statement)
        insert.bind(1, projectId)
        insert.bind(2, walletId)
        insert.bind(3, a.kind.rawValue)
        insert.bind(4, a.at.description)
        insert.bind(5, a.at.seconds)
        insert.bind(6, chain)
        insert.bind(7, tx)
        insert.bind(8, a.volume?.quantity.description)
        insert.bind(9, a.volume?.asset.code)
        insert.bind(10, a.volumeUsd?.description)
        insert.bind(11, a.fee?.quantity.description)
        insert.bind(12, a.fee?.asset.code)
        insert.bind(13, a.feeUsd?.description)
        insert.bind(14, a.points?.description)
        insert.bind(15, a.note)
        insert.bind(16, a.source)
        insert.bind(17, a.failed)
        insert.bind(18, a.counterparty)
        insert.bind(19, createdAt)
        insert.bind(20, leg)
        try insert.step(db)
        if db.changesCount > 0 { return db.lastInsertedRowID }
        guard duplicate == .refuse else { return nil }
        let row = try Row.fetchOne(db, sql: """
            SELECT id, atSeconds FROM activity WHERE walletId = ? AND projectId = ? AND chain = ? AND txHash = ? AND kind = ? AND leg = ?
            """, arguments: [walletId, projectId, chain, tx, a.kind.rawValue, leg])
        let project = try String.fetchOne(db, sql: "SELECT slug FROM project WHERE id = ?", arguments: [projectId]) ?? a.projectSlug
        let wallet = try String.fetchOne(db, sql: "SELECT label FROM wallet WHERE id = ?", arguments: [walletId]) ?? a.walletLabel
        throw StoreError.duplicateActivity(existingId: row?["id"] ?? 0, kind: a.kind, project: project, wallet: wallet,
                                           at: Instant(seconds: row?["atSeconds"] ?? a.at.seconds), txHash: tx)
    }
}

extension LedgerDatabase {
    /// The farming costs of `year` from activity (`FarmingFees`: the tax report's rule), read by a
    /// cursor over the year's rows with only the fee columns decoded, through SQLite's C API: millions
    /// of rows are never held. The table is scanned in its own order (NOT INDEXED): with few wallets
    /// SQLite would otherwise skip-scan activityByWallet for the time range and look every row up
    /// by id, out of file order (measured 10x slower on the 5,000,000-row benchmark ledger). A fee in a token without a logged USD figure is valued by the one price
    /// rule (`PriceRule`), as `activities(_:)` values it.
    public func farmingFees(year: Int, timeZone: TimeZone) throws -> FarmingFees {
        var fees = try FarmingFees(year: year, timeZone: timeZone)
        let window = fees.window
        try read { db in
            var slugs: [Int64: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, slug FROM project") { slugs[row[0]] = row[1] }
            let rule = PriceRule(book: PriceBook(try Self.pricePoints(db)))
            let statement = RawBinding(try db.cachedStatement(sql: """
                SELECT projectId, atSeconds, feeQuantity, feeAsset, feeUsd, id FROM activity NOT INDEXED
                WHERE atSeconds >= ? AND atSeconds < ? AND (feeUsd IS NOT NULL OR feeQuantity IS NOT NULL)
                """))
            statement.bind(1, window.since.seconds)
            statement.bind(2, window.until.seconds)
            // Fees repeat row after row (a gas price, a flat fee): the last text read is parsed once.
            var lastUsdText: String?, lastUsd: Quantity?
            try statement.forEachRow(db) { row in
                let r = StoredRow(table: "activity", id: row.int64(5))
                let at = Instant(seconds: row.int64(1))
                let fee = try r.optionalAmount("feeQuantity", row.text(2), "feeAsset", row.text(3))
                var usd: Quantity?
                if let text = row.text(4) {
                    if text != lastUsdText { lastUsd = try r.quantity("feeUsd", text); lastUsdText = text }
                    usd = lastUsd
                } else {
                    usd = fee.flatMap { rule.value(of: $0, at: at) }
                }
                try fees.add(project: slugs[row.int64(0)] ?? "?", at: at, usd: usd, hasFee: fee != nil)
            }
        }
        return fees
    }
}

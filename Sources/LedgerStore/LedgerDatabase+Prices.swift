import GRDB
import LedgerCore

extension LedgerDatabase {
    static func pricePoints(_ db: Database, asset: AssetSymbol? = nil) throws -> [PricePoint] {
        var sql = "SELECT asset, atSeconds, usd, source FROM price"
        var args: StatementArguments = []
        if let a = asset { sql += " WHERE asset = ?"; args = [a.code] }
        sql += " ORDER BY asset, atSeconds"
        return try Row.fetchAll(db, sql: sql, arguments: args).compactMap { row in
            guard let a = AssetSymbol(stored: row["asset"]), let usd = Quantity(stored: row["usd"]) else { return nil }
            return PricePoint(asset: a, at: Instant(seconds: row["atSeconds"]), usd: usd, source: row["source"])
        }
    }

    public func prices(asset: AssetSymbol? = nil) throws -> [PricePoint] {
        try read { db in try Self.pricePoints(db, asset: asset) }
    }

    public func priceBook() throws -> PriceBook { PriceBook(try prices()) }

    /// Sets a manual price (replacing any price of that asset at that exact time).
    public func setPrice(_ p: PricePoint, now: Instant) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO price(asset, at, atSeconds, usd, source, createdAt) VALUES (?, ?, ?, ?, 'manual', ?)
                ON CONFLICT(asset, atSeconds) DO UPDATE SET usd = excluded.usd, source = 'manual', createdAt = excluded.createdAt
                """, arguments: [p.asset.code, p.at.description, p.at.seconds, p.usd.description, now.description])
        }
    }

    public struct PriceImportOutcome: Sendable {
        public var added = 0, updated = 0, keptManual = 0, unchanged = 0
    }

    /// Imports prices, all in one transaction. A manual price at the same time is kept unless `replace`.
    public func importPrices(_ points: [PricePoint], replace: Bool, now: Instant) throws -> PriceImportOutcome {
        try write { db in
            var o = PriceImportOutcome()
            for p in points {
                if let row = try Row.fetchOne(db, sql: "SELECT id, usd, source FROM price WHERE asset = ? AND atSeconds = ?",
                                              arguments: [p.asset.code, p.at.seconds]) {
                    if (row["source"] as String) == "manual" && !replace { o.keptManual += 1; continue }
                    if (row["usd"] as String) == p.usd.description && (row["source"] as String) == "import" { o.unchanged += 1; continue }
                    try db.execute(sql: "UPDATE price SET usd = ?, source = 'import', createdAt = ? WHERE id = ?",
                                   arguments: [p.usd.description, now.description, row["id"] as Int64])
                    o.updated += 1
                } else {
                    try db.execute(sql: "INSERT INTO price(asset, at, atSeconds, usd, source, createdAt) VALUES (?, ?, ?, ?, 'import', ?)",
                                   arguments: [p.asset.code, p.at.description, p.at.seconds, p.usd.description, now.description])
                    o.added += 1
                }
            }
            return o
        }
    }

    // MARK: Allocations

    public func recordAllocation(project: String, wallet: String, amount: Amount, deadline: CivilDate?, now: Instant) throws -> Allocation {
        try write { db in
            let w = try Self.wallet(db, labelled: wallet)
            let p = try Self.project(db, slug: project)
            try db.execute(sql: """
                INSERT INTO allocation(projectId, walletId, quantity, asset, deadline, createdAt) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(projectId, walletId, asset) DO UPDATE SET quantity = excluded.quantity, deadline = excluded.deadline
                """, arguments: [p.id, w.id, amount.quantity.description, amount.asset.code, deadline?.description, now.description])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM allocation WHERE projectId = ? AND walletId = ? AND asset = ?",
                                        arguments: [p.id, w.id, amount.asset.code]) ?? 0
            return Allocation(id: id, projectSlug: p.slug, walletLabel: w.label, amount: amount, deadline: deadline)
        }
    }

    public func allocations() throws -> [Allocation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM allocation a
                JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId
                ORDER BY a.deadline IS NULL, a.deadline, p.slug, w.label
                """).compactMap { row in
                guard let q = Quantity(stored: row["quantity"]), let a = AssetSymbol(stored: row["asset"]) else { return nil }
                return Allocation(id: row["id"], projectSlug: row["projectSlug"], walletLabel: row["walletLabel"],
                                  amount: Amount(q, a), deadline: (row["deadline"] as String?).flatMap { try? CivilDate(parsing: $0) },
                                  claimId: row["claimId"])
            }
        }
    }
}

import GRDB
import LedgerCore

extension LedgerDatabase {
    /// The one writer of the allocation table, used by `recordAllocation` and `restore`: one
    /// allocation per project, wallet and asset; recording it again changes its amount and deadline
    /// (and its claim, when one is given).
    static func insertAllocation(_ db: Database, projectId: Int64, walletId: Int64, amount: Amount, deadline: CivilDate?,
                                 claimId: Int64?, now: String) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO allocation(projectId, walletId, quantity, asset, deadline, claimId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(projectId, walletId, asset) DO UPDATE SET quantity = excluded.quantity, deadline = excluded.deadline,
              claimId = COALESCE(excluded.claimId, claimId)
            """, arguments: [projectId, walletId, amount.quantity.description, amount.asset.code, deadline?.description, claimId, now])
        return try Int64.fetchOne(db, sql: "SELECT id FROM allocation WHERE projectId = ? AND walletId = ? AND asset = ?",
                                  arguments: [projectId, walletId, amount.asset.code]) ?? 0
    }

    public func recordAllocation(project: String, wallet: String, amount: Amount, deadline: CivilDate?, now: Instant) throws -> Allocation {
        try write { db in
            let w = try Self.wallet(db, labelled: wallet)
            let p = try Self.project(db, slug: project)
            let id = try Self.insertAllocation(db, projectId: p.id, walletId: w.id, amount: amount, deadline: deadline, claimId: nil,
                                               now: now.description)
            return Allocation(id: id, projectSlug: p.slug, walletLabel: w.label, amount: amount, deadline: deadline)
        }
    }

    public func allocations() throws -> [Allocation] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM allocation a
                JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId
                ORDER BY a.deadline IS NULL, a.deadline, p.slug, w.label
                """).map { row throws in try Allocation(row: row) }
        }
    }
}

import Foundation
import GRDB
import LedgerCore

extension LedgerDatabase {
    /// A consistent snapshot of the whole ledger.
    public func snapshot() throws -> LedgerSnapshot {
        try read { db in
            let movements = try Self.movements(db)
            var index: [Int64: Int] = [:]
            for (i, m) in movements.enumerated() { index[m.id] = i }
            let allocations = try Row.fetchAll(db, sql: """
                SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM allocation a
                JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId ORDER BY a.id
                """).compactMap { row -> (allocation: Allocation, claimIndex: Int?)? in
                guard let q = Quantity(stored: row["quantity"]), let a = AssetSymbol(stored: row["asset"]) else { return nil }
                let claim: Int64? = row["claimId"]
                return (Allocation(projectSlug: row["projectSlug"], walletLabel: row["walletLabel"], amount: Amount(q, a),
                                   deadline: (row["deadline"] as String?).flatMap { try? CivilDate(parsing: $0) }),
                        claim.flatMap { index[$0] })
            }
            return LedgerSnapshot(
                wallets: try Row.fetchAll(db, sql: "SELECT * FROM wallet ORDER BY id").map(Self.wallet(from:)),
                projects: try Row.fetchAll(db, sql: "SELECT * FROM project ORDER BY slug").map(Self.project(from:)),
                activities: try Row.fetchAll(db, sql: """
                    SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM activity a
                    JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId ORDER BY a.atSeconds, a.id
                    """).map(Self.activity(from:)),
                pointsReadings: try Row.fetchAll(db, sql: """
                    SELECT r.*, p.slug AS projectSlug, w.label AS walletLabel FROM pointsReading r
                    JOIN project p ON p.id = r.projectId JOIN wallet w ON w.id = r.walletId ORDER BY r.atSeconds, r.id
                    """).map { row in
                    PointsReading(projectSlug: row["projectSlug"], walletLabel: row["walletLabel"],
                                  at: Instant(seconds: row["atSeconds"]), points: Quantity(stored: row["points"]) ?? .zero)
                },
                movements: movements,
                allocations: allocations,
                prices: try Self.pricePoints(db))
        }
    }

    /// Restores a snapshot into a ledger that holds no wallets, activity, movements or prices yet
    /// (projects with the same slug are replaced by the snapshot's). One transaction: all or nothing.
    public func restore(_ s: LedgerSnapshot, now: Instant) throws {
        try write { db in
            for table in ["wallet", "activity", "movement", "price", "pointsReading", "allocation"] {
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
                if n > 0 { throw StoreError.notEmpty(path: path, table: table, rows: n) }
            }
            for p in s.projects {
                try db.execute(sql: "DELETE FROM project WHERE slug = ?", arguments: [p.slug])
                try Self.insertProject(db, p, now: now)
            }
            for w in s.wallets {
                try db.execute(sql: """
                    INSERT INTO wallet(label, address, chain, family, walletGroup, status, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [w.label, w.address, w.chain.name, w.chain.family.rawValue, w.group, w.status.rawValue, w.createdAt.description])
            }
            for a in s.activities { _ = try Self.insertActivity(db, a, now: now, duplicateIsError: true) }
            for r in s.pointsReadings {
                let w = try Self.wallet(db, labelled: r.walletLabel), p = try Self.project(db, slug: r.projectSlug)
                try db.execute(sql: "INSERT INTO pointsReading(projectId, walletId, at, atSeconds, points, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [p.id, w.id, r.at.description, r.at.seconds, r.points.description, now.description])
            }
            var newIds: [Int64] = []
            for m in s.movements.sorted(by: Movement.ledgerOrder) {
                let w = try Self.wallet(db, labelled: m.walletLabel)
                let to = try m.toWalletLabel.map { try Self.wallet(db, labelled: $0) }
                let p = try m.projectSlug.map { try Self.project(db, slug: $0) }
                try db.execute(sql: """
                    INSERT INTO movement(kind, walletId, toWalletId, projectId, quantity, asset, at, atSeconds, priceUsd,
                      feeUsd, feeQuantity, txHash, source, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import:ledger', ?)
                    """, arguments: [
                        m.kind.rawValue, w.id, to?.id, p?.id, m.amount.quantity.description, m.amount.asset.code, m.at.description,
                        m.at.seconds, m.priceSource == "given" || m.priceSource == nil ? m.priceUsd?.description : nil,
                        m.feeUsd?.description, m.feeQuantity?.description, m.txHash, now.description,
                    ])
                newIds.append(db.lastInsertedRowID)
            }
            // Replay holdings once: a snapshot that leaves a wallet short is refused whole.
            var balances = Balances()
            for m in try Self.movements(db) { try balances.apply(m) }
            for (a, claimIndex) in s.allocations {
                let w = try Self.wallet(db, labelled: a.walletLabel), p = try Self.project(db, slug: a.projectSlug)
                try db.execute(sql: """
                    INSERT INTO allocation(projectId, walletId, quantity, asset, deadline, claimId, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [p.id, w.id, a.amount.quantity.description, a.amount.asset.code, a.deadline?.description,
                                     claimIndex.flatMap { $0 < newIds.count ? newIds[$0] : nil }, now.description])
            }
            for pr in s.prices {
                try db.execute(sql: "INSERT INTO price(asset, at, atSeconds, usd, source, createdAt) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [pr.asset.code, pr.at.description, pr.at.seconds, pr.usd.description, pr.source, now.description])
            }
        }
    }

    /// Copies the ledger to `destination` with SQLite's online backup: consistent while in use, mode
    /// 0600, written to a temporary file beside it and renamed into place (atomic).
    public func backup(to destination: String, overwrite: Bool) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination) && !overwrite { throw StoreError.exists(destination) }
        let temp = destination + ".partial-\(getpid())"
        try? fm.removeItem(atPath: temp)
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: destination, reason: String(cString: strerror(errno))) }
        close(fd)
        do {
            let target = try DatabaseQueue(path: temp)
            try queue.backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
            guard rename(temp, destination) == 0 else {
                throw StoreError.cannotCreate(path: destination, reason: String(cString: strerror(errno)))
            }
        } catch {
            try? fm.removeItem(atPath: temp)
            throw Self.classify(error, path: destination)
        }
    }
}

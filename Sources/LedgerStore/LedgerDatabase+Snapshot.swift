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
                """).map { row throws -> (allocation: Allocation, claimIndex: Int?) in
                // A snapshot refers to the claim by its place in `movements`, not by id.
                var a = try Allocation(row: row)
                let claimIndex = a.claimId.flatMap { index[$0] }
                a.id = 0
                a.claimId = nil
                return (a, claimIndex)
            }
            return LedgerSnapshot(
                wallets: try Row.fetchAll(db, sql: "SELECT * FROM wallet ORDER BY id").map { row throws in try Wallet(row: row) },
                projects: try Row.fetchAll(db, sql: "SELECT * FROM project ORDER BY slug").map { row throws in try Project(row: row) },
                activities: try Row.fetchAll(db, sql: """
                    SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM activity a
                    JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId ORDER BY a.atSeconds, a.id
                    """).map { row throws in try Activity(row: row) },
                pointsReadings: try Row.fetchAll(db, sql: """
                    SELECT r.*, p.slug AS projectSlug, w.label AS walletLabel FROM pointsReading r
                    JOIN project p ON p.id = r.projectId JOIN wallet w ON w.id = r.walletId ORDER BY r.atSeconds, r.id
                    """).map { row throws in
                    var r = try PointsReading(row: row)
                    r.id = 0
                    return r
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
            let created = now.description
            for w in s.wallets {
                _ = try Self.insertWallet(db, label: w.label, address: w.address, chain: w.chain, group: w.group, status: w.status,
                                          createdAt: w.createdAt, broker: w.broker)
            }
            let activities = try ActivityWriter(db, cached: true)
            for a in s.activities {
                let w = try Self.wallet(db, labelled: a.walletLabel), p = try Self.project(db, slug: a.projectSlug)
                _ = try activities.insert(db, a, walletId: w.id, projectId: p.id, createdAt: created, duplicate: .refuse)
            }
            for r in s.pointsReadings {
                let w = try Self.wallet(db, labelled: r.walletLabel), p = try Self.project(db, slug: r.projectSlug)
                _ = try Self.insertPointsReading(db, projectId: p.id, walletId: w.id, at: r.at, points: r.points, now: created)
            }
            var newIds: [Int64] = []
            for m in s.movements.sorted(by: Movement.ledgerOrder) {
                let w = try Self.wallet(db, labelled: m.walletLabel)
                let to = try m.toWalletLabel.map { try Self.wallet(db, labelled: $0) }
                let p = try m.projectSlug.map { try Self.project(db, slug: $0) }
                // Only prices given with the event are the movement's own (table prices stay in the table).
                let given = m.priceSource == "given" || m.priceSource == nil ? m.priceUsd : nil
                let r = MovementRequest(kind: m.kind, wallet: w.label, toWallet: to?.label, project: p?.slug, amount: m.amount,
                                        at: m.at, priceUsd: given, feeUsd: m.feeUsd, feeQuantity: m.feeQuantity,
                                        txHash: m.txHash, source: "import:ledger")
                let stored = try Self.insertMovement(db, r, wallet: w, toWallet: to, project: p.map { ($0.id, $0.slug) },
                                                     mode: .restore, now: created)
                newIds.append(stored?.movement.id ?? 0)
            }
            // Replay holdings once: a snapshot that leaves a wallet short is refused whole.
            try Self.checkHoldings(db, assets: Set(s.movements.map(\.amount.asset)).sorted())
            for (a, claimIndex) in s.allocations {
                let w = try Self.wallet(db, labelled: a.walletLabel), p = try Self.project(db, slug: a.projectSlug)
                if try Row.fetchOne(db, sql: "SELECT 1 FROM allocation WHERE projectId = ? AND walletId = ? AND asset = ?",
                                    arguments: [p.id, w.id, a.amount.asset.code]) != nil {
                    throw StoreError.duplicateInRestore(table: "allocation", key: [p.slug, w.label, a.amount.asset.code])
                }
                _ = try Self.insertAllocation(db, projectId: p.id, walletId: w.id, amount: a.amount, deadline: a.deadline,
                                              claimId: claimIndex.flatMap { $0 < newIds.count ? newIds[$0] : nil }, now: created)
            }
            for pr in s.prices where try Self.writePrice(db, pr, keepManual: false, now: created) != .added {
                throw StoreError.duplicateInRestore(table: "price", key: [pr.asset.code, pr.at.description])
            }
        }
    }

    /// Copies the ledger to `destination` with SQLite's online backup: consistent while in use, mode
    /// 0600, written to a temporary file beside it and renamed into place (atomic).
    public func backup(to destination: String, overwrite: Bool) throws {
        let fm = FileManager.default
        // The same file, by name, through a symbolic link or a hard link: the device and inode say.
        var ours = stat(), theirs = stat()
        if stat(path, &ours) == 0, stat(destination, &theirs) == 0, ours.st_dev == theirs.st_dev, ours.st_ino == theirs.st_ino {
            throw StoreError.backupOntoLedger(path: path, destination: destination)
        }
        if fm.fileExists(atPath: destination) && !overwrite { throw StoreError.exists(destination) }
        let temp = destination + ".partial-\(getpid())"
        try? fm.removeItem(atPath: temp)
        let fd = open(temp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError.cannotCreate(path: destination, reason: .system(String(cString: strerror(errno)))) }
        close(fd)
        do {
            let target = try DatabaseQueue(path: temp)
            try queue.backup(to: target)
            try target.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
            guard rename(temp, destination) == 0 else {
                throw StoreError.cannotCreate(path: destination, reason: .system(String(cString: strerror(errno))))
            }
        } catch {
            try? fm.removeItem(atPath: temp)
            throw Self.classify(error, path: destination)
        }
    }
}

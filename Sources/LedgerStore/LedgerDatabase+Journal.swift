// The change journal: every write records, in its own transaction, one change (its time, the command
// line, and what it did to each row), so `undo` can put the ledger back exactly.
//
// How rows are recorded. An UPDATE or DELETE on a ledger table is recorded by a trigger as the row's
// image before it (JSON of every column, `changeRow.image`). INSERTs are not recorded row by row: the
// rows a change inserts into a table are exactly those whose rowid is above the largest the table had
// given when the change began (its largest rowid, or for the entry tables, rebuilt with AUTOINCREMENT,
// the largest it ever gave), so the change records that range once
// per table (`changeRow.rowId` < rowid <= `changeRow.lastId`). An import of a million rows is then one
// range per table, and undoing it is one DELETE by rowid range per table: bounded memory, about the
// import's own time. The triggers only record while `journalState.changeId` names the open change, so
// `undo` itself and migrations write nothing to the journal.
//
// Undo replays a change's records newest first: a range is deleted, an image is written back (updated
// in place when the row exists, inserted with its old id when it does not). The last N changes are
// undone newest first, so each finds the ledger exactly as that change left it. An older change alone
// (`--change`) is refused when a later live change touched one of its rows; after it, foreign keys and
// every asset's holdings are checked, and a failure refuses the undo naming the entry it would break.
import GRDB
import LedgerCore

/// One recorded change, as `changes` lists it.
public struct ChangeRecord: Sendable, Hashable {
    public var id: Int64
    public var at: Instant
    public var command: String
    /// Rows it touched: images recorded plus rows in its insert ranges.
    public var rows: Int
    /// When it was undone; nil while it stands.
    public var undoneAt: Instant?
}

/// Who writes: the command line (secrets masked) and the time, recorded with each change.
public struct ChangeSource: Sendable {
    public var command: String
    public var now: Instant
    public init(command: String, now: Instant) { self.command = command; self.now = now }
}

extension LedgerDatabase {
    /// The journaled tables and their columns (in schema order). A migration that adds a column to
    /// one of them must recreate its triggers (`journalTriggers`).
    static let journaledTables = ["wallet", "project", "activity", "pointsReading", "movement", "allocation", "price", "assetCoin"]

    /// CREATE TRIGGER statements recording the before-image of every updated or deleted row of `table`.
    static func journalTriggers(_ db: Database, table: String) throws -> String {
        let columns = try db.columns(in: table).map(\.name)
        let image = "json_object(" + columns.map { "'\($0)', OLD.\"\($0)\"" }.joined(separator: ", ") + ")"
        // An UPDATE that leaves every column as it was changes nothing, and records nothing.
        let changed = "(" + columns.map { "OLD.\"\($0)\" IS NOT NEW.\"\($0)\"" }.joined(separator: " OR ") + ")"
        return ["UPDATE", "DELETE"].map { event in
            """
            DROP TRIGGER IF EXISTS journal_\(table)_\(event.lowercased());
            CREATE TRIGGER journal_\(table)_\(event.lowercased()) AFTER \(event) ON \(table)
            WHEN (SELECT changeId FROM journalState WHERE id = 1) IS NOT NULL\(event == "UPDATE" ? " AND " + changed : "")
            BEGIN
              INSERT INTO changeRow(changeId, tableName, rowId, image)
                VALUES ((SELECT changeId FROM journalState WHERE id = 1), '\(table)', OLD.rowid, \(image));
            END;
            """
        }.joined(separator: "\n")
    }

    /// Largest rowid each journaled table has given (0 when none): its largest rowid, or for a table
    /// with AUTOINCREMENT the largest it ever gave (`sqlite_sequence`), so a range never covers the
    /// number of a removed row.
    static func maxRowIds(_ db: Database) throws -> [String: Int64] {
        var out: [String: Int64] = [:]
        let sequence = try db.tableExists("sqlite_sequence")
        for t in journaledTables {
            let rows = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM \(t)") ?? 0
            let given = sequence ? try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [t]) ?? 0 : 0
            out[t] = max(rows, given)
        }
        return out
    }

    /// Opens a change in the current transaction: returns its id and the tables' largest rowids.
    static func beginChange(_ db: Database, _ source: ChangeSource) throws -> (Int64, [String: Int64]) {
        try db.execute(sql: "INSERT INTO change(at, command) VALUES (?, ?)", arguments: [source.now.description, source.command])
        let id = db.lastInsertedRowID
        try db.execute(sql: "UPDATE journalState SET changeId = ? WHERE id = 1", arguments: [id])
        return (id, try maxRowIds(db))
    }

    /// Closes the change: records the insert ranges; a change that touched nothing is dropped.
    static func endChange(_ db: Database, id: Int64, before: [String: Int64]) throws {
        try db.execute(sql: "UPDATE journalState SET changeId = NULL WHERE id = 1")
        for t in journaledTables {
            // The rows above the mark are this change's (an insert skipped as already present may
            // have used a number without leaving a row: the range ends at the last row, and counts rows).
            let lo = before[t] ?? 0
            guard let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MAX(rowid) AS last FROM \(t) WHERE rowid > ?", arguments: [lo]),
                  let n: Int64 = row["n"], n > 0, let hi: Int64 = row["last"] else { continue }
            try db.execute(sql: "INSERT INTO changeRow(changeId, tableName, rowId, lastId, rowCount) VALUES (?, ?, ?, ?, ?)",
                           arguments: [id, t, lo, hi, n])
        }
        if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM changeRow WHERE changeId = ?", arguments: [id]) == 0 {
            try db.execute(sql: "DELETE FROM change WHERE id = ?", arguments: [id])
        }
    }

    /// The latest changes, newest first.
    public func changes(limit: Int?) throws -> [ChangeRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.at, c.command, c.undoneAt,
                  (SELECT COALESCE(SUM(CASE WHEN r.lastId IS NULL THEN 1 ELSE COALESCE(r.rowCount, r.lastId - r.rowId) END), 0) FROM changeRow r WHERE r.changeId = c.id) AS n
                FROM change c ORDER BY c.id DESC LIMIT ?
                """, arguments: [limit ?? -1]).map { row in
                ChangeRecord(id: row["id"], at: try Instant(parsing: row["at"]), command: row["command"], rows: row["n"],
                             undoneAt: try (row["undoneAt"] as String?).map { try Instant(parsing: $0) })
            }
        }
    }

    /// Undoes the last `count` standing changes (newest first), or the one change `id`; returns them.
    public func undo(count: Int, change id: Int64?, dryRun: Bool, now: Instant) throws -> [ChangeRecord] {
        try write(dryRun: dryRun, journaled: false) { db in
            var targets: [Int64]
            if let id {
                guard let row = try Row.fetchOne(db, sql: "SELECT id, undoneAt FROM change WHERE id = ?", arguments: [id]) else {
                    throw StoreError.unknownChange(id)
                }
                if let undone: String = row["undoneAt"] { throw StoreError.alreadyUndone(id, at: undone) }
                targets = [id]
            } else {
                targets = try Int64.fetchAll(db, sql: "SELECT id FROM change WHERE undoneAt IS NULL ORDER BY id DESC LIMIT ?",
                                             arguments: [count])
                if targets.isEmpty { throw StoreError.nothingToUndo }
            }
            let records = try targets.map { t in try Self.changeRecord(db, t) }
            // Rows come back in the reverse order they went: a claim before the allocation that names it.
            // Foreign keys are checked when the whole undo is done.
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for t in targets {
                if id != nil { try Self.refuseLaterDependents(db, t) }
                try Self.revert(db, t)
                try db.execute(sql: "UPDATE change SET undoneAt = ? WHERE id = ?", arguments: [now.description, t])
            }
            if id != nil {
                // An older change alone: the ledger must still hold together.
                if let fk = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    let table: String = fk[0]
                    throw StoreError.undoBreaks(targets[0], reason: "a \(table) row would refer to a row that no longer exists")
                }
                let assets = try String.fetchAll(db, sql: "SELECT DISTINCT asset FROM movement")
                do {
                    try Self.checkLaterFacts(db, assets: Set(assets), changing: [], verb: .undoing)
                } catch StoreError.breaksLaterFact(_, _, let dependent, let cause) {
                    throw StoreError.undoLeavesShort(targets[0], dependent: dependent, cause: cause)
                }
            }
            return records
        }
    }

    static func changeRecord(_ db: Database, _ id: Int64) throws -> ChangeRecord {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.id, c.at, c.command, c.undoneAt,
              (SELECT COALESCE(SUM(CASE WHEN r.lastId IS NULL THEN 1 ELSE COALESCE(r.rowCount, r.lastId - r.rowId) END), 0) FROM changeRow r WHERE r.changeId = c.id) AS n
            FROM change c WHERE c.id = ?
            """, arguments: [id]) else { throw StoreError.unknownChange(id) }
        return ChangeRecord(id: row["id"], at: try Instant(parsing: row["at"]), command: row["command"], rows: row["n"], undoneAt: nil)
    }

    /// A later standing change that touched a row this one touched: undo that one first.
    static func refuseLaterDependents(_ db: Database, _ id: Int64) throws {
        if let later = try Int64.fetchOne(db, sql: """
            SELECT MIN(l.changeId) FROM changeRow l JOIN change lc ON lc.id = l.changeId AND lc.undoneAt IS NULL
            JOIN changeRow m ON m.changeId = ? AND m.tableName = l.tableName
            WHERE l.changeId > ? AND (
              (l.lastId IS NULL AND m.lastId IS NULL AND l.rowId = m.rowId)
              OR (l.lastId IS NULL AND m.lastId IS NOT NULL AND l.rowId > m.rowId AND l.rowId <= m.lastId)
              OR (l.lastId IS NOT NULL AND m.lastId IS NULL AND m.rowId > l.rowId AND m.rowId <= l.lastId)
              OR (l.lastId IS NOT NULL AND m.lastId IS NOT NULL AND l.rowId < m.lastId AND m.rowId < l.lastId))
            """, arguments: [id, id]) {
            throw StoreError.laterChangeDepends(id, later: later)
        }
    }

    /// Puts back what change `id` did, newest record first.
    static func revert(_ db: Database, _ id: Int64) throws {
        let columnsOf = try Dictionary(uniqueKeysWithValues: journaledTables.map { t in (t, try db.columns(in: t).map(\.name)) })
        let records = try Row.fetchAll(db, sql: "SELECT tableName, rowId, lastId, image FROM changeRow WHERE changeId = ? ORDER BY id DESC",
                                       arguments: [id])
        for r in records {
            let table: String = r["tableName"]
            guard let columns = columnsOf[table] else { throw StoreError.database("the journal names an unknown table '\(table)'") }
            let rowId: Int64 = r["rowId"]
            if let last: Int64 = r["lastId"] {
                try db.execute(sql: "DELETE FROM \(table) WHERE rowid > ? AND rowid <= ?", arguments: [rowId, last])
            } else if let image: String = r["image"] {
                let values = columns.map { "json_extract(?1, '$.\($0)')" }
                let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE rowid = ?)", arguments: [rowId]) ?? false
                if exists {
                    let set = zip(columns, values).map { "\"\($0)\" = \($1)" }.joined(separator: ", ")
                    try db.execute(sql: "UPDATE \(table) SET \(set) WHERE rowid = ?2", arguments: [image, rowId])
                } else {
                    let names = columns.map { "\"\($0)\"" }.joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO \(table)(\(names)) VALUES (\(values.joined(separator: ", ")))", arguments: [image])
                }
            }
        }
    }
}

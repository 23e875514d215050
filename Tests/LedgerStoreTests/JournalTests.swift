import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import Testing

/// The change journal (issue 11): one change per write, in its transaction; undo exact; the
/// dependency rules of undoing one older change alone.
@Suite("Change journal and undo")
struct JournalTests {
    /// Every row of every ledger table, as text: what "exactly as before" means below.
    static func dump(_ db: LedgerDatabase) throws -> String {
        try db.read { d in
            var out = ""
            for t in LedgerDatabase.journaledTables {
                for row in try Row.fetchAll(d, sql: "SELECT rowid, * FROM \(t) ORDER BY rowid") { out += "\(t) \(row)\n" }
            }
            return out
        }
    }

    func ledger(_ tmp: TempDir) throws -> LedgerDatabase {
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        db.changeSource = ChangeSource(command: "test", now: now)
        _ = try db.loadWatchlist(try Watchlist.bundled(), now: now)
        _ = try db.addWallet(label: "main", address: evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        return db
    }

    func claim(_ q: String, at: String) throws -> MovementRequest {
        MovementRequest(kind: .claim, wallet: "main", project: "starknet", amount: try amount(q), at: try Instant(parsing: at),
                        priceUsd: try Quantity(parsing: "2"))
    }

    @Test("each write is one change; a write that changes nothing records none; undo N puts every row back")
    func undoIsExact() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp)
        let start = try Self.dump(db)
        let changesBefore = try db.changes(limit: nil).count
        _ = try db.recordAllocation(project: "starknet", wallet: "main", amount: amount("1250 STRK"), deadline: nil, now: now)
        try db.recordMovement(try claim("1250 STRK", at: "2024-02-20"), now: now)   // also claims the allocation, sets the token
        try db.recordMovement(MovementRequest(kind: .sell, wallet: "main", amount: try amount("1000 STRK"), at: try Instant(parsing: "2024-03-01"),
                                              priceUsd: try Quantity(parsing: "2.2")), now: now)
        _ = try db.editEntry(EntryId(.sell, 2), { var e = EntryEdit(); e.amount = try amount("900 STRK"); return e }(), dryRun: false)
        _ = try db.editEntry(EntryId(.sell, 2), { var e = EntryEdit(); e.amount = try amount("900 STRK"); return e }(), dryRun: false)
        #expect(try db.changes(limit: nil).count == changesBefore + 4, "the edit that changed nothing is not a change")
        #expect(try db.changes(limit: 1).first?.rows == 1)
        let undone = try db.undo(count: 4, change: nil, dryRun: false, now: now)
        #expect(undone.map(\.id) == [changesBefore + 4, changesBefore + 3, changesBefore + 2, changesBefore + 1].map(Int64.init))
        #expect(try Self.dump(db) == start)
        #expect(try db.changes(limit: nil).filter { $0.undoneAt != nil }.count == 4)
        #expect(throws: StoreError.alreadyUndone(Int64(changesBefore + 1), at: now.description)) {
            _ = try db.undo(count: 1, change: Int64(changesBefore + 1), dryRun: false, now: now)
        }
    }

    @Test("a dry run undo writes nothing")
    func dryRun() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp)
        try db.recordMovement(try claim("5 STRK", at: "2024-02-20"), now: now)
        let before = try Self.dump(db)
        let undone = try db.undo(count: 1, change: nil, dryRun: true, now: now)
        #expect(undone.count == 1)
        #expect(try Self.dump(db) == before)
        #expect(try db.changes(limit: 1).first?.undoneAt == nil)
    }

    @Test("one older change alone: refused when a later change touched its rows, or when a later sale would be short")
    func dependencies() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp)
        try db.recordMovement(try claim("100 STRK", at: "2024-02-20"), now: now)
        let claimChange = try #require(db.changes(limit: 1).first).id
        _ = try db.editEntry(EntryId(.claim, 1), { var e = EntryEdit(); e.amount = try amount("120 STRK"); return e }(), dryRun: false)
        let editChange = try #require(db.changes(limit: 1).first).id
        #expect(throws: StoreError.laterChangeDepends(claimChange, later: editChange)) {
            _ = try db.undo(count: 1, change: claimChange, dryRun: false, now: now)
        }
        try db.recordMovement(MovementRequest(kind: .sell, wallet: "main", amount: try amount("110 STRK"), at: try Instant(parsing: "2024-03-01"),
                                              priceUsd: try Quantity(parsing: "2")), now: now)
        // Undoing the edit alone brings the claim back to 100 STRK, short of the later sale of 110.
        do {
            _ = try db.undo(count: 1, change: editChange, dryRun: false, now: now)
            Issue.record("undo of the edit should be refused")
        } catch let StoreError.undoLeavesShort(id, dependent, _) {
            #expect(id == editChange && dependent == EntryId(.sell, 2))
        }
        #expect(try db.entry(EntryId(.claim, 1))["amount"] == "120 STRK", "nothing was changed")
        #expect(throws: StoreError.unknownChange(999)) { _ = try db.undo(count: 1, change: 999, dryRun: false, now: now) }
    }

    @Test("an import records one range per table, not its rows; undoing it deletes them and nothing else")
    func importRange() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp)
        try db.recordMovement(try claim("5 STRK", at: "2024-02-20"), now: now)
        let before = try Self.dump(db)
        let n = 2_000
        _ = try db.importBatch(now: now) { batch in
            for i in 0..<n {
                _ = try batch.add(Activity(projectSlug: "scroll", walletLabel: "main", kind: .swap, at: Instant(seconds: 1_700_000_000 + Int64(i)),
                                           chain: "ethereum", txHash: "0x" + String(repeating: "0", count: 56) + String(format: "%08x", i), source: "import:test"))
            }
        }
        let images = try db.read { d in try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM changeRow WHERE changeId = (SELECT MAX(id) FROM change)") }
        #expect(images == 1, "one range for the activity table")
        #expect(try db.changes(limit: 1).first?.rows == n)
        _ = try db.undo(count: 1, change: nil, dryRun: false, now: now)
        #expect(try Self.dump(db) == before)
    }

    @Test("an id never names another entry later: not after the newest entry is removed, nor after its creation is undone")
    func idsNotReused() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp)
        try db.recordMovement(try claim("5 STRK", at: "2024-02-20"), now: now)
        let second = try db.recordMovement(try claim("6 STRK", at: "2024-02-21"), now: now).movement.entryId
        #expect(second == EntryId(.claim, 2))
        _ = try db.removeEntries([second], dryRun: false)
        let third = try db.recordMovement(try claim("7 STRK", at: "2024-02-22"), now: now).movement.entryId
        #expect(third == EntryId(.claim, 3))
        _ = try db.undo(count: 1, change: nil, dryRun: false, now: now)
        let fourth = try db.recordMovement(try claim("8 STRK", at: "2024-02-23"), now: now).movement.entryId
        #expect(fourth == EntryId(.claim, 4))
        // Undoing the removal of c2 brings c2 back under its own id.
        let removal = try #require(db.changes(limit: nil).first { $0.command == "test" && $0.rows == 1 && $0.undoneAt == nil && $0.id == 5 })
        _ = try db.undo(count: 1, change: removal.id, dryRun: false, now: now)
        #expect(try db.entry(EntryId(.claim, 2))["amount"] == "6 STRK")
    }
}

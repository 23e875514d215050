import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import Testing

/// One writer per table: a command, an import batch and `import ledger` write each table through the
/// same function, so the rules (validation and side effects) are the same whichever way a row comes in.
@Suite("One writer per table")
struct WriterTests {
    let address = "0xde709f2102306220921060314715629080e2fb77"
    let other = "0x00436d6667153c8eefdb2a493353a81581b277ef"

    /// A ledger with wallets 'main' and 'cold', project 'newchain' (no token yet) and an allocation of 500 NEW for 'main'.
    func ledger(_ tmp: TempDir, _ name: String) throws -> LedgerDatabase {
        let db = try LedgerDatabase(path: tmp.path(name))
        _ = try db.addWallet(label: "main", address: evm(address), group: nil, now: now)
        _ = try db.addWallet(label: "cold", address: evm(other), group: nil, now: now)
        _ = try db.addProject(Project(slug: "newchain", name: "New Chain", status: .confirmed, category: .L2), now: now)
        _ = try db.recordAllocation(project: "newchain", wallet: "main", amount: amount("500 NEW"), deadline: nil, now: now)
        return db
    }

    func claim(source: String = "cli") throws -> MovementRequest {
        MovementRequest(kind: .claim, wallet: "main", project: "newchain", amount: try amount("500 NEW"),
                        at: try Instant(parsing: "2024-06-01"), source: source)
    }

    @Test("a claim has the same effects recorded by a command or by an import: the project's token set, the allocation claimed")
    func claimEffectsEveryWay() throws {
        let tmp = try TempDir()
        let single = try ledger(tmp, "single.sqlite"), batch = try ledger(tmp, "batch.sqlite")
        let outcome = try single.recordMovement(try claim(), now: now)
        #expect(outcome.setProjectToken && outcome.claimedAllocation)
        #expect(try batch.importBatch(now: now) { b in try b.add(try claim(source: "import:csv")) })
        for db in [single, batch] {
            #expect(try db.project(slug: "newchain").token?.code == "NEW")
            let claimId = try #require(try db.movements().first?.id)
            #expect(try db.allocations().map(\.claimId) == [claimId])
        }
        // The same claim again is refused (issue 11: no silent duplicates), unless asked for.
        #expect(throws: StoreError.duplicateMovement(existing: EntryId(.claim, 1), wallet: "main", amount: try amount("500 NEW"),
                                                     at: try Instant(parsing: "2024-06-01"), txHash: nil)) {
            try single.recordMovement(try claim(), now: now)
        }
        // A second claim, asked for, neither changes the token nor claims the allocation again.
        let again = try single.recordMovement(try claim(), again: true, now: now)
        #expect(!again.setProjectToken && !again.claimedAllocation)
    }

    @Test("an import skips a movement already recorded; a command refuses a tx hash already recorded, even with again")
    func importsAreIdempotent() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp, "l.sqlite")
        let buy = MovementRequest(kind: .buy, wallet: "main", amount: try amount("3 OP"), at: try Instant(parsing: "2024-02-01"),
                                  priceUsd: try Quantity(parsing: "2"), txHash: "0x" + String(repeating: "ab", count: 32))
        #expect(try db.importBatch(now: now) { b in try b.add(buy) })
        #expect(try !db.importBatch(now: now) { b in try b.add(buy) })
        let existing = try #require(try db.movements().first).entryId
        for again in [false, true] {
            #expect(throws: StoreError.duplicateMovement(existing: existing, wallet: "main", amount: buy.amount, at: buy.at, txHash: buy.txHash)) {
                try db.recordMovement(buy, again: again, now: now)
            }
        }
        // Without a tx hash, the same wallet, kind, amount and time is refused unless asked for.
        var second = buy
        second.txHash = nil
        #expect(throws: StoreError.duplicateMovement(existing: existing, wallet: "main", amount: buy.amount, at: buy.at, txHash: nil)) {
            try db.recordMovement(second, now: now)
        }
        try db.recordMovement(second, again: true, now: now)
        #expect(try db.movements().count == 2, "two real buys, the second one asked for")
    }

    @Test("a transfer from a wallet to itself is refused by every writer")
    func sameWalletEveryWay() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp, "l.sqlite")
        let t = MovementRequest(kind: .transfer, wallet: "main", toWallet: "MAIN", amount: try amount("1 NEW"), at: now)
        #expect(throws: StoreError.sameWallet("main")) { try db.recordMovement(t, now: now) }
        #expect(throws: StoreError.sameWallet("main")) { try db.importBatch(now: now) { b in try b.add(t) } }
    }

    @Test("restoring a ledger keeps its project tokens and allocation claims as they were (a restored claim has no effects)")
    func restoreHasNoClaimEffects() throws {
        let tmp = try TempDir()
        let source = try ledger(tmp, "source.sqlite")
        let claimed = try source.recordMovement(try claim(), now: now)
        // The user cleared the token afterwards: the restored ledger must not set it again.
        _ = try source.updateProject("newchain", now: now) { var p = $0; p.token = nil; return p }
        let snapshot = try source.snapshot()
        let copy = try LedgerDatabase(path: tmp.path("copy.sqlite"))
        try copy.restore(snapshot, now: now)
        #expect(try copy.project(slug: "newchain").token == nil)
        let restoredClaim = try #require(try copy.movements().first)
        #expect(restoredClaim.amount == claimed.movement.amount)
        #expect(try copy.allocations().map(\.claimId) == [restoredClaim.id])
        #expect(try copy.wallets().map(\.label) == ["cold", "main"])
    }

    @Test("a snapshot listing the same price or allocation twice is refused whole, naming it")
    func restoreRefusesDuplicates() throws {
        let tmp = try TempDir()
        let source = try ledger(tmp, "source.sqlite")
        try source.setPrice(PricePoint(asset: try AssetSymbol(parsing: "NEW"), at: now, usd: try Quantity(parsing: "1"), source: "manual"),
                            now: now)
        var twice = try source.snapshot()
        twice.prices += twice.prices
        let a = try LedgerDatabase(path: tmp.path("a.sqlite"))
        #expect(throws: StoreError.duplicateInRestore(table: "price", key: ["NEW", now.description])) { try a.restore(twice, now: now) }
        #expect(try a.wallets().isEmpty && a.prices().isEmpty)
        twice = try source.snapshot()
        twice.allocations += twice.allocations
        let b = try LedgerDatabase(path: tmp.path("b.sqlite"))
        #expect(throws: StoreError.duplicateInRestore(table: "allocation", key: ["newchain", "main", "NEW"])) { try b.restore(twice, now: now) }
        #expect(try b.wallets().isEmpty)
    }

    @Test("the price writer: a manual price replaces any; an import keeps a manual price unless told to replace it")
    func priceRules() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp, "l.sqlite")
        let t = try Instant(parsing: "2024-06-01")
        func point(_ usd: String) throws -> PricePoint {
            PricePoint(asset: try AssetSymbol(parsing: "NEW"), at: t, usd: try Quantity(parsing: usd), source: "import")
        }
        var o = try db.importPrices([try point("1")], replace: false, now: now)
        #expect((o.added, o.updated, o.keptManual, o.unchanged) == (1, 0, 0, 0))
        o = try db.importPrices([try point("1")], replace: false, now: now)
        #expect(o.unchanged == 1)
        try db.setPrice(try point("2"), now: now)
        #expect(try db.prices().map { "\($0.usd) \($0.source)" } == ["2 manual"])
        o = try db.importPrices([try point("3")], replace: false, now: now)
        #expect(o.keptManual == 1)
        #expect(try db.prices().map { "\($0.usd) \($0.source)" } == ["2 manual"])
        o = try db.importPrices([try point("3")], replace: true, now: now)
        #expect(o.updated == 1)
        #expect(try db.prices().map { "\($0.usd) \($0.source)" } == ["3 import"])
    }

    @Test("a recorded claim without a price comes back priced by the price table, as every report sees it")
    func claimPricedByTheTable() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp, "l.sqlite")
        try db.setPrice(PricePoint(asset: try AssetSymbol(parsing: "NEW"), at: try Instant(parsing: "2024-05-31"),
                                   usd: try Quantity(parsing: "0.75"), source: "manual"), now: now)
        let m = try db.recordMovement(try claim(), now: now).movement
        #expect(m.priceUsd?.description == "0.75" && m.priceSource == "table")
        #expect(try db.movements().first?.priceUsd == m.priceUsd)
        // Before any table price the claim stays unpriced: never zero.
        let early = MovementRequest(kind: .claim, wallet: "cold", project: "newchain", amount: try amount("1 NEW"),
                                    at: try Instant(parsing: "2024-01-01"))
        #expect(try db.recordMovement(early, now: now).movement.priceUsd == nil)
    }

    @Test("the same activity twice: refused by a command naming the entry, skipped by an import")
    func activityDuplicates() throws {
        let tmp = try TempDir()
        let db = try ledger(tmp, "l.sqlite")
        let tx = "0x" + String(repeating: "cd", count: 32)
        let a = Activity(projectSlug: "newchain", walletLabel: "main", kind: .bridge, at: try Instant(parsing: "2024-01-15"),
                         chain: "ethereum", txHash: tx)
        let first = try db.recordActivity(a, now: now)
        #expect(throws: StoreError.duplicateActivity(existingId: first.id, kind: .bridge, project: "newchain", wallet: "main",
                                                     at: a.at, txHash: tx)) { try db.recordActivity(a, now: now) }
        #expect(try !db.importBatch(now: now) { b in try b.add(a) })
        // Without a tx hash an import compares time, volume and fee; a command always records.
        var plain = a
        plain.txHash = nil
        #expect(try db.importBatch(now: now) { b in try b.add(plain) })
        #expect(try !db.importBatch(now: now) { b in try b.add(plain) })
        _ = try db.recordActivity(plain, now: now)
        #expect(try db.activities().count == 3)
    }
}

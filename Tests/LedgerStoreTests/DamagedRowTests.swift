import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import Testing

/// A row damaged outside airledger (a hand edit, a bad restore, a disk fault) is an error naming its
/// table, id, column and stored text: never read as a default kind, a zero or a stand-in symbol, and
/// never dropped from a report or an export.
@Suite("Damaged rows")
struct DamagedRowTests {
    /// One damage, made with raw SQL on the closed file, and the error every listed read must give.
    struct Damage: CustomTestStringConvertible, Sendable {
        let name: String
        let sql: String
        let error: StoreError
        let reads: [@Sendable (LedgerDatabase) throws -> Void]
        var testDescription: String { name }
    }

    static let damages: [Damage] = [
        Damage(name: "movement with an unknown kind", sql: "UPDATE movement SET kind = 'gift' WHERE id = 2",
               error: .damagedRow(table: "movement", id: 2, column: "kind", value: "gift"),
               reads: [{ _ = try $0.movements() }, { _ = try $0.snapshot() }]),
        Damage(name: "movement with an unparsable quantity", sql: "UPDATE movement SET quantity = '12,5' WHERE id = 1",
               error: .damagedRow(table: "movement", id: 1, column: "quantity", value: "12,5"),
               reads: [{ _ = try $0.movements() }, { _ = try $0.snapshot() }]),
        Damage(name: "movement with an unparsable symbol", sql: "UPDATE movement SET asset = 'e$th' WHERE id = 1",
               error: .damagedRow(table: "movement", id: 1, column: "asset", value: "e$th"),
               reads: [{ _ = try $0.movements() }]),
        Damage(name: "movement with an unparsable price", sql: "UPDATE movement SET priceUsd = 'free' WHERE id = 1",
               error: .damagedRow(table: "movement", id: 1, column: "priceUsd", value: "free"),
               reads: [{ _ = try $0.movements() }]),
        Damage(name: "activity with an unknown kind", sql: "UPDATE activity SET kind = 'farming' WHERE id = 1",
               error: .damagedRow(table: "activity", id: 1, column: "kind", value: "farming"),
               reads: [{ _ = try $0.activities() }, { _ = try $0.activitySummaries(now: now) }, { _ = try $0.snapshot() }]),
        Damage(name: "activity with a fee amount but no fee symbol", sql: "UPDATE activity SET feeAsset = NULL WHERE id = 1",
               error: .damagedRow(table: "activity", id: 1, column: "feeAsset", value: nil),
               reads: [{ _ = try $0.activities() }, { _ = try $0.activitySummaries(now: now) }]),
        Damage(name: "allocation with an unparsable amount", sql: "UPDATE allocation SET quantity = 'lots' WHERE id = 1",
               error: .damagedRow(table: "allocation", id: 1, column: "quantity", value: "lots"),
               reads: [{ _ = try $0.allocations() }, { _ = try $0.snapshot() }]),
        Damage(name: "allocation with a bad deadline", sql: "UPDATE allocation SET deadline = '2024-02-30' WHERE id = 1",
               error: .damagedRow(table: "allocation", id: 1, column: "deadline", value: "2024-02-30"),
               reads: [{ _ = try $0.allocations() }, { _ = try $0.snapshot() }]),
        Damage(name: "price with an empty amount", sql: "UPDATE price SET usd = '' WHERE id = 1",
               error: .damagedRow(table: "price", id: 1, column: "usd", value: ""),
               reads: [{ _ = try $0.prices() }, { _ = try $0.movements() }, { _ = try $0.snapshot() }]),
        Damage(name: "wallet with a bad creation time", sql: "UPDATE wallet SET createdAt = 'yesterday' WHERE id = 1",
               error: .damagedRow(table: "wallet", id: 1, column: "createdAt", value: "yesterday"),
               reads: [{ _ = try $0.wallets() }, { _ = try $0.wallet(labelled: "main") }, { _ = try $0.snapshot() }]),
        Damage(name: "wallet with an unknown chain family", sql: "UPDATE wallet SET family = 'evmm' WHERE id = 1",
               error: .damagedRow(table: "wallet", id: 1, column: "family", value: "evmm"),
               reads: [{ _ = try $0.wallets() }]),
        Damage(name: "project with an unknown status", sql: "UPDATE project SET status = 'moon' WHERE slug = 'newchain'",
               error: .damagedRow(table: "project", id: 1, column: "status", value: "moon"),
               reads: [{ _ = try $0.projects() }, { _ = try $0.project(slug: "newchain") }]),
        Damage(name: "project with an unparsable token", sql: "UPDATE project SET token = 'n e w' WHERE slug = 'newchain'",
               error: .damagedRow(table: "project", id: 1, column: "token", value: "n e w"),
               reads: [{ _ = try $0.projects() }]),
        Damage(name: "points reading with unparsable points", sql: "UPDATE pointsReading SET points = '1e3' WHERE id = 1",
               error: .damagedRow(table: "pointsReading", id: 1, column: "points", value: "1e3"),
               reads: [{ _ = try $0.pointsReadings() }, { _ = try $0.activitySummaries(now: now) }, { _ = try $0.snapshot() }]),
    ]

    /// A small ledger with a row in every table, written through the store's own writes.
    static func ledger(_ path: String) throws -> LedgerDatabase {
        let db = try LedgerDatabase(path: path)
        _ = try db.addWallet(label: "main", address: evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        _ = try db.addProject(Project(slug: "newchain", name: "New Chain", status: .confirmed, category: .L2), now: now)
        let t = try Instant(parsing: "2024-06-01")
        _ = try db.recordActivity(Activity(projectSlug: "newchain", walletLabel: "main", kind: .bridge, at: t,
                                           fee: try amount("0.001 ETH"), feeUsd: try Quantity(parsing: "3")), now: now)
        _ = try db.recordPoints(project: "newchain", wallet: "main", points: try Quantity(parsing: "120"), at: t, now: now)
        _ = try db.recordAllocation(project: "newchain", wallet: "main", amount: try amount("500 NEW"),
                                    deadline: try CivilDate(parsing: "2024-12-01"), now: now)
        try db.setPrice(PricePoint(asset: try AssetSymbol(parsing: "NEW"), at: t, usd: try Quantity(parsing: "0.5"), source: "manual"), now: now)
        try db.recordMovement(MovementRequest(kind: .claim, wallet: "main", project: "newchain", amount: try amount("500 NEW"), at: t),
                              now: now)
        try db.recordMovement(MovementRequest(kind: .sell, wallet: "main", amount: try amount("100 NEW"), at: t.adding(seconds: 60),
                                              priceUsd: try Quantity(parsing: "0.6")), now: now)
        return db
    }

    @Test("every read of a damaged row fails naming the table, id, column and value", arguments: damages)
    func damagedRowIsAnError(_ damage: Damage) throws {
        let tmp = try TempDir()
        let path = tmp.path("ledger.sqlite")
        // Before the damage, every read works.
        let healthy = try Self.ledger(path)
        for read in damage.reads { try read(healthy) }
        try healthy.queue.close()
        // The damage: raw SQL on the file, past the CHECK constraints a hand edit could also bypass.
        let raw = try DatabaseQueue(path: path)
        try raw.writeWithoutTransaction { d in
            try d.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try d.execute(sql: damage.sql)
            #expect(d.changesCount == 1, "the damage changed no row: \(damage.sql)")
        }
        try raw.close()
        let db = try LedgerDatabase(path: path)
        for read in damage.reads {
            #expect(throws: damage.error) { try read(db) }
        }
    }
}

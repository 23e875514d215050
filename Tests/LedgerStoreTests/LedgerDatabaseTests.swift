import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import Testing

/// A temporary folder per test, removed afterwards.
final class TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

let now = Instant(seconds: 1_735_646_400) // 2024-12-31T12:00:00Z

func evm(_ s: String) throws -> ParsedAddress { try AddressRules.parse(s, chain: nil) }
func amount(_ s: String) throws -> Amount { try Amount(parsing: s) }

@Suite("LedgerDatabase")
struct LedgerDatabaseTests {
    @Test("migrates from empty, creates folders 0700 and the file 0600")
    func createsPrivately() throws {
        let tmp = try TempDir()
        let path = tmp.path("a/b/ledger.sqlite")
        let db = try LedgerDatabase(path: path)
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: tmp.path("a/b"))
        #expect((dirAttrs[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        let tables = try db.read { d in try String.fetchAll(d, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") }
        #expect(tables.contains("wallet") && tables.contains("movement") && tables.contains("activity"))
        let strict = try db.read { d in try String.fetchOne(d, sql: "SELECT sql FROM sqlite_master WHERE name = 'movement'") } ?? ""
        #expect(strict.hasSuffix("STRICT"))
        #expect(try db.integrityCheck() == "ok")
        // Opening again is a no-op.
        _ = try LedgerDatabase(path: path)
    }

    @Test("a ledger written by a newer airledger is refused, naming both versions, and left untouched")
    func refusesTooNew() throws {
        let tmp = try TempDir()
        let path = tmp.path("ledger.sqlite")
        let db = try LedgerDatabase(path: path)
        try db.write { d in
            try d.execute(sql: "INSERT INTO grdb_migrations(identifier) VALUES ('v9 something from the future')")
            try d.execute(sql: "UPDATE ledgerInfo SET value = '9.1.0' WHERE key = 'appVersion'")
            try d.execute(sql: "UPDATE ledgerInfo SET value = '9' WHERE key = 'schemaVersion'")
        }
        try db.queue.close()
        func state() throws -> [String] {
            let q = try DatabaseQueue(path: path)
            defer { try? q.close() }
            return try q.read { d in
                try String.fetchAll(d, sql: "SELECT identifier FROM grdb_migrations ORDER BY 1")
                    + String.fetchAll(d, sql: "SELECT key || '=' || value FROM ledgerInfo ORDER BY 1")
                    + String.fetchAll(d, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY 1")
            }
        }
        let before = try state()
        let expected = StoreError.tooNew(path: path, writtenBy: "9.1.0", schema: 9, ours: LedgerDatabase.appVersion,
                                         oursSchema: LedgerDatabase.schemaVersion)
        #expect(throws: expected) { _ = try LedgerDatabase(path: path) }
        #expect(try state() == before)
    }

    @Test("the ledger carries airledger's application id and its schema version in SQLite's header")
    func headerSaysWhatItIs() throws {
        let tmp = try TempDir()
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        let (appId, version) = try db.read { d in
            (try Int32.fetchOne(d, sql: "PRAGMA application_id"), try Int.fetchOne(d, sql: "PRAGMA user_version"))
        }
        #expect(appId == 0x4149524C && version == LedgerDatabase.schemaVersion)
    }

    @Test("another program's SQLite file is refused and left byte for byte as it was")
    func refusesForeign() throws {
        let tmp = try TempDir()
        let path = tmp.path("places.sqlite")
        let q = try DatabaseQueue(path: path)
        try q.write { d in try d.execute(sql: "CREATE TABLE moz_places(id INTEGER PRIMARY KEY, url TEXT); INSERT INTO moz_places(url) VALUES ('a')") }
        try q.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: StoreError.foreignDatabase(path: path)) { _ = try LedgerDatabase(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        // Another application id, even with our tables' names, is not ours either.
        let other = tmp.path("other.sqlite")
        let o = try DatabaseQueue(path: other)
        try o.writeWithoutTransaction { d in try d.execute(sql: "PRAGMA application_id = 7; CREATE TABLE wallet(id INTEGER)") }
        try o.close()
        #expect(throws: StoreError.foreignDatabase(path: other)) { _ = try LedgerDatabase(path: other) }
    }

    @Test("a ledger whose header or info says a newer schema is refused untouched, naming both versions")
    func refusesNewerSchemaNumber() throws {
        let tmp = try TempDir()
        for how in ["PRAGMA user_version = 99", "UPDATE ledgerInfo SET value = '99' WHERE key = 'schemaVersion'"] {
            let path = tmp.path("l-\(how.count).sqlite")
            let db = try LedgerDatabase(path: path)
            try db.write { d in try d.execute(sql: how) }
            try db.queue.close()
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: StoreError.tooNew(path: path, writtenBy: LedgerDatabase.appVersion, schema: 99, ours: LedgerDatabase.appVersion,
                                              oursSchema: LedgerDatabase.schemaVersion)) { _ = try LedgerDatabase(path: path) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        }
    }

    @Test("opening an existing ledger never creates one: no file, no folder")
    func existingModeCreatesNothing() throws {
        let tmp = try TempDir()
        let path = tmp.path("no/such/dir/l.sqlite")
        #expect(throws: StoreError.noLedger(path: path)) { _ = try LedgerDatabase(path: path, mode: .existing) }
        #expect(!FileManager.default.fileExists(atPath: tmp.path("no")))
        _ = try LedgerDatabase(path: path, mode: .create)
        _ = try LedgerDatabase(path: path, mode: .existing)
    }

    @Test("a backup onto the ledger itself, by name or through a link, is refused and the ledger kept")
    func backupOntoItself() throws {
        let tmp = try TempDir()
        let path = tmp.path("l.sqlite")
        let db = try LedgerDatabase(path: path)
        _ = try db.addWallet(label: "main", address: try evm("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), group: nil, now: now)
        try FileManager.default.createSymbolicLink(atPath: tmp.path("link.sqlite"), withDestinationPath: path)
        #expect(link(path, tmp.path("hard.sqlite")) == 0)
        for dest in [path, tmp.path("link.sqlite"), tmp.path("hard.sqlite"), tmp.path("./l.sqlite")] {
            #expect(throws: StoreError.backupOntoLedger(path: path, destination: dest)) { try db.backup(to: dest, overwrite: true) }
        }
        #expect(try db.wallets().map(\.label) == ["main"])
        #expect(try db.integrityCheck() == "ok")
    }

    @Test("a file that is not SQLite is refused as not a ledger")
    func refusesNonSQLite() throws {
        let tmp = try TempDir()
        let path = tmp.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.notALedger(path: path)) { _ = try LedgerDatabase(path: path) }
    }

    @Test("a folder that cannot be created is a clear error")
    func unwritableFolder() throws {
        let tmp = try TempDir()
        try Data("x".utf8).write(to: URL(fileURLWithPath: tmp.path("file")))
        #expect(throws: StoreError.self) { _ = try LedgerDatabase(path: tmp.path("file/sub/ledger.sqlite")) }
    }

    @Test("a failing write leaves nothing: a claim for an unknown project adds no movement")
    func failingWriteLeavesNothing() throws {
        let tmp = try TempDir()
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        _ = try db.addWallet(label: "main", address: evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        #expect(throws: StoreError.self) {
            try db.recordMovement(MovementRequest(kind: .claim, wallet: "main", project: "nope", amount: amount("5 ARB"), at: now), now: now)
        }
        #expect(try db.movements().isEmpty)
        // A write that fails half-way inside one transaction rolls back what it already did.
        #expect(throws: (any Error).self) {
            try db.write { d in
                try d.execute(sql: "INSERT INTO price(asset, at, atSeconds, usd, source, createdAt) VALUES ('OP', 'x', 1, '1', 'manual', 'x')")
                try d.execute(sql: "INSERT INTO price(asset, at, atSeconds, usd, source, createdAt) VALUES ('OP', 'x', 1, '1', 'bogus', 'x')")
            }
        }
        #expect(try db.prices().isEmpty)
    }

    @Test("a sale larger than the holding at that time is refused, including a back-dated one")
    func holdingsChecked() throws {
        let tmp = try TempDir()
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        _ = try db.addWallet(label: "main", address: evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        let t1 = try Instant(parsing: "2024-01-01"), t2 = try Instant(parsing: "2024-02-01"), t0 = try Instant(parsing: "2023-12-01")
        try db.recordMovement(MovementRequest(kind: .buy, wallet: "main", amount: amount("10 OP"), at: t1, priceUsd: Quantity(parsing: "2")), now: now)
        try db.recordMovement(MovementRequest(kind: .sell, wallet: "main", amount: amount("10 OP"), at: t2, priceUsd: Quantity(parsing: "3")), now: now)
        // Selling 1 OP before the buy: nothing held then.
        #expect(throws: HoldingsError.self) {
            try db.recordMovement(MovementRequest(kind: .sell, wallet: "main", amount: amount("1 OP"), at: t0, priceUsd: Quantity(parsing: "3")), now: now)
        }
        // Selling 1 OP between the buy and the later sale would leave the later sale short.
        #expect(throws: HoldingsError.self) {
            try db.recordMovement(MovementRequest(kind: .sell, wallet: "main", amount: amount("1 OP"), at: t1.adding(seconds: 60), priceUsd: Quantity(parsing: "3")), now: now)
        }
        #expect(try db.movements().count == 2)
    }

    @Test("18-decimal amounts survive a round trip through the database")
    func exactRoundTrip() throws {
        let tmp = try TempDir()
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        _ = try db.addWallet(label: "main", address: evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        let a = try amount("123456789.123456789012345678 ETH")
        try db.recordMovement(MovementRequest(kind: .buy, wallet: "main", amount: a, at: now, priceUsd: Quantity(parsing: "0.000000000000000001")), now: now)
        let back = try db.movements()
        #expect(back.first?.amount.quantity.description == "123456789.123456789012345678")
        #expect(back.first?.priceUsd?.description == "0.000000000000000001")
        let raw = try db.read { d in try String.fetchOne(d, sql: "SELECT quantity FROM movement") }
        #expect(raw == "123456789.123456789012345678")
    }

    @Test("the watchlist loads once and never overwrites what the user changed")
    func watchlistIdempotent() throws {
        let tmp = try TempDir()
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        let projects = try Watchlist.bundled()
        #expect(projects.count == 16)
        #expect(try db.loadWatchlist(projects, now: now) == 16)
        _ = try db.updateProject("starknet", now: now) { p in var q = p; q.name = "My Starknet"; return q }
        #expect(try db.loadWatchlist(projects, now: now) == 0)
        #expect(try db.project(slug: "starknet").name == "My Starknet")
        #expect(try db.projects().count == 16)
    }

    @Test("a wallet in use cannot be removed; the error says what refers to it")
    func walletInUse() throws {
        let tmp = try TempDir()
        let db = try LedgerDatabase(path: tmp.path("l.sqlite"))
        _ = try db.loadWatchlist(try Watchlist.bundled(), now: now)
        _ = try db.addWallet(label: "main", address: evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        _ = try db.recordActivity(Activity(projectSlug: "scroll", walletLabel: "main", kind: .bridge, at: now), now: now)
        #expect(throws: StoreError.walletInUse(label: "main", uses: [.activity(1)], ids: [EntryId(.activity, 1)])) { _ = try db.removeWallet("main") }
        #expect(try db.wallets().count == 1)
    }
}

@Suite("Migrations")
struct MigrationTests {
    @Test("a ledger at schema 1 (as the first release wrote it) migrates to the current schema, keeping its data")
    func migratesFromV1() throws {
        let tmp = try TempDir()
        let path = tmp.path("old.sqlite")
        // Build a schema-1 ledger with only the first migration, as airledger 0.1 wrote it.
        let queue = try DatabaseQueue(path: path)
        let first = try #require(LedgerDatabase.migrator.migrations.first)
        try LedgerDatabase.migrator.migrate(queue, upTo: first)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO ledgerInfo(key, value) VALUES ('appVersion', '0.1.0'), ('schemaVersion', '1')")
            try db.execute(sql: """
                INSERT INTO project(slug, name, status, category, origin, createdAt, updatedAt)
                VALUES ('oldproj', 'Old', 'likely', 'L2', 'user', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')
                """)
        }
        try queue.close()
        let db = try LedgerDatabase(path: path)
        let p = try db.project(slug: "oldproj")
        #expect(p.name == "Old" && p.totalSupply == nil)
        let version = try db.read { d in try String.fetchOne(d, sql: "SELECT value FROM ledgerInfo WHERE key = 'schemaVersion'") }
        #expect(version == String(LedgerDatabase.migrator.migrations.count))
        _ = try db.updateProject("oldproj", now: now) { var q = $0; q.totalSupply = try Quantity(parsing: "1000000000"); return q }
        #expect(try db.project(slug: "oldproj").totalSupply?.description == "1000000000")
    }

    @Test("a ledger at schema 2 gains activity legs (v3): its activities keep their data and natural key")
    func migratesFromV2() throws {
        let tmp = try TempDir()
        let path = tmp.path("v2.sqlite")
        let queue = try DatabaseQueue(path: path)
        let second = LedgerDatabase.migrator.migrations[1]
        try LedgerDatabase.migrator.migrate(queue, upTo: second)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO ledgerInfo(key, value) VALUES ('appVersion', '0.1.0'), ('schemaVersion', '2')")
            try db.execute(sql: """
                INSERT INTO project(slug, name, status, category, origin, createdAt, updatedAt)
                VALUES ('oldproj', 'Old', 'likely', 'L2', 'user', '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');
                INSERT INTO wallet(label, address, chain, family, status, createdAt)
                VALUES ('w', '0x00000000000000000000000000000000000000aa', 'ethereum', 'evm', 'active', '2024-01-01T00:00:00Z');
                INSERT INTO activity(projectId, walletId, kind, at, atSeconds, chain, txHash, source, createdAt)
                VALUES (1, 1, 'swap', '2024-02-01T00:00:00Z', 1706745600, 'ethereum', '0x' || printf('%064d', 7), 'cli', '2024-02-01T00:00:00Z');
                """)
        }
        try queue.close()
        let db = try LedgerDatabase(path: path)
        let old = try db.activities()
        #expect(old.count == 1 && old.first?.leg == nil && old.first?.kind == .swap)
        // The same entry again is still a duplicate; another leg of the same transaction is not.
        var again = try #require(old.first)
        again.id = 0
        #expect(throws: (any Error).self) { try db.recordActivity(again, now: now) }
        var leg = again
        leg.leg = "token:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48:in:10"
        _ = try db.recordActivity(leg, now: now)
        #expect(try db.activities().map(\.leg) == [nil, "token:0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48:in:10"])
    }
}

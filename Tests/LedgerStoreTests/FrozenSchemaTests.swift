import Foundation
import GRDB
@testable import LedgerStore
import Testing

/// The v1 schema is frozen: ledgers written by the first release must keep opening, so the v1
/// migration may never change (a change goes in a new migration). The SQLite schema that the v1
/// migration alone creates is compared, statement by statement, with `Fixtures/schema/v1.sql`,
/// recorded from the v1 migration as it stood on 2026-12-02 (`RECORD_SCHEMA=1`). Re-record it only for
/// a deliberate reason, never to
/// make this test pass.
@Suite("Frozen schema")
struct FrozenSchemaTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/schema/v1.sql")

    @Test("the v1 migration creates exactly the frozen schema")
    func v1Frozen() throws {
        let queue = try DatabaseQueue()
        try LedgerDatabase.migrator.migrate(queue, upTo: "v1 ledger: wallets, projects, activity, points, allocations, movements, prices")
        let sql = try queue.read { db in
            try String.fetchAll(db, sql: """
                SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
                ORDER BY type DESC, name
                """)
        }
        let text = sql.map { $0 + ";\n" }.joined()
        if ProcessInfo.processInfo.environment["RECORD_SCHEMA"] == "1" {
            try text.write(to: Self.fixture, atomically: true, encoding: .utf8)
        }
        let frozen = try String(contentsOf: Self.fixture, encoding: .utf8)
        #expect(text == frozen, "the v1 schema changed: put the change in a new migration instead")
        #expect(frozen.contains("CREATE TABLE movement"))
    }
}

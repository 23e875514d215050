// The Subscan fixtures through `import subscan`, in process on a real SQLite file: SS58 wallets added
// without --chain where the prefix names the network (with --chain for Avail's generic prefix), each
// file lands whole, a second import adds nothing, rows checked by hand.
import Foundation
@testable import LedgerCLI
import Testing

@Suite("Subscan exports through `import subscan` (in process)")
struct SubscanImportCLITests {
    static let folder = Binary.packageRoot.appendingPathComponent("Fixtures/subscan")

    @Test("Polkadot, Avail and peaq transfers import whole, and add nothing the second time; rows by hand")
    func importTwice() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "16GHALjA6WPMXyQbgZZyqRtmyWfAXbGNXLqTWmKmdDmY9RGs", "--label", "dot")
        try ledger.ok("wallet", "add", "5HKz21U6Ej7t6SQ5ivWyhH4d7tfWqHiESr6yMULR58k1xtTw", "--chain", "avail", "--label", "av")
        try ledger.ok("wallet", "add", "rtJvtB69i2eJYG1jcGHvgtoJE157Rwgzc4aGYobJ5K7CJa2iD", "--label", "pq")
        for (file, wallet, rows) in [("transfers-polkadot.csv", "dot", 5), ("transfers-avail.csv", "av", 2), ("transfers-peaq.csv", "pq", 1)] {
            let path = Self.folder.appendingPathComponent(file).path
            let first = try ledger.ok("import", "subscan", path, "--wallet", wallet, "--project", "avail")
            #expect(first.contains("\(rows) row\(rows == 1 ? "" : "s"): \(rows) imported, 0 already present, 0 skipped"), "\(file): \(first)")
            let again = try ledger.ok("import", "subscan", path, "--wallet", wallet, "--project", "avail")
            #expect(again.contains("\(rows) row\(rows == 1 ? "" : "s"): 0 imported, \(rows) already present, 0 skipped"), "\(file): \(again)")
        }
        let csv = try ledger.ok("activity", "--format", "csv").split(separator: "\n").map(String.init)
        #expect(csv.count == 8 + 1)
        // transfers-polkadot.csv line 3: 10.0123456789 DOT out.
        #expect(csv.contains { $0.contains(",2023-11-07T19:02:12Z,avail,dot,other,polkadot,10.0123456789 DOT,,,,,false,") })
        // line 4: the failed transfer, kept and marked, without volume.
        #expect(csv.contains { $0.contains(",2023-11-07T19:07:06Z,avail,dot,other,polkadot,,,,,,true,") })
        // transfers-avail.csv line 3: one unit at 18 decimals.
        #expect(csv.contains { $0.contains(",2024-07-25T09:30:00Z,avail,av,other,avail,0.000000000000000001 AVAIL,,,,,false,") })
    }

    @Test("a Subscan file with bad rows writes nothing, exit 65")
    func badRows() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "16GHALjA6WPMXyQbgZZyqRtmyWfAXbGNXLqTWmKmdDmY9RGs", "--label", "dot")
        let path = Self.folder.appendingPathComponent("bad-rows.csv").path
        let r = try ledger.run("import", "subscan", path, "--wallet", "dot", "--project", "avail")
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad-rows.csv:5:"))
        #expect(try ledger.ok("activity", "--format", "csv").split(separator: "\n").count == 1)
    }
}

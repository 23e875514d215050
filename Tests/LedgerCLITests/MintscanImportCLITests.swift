// The Mintscan fixtures through `import mintscan`, in process on a real SQLite file: the wallet is
// added from its bech32 address (its chain from the prefix), each file lands whole, a second import
// adds nothing, and rows are checked by hand against the file.
import Foundation
@testable import LedgerCLI
import Testing

@Suite("Mintscan exports through `import mintscan` (in process)")
struct MintscanImportCLITests {
    static let folder = Binary.packageRoot.appendingPathComponent("Fixtures/mintscan")

    @Test("a Saga and a Dymension export import whole, and add nothing the second time; rows by hand")
    func importTwice() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")
        defer { ledger.remove() }
        try ledger.ok("init")
        // No --chain: the chain comes from the bech32 prefix.
        let added = try ledger.ok("wallet", "add", "saga1ar2yq5y88kagvk48c9c2knxwvnvsswdr0te0wj", "--label", "sg")
        #expect(added.contains("saga"))
        try ledger.ok("wallet", "add", "dym1ar2yq5y88kagvk48c9c2knxwvnvsswdrr9vmv6", "--label", "dy")
        for (file, wallet, rows) in [("transactions-saga.csv", "sg", 8), ("transactions-dymension.csv", "dy", 2)] {
            let path = Self.folder.appendingPathComponent(file).path
            let first = try ledger.ok("import", "mintscan", path, "--wallet", wallet, "--project", "dymension")
            #expect(first.contains("\(rows) rows: \(rows) imported, 0 already present, 0 skipped"), "\(file): \(first)")
            let again = try ledger.ok("import", "mintscan", path, "--wallet", wallet, "--project", "dymension")
            #expect(again.contains("\(rows) rows: 0 imported, \(rows) already present, 0 skipped"), "\(file): \(again)")
        }
        let csv = try ledger.ok("activity", "--format", "csv").split(separator: "\n").map(String.init)
        #expect(csv.count == 10 + 1)
        // transactions-saga.csv line 2: 22.000.000 usaga in.
        #expect(csv.contains { $0.contains(",2024-12-20T09:15:00Z,dymension,sg,other,saga,22 SAGA,,,,,false,") })
        // line 3: a delegation of 10 SAGA is staking.
        #expect(csv.contains { $0.contains(",2024-12-21T10:00:00Z,dymension,sg,stake,saga,10 SAGA,,,,,false,") })
        // transactions-dymension.csv line 3: 10^18 + 1 adym.
        #expect(csv.contains { $0.contains(",2024-02-07T12:00:00Z,dymension,dy,stake,dymension,1.000000000000000001 DYM,,,,,false,") })
    }

    @Test("a Mintscan file with a bad row writes nothing, exit 65, the row located")
    func badRows() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "saga1ar2yq5y88kagvk48c9c2knxwvnvsswdr0te0wj", "--label", "sg")
        let path = Self.folder.appendingPathComponent("bad-rows.csv").path
        let r = try ledger.run("import", "mintscan", path, "--wallet", "sg", "--project", "dymension")
        #expect(r.status == 65)
        #expect(r.stderr.contains("bad-rows.csv:3:"))
        #expect(try ledger.ok("activity", "--format", "csv").split(separator: "\n").count == 1)
    }

    @Test("a Mintscan export for an EVM wallet is refused before reading")
    func wrongFamily() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "--chain", "ethereum", "--label", "evm")
        let path = Self.folder.appendingPathComponent("transactions-saga.csv").path
        let r = try ledger.run("import", "mintscan", path, "--wallet", "evm")
        #expect(r.status == 65)
        #expect(r.stderr.contains("Mintscan exports are for Cosmos SDK wallets"))
    }
}

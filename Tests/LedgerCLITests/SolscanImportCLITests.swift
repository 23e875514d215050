// The Solscan fixtures through `import solscan`, in process on a real SQLite file: each lands whole, a
// second import adds nothing, and three rows are checked by hand against the file.
import Foundation
@testable import LedgerCLI
import Testing

@Suite("Solscan exports through `import solscan` (in process)")
struct SolscanImportCLITests {
    static let folder = Binary.packageRoot.appendingPathComponent("Fixtures/solscan")
    static let wallet = "3Q8mvVzvCRNeXhRW2LT7nckrboLZ1fAh9LkBC3t1Fqhx"

    @Test("every Solscan fixture imports whole, and adds nothing the second time; three rows by hand")
    func importTwice() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")  // the exports run to 2026-04
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", Self.wallet, "--chain", "solana", "--label", "sol")
        // File, rows imported, rows skipped (the 2022 file has one row of another Type).
        let files: [(String, Int, Int)] = [("transfers.csv", 6, 0), ("transfers-multiplier.csv", 2, 0),
                                           ("transfers-without-flow.csv", 2, 0), ("transactions-2022.csv", 4, 1)]
        for (file, rows, skipped) in files {
            let path = Self.folder.appendingPathComponent(file).path
            let n = rows + skipped
            let first = try ledger.ok("import", "solscan", path, "--wallet", "sol", "--chain", "solana", "--project", "parcl")
            #expect(first.contains("\(n) rows: \(rows) imported, 0 already present, \(skipped) skipped"), "\(file): \(first)")
            let again = try ledger.ok("import", "solscan", path, "--wallet", "sol", "--chain", "solana", "--project", "parcl")
            #expect(again.contains("\(n) rows: 0 imported, \(rows) already present, \(skipped) skipped"), "\(file): \(again)")
        }
        let csv = try ledger.ok("activity", "--format", "csv").split(separator: "\n").map(String.init)
        #expect(csv.count == 14 + 1)
        // transfers.csv line 2: 1234567891 units of PRCL at 6 decimals, in from Parcl's airdrop distributor (in the
        // registry): a probable claim, recorded without volume, the amount in the note.
        #expect(csv.contains { $0.hasPrefix("a1,2024-04-16T12:00:00Z,parcl,sol,other,solana,,,,,,false,5nsCHx")
                && $0.hasSuffix(",probable airdrop claim: 1234.567891 PRCL from Parcl PRCL airdrop merkle distributor") })
        // transfers.csv line 6: one lamport.
        #expect(csv.contains { $0.hasPrefix("a5,2024-04-16T15:00:00Z,parcl,sol,other,solana,0.000000001 SOL,0.00000014,,,,false,2ToWJn") })
        // transactions-2022.csv line 2: 1.25 SOL sent, the 0.000005 SOL fee paid by the wallet.
        #expect(csv.contains { $0.contains(",2022-05-01T00:00:00Z,parcl,sol,other,solana,1.25 SOL,,0.000005 SOL,,,false,5nsCHx") })
    }

    @Test("a Solscan file for another wallet writes nothing, exit 65")
    func otherWallet() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")  // the exports run to 2026-04
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "Do4zkWwodZYwGXJ4kPb9kSpWu9spo7oSXYiRVtkaByQW", "--chain", "solana", "--label", "other")
        let path = Self.folder.appendingPathComponent("bad-rows.csv").path
        let r = try ledger.run("import", "solscan", path, "--wallet", "other", "--chain", "solana", "--project", "parcl")
        #expect(r.status == 65)
        #expect(try ledger.ok("activity", "--format", "csv").split(separator: "\n").count == 1)
    }
}

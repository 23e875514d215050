// Undo with the real binary on real ledger files (issue 11): undoing a 200,000-row import gives back
// the byte-identical ledger export, and a kill -9 during `undo` leaves the ledger as before the undo or
// as after it, never between (SQLite's transaction; the undo is one).
import Foundation
import Testing

@Suite("Undo with the built binary", .serialized)
struct UndoBinaryTests {
    /// A spreadsheet of `rows` swaps for wallet 'main' on scroll, each with its own tx hash.
    static func activities(_ rows: Int, salt: Int) -> String {
        var out = "Date,Project,Wallet,Kind,Chain,Tx,Volume USD,Fee USD,Points,Note\n"
        out.reserveCapacity(rows * 120)
        for i in 0..<rows {
            let day = 1 + i % 28, month = 1 + (i / 28) % 12
            let hash = String(format: "%08x", salt) + String(repeating: "0", count: 48) + String(format: "%08x", i)
            out += "2023-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day),scroll,main,swap,scroll,0x\(hash),\(i % 500).25,0.1\(i % 10),,\n"
        }
        return out
    }

    func sh(_ line: String, _ s: (dir: URL, env: [String: String])) throws -> Binary.Result {
        let r = try Binary.shell(line, in: s.dir, environment: s.env)
        return r
    }

    /// A ledger with a few entries of every kind, its export written to before.json.
    func prepared() throws -> (dir: URL, env: [String: String]) {
        let s = try Binary.session()
        let setup = """
            airledger init >/dev/null && airledger wallet add 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed --label main >/dev/null \
            && airledger claim starknet --wallet main --amount "1250 STRK" --at 2024-02-20T12:00:00Z --price-usd 2.01 >/dev/null \
            && airledger log scroll --wallet main --kind bridge --at 2024-01-15 --fee "0.001 ETH" >/dev/null \
            && airledger price set STRK 0.4 --at 2024-12-30 >/dev/null \
            && airledger export ledger -o before.json 2>/dev/null
            """
        let r = try sh(setup, s)
        #expect(r.status == 0, "\(r.stderr)")
        return s
    }

    @Test("undoing a 200,000-row import restores the byte-identical ledger export")
    func undoLargeImport() throws {
        let s = try prepared()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        try Self.activities(200_000, salt: 1).write(to: s.dir.appendingPathComponent("acts.csv"), atomically: true, encoding: .utf8)
        let imported = try sh("airledger import activities acts.csv", s)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("200000"), "\(imported.stdout)")
        let changes = try sh("airledger changes --limit 1 --format csv", s)
        #expect(changes.stdout.contains(",200000,,airledger import activities acts.csv"), "\(changes.stdout)")
        let undo = try sh("airledger undo && airledger export ledger -o after.json 2>/dev/null && cmp before.json after.json", s)
        #expect(undo.status == 0, "\(undo.stdout) \(undo.stderr)")
        #expect(undo.stdout.hasPrefix("undid change"))
    }

    @Test("kill -9 during undo: the ledger is as before the undo or as after it, never between")
    func killDuringUndo() throws {
        let s = try prepared()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        try Self.activities(20_000, salt: 2).write(to: s.dir.appendingPathComponent("acts.csv"), atomically: true, encoding: .utf8)
        #expect(try sh("airledger import activities acts.csv >/dev/null && airledger export ledger -o imported.json 2>/dev/null", s).status == 0)
        var killedMidway = 0, undone = false
        // Growing delays: the early kills land while the binary starts or inside the transaction; the
        // last lets the undo finish.
        for delay in [0.01, 0.03, 0.05, 0.08, 0.11, 0.15, 0.2, 0.3, 0.45, 0.7, 1.0, 30.0] where !undone {
            let p = Process()
            p.executableURL = Binary.url
            p.arguments = ["undo"]
            p.environment = s.env
            p.currentDirectoryURL = s.dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            let deadline = Date().addingTimeInterval(delay)
            while p.isRunning && Date() < deadline { usleep(2_000) }
            if p.isRunning {
                kill(p.processIdentifier, SIGKILL)
                killedMidway += 1
            }
            p.waitUntilExit()
            let state = try sh("rm -f now.json; airledger export ledger -o now.json 2>/dev/null; if cmp -s now.json before.json; then echo before-undo-done; elif cmp -s now.json imported.json; then echo as-imported; else echo BETWEEN; fi", s)
            let word = state.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(word == "before-undo-done" || word == "as-imported", "after kill at \(delay) s the ledger is neither: \(word)")
            let integrity = try sh("airledger changes --limit 1 --format csv", s)
            #expect(integrity.status == 0)
            // The journal agrees with the rows: the import is marked undone exactly when its rows are gone.
            let markedUndone = !integrity.stdout.contains(",20000,,airledger import")
            #expect(markedUndone == (word == "before-undo-done"), "\(integrity.stdout)")
            undone = word == "before-undo-done"
        }
        #expect(undone, "the last undo, given time, finished")
        #expect(killedMidway > 0, "at least one undo was killed before it exited")
    }
}

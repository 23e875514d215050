// Imports under faults, with the real binary: a kill -9 halfway leaves the ledger exactly as before,
// and two imports at once both land, every row exactly once.
import Foundation
import LedgerCore
import Testing

enum ExplorerFile {
    static let header = "\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"ContractAddress\",\"Value_IN(ETH)\",\"Value_OUT(ETH)\",\"CurrentValue @ $2084.31/Eth\",\"TxnFee(ETH)\",\"TxnFee(USD)\",\"Historical $Price/Eth\",\"Status\",\"ErrCode\",\"Method\"\n"

    /// A normal-transactions (V4) export of `rows` rows sent by `wallet`, tx hashes unique per `seed`.
    static func write(rows: Int, wallet: String, seed: Int, to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let h = try FileHandle(forWritingTo: url)
        defer { try? h.close() }
        var buf = header
        for i in 0..<rows {
            let hash = "0x" + String(format: "%08x", seed) + String(repeating: "0", count: 40) + String(format: "%016x", i)
            let t = 1_700_000_000 + i * 60
            // DateTime agrees with UnixTimestamp, as in a real export (the import refuses a mismatch).
            let dateTime = Instant(seconds: Int64(t)).description.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
            buf += "\"\(hash)\",\"\(18_000_000 + i)\",\"\(t)\",\"\(dateTime)\",\"\(wallet)\",\"0x2554af092f826cecc5463780ce4efa2590a7d378\",\"\",\"0\",\"0.0\(i % 9 + 1)\",\"0\",\"0.000\(i % 7 + 1)\",\"0.5\",\"2000\",\"\",\"\",\"Transfer\"\n"
            if buf.utf8.count > 1 << 20 {
                h.write(Data(buf.utf8))
                buf = ""
            }
        }
        h.write(Data(buf.utf8))
    }
}

@Suite("Imports under faults (built binary)", .serialized)
struct FaultTests {
    let wallet = "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"
    let other = "0x00436d6667153c8eefdb2a493353a81581b277ef"

    func count(_ dir: URL, _ env: [String: String]) throws -> String {
        try Binary.shell("sqlite3 ledger.sqlite 'PRAGMA integrity_check; SELECT COUNT(*) FROM activity; SELECT COUNT(DISTINCT txHash) FROM activity;'",
                         in: dir, environment: env).stdout
    }

    @Test("kill -9 halfway through an import: the ledger is exactly as before and intact")
    func killHalfway() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try Binary.shell("airledger init >/dev/null && airledger wallet add \(wallet) --label hot 2>/dev/null", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        try ExplorerFile.write(rows: 25, wallet: wallet, seed: 1, to: dir.appendingPathComponent("small.csv"))
        r = try Binary.shell("airledger import etherscan small.csv --wallet hot --chain ethereum --project zksync", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let before = try count(dir, env)
        #expect(before == "ok\n25\n25\n")

        try ExplorerFile.write(rows: 400_000, wallet: wallet, seed: 2, to: dir.appendingPathComponent("big.csv"))
        let p = Process()
        p.executableURL = Binary.url
        p.arguments = ["import", "etherscan", "big.csv", "--wallet", "hot", "--chain", "ethereum", "--project", "zksync"]
        p.currentDirectoryURL = dir
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        // Wait until the import has written a good part of its transaction, then kill it.
        let wal = dir.appendingPathComponent("ledger.sqlite-wal").path
        let deadline = Date().addingTimeInterval(120)
        var walBytes = 0
        while p.isRunning && Date() < deadline {
            walBytes = ((try? FileManager.default.attributesOfItem(atPath: wal)[.size]) as? NSNumber)?.intValue ?? 0
            if walBytes > 8 << 20 { break }
            usleep(20_000)
        }
        #expect(p.isRunning, "the import finished before it could be killed: make the file larger")
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(walBytes > 8 << 20, "killed after \(walBytes) bytes of write-ahead log")

        #expect(try count(dir, env) == before)
        // The ledger still works, and the same import can be run again to completion (a small one here).
        try ExplorerFile.write(rows: 30, wallet: wallet, seed: 3, to: dir.appendingPathComponent("again.csv"))
        r = try Binary.shell("airledger import etherscan again.csv --wallet hot --chain ethereum --project zksync", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try count(dir, env) == "ok\n55\n55\n")
    }

    @Test("two imports into the same ledger at once: both land, every row exactly once, no 'database is locked'")
    func concurrentImports() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.shell("airledger init >/dev/null && airledger wallet add \(wallet) --label hot 2>/dev/null && airledger wallet add \(other) --label cold 2>/dev/null",
                                 in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        try ExplorerFile.write(rows: 15_000, wallet: wallet, seed: 10, to: dir.appendingPathComponent("a.csv"))
        try ExplorerFile.write(rows: 15_000, wallet: other, seed: 11, to: dir.appendingPathComponent("b.csv"))
        func start(_ file: String, _ label: String, _ project: String) throws -> (Process, Pipe) {
            let p = Process()
            p.executableURL = Binary.url
            p.arguments = ["import", "etherscan", file, "--wallet", label, "--chain", "ethereum", "--project", project]
            p.currentDirectoryURL = dir
            p.environment = env
            let err = Pipe()
            p.standardOutput = FileHandle.nullDevice
            p.standardError = err
            try p.run()
            return (p, err)
        }
        let (a, aErr) = try start("a.csv", "hot", "zksync")
        let (b, bErr) = try start("b.csv", "cold", "scroll")
        let aText = String(decoding: aErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let bText = String(decoding: bErr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        a.waitUntilExit()
        b.waitUntilExit()
        #expect(a.terminationStatus == 0 && b.terminationStatus == 0, "\(aText)\(bText)")
        #expect(!(aText + bText).contains("locked"))
        #expect(try count(dir, env) == "ok\n30000\n30000\n")
        // Again: both files are already there, nothing is added.
        let again = try Binary.shell("airledger import etherscan a.csv --wallet hot --chain ethereum --project zksync", in: dir, environment: env)
        #expect(again.stdout.contains("15000 rows: 0 imported, 15000 already present, 0 skipped"))
        #expect(try count(dir, env) == "ok\n30000\n30000\n")
    }
}

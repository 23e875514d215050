// `airledger report` run in-process on a real ledger file: what today's wiring puts in each section.
import Foundation
import LedgerCore
@testable import LedgerCLI
@testable import LedgerFormats
import Testing

@Suite("report command")
struct ReportCommandTests {
    /// A ledger with a priced and an unpriced claim, a burned wallet's activity and an open allocation.
    func ledger() throws -> InProcess {
        let l = try InProcess()
        try l.ok("init")
        try l.ok("wallet", "add", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "--label", "main")
        try l.ok("wallet", "add", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "--label", "farm-02")
        try l.ok("wallet", "burn", "farm-02")
        try l.ok("log", "scroll", "--wallet", "farm-02", "--kind", "swap", "--at", "2024-03-05", "--fee-usd", "0.40")
        try l.ok("log", "scroll", "--wallet", "main", "--kind", "bridge", "--at", "2024-03-05", "--fee-usd", "3.10")
        try l.ok("claim", "starknet", "--wallet", "main", "--amount", "1250 STRK", "--at", "2024-02-20T12:00:00Z", "--price-usd", "2.01")
        // No price for ZK anywhere: its value is unknown in every period.
        try l.ok("claim", "zksync", "--wallet", "main", "--amount", "2400 ZK", "--at", "2024-06-17T12:00:00Z")
        try l.ok("allocation", "layerzero", "--wallet", "main", "--amount", "312.5 ZRO", "--deadline", "2025-01-05")
        return l
    }

    func report(_ l: InProcess, wallet: String? = nil) throws -> FarmReport {
        let db = try LedgerOptions.parse(["--db", l.db]).open()
        let w = try wallet.map { try db.wallet(labelled: $0) }
        return try ReportInputs.load(db, .init(wallet: w, year: 2024, now: try Instant(parsing: l.now)))
    }

    @Test("an unpriced asset is a gap in the holdings, never zero; priced assets stack below it")
    func unpricedGap() throws {
        let l = try ledger()
        defer { l.remove() }
        let h = try report(l).holdings
        #expect(h.assets.map(\.symbol) == ["STRK", "ZK"])
        let zk = try #require(h.assets.last)
        let held = zip(h.periods, zk.valuesUsd).filter { $0.0 >= (try? CivilDate(parsing: "2024-06-17")).map { TimeUnit.week.start(of: $0) } ?? $0.0 }
        #expect(!held.isEmpty && held.allSatisfy { $0.1 == nil })
        #expect(zk.valuesUsd.contains(.zero))
        let page = try l.ok("report", "-o", "-")
        // The week of the ZK claim: STRK at its claim price (1250 x 2.01), ZK and the total unknown.
        #expect(page.contains("<tr><th scope=\"row\">2024-06-17</th><td class=\"num\">$2,512.50</td><td class=\"num\">-</td><td class=\"num\">-</td></tr>"))
        // The tax year needs the ZK claim's price: the section says so, and the rest of the page is there.
        #expect(page.contains("The tax year 2024 cannot be shown: the tax summary needs a USD price that is missing"))
        #expect(page.contains("id=\"backtest-scatter\""))
    }

    @Test("burned wallets are marked in the heat map; --wallet narrows the activity and the deadlines")
    func walletsAndScope() throws {
        let l = try ledger()
        defer { l.remove() }
        let all = try report(l)
        #expect(all.activity.wallets.map(\.label) == ["farm-02", "main"])
        #expect(all.activity.wallets.map(\.burned) == [true, false])
        #expect(all.deadlines.deadlines.map(\.amount) == ["312.5 ZRO"])
        let farm = try report(l, wallet: "farm-02")
        #expect(farm.activity.wallets.map(\.label) == ["farm-02"])
        #expect(farm.deadlines.deadlines.isEmpty)
        #expect(farm.holdings.assets.isEmpty)
        let page = try l.ok("report", "-o", "-")
        #expect(page.contains("farm-02 (burned)"))
    }

    @Test("a file is written with mode 0600 and no partial file is left; an existing one needs --force")
    func file() throws {
        let l = try ledger()
        defer { l.remove() }
        let path = l.dir.appendingPathComponent("farm.html").path
        let first = try l.run("report", "-o", path)
        #expect(first.status == 0 && first.stdout.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: l.dir.path).filter { $0.contains(".partial") }.isEmpty)
        let again = try l.run("report", "-o", path)
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        #expect(try l.run("report", "-o", path, "--force").status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == (try l.ok("report", "-o", "-")))
    }
}

import Foundation
import LedgerCore
import LedgerFormats
import Testing

/// A program the checks run for real (hledger, bean-check). Absent: the test is skipped, unless
/// AIRLEDGER_REQUIRE_TOOLS=1 (CI installs them and sets it), when its absence fails the test.
enum ExternalTool {
    static func find(_ name: String) -> URL? {
        let env = ProcessInfo.processInfo.environment
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"]
        for d in dirs {
            let u = URL(fileURLWithPath: d).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        if env["AIRLEDGER_REQUIRE_TOOLS"] == "1" {
            Issue.record("\(name) is required (AIRLEDGER_REQUIRE_TOOLS=1) but not on PATH: install it (.ci/run: apt-get install hledger)")
        }
        return nil
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ tool: URL, _ arguments: [String]) throws -> Run {
        let p = Process()
        p.executableURL = tool
        p.arguments = arguments
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// hledger's own view of a journal: `check -s ordereddates` and the year's income and gains.
enum HledgerCheck {
    /// Runs the checks; returns (airdrop income, short-term gain, long-term gain) of `year` as hledger
    /// computes them (signs flipped: income is negative in hledger), exact.
    static func figures(_ hledger: URL, journal: String, year: Int) throws -> (income: Quantity, short: Quantity, long: Quantity) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-\(UUID().uuidString).journal")
        try Data(journal.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try ExternalTool.run(hledger, ["-f", file.path, "check", "-s", "ordereddates"])
        #expect(check.status == 0, "hledger check refused the journal: \(check.stderr)")
        let bal = try ExternalTool.run(hledger, ["-f", file.path, "bal", "^Income", "--flat", "-N", "-O", "csv",
                                                 "-b", "\(year)-01-01", "-e", "\(year + 1)-01-01",
                                                 "--commodity-style", "1.000000000000000000000000 USD"])
        #expect(bal.status == 0, "hledger bal: \(bal.stderr)")
        var income = Quantity.zero, short = Quantity.zero, long = Quantity.zero
        for row in try CSV.parse(bal.stdout).dropFirst() {
            guard row.fields.count == 2 else { continue }
            let text = row.fields[1]
            guard text != "0" else { continue }
            #expect(text.hasSuffix(" USD"), "not USD: \(text)")
            let v = -(try Quantity(parsing: String(text.dropLast(4))))
            switch row.fields[0] {
            case "Income:CapitalGains:Short": short = v
            case "Income:CapitalGains:Long": long = v
            case let a where a.hasPrefix("Income:Airdrops:"): try income += v
            default: Issue.record("unexpected account \(row.fields[0])")
            }
        }
        return (income, short, long)
    }
}

@Suite("hledger journal export")
struct HledgerExportTests {
    @Test func goldens() throws {
        let p = TaxExportFixture.prices
        try expectGolden(HledgerWriter.render(try TaxExportFixture.report(2024), prices: p), "ledger-2024-universal.journal")
        try expectGolden(HledgerWriter.render(try TaxExportFixture.report(2025, basis: .perWallet), prices: p), "ledger-2025-per-wallet.journal")
        try expectGolden(HledgerWriter.render(try TaxExportFixture.report(2024, .hifo, airdrops: .zeroBasis), prices: p),
                         "ledger-2024-hifo-zero-basis.journal")
    }

    @Test func symbols() {
        #expect(HledgerWriter.symbol("ETH") == "ETH")
        #expect(HledgerWriter.symbol("1INCH") == "\"1INCH\"")
        #expect(HledgerWriter.symbol("USDC.E") == "\"USDC.E\"")
    }

    /// Every year x method x basis x airdrop treatment of the two-wallet fixture, the awkward
    /// fractions and the broker fixture: hledger accepts the journal and its balances of the year's
    /// income and gains accounts equal the report's exact figures.
    @Test("the real hledger accepts every journal and its income and gains equal the report exactly")
    func realHledger() throws {
        guard let hledger = ExternalTool.find("hledger") else { return }
        var reports: [TaxReport] = []
        let b = try TaxExportFixture.build()
        for year in [2023, 2024, 2025] {
            for method in BookingMethod.allCases {
                for basis in BasisScope.allCases {
                    for airdrops in AirdropTreatment.allCases {
                        reports.append(try TaxEngine.report(year: year, movements: b.movements, activities: b.activities,
                                                            policy: TaxPolicy(method: method, basis: basis, airdrops: airdrops)))
                    }
                }
            }
        }
        let f = try TaxExportFixture.fractions()
        for basis in BasisScope.allCases {
            reports.append(try TaxEngine.report(year: 2024, movements: f.movements, activities: [], policy: TaxPolicy(basis: basis)))
        }
        reports.append(try BrokerFixture.report(2026))
        for r in reports {
            let journal = try HledgerWriter.render(r, prices: TaxExportFixture.prices)
            let got = try HledgerCheck.figures(hledger, journal: journal, year: r.year)
            let what = "\(r.year) \(r.policy.summary)"
            #expect(got.income == r.incomeTotal, "income \(what)")
            #expect(got.short == r.shortTerm.gain, "short-term gain \(what)")
            #expect(got.long == r.longTerm.gain, "long-term gain \(what)")
        }
    }

    @Test("a journal that does not balance is refused by the same check (the check can fail)")
    func checkCanFail() throws {
        guard let hledger = ExternalTool.find("hledger") else { return }
        var journal = try HledgerWriter.render(try TaxExportFixture.report(2024))
        journal = journal.replacingOccurrences(of: "    Income:Airdrops:Arbitrum  -600 USD", with: "    Income:Airdrops:Arbitrum  -601 USD")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-\(UUID().uuidString).journal")
        try Data(journal.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let r = try ExternalTool.run(hledger, ["-f", file.path, "check", "-s", "ordereddates"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("unbalanced") || r.stderr.contains("balance"))
    }
}

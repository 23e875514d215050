import Foundation
import Testing

/// `tax export --to hledger` with the built binary on the demo ledger, checked by the real hledger:
/// `check -s ordereddates` accepts every journal, and hledger's balances of the year's airdrop
/// income and gains accounts equal `tax summary --format json` exactly. Skipped without hledger
/// unless AIRLEDGER_REQUIRE_TOOLS=1 (CI), when its absence fails.
@Suite("hledger export checked by hledger (built binary)")
struct HledgerCLITests {
    static func hledger() -> URL? {
        for d in ["/usr/bin", "/usr/local/bin"] {
            let u = URL(fileURLWithPath: d).appendingPathComponent("hledger")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        if ProcessInfo.processInfo.environment["AIRLEDGER_REQUIRE_TOOLS"] == "1" {
            Issue.record("hledger is required (AIRLEDGER_REQUIRE_TOOLS=1) but not installed: apt-get install hledger")
        }
        return nil
    }

    @Test func demoLedgerEveryPolicy() throws {
        guard let hledger = Self.hledger() else { return }
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try Binary.shell("airledger demo --keep demo.sqlite > /dev/null", in: dir, environment: env)
        #expect(demo.status == 0, "\(demo.stderr)")
        var checked = 0
        for year in [2023, 2024, 2025] {
            for method in ["fifo", "hifo"] {
                for basis in ["universal", "per-wallet"] {
                    let policy = "--year \(year) --method \(method) --basis \(basis)"
                    let file = "demo-\(year)-\(method)-\(basis).journal"
                    let export = try Binary.shell("airledger --db demo.sqlite tax export \(policy) --to hledger -o \(file)", in: dir, environment: env)
                    #expect(export.status == 0, "\(policy): \(export.stderr)")
                    let check = try Binary.shell("\(hledger.path) -f \(file) check -s ordereddates", in: dir, environment: env)
                    #expect(check.status == 0, "hledger check \(file): \(check.stderr)")
                    let bal = try Binary.shell("\(hledger.path) -f \(file) bal ^Income --flat -N -O csv -b \(year)-01-01 -e \(year + 1)-01-01 "
                                               + "--commodity-style '1.000000000000000000000000 USD'", in: dir, environment: env)
                    #expect(bal.status == 0, "\(bal.stderr)")
                    let summary = try Binary.shell("airledger --db demo.sqlite tax summary \(policy) --format json", in: dir, environment: env)
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.stdout.utf8)) as? [String: Any])
                    let income = try #require((json["income"] as? [String: Any])?["total"] as? String)
                    let short = try #require((json["shortTerm"] as? [String: Any])?["gain"] as? String)
                    let long = try #require((json["longTerm"] as? [String: Any])?["gain"] as? String)
                    var got: [String: Decimal] = ["income": 0, "short": 0, "long": 0]
                    for line in bal.stdout.split(separator: "\n").dropFirst() {
                        let cells = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
                        guard cells.count == 2, cells[1] != "0" else { continue }
                        let value = try #require(Decimal(string: String(cells[1].dropLast(4)), locale: Locale(identifier: "en_US_POSIX")))
                        let key = cells[0].hasPrefix("Income:Airdrops:") ? "income"
                            : cells[0] == "Income:CapitalGains:Short" ? "short" : cells[0] == "Income:CapitalGains:Long" ? "long" : cells[0]
                        got[key, default: 0] -= value
                    }
                    let posix = Locale(identifier: "en_US_POSIX")
                    #expect(got["income"] == Decimal(string: income, locale: posix), "income \(policy)")
                    #expect(got["short"] == Decimal(string: short, locale: posix), "short-term gain \(policy)")
                    #expect(got["long"] == Decimal(string: long, locale: posix), "long-term gain \(policy)")
                    #expect(got.count == 3, "unexpected accounts: \(got.keys.sorted())")
                    checked += 1
                }
            }
        }
        #expect(checked == 12)
    }
}

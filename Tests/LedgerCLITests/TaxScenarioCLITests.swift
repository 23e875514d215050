// The reference tax scenarios (Fixtures/tax/scenarios, from an independent calculator) fed through
// the real binary as CLI commands, then `tax summary --format json` compared to the cent with every
// figure of the expected file, for every method and year.
import Foundation
import LedgerCore
import Testing

struct TaxScenario {
    static let folder = Binary.packageRoot.appendingPathComponent("Fixtures/tax/scenarios")
    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix(".expected.json") }.map { String($0.dropLast(5)) }.sorted()
    }
}

@Suite("Tax scenarios through the binary")
struct TaxScenarioCLITests {
    func run(_ args: [String], _ dir: URL, _ env: [String: String]) throws -> Binary.Result {
        let line = args.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        return try Binary.shell("airledger " + line, in: dir, environment: env)
    }

    @Test("scenario", arguments: TaxScenario.names)
    func scenario(_ name: String) throws {
        let scen = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: TaxScenario.folder.appendingPathComponent(name + ".json"))) as? [String: Any])
        let exp = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: TaxScenario.folder.appendingPathComponent(name + ".expected.json"))) as? [String: Any])
        let events = try #require(scen["events"] as? [[String: String]])
        let (dir, env) = try Binary.session(now: "2030-01-01T00:00:00Z")
        defer { try? FileManager.default.removeItem(at: dir) }
        func ok(_ args: [String]) throws {
            let r = try run(args, dir, env)
            #expect(r.status == 0, "airledger \(args.joined(separator: " ")): \(r.stderr)")
        }
        try ok(["init"])
        var wallets = Set<String>()
        for e in events {
            if e["type"] == "transfer" { wallets.insert(e["from_wallet"] ?? ""); wallets.insert(e["to_wallet"] ?? "") } else { wallets.insert(e["wallet"] ?? "default") }
        }
        for (i, w) in wallets.sorted().enumerated() {
            try ok(["wallet", "add", "0x" + String(repeating: "0", count: 38) + String(format: "%02x", i + 1), "--label", w])
        }
        var assets = Set<String>()
        let ordered = events.enumerated().sorted { ($0.element["date"] ?? "", $0.offset) < ($1.element["date"] ?? "", $1.offset) }.map(\.element)
        for e in ordered {
            let a = e["asset"] ?? "", amt = e["amount"] ?? "", at = e["date"] ?? "", price = e["usd_price"] ?? ""
            switch e["type"] {
            case "airdrop":
                let slug = "drop-" + a.lowercased()
                if assets.insert(a).inserted {
                    try ok(["project", "add", slug, "--name", "\(a) drop", "--status", "launched", "--category", "other"])
                }
                try ok(["claim", slug, "--wallet", e["wallet"] ?? "default", "--amount", "\(amt) \(a)", "--at", at, "--price-usd", price])
            case "buy", "sell":
                try ok([e["type"] ?? "", "--wallet", e["wallet"] ?? "default", "--amount", "\(amt) \(a)", "--price-usd", price,
                        "--fee-usd", e["fee_usd"] ?? "0", "--at", at])
            case "transfer":
                var args = ["transfer", "--from", e["from_wallet"] ?? "", "--to", e["to_wallet"] ?? "", "--amount", "\(amt) \(a)", "--at", at]
                if let fee = e["fee_amount"], fee != "0", !fee.isEmpty {
                    try ok(["price", "set", a, price, "--at", at])
                    args += ["--fee", "\(fee) \(a)"]
                }
                try ok(args)
            default:
                Issue.record("unknown event type \(e["type"] ?? "?")")
            }
        }
        let methods = try #require(exp["methods"] as? [String: [String: [String: Any]]])
        var compared = 0
        for (method, years) in methods.sorted(by: { $0.key < $1.key }) {
            for (year, want) in years.sorted(by: { $0.key < $1.key }) {
                let r = try run(["tax", "summary", "--year", year, "--method", method, "--format", "json"], dir, env)
                #expect(r.status == 0, "\(method) \(year): \(r.stderr)")
                let got = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
                func q(_ v: Any?) throws -> Quantity { try Quantity(parsing: (v as? String) ?? "x") }
                func close(_ label: String, _ g: Any?, _ w: Any?) throws {
                    let d = try q(g) - q(w)
                    #expect(d.magnitude <= (try Quantity(parsing: "0.01")), "\(name) \(method) \(year) \(label): got \(g ?? "nil"), expected \(w ?? "nil")")
                    compared += 1
                }
                try close("income", (got["income"] as? [String: Any])?["total"], want["income"])
                for term in ["shortTerm", "longTerm"] {
                    let g = got[term] as? [String: Any], w = want[term] as? [String: Any]
                    for k in ["proceeds", "costBasis", "gain"] { try close("\(term).\(k)", g?[k], w?[k]) }
                }
                #expect((got["disposalEvents"] as? Int) == (want["disposals"] as? Int), "\(name) \(method) \(year): disposal events")
            }
        }
        #expect(compared >= 21)
    }

    @Test("all six reference scenarios are present")
    func present() { #expect(TaxScenario.names.count == 6) }
}

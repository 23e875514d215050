import Foundation
import Testing

/// `Tests/prices/price_server.py` on 127.0.0.1: DefiLlama's and CoinGecko's documented answer shapes,
/// with coins that fail in each documented way. Stopped when the test ends.
final class PriceServer {
    let process = Process()
    let log: URL
    let port: Int

    init(dir: URL) throws {
        log = dir.appendingPathComponent("requests.log")
        FileManager.default.createFile(atPath: log.path, contents: Data())
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let portFile = dir.appendingPathComponent("server.port")
        process.arguments = ["python3", Binary.packageRoot.appendingPathComponent("Tests/prices/price_server.py").path, log.path, portFile.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var p: Int?
        for _ in 0..<200 where p == nil {
            p = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0) }
            if p == nil { Thread.sleep(forTimeInterval: 0.05) }
        }
        guard let p else { process.terminate(); throw CocoaError(.fileReadCorruptFile) }
        port = p
    }

    // SIGKILL: a child started from a test thread may inherit a mask that blocks SIGTERM.
    deinit { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }

    var url: String { "http://127.0.0.1:\(port)" }
    var requests: [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}

@Suite("price fetch against a local price server", .serialized, .timeLimit(.minutes(2)))
struct PriceFetchTests {
    static func session() throws -> (dir: URL, env: [String: String], server: PriceServer) {
        var (dir, env) = try Binary.session()
        let server = try PriceServer(dir: dir)
        env["AIRLEDGER_DEFILLAMA_URL"] = server.url
        env["AIRLEDGER_HTTP_INTERVAL_MS"] = "0"
        env["AIRLEDGER_HTTP_BACKOFF_MS"] = "20"
        let setup = try Binary.shell("airledger init && airledger wallet add 0x1111111111111111111111111111111111111111 --label main --chain ethereum",
                                     in: dir, environment: env)
        #expect(setup.status == 0, "\(setup.stderr)")
        return (dir, env, server)
    }

    static func sql(_ q: String, _ dir: URL, _ env: [String: String]) throws -> String {
        try Binary.shell("sqlite3 -separator '|' ledger.sqlite \"\(q)\"", in: dir, environment: env).stdout
    }

    static func claim(_ amount: String, at: String, _ dir: URL, _ env: [String: String]) throws {
        let r = try Binary.shell("airledger claim starknet --wallet main --amount '\(amount)' --at \(at)", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
    }

    @Test("claims priced at their time: only records at or before the claim within a day are stored; user prices kept; a failing asset stores nothing")
    func missing() throws {
        let (dir, env, server) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        for a in ["50 OP", "5 TIA", "7 ETH", "3 BNB", "2 LINEA", "9 ARB"] { try Self.claim(a, at: "2024-03-23T13:05:00Z", dir, env) }
        let set = try Binary.shell("airledger asset set ETH --coin coingecko:server-error && airledger asset set BNB --coin coingecko:missing-coin"
                                   + " && airledger price set TIA 4.5 --at 2024-03-23T12:28:20Z", in: dir, environment: env)
        #expect(set.status == 0, "\(set.stderr)")
        let r = try Binary.shell("airledger price fetch --missing", in: dir, environment: env)
        #expect(r.status == 1, "a failed asset makes the run fail")
        #expect(r.stderr.contains("fetching failed for ETH: DefiLlama: HTTP 500: Internal error (gave up after 4 tries)"), "\(r.stderr)")
        #expect(r.stdout.contains("OP: 2 prices stored (defillama)"), "\(r.stdout)")
        #expect(r.stdout.contains("ARB at 2024-03-23T13:05:00Z: ARB is ambiguous: coingecko:arbitrum, coingecko:arbitraging, coingecko:arbit; fill with: airledger asset set ARB --coin coingecko:arbitrum"))
        #expect(r.stdout.contains("LINEA at 2024-03-23T13:05:00Z: no coin is known for LINEA; fill with: airledger asset set LINEA --coin coingecko:ID"))
        #expect(r.stdout.contains("BNB at 2024-03-23T13:05:00Z: no price within 1 day at or before it; fill with: airledger price set BNB USD --at 2024-03-23T13:05:00Z"))
        #expect(!r.stdout.contains("progress") && !r.stderr.contains("\u{1B}["), "no progress line when stderr is not a terminal")
        // The first request is one batch for every coin with a known id, a day wide.
        let first = try #require(server.requests.first)
        #expect(first.hasPrefix("/batchHistorical?coins=") && first.hasSuffix("&searchWidth=1440m"))
        for coin in ["optimism", "celestia", "server-error", "missing-coin"] { #expect(first.contains("coingecko:\(coin)")) }
        // Stored: the record nearest BEFORE the claim (the server offers 13:28:20, after it, first).
        let rows = try Self.sql("SELECT asset, at, usd, source, fetchedAt FROM price ORDER BY asset, atSeconds", dir, env)
        #expect(rows == """
            OP|2024-03-23T12:28:20Z|87.32|defillama|2024-12-31T12:00:00Z
            OP|2024-12-31T11:28:20Z|87.23|defillama|2024-12-31T12:00:00Z
            TIA|2024-03-23T12:28:20Z|4.5|manual|
            TIA|2024-12-31T11:28:20Z|47.23|defillama|2024-12-31T12:00:00Z

            """, "ETH stores nothing, BNB had nothing, the manual TIA price was not replaced")
        // Later runs use them offline: the claim is priced now, and the next run has nothing more for OP.
        let h = try Binary.shell("airledger history --format csv", in: dir, environment: env)
        #expect(h.stdout.contains("87.32"), "\(h.stdout)")
    }

    @Test("429 with Retry-After, a 502 and a 500 retried; malformed JSON, low confidence and a record far from the time refused; integer prices exact")
    func failures() throws {
        let (dir, env, server) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let coins = ["RL": "rate-limited", "FL": "flaky", "BAD": "malformed", "LOW": "lowconf", "FAR": "far-away", "INT": "integer-coin"]
        for (sym, coin) in coins.sorted(by: { $0.key < $1.key }) {
            try Self.claim("10 \(sym)", at: "2024-06-01T00:30:00Z", dir, env)
            #expect(try Binary.shell("airledger asset set \(sym) --coin coingecko:\(coin)", in: dir, environment: env).status == 0)
        }
        let started = Date()
        let r = try Binary.shell("airledger price fetch --missing", in: dir, environment: env)
        #expect(Date().timeIntervalSince(started) >= 1, "Retry-After: 1 was honoured")
        #expect(r.status == 1)
        #expect(r.stderr.contains("fetching failed for BAD: DefiLlama answered something airledger cannot read (not JSON"), "\(r.stderr)")
        #expect(r.stdout.contains("RL: 2 prices stored") && r.stdout.contains("FL: 2 prices stored") && r.stdout.contains("INT: 2 prices stored"), "\(r.stdout)")
        #expect(r.stdout.contains("LOW at 2024-06-01T00:30:00Z: no price within 1 day at or before it"))
        #expect(r.stdout.contains("FAR at 2024-06-01T00:30:00Z: no price within 1 day at or before it"))
        #expect(try Self.sql("SELECT DISTINCT usd FROM price WHERE asset = 'INT'", dir, env) == "2399\n")
        #expect(try Self.sql("SELECT COUNT(*) FROM price WHERE asset IN ('BAD', 'LOW', 'FAR')", dir, env) == "0\n")
        #expect(server.requests.contains { $0.contains("rate-limited") })
    }

    @Test("CoinGecko prices what DefiLlama lacks when COINGECKO_API_KEY is set: the day's 00:00 UTC snapshot, demo key header")
    func coinGecko() throws {
        var (dir, env, server) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.claim("3 BNB", at: "2024-03-23T13:05:00Z", dir, env)
        _ = try Binary.shell("airledger asset set BNB --coin coingecko:missing-coin", in: dir, environment: env)
        env["COINGECKO_API_KEY"] = "test-demo-key"
        env["AIRLEDGER_COINGECKO_URL"] = server.url + "/api/v3"
        let r = try Binary.shell("airledger price fetch --missing", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("BNB: 2 prices stored (coingecko)"), "\(r.stdout)")
        #expect(server.requests.contains("/api/v3/coins/missing-coin/history?date=23-03-2024&localization=false"))
        #expect(try Self.sql("SELECT at, usd, source FROM price WHERE atSeconds < 1735000000", dir, env) == "2024-03-23T00:00:00Z|1.25|coingecko\n")
        #expect(!r.stdout.contains("test-demo-key") && !r.stderr.contains("test-demo-key"))
    }

    @Test("no network unless asked: claims, reports and the demo send nothing; bad coin names and ambiguous symbols are refused with the fix")
    func offline() throws {
        let (dir, env, server) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.claim("50 OP", at: "2024-03-23T13:05:00Z", dir, env)
        for c in ["airledger portfolio", "airledger value", "airledger tax summary --year 2024", "airledger history", "airledger demo"] {
            _ = try Binary.shell(c, in: dir, environment: env)
        }
        #expect(server.requests.isEmpty)
        let bad = try Binary.shell("airledger asset set STRK --coin starknet", in: dir, environment: env)
        #expect(bad.status == 64 && bad.stderr.contains("write coingecko:ID"), "\(bad.stderr)")
        let none = try Binary.shell("airledger price fetch", in: dir, environment: env)
        #expect(none.status == 64 && none.stderr.contains("--missing"))
        let amb = try Binary.shell("airledger price fetch STRK", in: dir, environment: env)
        #expect(amb.stdout.contains("STRK is ambiguous: coingecko:starknet, coingecko:strike; fill with: airledger asset set STRK --coin coingecko:starknet"), "\(amb.stdout)")
        #expect(server.requests.isEmpty)
    }

    @Test("--fetch-prices on claim: the price at the claim's time is fetched first, only when not known; the claim is recorded priced")
    func claimFetches() throws {
        let (dir, env, server) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.shell("airledger claim starknet --wallet main --amount '50 OP' --at 2024-03-23T13:05:00Z --fetch-prices", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.sql("SELECT at, usd, source FROM price", dir, env) == "2024-03-23T12:28:20Z|87.32|defillama\n",
                "the record before the claim, not the nearer one after it")
        #expect(r.stdout.contains("claimed 50 OP into 'main' from starknet at 2024-03-23T13:05:00Z (fair market value $4,366.00 at 87.32 USD each)"), "\(r.stdout)")
        #expect(r.stderr.contains("prices: OP: 1 price stored (defillama)") && !r.stderr.contains("unpriced"), "\(r.stderr)")
        #expect(!r.stdout.contains("prices:"), "what was fetched goes to stderr")
        let asked = server.requests.count
        #expect(asked >= 1 && server.requests.allSatisfy { $0.contains("coingecko%3Aoptimism") || $0.contains("coingecko:optimism") })
        // Known already (the table within a day, or --price-usd): no request at all.
        for c in ["airledger claim starknet --wallet main --amount '5 OP' --at 2024-03-23T20:00:00Z --fetch-prices",
                  "airledger claim starknet --wallet main --amount '5 TIA' --at 2024-03-23T20:00:00Z --price-usd 13 --fetch-prices"] {
            let k = try Binary.shell(c, in: dir, environment: env)
            #expect(k.status == 0 && k.stderr.contains("prices: nothing to fetch"), "\(k.stderr)")
        }
        #expect(server.requests.count == asked)
        // A failed fetch records nothing: the claim is not written, the message says what to do.
        _ = try Binary.shell("airledger asset set ETH --coin coingecko:server-error", in: dir, environment: env)
        let f = try Binary.shell("airledger claim starknet --wallet main --amount '1 ETH' --at 2024-03-23T13:05:00Z --fetch-prices", in: dir, environment: env)
        #expect(f.status == 1 && f.stderr.contains("fetching failed for ETH") && f.stderr.contains("the claim was not done"), "\(f.stderr)")
        #expect(try Self.sql("SELECT COUNT(*) FROM movement WHERE asset = 'ETH'", dir, env) == "0\n")
        // A claim that would be refused sends nothing.
        let before = server.requests.count
        let n = try Binary.shell("airledger claim no-such-project --wallet main --amount '1 OP' --at 2024-05-01 --fetch-prices", in: dir, environment: env)
        #expect(n.status == 65 && server.requests.count == before, "\(n.stderr)")
    }

    @Test("--fetch-prices on portfolio and tax: only what the command shows is fetched, summary on stderr, data on stdout; a failure stops the export")
    func reportsFetch() throws {
        let (dir, env, server) = try Self.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.claim("50 OP", at: "2023-05-10T10:00:00Z", dir, env)
        try Self.claim("5 TIA", at: "2024-03-23T13:05:00Z", dir, env)
        // Tax year 2023: the 2023 claim's price only (TIA was claimed in 2024).
        let t = try Binary.shell("airledger tax summary --year 2023 --fetch-prices", in: dir, environment: env)
        #expect(t.status == 0, "\(t.stderr)")
        #expect(try Self.sql("SELECT DISTINCT asset FROM price", dir, env) == "OP\n")
        let opPrice = try Self.sql("SELECT usd FROM price WHERE asset = 'OP'", dir, env).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(t.stdout.contains("2023-05-10  OP         50  \(opPrice)"), "\(t.stdout)")
        #expect(t.stderr.contains("prices: OP: 1 price stored (defillama)") && !t.stdout.contains("prices:"))
        // Portfolio: TIA's claim price and "now" (2024-12-31T12:00:00Z) for both held assets.
        let before = server.requests.count
        let p = try Binary.shell("airledger portfolio --fetch-prices --format csv", in: dir, environment: env)
        #expect(p.status == 0, "\(p.stderr)")
        #expect(server.requests.count > before)
        let lines = p.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3 && lines[1].hasPrefix("OP,50,") && lines[1].contains(",2024-12-31,defillama,")
                && lines[2].hasPrefix("TIA,5,") && lines[2].contains(",2024-12-31,defillama,"), "\(p.stdout)")
        #expect(try Self.sql("SELECT COUNT(*) FROM price WHERE asset = 'TIA' AND at LIKE '2024-03-23%'", dir, env) == "1\n")
        // Everything known now: a second run sends nothing.
        let again = try Binary.shell("airledger portfolio --fetch-prices", in: dir, environment: env)
        #expect(again.status == 0 && again.stderr.contains("prices: nothing to fetch"))
        // Without the flag nothing is sent, whatever is missing.
        try Self.claim("2 ETH", at: "2024-06-01T00:30:00Z", dir, env)
        let count = server.requests.count
        _ = try Binary.shell("airledger tax export --year 2024 --to form8949 && airledger portfolio", in: dir, environment: env)
        #expect(server.requests.count == count)
        // A failure: the export is not written, the rest of what was fetched is kept.
        _ = try Binary.shell("airledger asset set ETH --coin coingecko:server-error", in: dir, environment: env)
        let e = try Binary.shell("airledger tax export --year 2024 --to form8949 -o out.csv --fetch-prices", in: dir, environment: env)
        #expect(e.status == 1 && e.stderr.contains("fetching failed for ETH") && e.stderr.contains("the export was not done"), "\(e.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.csv").path) && e.stdout.isEmpty)
    }
}

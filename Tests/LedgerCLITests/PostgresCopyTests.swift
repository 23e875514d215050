import Foundation
import Testing

/// The team ledger on a real PostgreSQL server (issue 18), with the built binary: the demo ledger
/// copied SQLite -> PostgreSQL -> SQLite, byte-identical `export ledger` at every step; the rows
/// typed on the server (numeric, timestamptz); refusals (a non-empty ledger, another program's
/// database, TLS the server lacks) that leave nothing; a password never printed nor stored.
/// The server is the throwaway cluster of Tests/postgres/cluster.sh (AIRLEDGER_TEST_PG_URL), which
/// .ci/run starts; without it these tests are skipped, unless AIRLEDGER_REQUIRE_TOOLS=1.
@Suite("PostgreSQL ledger (built binary, real server)")
struct PostgresCopyTests {
    /// The test cluster's URL (its `airledger` role may create databases), or nil.
    static func server() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let u = env["AIRLEDGER_TEST_PG_URL"], !u.isEmpty, FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") { return u }
        if env["AIRLEDGER_REQUIRE_TOOLS"] == "1" {
            Issue.record("a PostgreSQL test server is required (AIRLEDGER_REQUIRE_TOOLS=1) but AIRLEDGER_TEST_PG_URL is not set or psql is missing: eval \"$(Tests/postgres/cluster.sh start)\"")
        }
        return nil
    }

    /// A new empty database on the test server, dropped by the returned closure.
    static func database(_ server: String) throws -> (url: String, drop: () -> Void) {
        let name = "airledger_t_" + UUID().uuidString.prefix(8).lowercased()
        let url = server.replacingOccurrences(of: #"/[^/?]+(\?|$)"#, with: "/\(name)$1", options: .regularExpression)
        let created = try psql(server, "CREATE DATABASE \(name)")
        #expect(created.status == 0, "\(created.stderr)")
        return (url, { _ = try? psql(server, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") })
    }

    static func psql(_ url: String, _ sql: String) throws -> Binary.Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        p.arguments = ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", url, "-c", sql]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Binary.Result(stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self), status: p.terminationStatus)
    }

    @Test func demoRoundTripIsByteIdentical() throws {
        guard let server = Self.server() else { return }
        let (url, drop) = try Self.database(server)
        defer { drop() }
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try Binary.shell("airledger demo --keep demo.sqlite > /dev/null && airledger --db demo.sqlite export ledger -o demo.json",
                                    in: dir, environment: env)
        try #require(demo.status == 0, "\(demo.stderr)")
        let original = try String(contentsOf: dir.appendingPathComponent("demo.json"), encoding: .utf8)

        let up = try Binary.shell("airledger ledger copy --db demo.sqlite --to '\(url)'", in: dir, environment: env)
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.hasPrefix("copied demo.sqlite to \(url):"), "\(up.stdout)")
        #expect(up.stdout.contains("read back byte-identical"))

        // The server's ledger exports the same document, byte for byte.
        let onServer = try Binary.shell("airledger export ledger --db '\(url)'", in: dir, environment: env)
        #expect(onServer.status == 0, "\(onServer.stderr)")
        #expect(onServer.stdout == original)

        // The rows are typed on the server: the document's figures, as numeric and timestamptz.
        let types = try Self.psql(url, """
            SELECT table_name || '.' || column_name || ' ' || data_type FROM information_schema.columns
            WHERE table_schema = current_schema() AND column_name IN ('quantity', 'at', 'usd', 'feeusd', 'volumeusd')
            ORDER BY 1
            """)
        #expect(types.stdout.split(separator: "\n").sorted() == [
            "activity.at timestamp with time zone", "activity.feeusd numeric", "activity.volumeusd numeric",
            "allocation.quantity numeric", "movement.at timestamp with time zone", "movement.feeusd numeric",
            "movement.quantity numeric", "pointsreading.at timestamp with time zone", "price.at timestamp with time zone",
            "price.usd numeric",
        ])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(original.utf8)) as? [String: Any])
        let movements = try #require(doc["movements"] as? [[String: Any]])
        let activities = try #require(doc["activities"] as? [[String: Any]])
        let counts = try Self.psql(url, "SELECT (SELECT count(*) FROM movement) || ' ' || (SELECT count(*) FROM activity)")
        #expect(counts.stdout == "\(movements.count) \(activities.count)\n")
        // Every claim's amount, summed by the server in numeric, equals the sum of the document's texts.
        var expected: [String: Decimal] = [:]
        for m in movements where m["kind"] as? String == "claim" {
            let parts = try #require((m["amount"] as? String)?.split(separator: " "))
            expected[String(parts[1]), default: 0] += try #require(Decimal(string: String(parts[0]), locale: Locale(identifier: "en_US_POSIX")))
        }
        #expect(!expected.isEmpty)
        let sums = try Self.psql(url, "SELECT asset || ' ' || sum(quantity)::text FROM movement WHERE kind = 'claim' GROUP BY asset ORDER BY asset")
        for line in sums.stdout.split(separator: "\n") {
            let p = line.split(separator: " ")
            #expect(Decimal(string: String(p[1]), locale: Locale(identifier: "en_US_POSIX")) == expected[String(p[0])], "\(line)")
        }
        #expect(sums.stdout.split(separator: "\n").count == expected.count)

        // And back into a new file: the same document again.
        let down = try Binary.shell("airledger ledger copy --db '\(url)' --to back.sqlite && airledger --db back.sqlite export ledger",
                                    in: dir, environment: env)
        #expect(down.status == 0, "\(down.stderr)")
        let backExport = down.stdout.split(separator: "\n", maxSplits: 1).last.map(String.init) ?? ""
        #expect(backExport == original)
        // Reports run on the copy (the server's ledger is the team's; reports on it are a later step).
        let summary = try Binary.shell("airledger --db back.sqlite tax summary --year 2024 --format json", in: dir, environment: env)
        let summaryOriginal = try Binary.shell("airledger --db demo.sqlite tax summary --year 2024 --format json", in: dir, environment: env)
        #expect(summary.status == 0 && summary.stdout == summaryOriginal.stdout)
    }

    @Test func refusalsLeaveNothing() throws {
        guard let server = Self.server() else { return }
        let (url, drop) = try Self.database(server)
        defer { drop() }
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Binary.shell("airledger demo --keep demo.sqlite > /dev/null", in: dir, environment: env)

        // Another program's database: refused, its table untouched, no ledger table made.
        _ = try Self.psql(url, "CREATE TABLE orders (id int)")
        let foreign = try Binary.shell("airledger ledger copy --db demo.sqlite --to '\(url)'", in: dir, environment: env)
        #expect(foreign.status == 1)
        #expect(foreign.stderr == "error: \(url) holds tables of another program (orders) and no airledger ledger: airledger never touches them. "
                + "Create a database for the ledger (createdb airledger) and name it in the URL\n")
        #expect(try Self.psql(url, "SELECT string_agg(tablename, ',') FROM pg_tables WHERE schemaname = 'public'").stdout == "orders\n")
        _ = try Self.psql(url, "DROP TABLE orders")

        // A second copy into a ledger that has one: refused (65), the first copy's rows as they were.
        #expect(try Binary.shell("airledger ledger copy --db demo.sqlite --to '\(url)'", in: dir, environment: env).status == 0)
        let before = try Self.psql(url, "SELECT count(*) FROM activity").stdout
        let again = try Binary.shell("airledger ledger copy --db demo.sqlite --to '\(url)'", in: dir, environment: env)
        #expect(again.status == 65)
        #expect(again.stderr.contains("already holds a ledger (") && again.stderr.contains("a copy goes into an empty ledger only"), "\(again.stderr)")
        #expect(try Self.psql(url, "SELECT count(*) FROM activity").stdout == before)
        #expect(try Self.psql(url, "SELECT count(*) FROM airledgerMigration").stdout == "1\n")

        // Back to a file that exists: refused, the file untouched.
        let exists = try Binary.shell("airledger ledger copy --db '\(url)' --to demo.sqlite", in: dir, environment: env)
        #expect(exists.status == 64)
        #expect(exists.stderr.contains("--to 'demo.sqlite' exists"), "\(exists.stderr)")

        // TLS asked of a server that has none: refused at connection, nothing written.
        let tls = try Binary.shell("airledger export ledger --db '\(url)?sslmode=require'", in: dir, environment: env)
        #expect(tls.status == 1)
        #expect(tls.stderr.contains("the server does not offer TLS"), "\(tls.stderr)")

        // A command that has no PostgreSQL path yet says so instead of opening a file named like the URL.
        let portfolio = try Binary.shell("airledger portfolio --db '\(url)'", in: dir, environment: env)
        #expect(portfolio.status == 64)
        #expect(portfolio.stderr.contains("does not run on a PostgreSQL ledger yet"), "\(portfolio.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("postgres:").path))
    }

    @Test func passwordNeverPrintedNorStored() throws {
        guard let server = Self.server() else { return }
        guard let team = ProcessInfo.processInfo.environment["AIRLEDGER_TEST_PG_TEAM_URL"] else {
            Issue.record("AIRLEDGER_TEST_PG_URL is set but AIRLEDGER_TEST_PG_TEAM_URL is not: start the server with Tests/postgres/cluster.sh")
            return
        }
        let (url, drop) = try Self.database(server)
        defer { drop() }
        _ = try Self.psql(url, "GRANT ALL ON SCHEMA public TO team")
        let password = try #require(team.split(separator: ":").dropFirst(2).first?.split(separator: "@").first.map(String.init))
        let teamURL = url.replacingOccurrences(of: "://airledger@", with: "://team:\(password)@")
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Binary.shell("airledger demo --keep demo.sqlite > /dev/null", in: dir, environment: env)

        // Log-in with the password in the URL: works, and the password is shown masked.
        let up = try Binary.shell("airledger ledger copy --db demo.sqlite --to '\(teamURL)'", in: dir, environment: env)
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("postgres://team:***@127.0.0.1:"), "\(up.stdout)")
        #expect(!up.stdout.contains(password) && !up.stderr.contains(password))
        // A wrong password: refused by the server, the URL masked in the message.
        let wrong = teamURL.replacingOccurrences(of: password, with: "wrong-\(password)")
        let bad = try Binary.shell("airledger export ledger --db '\(wrong)'", in: dir, environment: env)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("error: cannot connect to postgres://team:***@127.0.0.1:"), "\(bad.stderr)")
        #expect(!bad.stderr.contains(password))
        // The password from PGPASSWORD, and from ~/.pgpass (mode 0600), with no password in the URL.
        let noPassword = teamURL.replacingOccurrences(of: ":\(password)@", with: "@")
        var withEnv = env
        withEnv["PGPASSWORD"] = password
        #expect(try Binary.shell("airledger export ledger --db '\(noPassword)' > viaenv.json", in: dir, environment: withEnv).status == 0)
        let pgpass = dir.appendingPathComponent(".pgpass")
        try "127.0.0.1:*:*:team:\(password)\n".write(to: pgpass, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: pgpass.path)
        let viaFile = try Binary.shell("airledger export ledger --db '\(noPassword)'", in: dir, environment: env)
        #expect(viaFile.status == 0, "\(viaFile.stderr)")

        // Copied back with the password in the URL: the new file holds no trace of it (the change
        // journal records the command line, masked).
        let down = try Binary.shell("airledger ledger copy --db '\(teamURL)' --to back.sqlite", in: dir, environment: env)
        #expect(down.status == 0, "\(down.stderr)")
        let bytes = try Data(contentsOf: dir.appendingPathComponent("back.sqlite"))
        #expect(bytes.range(of: Data(password.utf8)) == nil)
        #expect(!down.stdout.contains(password) && !down.stderr.contains(password))
    }
}

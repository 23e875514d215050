import Foundation
import LedgerPostgres
import Testing

/// `--db postgres://...`: the URL's parts, what the environment and .pgpass fill in, the exact errors,
/// the password masked everywhere, and when TLS is required. Values only: no server.
@Suite("PostgreSQL URLs")
struct PostgresURLTests {
    static func parse(_ text: String, _ env: [String: String] = [:],
                      pgpass: String? = nil, pgpassPrivate: Bool = true) throws(PostgresURLError) -> PostgresURL {
        try PostgresURL(parsing: text, environment: env) { _ in pgpass.map { ($0, pgpassPrivate) } }
    }

    @Test func parts() throws {
        let u = try Self.parse("postgres://alice:s3cr%40t@db.example.com:6543/team?sslmode=verify-full")
        #expect(u.user == "alice")
        #expect(u.password == "s3cr@t")
        #expect(u.host == "db.example.com")
        #expect(u.port == 6543)
        #expect(u.database == "team")
        #expect(u.sslMode == .verifyFull)
        #expect(u.description == "postgres://alice:***@db.example.com:6543/team?sslmode=verify-full")
        let v6 = try Self.parse("postgresql://bob@[::1]/ledger")
        #expect(v6.host == "::1" && v6.port == 5432 && v6.isLoopback)
        #expect(v6.description == "postgres://bob@[::1]:5432/ledger")
    }

    @Test func environmentAndPgpass() throws {
        let env = ["PGUSER": "carol", "PGHOST": "127.0.0.1", "PGPORT": "5433", "PGDATABASE": "books", "HOME": "/home/carol"]
        let u = try Self.parse("postgres://", env, pgpass: "# comment\n127.0.0.1:5433:books:carol:from\\:file\n*:*:*:*:other\n")
        #expect(u.user == "carol" && u.host == "127.0.0.1" && u.port == 5433 && u.database == "books")
        #expect(u.password == "from:file")
        // A password file that others can read is ignored, as libpq does.
        #expect(try Self.parse("postgres://", env, pgpass: "*:*:*:*:x", pgpassPrivate: false).password == nil)
        // The URL's password wins over PGPASSWORD, which wins over the file.
        #expect(try Self.parse("postgres://", env.merging(["PGPASSWORD": "envpw"]) { $1 }, pgpass: "*:*:*:*:x").password == "envpw")
        // The database defaults to the user's name.
        #expect(try Self.parse("postgres://dave@127.0.0.1").database == "dave")
    }

    @Test func exactErrors() {
        let cases: [(String, String)] = [
            ("postgres://u@h:99999/db", "postgres://u@h:99999/db: '99999' is not a port: give a number from 1 to 65535, e.g. :5432"),
            ("postgres://u@h:54x/db", "postgres://u@h:54x/db: '54x' is not a port: give a number from 1 to 65535, e.g. :5432"),
            ("postgres://h/db", "postgres://h/db: no user name: write postgres://USER@h:5432/DATABASE (or set PGUSER)"),
            ("postgres://u@/db", "postgres://u@/db: no host: write postgres://USER@HOST:PORT/DATABASE (or set PGHOST)"),
            ("postgres://u:pw@h/db?sslmode=on", "postgres://u:***@h/db?sslmode=on: sslmode 'on' is not a mode: use disable, require, verify-ca or verify-full (allow and prefer on loopback only)"),
            ("postgres://u:pw@h/db?connect_timeout=5", "postgres://u:***@h/db?connect_timeout=5: unknown parameter 'connect_timeout': airledger reads only sslmode (disable, require, verify-ca, verify-full) from the URL"),
            ("postgres://u@h1,h2/db", "postgres://u@h1,h2/db: several hosts ('h1,h2') are not supported: name one server"),
            ("postgres://u:p%zz@h/db", "postgres://u:***@h/db: the password has a '%' that is not followed by two hex digits: write '%' itself as %25"),
            ("postgres://u@h/a/b", "postgres://u@h/a/b: '/a/b' is not a database name: write one name after the host, e.g. /airledger"),
            ("mysql://u@h/db", "mysql://u@h/db: not a PostgreSQL URL: write postgres://USER@HOST:PORT/DATABASE"),
        ]
        for (text, message) in cases {
            #expect(throws: PostgresURLError.self) { try Self.parse(text) }
            do { _ = try Self.parse(text); Issue.record("accepted \(text)") } catch { #expect(error.description == message) }
        }
    }

    @Test func tlsRequiredBeyondLoopback() throws {
        #expect(try Self.parse("postgres://u@127.0.0.1/db").encryption() == .preferred)
        #expect(try Self.parse("postgres://u@localhost/db").encryption() == .preferred)
        #expect(try Self.parse("postgres://u@127.8.9.10/db").encryption() == .preferred)
        #expect(try Self.parse("postgres://u@db.example.com/db").encryption() == .verified(hostName: true))
        #expect(try Self.parse("postgres://u@10.0.0.5/db?sslmode=require").encryption() == .required)
        #expect(try Self.parse("postgres://u@10.0.0.5/db?sslmode=verify-ca").encryption() == .verified(hostName: false))
        #expect(try Self.parse("postgres://u@10.0.0.5/db?sslmode=disable").encryption() == PostgresURL.Encryption.none)
        #expect(try Self.parse("postgres://u@10.0.0.5/db", ["PGSSLMODE": "disable"]).encryption() == PostgresURL.Encryption.none)
        // Not loopback, whatever it looks like.
        #expect(!(try Self.parse("postgres://u@127.0.0.1.example.com/db").isLoopback))
        #expect(!(try Self.parse("postgres://u@128.0.0.1/db").isLoopback))
        do {
            _ = try Self.parse("postgres://u:pw@db.example.com/db?sslmode=prefer").encryption()
            Issue.record("prefer accepted for a remote host")
        } catch {
            #expect("\(error)".hasPrefix("postgres://u:***@db.example.com:5432/db?sslmode=prefer: sslmode=prefer may fall back to an unencrypted connection"))
            #expect(!"\(error)".contains("pw"))
        }
    }

    @Test func maskingAnyText() {
        #expect(PostgresURL.masking("airledger ledger copy --to postgres://team:hunter2@127.0.0.1:5432/x --db a.sqlite")
                == "airledger ledger copy --to postgres://team:***@127.0.0.1:5432/x --db a.sqlite")
        #expect(PostgresURL.masking("'POSTGRESQL://a:b@c/d' and postgres://e@f/g") == "'POSTGRESQL://a:***@c/d' and postgres://e@f/g")
        // A password with '@' and ':' unencoded is masked whole (to the last '@').
        #expect(PostgresURL.masking("postgres://u:p@ss:w@rd@h/db") == "postgres://u:***@h/db")
        #expect(PostgresURL.masking("no url here: postgres is a database") == "no url here: postgres is a database")
    }
}

import Dispatch
import Foundation
import PostgresNIO

/// A ledger on a PostgreSQL server. It speaks the ledger document's JSON (`export ledger`): a copy in
/// sends the document and the server unpacks it into typed rows in one transaction; a read asks the
/// server for the document built from those rows. Each value crosses as the text the document holds,
/// never through a binary float: amounts go into `numeric` columns and come back as the same text.
public struct PostgresLedger: Sendable {
    public let url: PostgresURL
    /// Written into `ledgerInfo` as the airledger that last migrated the ledger.
    public let appVersion: String

    public init(url: PostgresURL, appVersion: String) {
        self.url = url; self.appVersion = appVersion
    }

    public static var schemaVersion: Int { PostgresSchema.version }

    /// Rows copied, per table.
    public struct CopyCounts: Sendable, Equatable {
        public var rows: [String: Int]
    }

    /// Creates the ledger's tables if the database has none, or upgrades them; refuses another
    /// program's database and a ledger from a newer airledger.
    public func migrate() throws(PostgresError) {
        try run { conn in try await self.migrate(conn) }
    }

    /// Copies `document` (the JSON of `export ledger`) into this ledger, which must be empty, in one
    /// transaction. Before it commits, the ledger is read back inside the same transaction and
    /// handed to `verify`, which throws when it is not the document sent: then nothing is kept.
    public func copyIn(document: String, format: String, version: Int,
                       verify: @escaping @Sendable (String) throws -> Void) throws(PostgresError) -> CopyCounts {
        try run { conn in
            try await self.migrate(conn)
            return try await self.transaction(conn) {
                try await self.exec(conn, "SELECT pg_advisory_xact_lock(\(Self.lockKey))")
                for table in PostgresSchema.ledgerTables {
                    let n = try await self.int(conn, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
                    if n > 0 { throw PostgresError.notEmpty(url: self.url.description, table: table, rows: n) }
                }
                var binds = PostgresBindings()
                binds.append(document)
                try await self.exec(conn, PostgresQuery(unsafeSQL: "CREATE TEMP TABLE airledgerDocument ON COMMIT DROP AS SELECT $1::jsonb AS doc", binds: binds))
                var counts: [String: Int] = [:]
                for (table, sql) in PostgresDocumentSQL.inserts {
                    try await self.exec(conn, PostgresQuery(unsafeSQL: sql))
                    counts[table] = try await self.int(conn, PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"))
                    try await self.exec(conn, PostgresQuery(unsafeSQL:
                        "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), max(id)) FROM \(table) HAVING max(id) IS NOT NULL"))
                }
                let back = try await self.readDocument(conn, format: format, version: version)
                do { try verify(back) } catch let e as PostgresError { throw e } catch {
                    throw PostgresError.verifyFailed(url: self.url.description, detail: "\(error)")
                }
                return CopyCounts(rows: counts)
            }
        }
    }

    /// The ledger as the document's JSON, read in one repeatable-read transaction (a consistent
    /// snapshot while others write). The caller decodes and checks it like a ledger file.
    public func document(format: String, version: Int) throws(PostgresError) -> String {
        try run { conn in
            try await self.checkSchema(conn)
            try await self.exec(conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                let d = try await self.readDocument(conn, format: format, version: version)
                try await self.exec(conn, "COMMIT")
                return d
            } catch {
                _ = try? await self.exec(conn, "ROLLBACK")
                throw error
            }
        }
    }

    // MARK: Connection

    /// One key for the advisory lock that serializes migrations and copies on one database.
    static let lockKey: Int64 = 0x6169_726C_6564_6772  // "airledgr"

    /// Connects, runs `body`, closes; every error comes out as a `PostgresError` with the URL masked.
    func run<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws(PostgresError) -> T {
        let url = self.url
        let configuration: PostgresConnection.Configuration
        do { configuration = try Self.configuration(url) } catch { throw error }
        let result = Blocking.run { () async throws -> T in
            var logger = Logger(label: "airledger.postgres")
            logger.logLevel = .critical
            let conn: PostgresConnection
            do {
                conn = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            } catch {
                throw PostgresError.cannotConnect(url: url.description, reason: Self.connectReason(error, url: url))
            }
            do {
                let value = try await body(conn)
                try? await conn.close()
                return value
            } catch {
                try? await conn.close()
                throw error
            }
        }
        switch result {
        case .success(let v): return v
        case .failure(let e as PostgresError): throw e
        case .failure(let e):
            throw PostgresError.isConnectionFailure(e)
                ? .cannotConnect(url: url.description, reason: PostgresError.reason(e))
                : .server(url: url.description, message: PostgresError.reason(e))
        }
    }

    static func connectReason(_ error: any Error, url: PostgresURL) -> String {
        let r = PostgresError.reason(error)
        if let e = error as? PSQLError, e.code == .sslUnsupported {
            return "the server does not offer TLS, and airledger reaches \(url.host) only over TLS (\(r)); enable ssl on the server, or give sslmode=disable if the network is yours"
        }
        if let e = error as? PSQLError, e.code == .authMechanismRequiresPassword {
            return "the server asks for a password and none was given (\(r)): put it in ~/.pgpass (mode 0600) or PGPASSWORD rather than in the URL"
        }
        return r
    }

    static func configuration(_ url: PostgresURL) throws(PostgresError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch try url.encryption() {
        case .none: tls = .disable
        case .preferred, .required, .verified:
            var c = TLSConfiguration.makeClientConfiguration()
            switch try url.encryption() {
            case .verified(let hostName): c.certificateVerification = hostName ? .fullVerification : .noHostnameVerification
            default: c.certificateVerification = .none
            }
            let context: NIOSSLContext
            do { context = try NIOSSLContext(configuration: c) } catch {
                throw .cannotConnect(url: url.description, reason: "cannot set up TLS: \(error)")
            }
            tls = try url.encryption() == .preferred ? .prefer(context) : .require(context)
        }
        return PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                database: url.database, tls: tls)
    }

    // MARK: Statements

    static let logger: Logger = {
        var l = Logger(label: "airledger.postgres")
        l.logLevel = .critical
        return l
    }()

    func exec(_ conn: PostgresConnection, _ query: PostgresQuery) async throws {
        let rows = try await conn.query(query, logger: Self.logger)
        for try await _ in rows {}
    }

    func int(_ conn: PostgresConnection, _ query: PostgresQuery) async throws -> Int {
        let rows = try await conn.query(query, logger: Self.logger)
        var value = 0
        for try await n in rows.decode(Int.self) { value = n }
        return value
    }

    func strings(_ conn: PostgresConnection, _ query: PostgresQuery) async throws -> [String] {
        let rows = try await conn.query(query, logger: Self.logger)
        var out: [String] = []
        for try await s in rows.decode(String.self) { out.append(s) }
        return out
    }

    func transaction<T: Sendable>(_ conn: PostgresConnection, _ body: () async throws -> T) async throws -> T {
        try await exec(conn, "BEGIN ISOLATION LEVEL SERIALIZABLE")
        do {
            let value = try await body()
            try await exec(conn, "COMMIT")
            return value
        } catch {
            _ = try? await exec(conn, "ROLLBACK")
            throw error
        }
    }

    // MARK: Schema

    /// The applied migrations' count, or nil when the database has no airledger ledger.
    func appliedVersion(_ conn: PostgresConnection) async throws -> Int? {
        let exists = try await int(conn, "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'airledgermigration'")
        guard exists > 0 else { return nil }
        return try await int(conn, "SELECT coalesce(max(version), 0) FROM airledgerMigration")
    }

    func checkSchema(_ conn: PostgresConnection) async throws {
        guard let applied = try await appliedVersion(conn) else {
            let tables = try await strings(conn, "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            if !tables.isEmpty { throw PostgresError.foreignDatabase(url: url.description, tables: tables) }
            throw PostgresError.server(url: url.description, message:
                "this database holds no airledger ledger yet: copy one in with `airledger ledger copy --to \(url.description)`")
        }
        if applied > PostgresSchema.version { try await throwTooNew(conn, applied) }
        if applied < PostgresSchema.version {
            throw PostgresError.server(url: url.description, message:
                "the ledger's schema is version \(applied), this airledger's \(PostgresSchema.version): a write command (ledger copy) upgrades it")
        }
    }

    func throwTooNew(_ conn: PostgresConnection, _ applied: Int) async throws -> Never {
        let by = try await strings(conn, "SELECT value FROM ledgerInfo WHERE key = 'appVersion'").first ?? "a newer version"
        throw PostgresError.tooNew(url: url.description, schema: applied, ours: PostgresSchema.version, writtenBy: by)
    }

    func migrate(_ conn: PostgresConnection) async throws {
        try await transaction(conn) {
            // One migrator at a time: a second waits here, then finds the work done.
            try await self.exec(conn, "SELECT pg_advisory_xact_lock(\(Self.lockKey))")
            var applied = try await self.appliedVersion(conn)
            if applied == nil {
                let tables = try await self.strings(conn, "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
                if !tables.isEmpty { throw PostgresError.foreignDatabase(url: self.url.description, tables: tables) }
                try await self.exec(conn, """
                    CREATE TABLE airledgerMigration (
                      version integer PRIMARY KEY,
                      name text NOT NULL,
                      appliedAt timestamptz NOT NULL DEFAULT now()
                    )
                    """)
                applied = 0
            }
            let done = applied ?? 0
            if done > PostgresSchema.version { try await self.throwTooNew(conn, done) }
            if done == PostgresSchema.version { return }
            for (i, m) in PostgresSchema.migrations.enumerated() where i + 1 > done {
                for statement in m.statements { try await self.exec(conn, PostgresQuery(unsafeSQL: statement)) }
                try await self.exec(conn, "INSERT INTO airledgerMigration (version, name) VALUES (\(i + 1), \(m.name))")
            }
            try await self.exec(conn, """
                INSERT INTO ledgerInfo (key, value) VALUES ('appVersion', \(self.appVersion)), ('schemaVersion', \(String(PostgresSchema.version)))
                ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """)
        }
    }

    func readDocument(_ conn: PostgresConnection, format: String, version: Int) async throws -> String {
        var binds = PostgresBindings()
        binds.append(format)
        binds.append(version)
        let rows = try await strings(conn, PostgresQuery(unsafeSQL: PostgresDocumentSQL.read, binds: binds))
        guard let doc = rows.first else { throw PostgresError.server(url: url.description, message: "the ledger query returned no row") }
        return doc
    }
}

/// Runs async work to completion from synchronous code (the commands are synchronous).
enum Blocking {
    static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) -> Result<T, any Error> {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return box.result ?? .failure(PostgresError.server(url: "", message: "no result"))
    }
}

/// Written once by the task, read after the semaphore says it is done.
final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}

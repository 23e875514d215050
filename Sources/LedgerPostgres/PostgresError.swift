import PostgresNIO

/// What went wrong with a PostgreSQL ledger. Every case carries the URL masked (never a password).
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    case url(PostgresURLError)
    /// The server could not be reached or refused the log-in.
    case cannotConnect(url: String, reason: String)
    /// The server answered a statement with an error.
    case server(url: String, message: String)
    /// The database holds tables but no airledger migrations: another program's.
    case foreignDatabase(url: String, tables: [String])
    /// The ledger's schema is newer than this airledger's.
    case tooNew(url: String, schema: Int, ours: Int, writtenBy: String)
    /// A copy goes into an empty ledger only.
    case notEmpty(url: String, table: String, rows: Int)
    /// The copy read back from the server is not the document sent: rolled back.
    case verifyFailed(url: String, detail: String)

    public var description: String {
        switch self {
        case .url(let e): e.description
        case .cannotConnect(let url, let reason): "cannot connect to \(url): \(reason)"
        case .server(let url, let message): "\(url): the server refused: \(message)"
        case .foreignDatabase(let url, let tables):
            "\(url) holds tables of another program (\(tables.prefix(5).joined(separator: ", "))\(tables.count > 5 ? ", ..." : "")) and no airledger ledger: "
                + "airledger never touches them. Create a database for the ledger (createdb airledger) and name it in the URL"
        case .tooNew(let url, let schema, let ours, let by):
            "\(url) is a ledger of schema \(schema), written by airledger \(by); this airledger knows schema \(ours): upgrade airledger"
        case .notEmpty(let url, let table, let rows):
            "\(url) already holds a ledger (\(rows) rows in \(table)): a copy goes into an empty ledger only. Use a new database (createdb NAME), or drop this one if it is a copy you no longer need"
        case .verifyFailed(let url, let detail):
            "the copy to \(url) was not kept: " + detail
        }
    }

    /// The words of a postgres-nio error: the server's message and detail, or the connection's failure
    /// (postgres-nio's own description hides them).
    static func reason(_ error: any Error) -> String {
        guard let e = error as? PSQLError else { return "\(error)" }
        if let info = e.serverInfo {
            var s = info[.message] ?? "error"
            if let d = info[.detail] { s += " (\(d))" }
            if let h = info[.hint] { s += "; hint: \(h)" }
            if let code = info[.sqlState] { s += " [SQLSTATE \(code)]" }
            return s
        }
        if let u = e.underlying { return "\(e.code): \(u)" }
        return "\(e.code)"
    }

    static func isConnectionFailure(_ error: any Error) -> Bool {
        guard let e = error as? PSQLError else { return true }
        if let state = e.serverInfo?[.sqlState] { return state.hasPrefix("28") || state.hasPrefix("08") || state == "3D000" }
        return [.connectionError, .serverClosedConnection, .sslUnsupported, .failedToAddSSLHandler,
                .unsupportedAuthMechanism, .authMechanismRequiresPassword, .saslError].contains(e.code)
    }
}

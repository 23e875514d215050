import GRDB
import GRDBSQLite

/// Binds and steps a cached GRDB statement through SQLite's C API, for the import loop that writes
/// millions of rows: GRDB's `StatementArguments` boxes every value in an existential and costs more
/// per row than SQLite's own insert. Used only inside a transaction GRDB opened (so GRDB's
/// transaction tracking is unaffected: an INSERT does not begin or end one).
struct RawBinding {
    let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    /// Tells SQLite to copy the bytes before the bind call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement) {
        self.statement = statement
        sqlite3_reset(statement.sqliteStatement)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int64?) {
        if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: Bool) {
        sqlite3_bind_int64(handle, index, value ? 1 : 0)
    }

    func bind(_ index: Int32, _ value: String?) {
        guard var text = value else {
            sqlite3_bind_null(handle, index)
            return
        }
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else {
                _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                return
            }
            _ = UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                sqlite3_bind_text(handle, index, chars, Int32(utf8.count), Self.transient)
            }
        }
    }

    /// Runs the statement to completion; throws SQLite's error (a constraint, a full disk) as GRDB would.
    func step(_ db: Database) throws {
        let code = sqlite3_step(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        sqlite3_reset(handle)
    }
}

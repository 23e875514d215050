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

/// The current row of a statement being stepped with `RawBinding.forEachRow`: columns read through
/// SQLite's C API, without GRDB's per-row `Row` copies and generic decoding (a tax report reads every
/// movement of the ledger).
struct RawRow {
    let handle: OpaquePointer

    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }
    func int64(_ i: Int32) -> Int64 { sqlite3_column_int64(handle, i) }
    func optionalInt64(_ i: Int32) -> Int64? { isNull(i) ? nil : int64(i) }

    func text(_ i: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, i) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

extension RawBinding {
    func bind(_ index: Int32, _ value: String) {
        bind(index, Optional(value))
    }

    /// Steps through every result row; throws SQLite's error as GRDB would.
    func forEachRow(_ db: Database, _ body: (RawRow) throws -> Void) throws {
        defer { sqlite3_reset(statement.sqliteStatement) }
        let row = RawRow(handle: statement.sqliteStatement)
        while true {
            let code = sqlite3_step(statement.sqliteStatement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
            }
            try body(row)
        }
    }
}

extension RawRow {
    /// The column's bytes as SQLite holds them (nil for NULL), valid only inside `body`.
    func withBytes<R>(_ i: Int32, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
        guard let bytes = sqlite3_column_text(handle, i) else { return try body(nil) }
        return try body(UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, i))))
    }
}

/// The decoded value of one column, row after row: decoded again only when the column's bytes differ
/// from the previous row's (a fee, an asset, a kind repeat over millions of rows). A value that fails
/// to decode is never kept, so every row's error names that row.
struct ColumnMemo<T> {
    private var bytes: [UInt8] = []
    private var null = false
    private var value: T?

    mutating func callAsFunction(_ row: RawRow, _ i: Int32, _ decode: (String?) throws -> T) rethrows -> T {
        try row.withBytes(i) { b in
            if let v = value {
                if let b {
                    if !null && b.count == bytes.count && b.elementsEqual(bytes) { return v }
                } else if null {
                    return v
                }
            }
            let text = b.map { String(decoding: $0, as: UTF8.self) }
            let v = try decode(text)
            value = v
            null = b == nil
            bytes = b.map { Array($0) } ?? []
            return v
        }
    }
}

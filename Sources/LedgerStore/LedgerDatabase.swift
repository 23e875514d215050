// LedgerStore: the only module that knows SQL.
//
// One type, `LedgerDatabase`, owns the SQLite file (GRDB over the system libsqlite3). Writes are
// named methods, each one IMMEDIATE transaction that fully happens or leaves nothing; reads are
// named snapshots returning core values. Amounts are canonical TEXT, times ISO-8601 UTC TEXT plus an
// integer `atSeconds` column for ordering. Migrations are plain SQL, named, never edited once shipped.
import Foundation
import GRDB
import LedgerCore

public final class LedgerDatabase: @unchecked Sendable {
    /// The version written into every ledger this build migrates; shown when a newer ledger is refused.
    public static let appVersion = "0.1.0"

    public let path: String
    let queue: DatabaseQueue

    /// Opens (creating on first use) the ledger at `path`: folders 0700, file 0600, migrated.
    public init(path: String) throws(StoreError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if !fm.fileExists(atPath: dir, isDirectory: &isDir) {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreate(path: path, reason: "cannot create the folder \(dir) (\(Self.reason(error)))")
            }
        } else if !isDir.boolValue {
            throw .cannotCreate(path: path, reason: "\(dir) is not a folder")
        }
        if !fm.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
            }
            close(fd)
        } else if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .cannotCreate(path: path, reason: "it is a folder, not a file")
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(900)
        config.journalMode = .wal
        config.label = "airledger"
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw Self.classify(error, path: path)
        }
        do {
            try Self.migrate(queue)
        } catch let e as StoreError {
            throw e
        } catch {
            throw Self.classify(error, path: path)
        }
    }

    static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }

    static func classify(_ error: Error, path: String) -> StoreError {
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return .notALedger(path: path)
            case .SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
                return .cannotCreate(path: path, reason: e.message ?? "permission denied")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy(path: path)
            default:
                return .database(e.message ?? "\(e)")
            }
        }
        if let e = error as? StoreError { return e }
        return .database("\(error)")
    }

    /// Runs `body` in one IMMEDIATE write transaction: it fully happens or leaves nothing.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let r = result else { throw StoreError.database("transaction produced no result") }
                return r
            }
        } catch let e as DatabaseError {
            throw Self.classify(e, path: path)
        }
    }

    /// A consistent read snapshot.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let e as DatabaseError {
            throw Self.classify(e, path: path)
        }
    }

    public func integrityCheck() throws -> String {
        try read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }
}

/// Store errors: each says what happened to which file and what to do.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotCreate(path: String, reason: String)
    case notALedger(path: String)
    case tooNew(path: String, writtenBy: String, schema: Int, ours: String, oursSchema: Int)
    case busy(path: String)
    case database(String)
    case unknownWallet(String, suggestion: String?)
    case unknownProject(String, suggestion: String?)
    case duplicateWalletLabel(String)
    case duplicateAddress(address: String, chain: String, label: String)
    case duplicateProject(String)
    case duplicateActivity(existingId: Int64, kind: Activity.Kind, project: String, wallet: String, at: Instant, txHash: String)
    case walletInUse(label: String, uses: String)
    case sameWallet(String)
    case notEmpty(path: String, table: String, rows: Int)
    case exists(String)
    /// A stored row the core cannot read: `value` (nil for NULL) in `column` of row `id` of `table`.
    case damagedRow(table: String, id: Int64, column: String, value: String?)

    public var description: String {
        switch self {
        case .cannotCreate(let p, let r):
            "cannot open or create the ledger at \(p): \(r). Choose a writable location with --db PATH or AIRLEDGER_DB."
        case .notALedger(let p):
            "\(p) is not an airledger ledger (it is not a SQLite database, or it is damaged). Point --db at your ledger file, or at a new path to start one."
        case .tooNew(let p, let by, let s, let ours, let oursS):
            "the ledger at \(p) was written by airledger \(by) (schema \(s)); this is airledger \(ours) (schema \(oursS)). Upgrade airledger to use it; nothing was changed."
        case .busy(let p):
            "the ledger at \(p) stayed locked by another airledger for over 15 minutes; try again when it finishes."
        case .database(let m):
            "database error: \(m)"
        case .unknownWallet(let l, let s):
            "no wallet labelled '\(l)'" + (s.map { ". Did you mean '\($0)'?" } ?? ". See `airledger wallet list`, or add it with `airledger wallet add ADDRESS --label \(l)`.")
        case .unknownProject(let p, let s):
            "no project '\(p)'" + (s.map { ". Did you mean '\($0)'?" } ?? ". See `airledger project list`, or add it with `airledger project add \(p) --name NAME --status STATUS --category CATEGORY`.")
        case .duplicateWalletLabel(let l):
            "a wallet labelled '\(l)' already exists: choose another --label"
        case .duplicateAddress(let a, let c, let l):
            "\(a) on \(c) is already in the ledger as wallet '\(l)'"
        case .duplicateProject(let s):
            "a project '\(s)' already exists: change it with `airledger project set \(s) ...`"
        case .duplicateActivity(let id, let kind, let project, let wallet, let at, let tx):
            "this activity is already in the ledger as entry #\(id) (\(kind.rawValue) on \(project) by '\(wallet)' at \(at), tx \(tx)): nothing was added"
        case .walletInUse(let l, let uses):
            "wallet '\(l)' is still referred to by \(uses): remove those first, or mark it with `airledger wallet burn \(l)` to keep its history"
        case .sameWallet(let l):
            "a transfer needs two different wallets, but both are '\(l)'"
        case .notEmpty(let p, let t, let n):
            "the ledger at \(p) is not empty (\(n) rows in \(t)): import a ledger file into a new ledger, e.g. --db new.sqlite"
        case .exists(let p):
            "\(p) already exists: choose a new file name, or pass --force to replace it"
        case .damagedRow(let table, let id, let column, let value):
            "row \(id) of table \(table) is damaged: its \(column) \(value.map { "'\($0)'" } ?? "is empty and") cannot be read"
        }
    }
}

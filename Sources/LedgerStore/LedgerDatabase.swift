// LedgerStore: the only module that knows SQL.
//
// One type, `LedgerDatabase`, owns the SQLite file (GRDB over the system libsqlite3). Writes are
// named methods, each one IMMEDIATE transaction that fully happens or leaves nothing; reads are
// named snapshots returning core values. Amounts are canonical TEXT, times ISO-8601 UTC TEXT plus an
// integer `atSeconds` column for ordering. Migrations are plain SQL, named, never edited once shipped.
//
// One writer per table, shared by the named writes, import batches (`ImportBatch`) and `restore`, so
// a row obeys the same rules however it comes in: `insertWallet`, `insertProject`, `ActivityWriter`,
// `insertPointsReading`, `insertAllocation`, `insertMovement` (its `MovementWrite` mode names the
// rules: holdings, import idempotency, a claim's effects) and `writePrice`. Rows are read back through
// `StoredRow`: a value the core cannot read is `StoreError.damagedRow`, never a default. Errors are
// values (`StoreError`); the CLI words them.
import Foundation
import GRDB
import Synchronization
import LedgerCore

public final class LedgerDatabase: @unchecked Sendable {
    /// The version written into every ledger this build migrates; shown when a newer ledger is refused.
    public static let appVersion = "0.1.0"

    public let path: String
    let queue: DatabaseQueue

    /// Write transactions committed by this process, on any ledger: lets the CLI say, when its output
    /// fails after the work, whether the change was recorded.
    public static var committedWrites: Int { commits.load(ordering: .acquiring) }
    private static let commits = Atomic<Int>(0)

    /// How a command opens the ledger: most need one that exists; `init`, `demo --keep` and
    /// `import ledger` may create it.
    public enum OpenMode: Sendable {
        /// A missing (or empty) file is `StoreError.noLedger`: nothing is created.
        case existing
        /// A missing file is created (folders 0700, file 0600) and migrated.
        case create
    }

    /// SQLite's `application_id` of every airledger ledger ("AIRL"): a file with another one, or
    /// with none and tables that are not ours, is another program's database and is never touched.
    public static let applicationId: Int32 = 0x4149524C

    /// Opens the ledger at `path`, migrated. With `.create` a missing file is created (folders 0700,
    /// file 0600). Another program's SQLite file and a ledger of a newer airledger are refused
    /// before anything is written to them.
    public init(path: String, mode: OpenMode = .create) throws(StoreError) {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            throw .cannotCreate(path: path, reason: .isAFolder)
        }
        let size = ((try? fm.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue
        if mode == .existing && (size ?? 0) == 0 {
            throw .noLedger(path: path)
        }
        if !fm.fileExists(atPath: dir, isDirectory: &isDir) {
            do {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotCreate(path: path, reason: .cannotCreateFolder(dir, reason: Self.reason(error)))
            }
        } else if !isDir.boolValue {
            throw .cannotCreate(path: path, reason: .notAFolder(dir))
        }
        if !fm.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw .cannotCreate(path: path, reason: .system(String(cString: strerror(errno))))
            }
            close(fd)
        }
        if (size ?? 0) > 0 {
            do {
                try Self.inspect(path: path)
            } catch let e as StoreError {
                throw e
            } catch {
                throw Self.classify(error, path: path)
            }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(900)
        // A ledger the user may only read (the file, or its folder, not writable) is opened read-only,
        // so read commands work; a write then fails with SQLite's "readonly database".
        let readOnly = mode == .existing && (access(path, W_OK) != 0 || access(dir, W_OK) != 0)
        if readOnly { config.readonly = true } else { config.journalMode = .wal }
        config.label = "airledger"
        do {
            queue = try DatabaseQueue(path: readOnly ? Self.readablePath(path) : path, configuration: config)
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

    /// The name to open a ledger by for reading: in a folder the user may not write, SQLite could not
    /// create the WAL's side files, so the file is opened as immutable (nobody who runs this can change
    /// it then); elsewhere the plain path.
    static func readablePath(_ path: String) -> String {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(dir, W_OK) != 0, !FileManager.default.fileExists(atPath: path + "-wal") else { return path }
        let encoded = URL(fileURLWithPath: path).absoluteURL.path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
        return "file:\(encoded)?immutable=1"
    }

    /// Reads an existing file through a read-only connection (which writes nothing to it): another
    /// program's SQLite database and a ledger of a newer schema are refused here, untouched.
    static func inspect(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(900)
        let probe = try DatabaseQueue(path: readablePath(path), configuration: config)
        defer { try? probe.close() }
        try probe.read { db in
            let appId = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            let userVersion = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
            let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
            if appId != applicationId {
                // Ledgers written before the application id was set: ours by their own tables.
                let oldLedger = appId == 0 && tables.contains("ledgerInfo") && tables.contains("grdb_migrations") && tables.contains("wallet")
                if !(tables.isEmpty && appId == 0) && !oldLedger { throw StoreError.foreignDatabase(path: path) }
            }
            var stored = 0
            var by: String?
            if tables.contains("ledgerInfo") {
                stored = Int(try String.fetchOne(db, sql: "SELECT value FROM ledgerInfo WHERE key = 'schemaVersion'") ?? "") ?? 0
                by = try String.fetchOne(db, sql: "SELECT value FROM ledgerInfo WHERE key = 'appVersion'")
            }
            var known = 0
            if tables.contains("grdb_migrations") {
                let ours = Set(migrator.migrations)
                let theirs = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                known = theirs.count
                if theirs.contains(where: { !ours.contains($0) }) { known = max(known, schemaVersion + 1) }
            }
            let schema = max(userVersion, stored, known)
            if schema > schemaVersion {
                throw StoreError.tooNew(path: path, writtenBy: by ?? "a newer version", schema: schema, ours: appVersion,
                                        oursSchema: schemaVersion)
            }
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
                return .cannotCreate(path: path, reason: .system(e.message ?? "permission denied"))
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return .busy(path: path)
            default:
                return .database(e.message ?? "\(e)")
            }
        }
        if let e = error as? StoreError { return e }
        return .database("\(error)")
    }

    /// The command line and time recorded with each change (set by the CLI when it opens the ledger).
    public var changeSource: ChangeSource? {
        get { source.withLock { $0 } }
        set { source.withLock { $0 = newValue } }
    }
    private let source = Mutex<ChangeSource?>(nil)

    /// Runs `body` in one IMMEDIATE write transaction: it fully happens or leaves nothing, and records
    /// one change in the journal (unless `journaled` is false: `undo`). With `dryRun` the work is
    /// done, checked and rolled back: nothing is written.
    func write<T>(dryRun: Bool = false, journaled: Bool = true, _ body: (Database) throws -> T) throws -> T {
        let changeSource = self.changeSource ?? ChangeSource(command: "(not a command)", now: Instant(Date()))
        do {
            return try queue.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    if journaled {
                        let (change, before) = try Self.beginChange(db, changeSource)
                        result = try body(db)
                        try Self.endChange(db, id: change, before: before)
                    } else {
                        result = try body(db)
                    }
                    return dryRun ? .rollback : .commit
                }
                guard let r = result else { throw StoreError.database("transaction produced no result") }
                if !dryRun { Self.commits.add(1, ordering: .releasing) }
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

/// Store errors: what happened to which file or row, as values. No wording and no command-line
/// vocabulary here: the CLI words every case and its fix (LedgerCLI's ErrorReport).
public enum StoreError: Error, Equatable, Sendable {
    /// The ledger file (or a backup's destination) cannot be opened or created.
    case cannotCreate(path: String, reason: OpenFailure)
    /// Not a SQLite database, or a damaged one.
    case notALedger(path: String)
    /// No ledger file at the path (or an empty file), and the command does not create one.
    case noLedger(path: String)
    /// An SQLite database of another program (another application id, or tables not ours): untouched.
    case foreignDatabase(path: String)
    /// A backup whose destination is the ledger itself (the same file, or a link to it).
    case backupOntoLedger(path: String, destination: String)
    /// Written by a newer airledger (its version and schema) than this one (ours).
    case tooNew(path: String, writtenBy: String, schema: Int, ours: String, oursSchema: Int)
    /// Another airledger kept the ledger locked past the busy timeout.
    case busy(path: String)
    /// SQLite's own message, for what no case above covers.
    case database(String)
    case unknownWallet(String, suggestion: String?)
    case unknownProject(String, suggestion: String?)
    case duplicateWalletLabel(String)
    /// The address (as displayed) on `chain` is already the wallet labelled `label`.
    case duplicateAddress(address: String, chain: String, label: String)
    case duplicateProject(String)
    /// The same activity (wallet, project, chain, tx, kind, leg) is entry `existingId`.
    case duplicateActivity(existingId: Int64, kind: Activity.Kind, project: String, wallet: String, at: Instant, txHash: String)
    /// A command's claim, buy, sell or transfer already recorded as `existing` (its amount and time):
    /// the same tx hash (`txHash` non-nil) for that wallet, kind and asset, or, without a tx hash, the
    /// same wallet, kind, amount and time.
    case duplicateMovement(existing: EntryId, wallet: String, amount: Amount, at: Instant, txHash: String?)
    /// No entry with this id (`actual`: the entry of another kind that has its number).
    case unknownEntry(EntryId, actual: EntryId?)
    /// `edit` given fields the entry does not have (`allowed`: the ones it has).
    case notAField(EntryId, fields: [String], allowed: [String])
    /// An edit that would give the entry the unique key of another (SQLite's words in `reason`).
    case entryConflict(EntryId, reason: String)
    /// Removing, editing or undoing `changed` would leave `dependent` (a later sale or transfer) short.
    case breaksLaterFact(ChangeVerb, [EntryId], dependent: EntryId, cause: HoldingsError)
    /// No change with this number in the journal.
    case unknownChange(Int64)
    /// The change was undone already (at that time).
    case alreadyUndone(Int64, at: String)
    /// `undo` on a ledger whose changes are all undone (or that has none).
    case nothingToUndo
    /// Undoing `change` alone is refused: the later standing change `later` touched the same rows.
    case laterChangeDepends(Int64, later: Int64)
    /// Undoing `change` alone would leave the ledger inconsistent (`reason`).
    case undoBreaks(Int64, reason: String)
    /// Undoing `change` alone would leave `dependent` (a sale or transfer) short.
    case undoLeavesShort(Int64, dependent: EntryId, cause: HoldingsError)
    /// Rows that still refer to the wallet, by kind, each with its count (only kinds with rows).
    /// `ids`: the first entries that do (at most 10), to remove or edit.
    case walletInUse(label: String, uses: [WalletUse], ids: [EntryId] = [])
    /// A transfer whose two wallets are the same.
    case sameWallet(String)
    /// `restore` needs an empty ledger: `table` already holds `rows` rows.
    case notEmpty(path: String, table: String, rows: Int)
    /// A file that would be overwritten.
    case exists(String)
    /// A snapshot being restored holds two rows of `table` with the same `key` (its unique columns'
    /// values), which a ledger cannot hold: nothing was restored.
    case duplicateInRestore(table: String, key: [String])
    /// A stored row the core cannot read: `value` (nil for NULL) in `column` of row `id` of `table`.
    case damagedRow(table: String, id: Int64, column: String, value: String?)

    /// Why a file cannot be opened or created.
    public enum OpenFailure: Equatable, Sendable {
        /// Its folder does not exist and cannot be created; the system's reason.
        case cannotCreateFolder(String, reason: String)
        /// Its folder's path is a file.
        case notAFolder(String)
        /// The path itself is a folder.
        case isAFolder
        /// The system's or SQLite's reason.
        case system(String)
    }

    /// What a change refused for breaking a later fact was doing.
    public enum ChangeVerb: String, Equatable, Sendable {
        case removing, editing, undoing
    }

    /// What refers to a wallet that is to be removed.
    public enum WalletUse: Equatable, Sendable {
        case activity(Int)
        case pointsReadings(Int)
        case allocations(Int)
        case movements(Int)
        case incomingTransfers(Int)
    }
}

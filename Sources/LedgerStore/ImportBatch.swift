import GRDB
import LedgerCore

/// Many writes in one transaction, for imports: rows are inserted as they stream in (memory stays
/// bounded: SQLite spills the open transaction to disk), rows already in the ledger are skipped
/// (imports are idempotent through natural keys), and throwing from the body rolls everything back.
/// Holdings are checked once at the end for every asset that moved, not row by row.
public final class ImportBatch {
    let db: Database
    let now: Instant
    /// `now` as stored text, formatted once for every row of the batch.
    let nowText: String
    private var wallets: [String: Wallet] = [:]
    private var lastWallet: (label: String, wallet: Wallet)?
    private var lastProject: (slug: String, id: Int64)?
    private var projects: [String: Int64] = [:]
    private var touchedAssets: Set<AssetSymbol> = []
    public private(set) var createdProjects: [String] = []

    init(db: Database, now: Instant) {
        self.db = db
        self.now = now
        self.nowText = now.description
    }

    public func wallet(_ label: String) throws -> Wallet {
        // Every row of a file usually names the same wallet: skip the lower-casing and hashing then.
        if let last = lastWallet, last.label == label { return last.wallet }
        if let w = wallets[label.lowercased()] {
            lastWallet = (label, w)
            return w
        }
        let w = try LedgerDatabase.wallet(db, labelled: label)
        wallets[label.lowercased()] = w
        lastWallet = (label, w)
        return w
    }

    /// The project's id, or nil when the ledger has no such project.
    public func projectId(_ slug: String) throws -> Int64? {
        // Most rows of a file name the same project: skip hashing the slug then.
        if let last = lastProject, last.slug == slug { return last.id }
        if let id = projects[slug] {
            lastProject = (slug, id)
            return id
        }
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM project WHERE slug = ?", arguments: [slug]) else { return nil }
        projects[slug] = id
        lastProject = (slug, id)
        return id
    }

    /// The project's id, adding it (status speculative, category other) when the ledger lacks it.
    public func ensureProject(_ slug: String, name: String) throws -> Int64 {
        if let id = try projectId(slug) { return id }
        try LedgerDatabase.insertProject(db, Project(slug: slug, name: name, status: .speculative, category: .other, origin: "import"), now: now)
        createdProjects.append(slug)
        return try projectId(slug) ?? 0
    }

    /// Inserts an activity through the activity writer; false when it was already in the ledger
    /// (`ActivityWriter.Duplicate.skip`: imports are idempotent).
    @discardableResult
    public func add(_ a: Activity) throws -> Bool {
        let w = try wallet(a.walletLabel)
        guard let pid = try projectId(a.projectSlug) else {
            throw StoreError.unknownProject(a.projectSlug, suggestion: nil)
        }
        if activityWriter == nil { activityWriter = try ActivityWriter(db, cached: false) }
        guard let writer = activityWriter else { return false }
        return try writer.insert(db, a, walletId: w.id, projectId: pid, createdAt: nowText, duplicate: .skip) != nil
    }

    /// Inserts a claim, buy, sell or transfer through the movement writer (`.batch`); false when the
    /// same one is already in the ledger (same kind, wallets, amount, time and tx hash).
    @discardableResult
    public func add(_ r: MovementRequest) throws -> Bool {
        let w = try wallet(r.wallet)
        let to = try r.toWallet.map { try wallet($0) }
        let project = try r.project.map { slug -> (id: Int64, slug: String) in
            guard let id = try projectId(slug) else { throw StoreError.unknownProject(slug, suggestion: nil) }
            return (id, slug)
        }
        guard try LedgerDatabase.insertMovement(db, r, wallet: w, toWallet: to, project: project, mode: .batch, now: nowText) != nil else {
            return false
        }
        touchedAssets.insert(r.amount.asset)
        return true
    }

    /// Kept by the batch: one prepared statement for every row.
    private var activityWriter: ActivityWriter?

    /// Replays every asset that moved: a sale or transfer left short anywhere fails the whole batch.
    func checkHoldings() throws {
        try LedgerDatabase.checkHoldings(db, assets: touchedAssets.sorted())
    }
}

extension LedgerDatabase {
    /// Runs an import in one transaction: all rows or none. Throw from `body` to roll back.
    public func importBatch<T>(now: Instant, _ body: (ImportBatch) throws -> T) throws -> T {
        try write { db in
            // A large import touches index pages all over the file: a 64 MiB page cache (instead of
            // SQLite's 2 MiB) keeps them from being spilled and rewritten mid-transaction.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            let batch = ImportBatch(db: db, now: now)
            let result = try body(batch)
            try batch.checkHoldings()
            return result
        }
    }
}

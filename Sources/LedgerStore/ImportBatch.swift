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

    /// Inserts an activity; false when it was already in the ledger. With a tx hash the natural key
    /// is (wallet, project, chain, tx, kind, leg); without one, the same wallet, project, kind, chain,
    /// time, volume and fee.
    @discardableResult
    public func add(_ a: Activity) throws -> Bool {
        let w = try wallet(a.walletLabel)
        guard let pid = try projectId(a.projectSlug) else {
            throw StoreError.unknownProject(a.projectSlug, suggestion: nil)
        }
        let chain = a.chain ?? "", tx = a.txHash ?? ""
        if tx.isEmpty {
            let existing = try db.cachedStatement(sql: """
                SELECT 1 FROM activity WHERE walletId = ? AND atSeconds = ? AND projectId = ? AND kind = ? AND chain = ? AND txHash = ''
                  AND volumeQuantity IS ? AND volumeUsd IS ? AND feeQuantity IS ? AND feeUsd IS ? LIMIT 1
                """)
            if try Row.fetchOne(existing, arguments: [w.id, a.at.seconds, pid, a.kind.rawValue, chain, a.volume?.quantity.description,
                                                      a.volumeUsd?.description, a.fee?.quantity.description, a.feeUsd?.description]) != nil {
                return false
            }
        }
        let insert = RawBinding(try activityInsert ?? prepareActivityInsert())
        insert.bind(1, pid)
        insert.bind(2, w.id)
        insert.bind(3, a.kind.rawValue)
        insert.bind(4, a.at.description)
        insert.bind(5, a.at.seconds)
        insert.bind(6, chain)
        insert.bind(7, tx)
        insert.bind(8, a.volume?.quantity.description)
        insert.bind(9, a.volume?.asset.code)
        insert.bind(10, a.volumeUsd?.description)
        insert.bind(11, a.fee?.quantity.description)
        insert.bind(12, a.fee?.asset.code)
        insert.bind(13, a.feeUsd?.description)
        insert.bind(14, a.points?.description)
        insert.bind(15, a.note)
        insert.bind(16, a.source)
        insert.bind(17, a.failed)
        insert.bind(18, a.counterparty)
        insert.bind(19, nowText)
        insert.bind(20, a.leg ?? "")
        try insert.step(db)
        return db.changesCount > 0
    }

    /// Inserts a claim, buy, sell or transfer; false when the same one is already in the ledger
    /// (same kind, wallets, amount, time and tx hash).
    @discardableResult
    public func add(_ r: MovementRequest) throws -> Bool {
        let w = try wallet(r.wallet)
        let to = try r.toWallet.map { try wallet($0) }
        if to?.id == w.id { throw StoreError.sameWallet(w.label) }
        let pid = try r.project.map { slug -> Int64 in
            guard let id = try projectId(slug) else { throw StoreError.unknownProject(slug, suggestion: nil) }
            return id
        }
        let existing = try db.cachedStatement(sql: """
            SELECT 1 FROM movement WHERE kind = ? AND walletId = ? AND toWalletId IS ? AND asset = ? AND quantity = ?
              AND atSeconds = ? AND txHash IS ? LIMIT 1
            """)
        if try Row.fetchOne(existing, arguments: [r.kind.rawValue, w.id, to?.id, r.amount.asset.code, r.amount.quantity.description,
                                                  r.at.seconds, r.txHash]) != nil {
            return false
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO movement(kind, walletId, toWalletId, projectId, quantity, asset, at, atSeconds, priceUsd,
              feeUsd, feeQuantity, txHash, source, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [
            r.kind.rawValue, w.id, to?.id, pid, r.amount.quantity.description, r.amount.asset.code,
            r.at.description, r.at.seconds, r.priceUsd?.description, r.feeUsd?.description,
            r.feeQuantity?.description, r.txHash, r.source, nowText,
        ])
        let id = db.lastInsertedRowID
        if r.kind == .claim, let pid {
            try db.execute(sql: "UPDATE project SET token = COALESCE(token, ?) WHERE id = ?", arguments: [r.amount.asset.code, pid])
            try db.execute(sql: "UPDATE allocation SET claimId = ? WHERE projectId = ? AND walletId = ? AND asset = ? AND claimId IS NULL",
                           arguments: [id, pid, w.id, r.amount.asset.code])
        }
        touchedAssets.insert(r.amount.asset)
        return true
    }

    /// Kept by the batch: GRDB's statement cache hashes the SQL text on every lookup.
    private var activityInsert: Statement?

    private func prepareActivityInsert() throws -> Statement {
        let statement = try db.makeStatement(sql: LedgerDatabase.activityInsert + """

            ON CONFLICT(walletId, projectId, chain, txHash, kind, leg) WHERE txHash <> '' DO NOTHING
            """)
        activityInsert = statement
        return statement
    }

    /// Replays every asset that moved: a sale or transfer left short anywhere fails the whole batch.
    func checkHoldings() throws {
        for asset in touchedAssets.sorted() {
            var b = Balances()
            for m in try LedgerDatabase.movements(db, asset: asset) { try b.apply(m) }
        }
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

import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Columns by position (read by index: by-name lookups cost a lowercasing per column per row).
    static let movementSelect = """
        SELECT m.id, m.kind, m.walletId, w.label, m.toWalletId, tw.label, p.slug, m.quantity, m.asset, m.atSeconds,
               m.priceUsd, m.feeUsd, m.feeQuantity, m.txHash
        FROM movement m
        JOIN wallet w ON w.id = m.walletId LEFT JOIN wallet tw ON tw.id = m.toWalletId
        LEFT JOIN project p ON p.id = m.projectId
        """

    /// Movements as stored (prices as given, none from the table), in ledger order. A row the core
    /// cannot read is `StoreError.damagedRow`.
    static func movements(_ db: Database, asset: AssetSymbol? = nil) throws -> [Movement] {
        let sql = movementSelect + (asset == nil ? "" : " WHERE m.asset = ?") + " ORDER BY m.atSeconds, m.id"
        let statement = RawBinding(try db.cachedStatement(sql: sql))
        if let asset { statement.bind(1, asset.code) }
        var out: [Movement] = []
        // Every row of a file shares a few labels and slugs: keep one copy of each.
        var labels = SharedText(), slugs = SharedText()
        try statement.forEachRow(db) { row in out.append(try Movement(row, labels: &labels, slugs: &slugs)) }
        return out
    }

    /// How the movement writer is called: the rules it applies besides inserting the row.
    enum MovementWrite {
        /// A command: a sell or transfer that would leave any wallet short at any moment (this one,
        /// or a later one when back-dated) is refused before the row is written; a claim's effects apply.
        case single
        /// An import: the same movement already in the ledger (same kind, wallets, amount, time and tx
        /// hash) is skipped, so imports are idempotent; a claim's effects apply; holdings are checked
        /// once at the end of the batch (`checkHoldings`).
        case batch
        /// `import ledger`: the snapshot's project tokens and allocation claims are restored as they
        /// were, so a claim has no effects; holdings are checked once at the end (`checkHoldings`).
        case restore
    }

    /// The movement table's one INSERT.
    static let movementInsert = """
        INSERT INTO movement(kind, walletId, toWalletId, projectId, quantity, asset, at, atSeconds, priceUsd,
          feeUsd, feeQuantity, txHash, source, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The one writer of the movement table (claims, buys, sells, transfers), used by `recordMovement`,
    /// import batches and `restore`. `wallet`, `toWallet` and `project` are the request's names
    /// resolved by the caller. A transfer between one wallet and itself is refused. A claim's effects:
    /// its project gets the claimed token when it has none, and the matching unclaimed allocation (same
    /// project, wallet and asset) is marked claimed by it. Returns nil when `.batch` finds it already
    /// recorded.
    static func insertMovement(_ db: Database, _ r: MovementRequest, wallet w: Wallet, toWallet to: Wallet?,
                               project: (id: Int64, slug: String)?, mode: MovementWrite, again: Bool = false,
                               now: String) throws -> ClaimOutcome? {
        if let to, to.id == w.id { throw StoreError.sameWallet(w.label) }
        var m = Movement(kind: r.kind, walletId: w.id, walletLabel: w.label, toWalletId: to?.id, toWalletLabel: to?.label,
                         projectSlug: project?.slug, amount: r.amount, at: r.at, priceUsd: r.priceUsd,
                         priceSource: r.priceUsd == nil ? nil : "given", feeUsd: r.feeUsd, feeQuantity: r.feeQuantity,
                         txHash: r.txHash)
        switch mode {
        case .single:
            // Replayed with the asset's other movements: a sale or transfer must be covered at every
            // moment, and no wallet's balance may grow past what a quantity holds exactly.
            try refuseDuplicate(db, r, wallet: w, toWallet: to, again: again)
            m.id = Int64.max
            try Balances.check(adding: m, to: movements(db, asset: r.amount.asset))
        case .batch:
            let existing = try db.cachedStatement(sql: """
                SELECT 1 FROM movement WHERE kind = ? AND walletId = ? AND toWalletId IS ? AND asset = ? AND quantity = ?
                  AND atSeconds = ? AND txHash IS ? LIMIT 1
                """)
            if try Row.fetchOne(existing, arguments: [r.kind.rawValue, w.id, to?.id, r.amount.asset.code,
                                                      r.amount.quantity.description, r.at.seconds, r.txHash]) != nil {
                return nil
            }
        case .restore:
            break
        }
        try db.cachedStatement(sql: movementInsert).execute(arguments: [
            r.kind.rawValue, w.id, to?.id, project?.id, r.amount.quantity.description, r.amount.asset.code,
            r.at.description, r.at.seconds, r.priceUsd?.description, r.feeUsd?.description,
            r.feeQuantity?.description, r.txHash, r.source, now,
        ])
        m.id = db.lastInsertedRowID
        var setToken = false, claimed = false
        if r.kind == .claim, let p = project, mode != .restore {
            try db.execute(sql: "UPDATE project SET token = ?, updatedAt = ? WHERE id = ? AND token IS NULL",
                           arguments: [r.amount.asset.code, now, p.id])
            setToken = db.changesCount > 0
            try db.execute(sql: """
                UPDATE allocation SET claimId = ? WHERE projectId = ? AND walletId = ? AND asset = ? AND claimId IS NULL
                """, arguments: [m.id, p.id, w.id, r.amount.asset.code])
            claimed = db.changesCount > 0
        }
        return ClaimOutcome(movement: m, setProjectToken: setToken, claimedAllocation: claimed)
    }

    /// A command's claim, buy, sell or transfer that is already recorded: with a tx hash, one of the
    /// same wallet, kind and asset with that hash (always refused: a transaction is recorded once);
    /// without one, one of the same wallet(s), kind, amount and time (refused unless `again`).
    static func refuseDuplicate(_ db: Database, _ r: MovementRequest, wallet w: Wallet, toWallet to: Wallet?, again: Bool) throws {
        let row: Row?
        if let tx = r.txHash {
            row = try Row.fetchOne(db, sql: """
                SELECT id, quantity, atSeconds FROM movement WHERE walletId = ? AND kind = ? AND asset = ? AND txHash = ?
                ORDER BY id LIMIT 1
                """, arguments: [w.id, r.kind.rawValue, r.amount.asset.code, tx])
        } else if !again {
            row = try Row.fetchOne(db, sql: """
                SELECT id, quantity, atSeconds FROM movement WHERE walletId = ? AND kind = ? AND asset = ? AND quantity = ?
                  AND atSeconds = ? AND toWalletId IS ? ORDER BY id LIMIT 1
                """, arguments: [w.id, r.kind.rawValue, r.amount.asset.code, r.amount.quantity.description, r.at.seconds, to?.id])
        } else {
            row = nil
        }
        guard let row else { return }
        let quantity: String = row["quantity"]
        throw StoreError.duplicateMovement(
            existing: EntryId(EntryId.Kind(r.kind), row["id"]), wallet: w.label,
            amount: (try? Quantity(parsing: quantity)).map { Amount($0, r.amount.asset) } ?? r.amount,
            at: Instant(seconds: row["atSeconds"]), txHash: r.txHash)
    }

    /// Replays every movement of `assets`: a sale or transfer left short anywhere fails the write.
    static func checkHoldings(_ db: Database, assets: some Sequence<AssetSymbol>) throws {
        for asset in assets {
            var b = Balances()
            for m in try movements(db, asset: asset) { try b.apply(m) }
        }
    }

    /// Records a claim, buy, sell or transfer in one transaction (see `insertMovement` for the rules).
    /// The returned movement is priced by the claim price rule (`PriceBook.pricing`).
    @discardableResult
    public func recordMovement(_ r: MovementRequest, again: Bool = false, now: Instant) throws -> ClaimOutcome {
        try write { db in
            let w = try Self.wallet(db, labelled: r.wallet)
            let to = try r.toWallet.map { try Self.wallet(db, labelled: $0) }
            let project = try r.project.map { try Self.project(db, slug: $0) }
            guard var outcome = try Self.insertMovement(db, r, wallet: w, toWallet: to, project: project.map { ($0.id, $0.slug) },
                                                        mode: .single, again: again, now: now.description) else {
                throw StoreError.database("the movement writer skipped a single write")
            }
            outcome.movement = PriceBook(try Self.pricePoints(db, asset: r.amount.asset)).pricing(outcome.movement)
            return outcome
        }
    }

    /// Every movement in ledger order, priced by the claim price rule (`PriceBook.pricing`): the
    /// price given with the event, else for claims and transfers with a fee in the moved token the
    /// price table at that time (source "table"). Still nil means unknown.
    public func movements() throws -> [Movement] {
        try read { db in
            let book = PriceBook(try Self.pricePoints(db))
            return try Self.movements(db).map(book.pricing)
        }
    }
}

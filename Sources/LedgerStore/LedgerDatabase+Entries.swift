// Remove and edit: any entry by its id (`EntryId`), in one transaction, with the rules of the
// commands that create entries, and the ledger's later facts kept: after the change every movement of
// the assets concerned is replayed, so removing the buy a later sale needs, or moving a claim after the
// sale of its tokens, is refused naming that sale. A dry run does the same work and rolls it back.
import GRDB
import LedgerCore

extension LedgerDatabase {
    /// The table that holds entries of `kind`.
    static func table(_ kind: EntryId.Kind) -> String {
        switch kind {
        case .activity: "activity"
        case .claim, .buy, .sell, .transfer: "movement"
        case .allocation: "allocation"
        case .pointsReading: "pointsReading"
        case .price: "price"
        }
    }

    /// The entry as people read it, or `StoreError.unknownEntry` (naming the entry of another kind
    /// that has the number, when a claim/buy/sell/transfer id has the wrong prefix).
    static func view(_ db: Database, _ id: EntryId) throws -> EntryView {
        let sql: String
        switch id.kind {
        case .claim, .buy, .sell, .transfer:
            sql = """
                SELECT m.kind AS k, w.label AS wallet, tw.label AS "to", p.slug AS project, m.quantity || ' ' || m.asset AS amount,
                       m.at AS at, m.priceUsd AS "price-usd", m.feeUsd AS "fee-usd",
                       CASE WHEN m.feeQuantity IS NULL THEN NULL ELSE m.feeQuantity || ' ' || m.asset END AS fee, m.txHash AS tx
                FROM movement m JOIN wallet w ON w.id = m.walletId LEFT JOIN wallet tw ON tw.id = m.toWalletId
                LEFT JOIN project p ON p.id = m.projectId WHERE m.id = ?
                """
        case .activity:
            sql = """
                SELECT p.slug AS project, w.label AS wallet, a.kind AS kind, a.at AS at, NULLIF(a.chain, '') AS chain,
                       NULLIF(a.txHash, '') AS tx, a.volumeQuantity || ' ' || a.volumeAsset AS volume, a.volumeUsd AS "volume-usd",
                       a.feeQuantity || ' ' || a.feeAsset AS fee, a.feeUsd AS "fee-usd", a.points AS points, a.note AS note
                FROM activity a JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId WHERE a.id = ?
                """
        case .allocation:
            sql = """
                SELECT p.slug AS project, w.label AS wallet, a.quantity || ' ' || a.asset AS amount, a.deadline AS deadline,
                       CASE WHEN a.claimId IS NULL THEN NULL ELSE 'c' || a.claimId END AS claim
                FROM allocation a JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId WHERE a.id = ?
                """
        case .pointsReading:
            sql = """
                SELECT p.slug AS project, w.label AS wallet, r.points AS points, r.at AS at
                FROM pointsReading r JOIN project p ON p.id = r.projectId JOIN wallet w ON w.id = r.walletId WHERE r.id = ?
                """
        case .price:
            sql = "SELECT asset, usd, at, source FROM price WHERE id = ?"
        }
        guard let row = try Row.fetchOne(db, sql: sql, arguments: [id.number]) else {
            throw StoreError.unknownEntry(id, actual: nil)
        }
        if let wanted = id.kind.movementKind {
            let k: String = row["k"]
            if k != wanted.rawValue, let actual = Movement.Kind(rawValue: k) {
                throw StoreError.unknownEntry(id, actual: EntryId(EntryId.Kind(actual), id.number))
            }
        }
        var fields: [EntryView.Field] = []
        for (name, value) in row where name != "k" {
            fields.append(EntryView.Field(name, String.fromDatabaseValue(value) ?? (value.isNull ? nil : value.description)))
        }
        return EntryView(id: id, fields: fields)
    }

    /// One entry as people read it.
    public func entry(_ id: EntryId) throws -> EntryView {
        try read { db in try Self.view(db, id) }
    }

    /// Removes the entries, all in one transaction (or none): a claim's allocation becomes unclaimed
    /// again; a removal that leaves a later sale or transfer short is refused naming it.
    public func removeEntries(_ ids: [EntryId], dryRun: Bool) throws -> [EntryChange] {
        try write(dryRun: dryRun) { db in
            var changes: [EntryChange] = []
            var assets: Set<String> = []
            for id in ids {
                let before = try Self.view(db, id)
                var notes: [String] = []
                if id.kind == .claim {
                    let linked = try Int64.fetchAll(db, sql: "SELECT id FROM allocation WHERE claimId = ? ORDER BY id", arguments: [id.number])
                    try db.execute(sql: "UPDATE allocation SET claimId = NULL WHERE claimId = ?", arguments: [id.number])
                    notes += linked.map { "allocation \(EntryId(.allocation, $0)) is unclaimed again" }
                }
                if id.kind.movementKind != nil, let asset = try String.fetchOne(db, sql: "SELECT asset FROM movement WHERE id = ?", arguments: [id.number]) {
                    assets.insert(asset)
                }
                try db.execute(sql: "DELETE FROM \(Self.table(id.kind)) WHERE id = ?", arguments: [id.number])
                changes.append(EntryChange(before: before, after: nil, notes: notes))
            }
            try Self.checkLaterFacts(db, assets: assets, changing: ids, verb: .removing)
            return changes
        }
    }

    /// Replays the movements of `assets` after a change: a sale or transfer left short fails the change,
    /// naming it (`StoreError.breaksLaterFact`).
    static func checkLaterFacts(_ db: Database, assets: Set<String>, changing ids: [EntryId], verb: StoreError.ChangeVerb) throws {
        for code in assets.sorted() {
            guard let asset = try? AssetSymbol(parsing: code) else { continue }
            var b = Balances()
            for m in try movements(db, asset: asset) {
                do {
                    try b.apply(m)
                } catch let e as HoldingsError {
                    throw StoreError.breaksLaterFact(verb, ids, dependent: m.entryId, cause: e)
                }
            }
        }
    }

    /// Changes one entry's fields (see `EntryEdit`), in one transaction, with the creating commands'
    /// rules; returns it before and after.
    public func editEntry(_ id: EntryId, _ e: EntryEdit, dryRun: Bool) throws -> EntryChange {
        try write(dryRun: dryRun) { db in
            let before = try Self.view(db, id)
            let allowed = EntryEdit.fields(of: id.kind)
            let unknown = e.givenFields.filter { !allowed.contains($0) }
            if !unknown.isEmpty { throw StoreError.notAField(id, fields: unknown, allowed: allowed) }
            var notes: [String] = []
            switch id.kind {
            case .claim, .buy, .sell, .transfer:
                notes = try Self.editMovement(db, id, e)
            case .activity:
                try Self.editActivity(db, id, e)
            case .allocation:
                let old = try Row.fetchOne(db, sql: "SELECT quantity, asset, deadline FROM allocation WHERE id = ?", arguments: [id.number])
                let amount = e.amount
                let deadline: CivilDate?? = e.deadline
                try Self.conflictChecked(db, id) {
                    try db.execute(sql: "UPDATE allocation SET quantity = ?, asset = ?, deadline = ? WHERE id = ?", arguments: [
                        amount?.quantity.description ?? old?["quantity"], amount?.asset.code ?? old?["asset"],
                        deadline.map { $0?.description } ?? old?["deadline"], id.number,
                    ])
                }
            case .pointsReading:
                if let p = e.points, p == nil { throw StoreError.notAField(id, fields: ["points (cleared)"], allowed: allowed) }
                if let p = e.points ?? nil {
                    try db.execute(sql: "UPDATE pointsReading SET points = ? WHERE id = ?", arguments: [p.description, id.number])
                }
                if let t = e.at {
                    try db.execute(sql: "UPDATE pointsReading SET at = ?, atSeconds = ? WHERE id = ?", arguments: [t.description, t.seconds, id.number])
                }
            case .price:
                try Self.conflictChecked(db, id) {
                    if let u = e.usd {
                        try db.execute(sql: "UPDATE price SET usd = ?, source = 'manual', fetchedAt = NULL WHERE id = ?",
                                       arguments: [u.description, id.number])
                    }
                    if let t = e.at {
                        try db.execute(sql: "UPDATE price SET at = ?, atSeconds = ?, source = 'manual', fetchedAt = NULL WHERE id = ?",
                                       arguments: [t.description, t.seconds, id.number])
                    }
                }
            }
            return EntryChange(before: before, after: try Self.view(db, id), notes: notes)
        }
    }

    /// Runs `body`; a unique key it breaks is `StoreError.entryConflict` naming the entry that holds it.
    static func conflictChecked(_ db: Database, _ id: EntryId, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw StoreError.entryConflict(id, reason: error.message ?? "a unique key")
        }
    }

    static func movement(_ db: Database, id: Int64) throws -> Movement? {
        let statement = RawBinding(try db.cachedStatement(sql: movementSelect + " WHERE m.id = ?"))
        statement.bind(1, id)
        var labels = SharedText(), slugs = SharedText()
        var out: Movement?
        try statement.forEachRow(db) { row in out = try Movement(row, labels: &labels, slugs: &slugs) }
        return out
    }

    /// A claim, buy, sell or transfer changed: the same rules as recording it (wallets and project
    /// known, two different wallets, tx hash of the wallet's chain and not already recorded), then
    /// every movement of the old and new asset replayed.
    static func editMovement(_ db: Database, _ id: EntryId, _ e: EntryEdit) throws -> [String] {
        guard let old = try movement(db, id: id.number) else { throw StoreError.unknownEntry(id, actual: nil) }
        let w = try wallet(db, labelled: e.wallet ?? old.walletLabel)
        let to = try (e.toWallet ?? old.toWalletLabel).map { try wallet(db, labelled: $0) }
        let project = try (e.project ?? old.projectSlug).map { try Self.project(db, slug: $0) }
        if let to, to.id == w.id { throw StoreError.sameWallet(w.label) }
        let amount = e.amount ?? old.amount
        let at = e.at ?? old.at
        var tx = e.txHash ?? old.txHash
        if let t = tx { tx = try AddressRules.validateTxHash(t, family: w.chain.family) }
        let r = MovementRequest(kind: old.kind, wallet: w.label, toWallet: to?.label, project: project?.slug, amount: amount, at: at,
                                priceUsd: e.priceUsd ?? old.priceUsd, feeUsd: e.feeUsd ?? old.feeUsd,
                                feeQuantity: e.feeQuantity ?? old.feeQuantity, txHash: tx)
        if old.kind == .buy || old.kind == .sell, r.priceUsd == nil {
            throw StoreError.notAField(id, fields: ["price-usd (cleared)"], allowed: EntryEdit.fields(of: id.kind))
        }
        // Another entry with this tx hash (or, without one, identical) is a duplicate, as when recording.
        if let tx = r.txHash, let other = try Row.fetchOne(db, sql: """
            SELECT id, quantity, atSeconds FROM movement WHERE walletId = ? AND kind = ? AND asset = ? AND txHash = ? AND id <> ?
            ORDER BY id LIMIT 1
            """, arguments: [w.id, r.kind.rawValue, r.amount.asset.code, tx, id.number]) {
            let quantity: String = other["quantity"]
            throw StoreError.duplicateMovement(existing: EntryId(id.kind, other["id"]), wallet: w.label,
                                               amount: (try? Quantity(parsing: quantity)).map { Amount($0, r.amount.asset) } ?? r.amount,
                                               at: Instant(seconds: other["atSeconds"]), txHash: tx)
        }
        try db.execute(sql: """
            UPDATE movement SET walletId = ?, toWalletId = ?, projectId = ?, quantity = ?, asset = ?, at = ?, atSeconds = ?,
              priceUsd = ?, feeUsd = ?, feeQuantity = ?, txHash = ? WHERE id = ?
            """, arguments: [w.id, to?.id, project?.id, amount.quantity.description, amount.asset.code, at.description, at.seconds,
                             r.priceUsd?.description, r.feeUsd?.description, r.feeQuantity?.description, tx, id.number])
        var notes: [String] = []
        if old.kind == .claim, old.walletLabel != w.label || old.projectSlug != project?.slug || old.amount.asset != amount.asset {
            // The allocation it claimed is another wallet's, project's or token's now.
            let linked = try Int64.fetchAll(db, sql: """
                SELECT a.id FROM allocation a WHERE a.claimId = ? AND NOT (a.walletId = ? AND a.projectId IS ? AND a.asset = ?) ORDER BY a.id
                """, arguments: [id.number, w.id, project?.id, amount.asset.code])
            for a in linked {
                try db.execute(sql: "UPDATE allocation SET claimId = NULL WHERE id = ?", arguments: [a])
                notes.append("allocation \(EntryId(.allocation, a)) is unclaimed again")
            }
        }
        try checkLaterFacts(db, assets: [old.amount.asset.code, amount.asset.code], changing: [id], verb: .editing)
        return notes
    }

    /// An activity changed: read, changed as a value, checked like `log` (network fee in the chain's
    /// token, same natural key refused), written back.
    static func editActivity(_ db: Database, _ id: EntryId, _ e: EntryEdit) throws {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT a.*, p.slug AS projectSlug, w.label AS walletLabel FROM activity a
            JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId WHERE a.id = ?
            """, arguments: [id.number]) else { throw StoreError.unknownEntry(id, actual: nil) }
        var a = try Activity(row: row)
        let w = try wallet(db, labelled: e.wallet ?? a.walletLabel)
        let p = try project(db, slug: e.project ?? a.projectSlug)
        a.walletLabel = w.label
        a.projectSlug = p.slug
        if let k = e.activityKind { a.kind = k }
        if let t = e.at { a.at = t }
        if let c = e.chain { a.chain = c }
        if let v = e.txHash { a.txHash = v }
        if let v = e.volume { a.volume = v }
        if let v = e.volumeUsd { a.volumeUsd = v }
        if let v = e.fee { a.fee = v }
        if let v = e.feeUsd { a.feeUsd = v }
        if let v = e.points { a.points = v }
        if let v = e.note { a.note = v }
        let chain = a.chain.flatMap(Chains.named) ?? w.chain
        if let t = a.txHash { a.txHash = try AddressRules.validateTxHash(t, family: chain.family) }
        try a.checkNetworkFee(walletChain: w.chain)
        let tx = a.txHash ?? "", leg = a.leg ?? ""
        if !tx.isEmpty, let other = try Row.fetchOne(db, sql: """
            SELECT id, atSeconds FROM activity WHERE walletId = ? AND projectId = ? AND chain = ? AND txHash = ? AND kind = ? AND leg = ? AND id <> ?
            """, arguments: [w.id, p.id, a.chain ?? "", tx, a.kind.rawValue, leg, id.number]) {
            throw StoreError.duplicateActivity(existingId: other["id"], kind: a.kind, project: p.slug, wallet: w.label,
                                               at: Instant(seconds: other["atSeconds"]), txHash: tx)
        }
        try db.execute(sql: """
            UPDATE activity SET projectId = ?, walletId = ?, kind = ?, at = ?, atSeconds = ?, chain = ?, txHash = ?, volumeQuantity = ?,
              volumeAsset = ?, volumeUsd = ?, feeQuantity = ?, feeAsset = ?, feeUsd = ?, points = ?, note = ? WHERE id = ?
            """, arguments: [p.id, w.id, a.kind.rawValue, a.at.description, a.at.seconds, a.chain ?? "", tx,
                             a.volume?.quantity.description, a.volume?.asset.code, a.volumeUsd?.description,
                             a.fee?.quantity.description, a.fee?.asset.code, a.feeUsd?.description, a.points?.description, a.note,
                             id.number])
    }
}

import GRDB
import LedgerCore

extension LedgerDatabase {
    /// The one writer of the wallet table, used by `addWallet` and `restore`: the label (any case) and
    /// the (chain, address) pair must be new. `address` is canonical for its chain's family.
    static func insertWallet(_ db: Database, label: String, address: String, chain: Chain, group: String?,
                             status: Wallet.Status, createdAt: Instant, broker: String? = nil) throws -> Wallet {
        if let existing = try Row.fetchOne(db, sql: "SELECT label FROM wallet WHERE label = ? COLLATE NOCASE", arguments: [label]) {
            throw StoreError.duplicateWalletLabel(existing["label"])
        }
        if let existing = try Row.fetchOne(db, sql: "SELECT label FROM wallet WHERE chain = ? AND address = ?",
                                           arguments: [chain.name, address]) {
            throw StoreError.duplicateAddress(address: AddressRules.display(canonical: address, family: chain.family),
                                              chain: chain.name, label: existing["label"])
        }
        try db.execute(sql: """
            INSERT INTO wallet(label, address, chain, family, walletGroup, status, createdAt, broker) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [label, address, chain.name, chain.family.rawValue, group, status.rawValue, createdAt.description, broker])
        return Wallet(id: db.lastInsertedRowID, label: label, address: address, chain: chain, group: group, status: status,
                      createdAt: createdAt, broker: broker)
    }

    /// Adds a wallet. The label and the (chain, address) pair must be new.
    public func addWallet(label: String, address: ParsedAddress, group: String?, now: Instant) throws -> Wallet {
        try write { db in
            try Self.insertWallet(db, label: label, address: address.canonical, chain: address.chain, group: group,
                                  status: .active, createdAt: now)
        }
    }

    public func wallets() throws -> [Wallet] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM wallet ORDER BY label COLLATE NOCASE").map { row throws in try Wallet(row: row) }
        }
    }

    /// The wallet with this label (case-insensitive), or an error with a "did you mean".
    public func wallet(labelled label: String) throws -> Wallet {
        try read { db in try Self.wallet(db, labelled: label) }
    }

    static func wallet(_ db: Database, labelled label: String) throws -> Wallet {
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM wallet WHERE label = ? COLLATE NOCASE", arguments: [label]) {
            return try Wallet(row: row)
        }
        let labels = try String.fetchAll(db, sql: "SELECT label FROM wallet")
        throw StoreError.unknownWallet(label, suggestion: Suggest.closest(to: label, in: labels))
    }

    public func renameWallet(_ old: String, to new: String) throws -> Wallet {
        try write { db in
            let w = try Self.wallet(db, labelled: old)
            if let other = try Row.fetchOne(db, sql: "SELECT id, label FROM wallet WHERE label = ? COLLATE NOCASE", arguments: [new]),
               (other["id"] as Int64) != w.id {
                throw StoreError.duplicateWalletLabel(other["label"])
            }
            try db.execute(sql: "UPDATE wallet SET label = ? WHERE id = ?", arguments: [new, w.id])
            var renamed = w
            renamed.label = new
            return renamed
        }
    }

    public func setWalletStatus(_ label: String, _ status: Wallet.Status) throws -> Wallet {
        try write { db in
            var w = try Self.wallet(db, labelled: label)
            try db.execute(sql: "UPDATE wallet SET status = ? WHERE id = ?", arguments: [status.rawValue, w.id])
            w.status = status
            return w
        }
    }

    /// Marks a wallet as held at `broker` (custodial: Form 1099-DA), or self-custody when nil.
    public func setWalletBroker(_ label: String, _ broker: String?) throws -> Wallet {
        try write { db in
            var w = try Self.wallet(db, labelled: label)
            try db.execute(sql: "UPDATE wallet SET broker = ? WHERE id = ?", arguments: [broker, w.id])
            w.broker = broker
            return w
        }
    }

    /// Removes a wallet nothing refers to; otherwise says what still refers to it.
    public func removeWallet(_ label: String) throws -> Wallet {
        try write { db in
            let w = try Self.wallet(db, labelled: label)
            var uses: [StoreError.WalletUse] = []
            let references: [(String, String, (Int) -> StoreError.WalletUse)] = [
                ("activity", "walletId", StoreError.WalletUse.activity), ("pointsReading", "walletId", StoreError.WalletUse.pointsReadings),
                ("allocation", "walletId", StoreError.WalletUse.allocations), ("movement", "walletId", StoreError.WalletUse.movements),
                ("movement", "toWalletId", StoreError.WalletUse.incomingTransfers),
            ]
            for (table, column, use) in references {
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table) WHERE \(column) = ?", arguments: [w.id]) ?? 0
                if n > 0 { uses.append(use(n)) }
            }
            guard uses.isEmpty else {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT kind, id FROM (
                      SELECT 'activity' AS kind, id FROM activity WHERE walletId = ?1
                      UNION ALL SELECT 'pointsReading', id FROM pointsReading WHERE walletId = ?1
                      UNION ALL SELECT 'allocation', id FROM allocation WHERE walletId = ?1
                      UNION ALL SELECT kind, id FROM movement WHERE walletId = ?1 OR toWalletId = ?1)
                    ORDER BY kind, id LIMIT 10
                    """, arguments: [w.id])
                let ids = rows.compactMap { row -> EntryId? in
                    let kind: String = row["kind"]
                    let k = Movement.Kind(rawValue: kind).map(EntryId.Kind.init) ?? EntryId.Kind(rawValue: kind)
                    return k.map { EntryId($0, row["id"]) }
                }
                throw StoreError.walletInUse(label: w.label, uses: uses, ids: ids)
            }
            try db.execute(sql: "DELETE FROM wallet WHERE id = ?", arguments: [w.id])
            return w
        }
    }
}

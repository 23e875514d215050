import GRDB
import LedgerCore

/// What a caller asks to record: a claim, buy, sell or transfer, by wallet label and project slug.
public struct MovementRequest: Sendable {
    public var kind: Movement.Kind
    public var wallet: String
    public var toWallet: String?
    public var project: String?
    public var amount: Amount
    public var at: Instant
    public var priceUsd: Quantity?
    public var feeUsd: Quantity?
    public var feeQuantity: Quantity?
    public var txHash: String?
    public var source: String

    public init(kind: Movement.Kind, wallet: String, toWallet: String? = nil, project: String? = nil, amount: Amount,
                at: Instant, priceUsd: Quantity? = nil, feeUsd: Quantity? = nil, feeQuantity: Quantity? = nil,
                txHash: String? = nil, source: String = "cli") {
        self.kind = kind; self.wallet = wallet; self.toWallet = toWallet; self.project = project; self.amount = amount
        self.at = at; self.priceUsd = priceUsd; self.feeUsd = feeUsd; self.feeQuantity = feeQuantity
        self.txHash = txHash; self.source = source
    }
}

/// A recorded claim with what it changed.
public struct ClaimOutcome: Sendable {
    public var movement: Movement
    public var setProjectToken: Bool
    public var claimedAllocation: Bool
}

extension LedgerDatabase {
    /// Columns by position (read by index: by-name lookups cost a lowercasing per column per row).
    static let movementSelect = """
        SELECT m.id, m.kind, m.walletId, w.label, m.toWalletId, tw.label, p.slug, m.quantity, m.asset, m.atSeconds,
               m.priceUsd, m.feeUsd, m.feeQuantity, m.txHash
        FROM movement m
        JOIN wallet w ON w.id = m.walletId LEFT JOIN wallet tw ON tw.id = m.toWalletId
        LEFT JOIN project p ON p.id = m.projectId
        """

    static func movements(_ db: Database, asset: AssetSymbol? = nil) throws -> [Movement] {
        let sql = movementSelect + (asset == nil ? "" : " WHERE m.asset = ?") + " ORDER BY m.atSeconds, m.id"
        let statement = RawBinding(try db.cachedStatement(sql: sql))
        if let asset { statement.bind(1, asset.code) }
        var out: [Movement] = []
        // Every row of a file shares a few labels and slugs: keep one copy of each.
        var lastWallet = "", lastProject = ""
        try statement.forEachRow(db) { row in
            func q(_ i: Int32) -> Quantity? { row.text(i).flatMap(Quantity.init(stored:)) }
            func shared(_ text: String?, _ last: inout String) -> String? {
                guard let text else { return nil }
                if text == last { return last }
                last = text
                return text
            }
            let price = q(10)
            out.append(Movement(
                id: row.int64(0), kind: row.text(1).flatMap(Movement.Kind.init(rawValue:)) ?? .buy,
                walletId: row.int64(2), walletLabel: shared(row.text(3), &lastWallet) ?? "", toWalletId: row.optionalInt64(4),
                toWalletLabel: row.text(5), projectSlug: shared(row.text(6), &lastProject),
                amount: Amount(q(7) ?? .zero, row.text(8).flatMap(AssetSymbol.init(stored:)) ?? AssetSymbol.unknown),
                at: Instant(seconds: row.int64(9)), priceUsd: price, priceSource: price == nil ? nil : "given", feeUsd: q(11),
                feeQuantity: q(12), txHash: row.text(13)))
        }
        return out
    }

    /// Records a claim, buy, sell or transfer in one transaction. A sell or transfer that would leave
    /// any wallet short at any moment (this one, or a later one when back-dated) is refused.
    /// A claim sets the project's token if unset and marks a matching allocation claimed.
    @discardableResult
    public func recordMovement(_ r: MovementRequest, now: Instant) throws -> ClaimOutcome {
        try write { db in
            let w = try Self.wallet(db, labelled: r.wallet)
            var to: Wallet?
            if let t = r.toWallet {
                to = try Self.wallet(db, labelled: t)
                if to?.id == w.id { throw StoreError.sameWallet(w.label) }
            }
            var project: Project?
            if let s = r.project { project = try Self.project(db, slug: s) }
            var m = Movement(kind: r.kind, walletId: w.id, walletLabel: w.label, toWalletId: to?.id, toWalletLabel: to?.label,
                             projectSlug: project?.slug, amount: r.amount, at: r.at, priceUsd: r.priceUsd,
                             feeUsd: r.feeUsd, feeQuantity: r.feeQuantity, txHash: r.txHash)
            // Replayed with the asset's other movements: a sale or transfer must be covered at every
            // moment, and no wallet's balance may grow past what a quantity holds exactly.
            m.id = Int64.max
            try Balances.check(adding: m, to: Self.movements(db, asset: r.amount.asset))
            try db.execute(sql: """
                INSERT INTO movement(kind, walletId, toWalletId, projectId, quantity, asset, at, atSeconds, priceUsd,
                  feeUsd, feeQuantity, txHash, source, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    r.kind.rawValue, w.id, to?.id, project?.id, r.amount.quantity.description, r.amount.asset.code,
                    r.at.description, r.at.seconds, r.priceUsd?.description, r.feeUsd?.description,
                    r.feeQuantity?.description, r.txHash, r.source, now.description,
                ])
            m.id = db.lastInsertedRowID
            var setToken = false, claimed = false
            if r.kind == .claim, let p = project {
                if p.token == nil {
                    try db.execute(sql: "UPDATE project SET token = ?, updatedAt = ? WHERE id = ?",
                                   arguments: [r.amount.asset.code, now.description, p.id])
                    setToken = true
                }
                try db.execute(sql: """
                    UPDATE allocation SET claimId = ? WHERE projectId = ? AND walletId = ? AND asset = ? AND claimId IS NULL
                    """, arguments: [m.id, p.id, w.id, r.amount.asset.code])
                claimed = db.changesCount > 0
            }
            return ClaimOutcome(movement: m, setProjectToken: setToken, claimedAllocation: claimed)
        }
    }

    /// Every movement in ledger order, with claim prices resolved: the price given with the claim,
    /// else the price table at that time (source "table"); transfers with a fee in the moved token get
    /// the table price at that time. Still nil means unknown.
    public func movements() throws -> [Movement] {
        try read { db in
            let book = try PriceBook(Self.pricePoints(db))
            return try Self.movements(db).map { m in
                var m = m
                if m.priceUsd == nil, m.kind == .claim || (m.kind == .transfer && !(m.feeQuantity ?? .zero).isZero),
                   let p = book.price(of: m.amount.asset, at: m.at) {
                    m.priceUsd = p.usd
                    m.priceSource = "table"
                }
                return m
            }
        }
    }
}

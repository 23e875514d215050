import GRDB
import LedgerCore

extension LedgerDatabase {
    static func pricePoints(_ db: Database, asset: AssetSymbol? = nil) throws -> [PricePoint] {
        var sql = "SELECT id, asset, atSeconds, usd, source, fetchedAt FROM price"
        var args: StatementArguments = []
        if let a = asset { sql += " WHERE asset = ?"; args = [a.code] }
        sql += " ORDER BY asset, atSeconds"
        return try Row.fetchAll(db, sql: sql, arguments: args).map { row throws in try PricePoint(row: row) }
    }

    /// Prices with their row ids (the `pr` entry ids), in the table's order (asset, time).
    public func priceEntries(asset: AssetSymbol? = nil) throws -> [(id: Int64, price: PricePoint)] {
        try read { db in
            var sql = "SELECT id, asset, atSeconds, usd, source, fetchedAt FROM price"
            var args: StatementArguments = []
            if let a = asset { sql += " WHERE asset = ?"; args = [a.code] }
            sql += " ORDER BY asset, atSeconds"
            return try Row.fetchAll(db, sql: sql, arguments: args).map { row throws in (row["id"], try PricePoint(row: row)) }
        }
    }

    public func prices(asset: AssetSymbol? = nil) throws -> [PricePoint] {
        try read { db in try Self.pricePoints(db, asset: asset) }
    }

    public func priceBook() throws -> PriceBook { PriceBook(try prices()) }

    /// What the price writer did with one price.
    enum PriceWrite { case added, updated, keptManual, unchanged }

    /// The one writer of the price table, used by `setPrice`, `importPrices` and `restore`. One price
    /// per asset and time: a price already there is replaced (source and all), except that a manual
    /// price is kept when `keepManual` and the new one is not manual.
    static func writePrice(_ db: Database, _ p: PricePoint, keepManual: Bool, now: String) throws -> PriceWrite {
        if let row = try Row.fetchOne(db, sql: "SELECT id, usd, source FROM price WHERE asset = ? AND atSeconds = ?",
                                      arguments: [p.asset.code, p.at.seconds]) {
            let source: String = row["source"]
            if keepManual && source == "manual" && p.source != "manual" { return .keptManual }
            if (row["usd"] as String) == p.usd.description && source == p.source { return .unchanged }
            try db.execute(sql: "UPDATE price SET usd = ?, source = ?, fetchedAt = ?, createdAt = ? WHERE id = ?",
                           arguments: [p.usd.description, p.source, p.fetchedAt?.description, now, row["id"] as Int64])
            return .updated
        }
        try db.execute(sql: "INSERT INTO price(asset, at, atSeconds, usd, source, fetchedAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       arguments: [p.asset.code, p.at.description, p.at.seconds, p.usd.description, p.source,
                                   p.fetchedAt?.description, now])
        return .added
    }

    /// Sets a manual price (replacing any price of that asset at that exact time).
    /// Returns the price's row id.
    @discardableResult
    public func setPrice(_ p: PricePoint, now: Instant) throws -> Int64 {
        var manual = p
        manual.source = "manual"
        return try write { db in
            _ = try Self.writePrice(db, manual, keepManual: false, now: now.description)
            return try Int64.fetchOne(db, sql: "SELECT id FROM price WHERE asset = ? AND atSeconds = ?",
                                      arguments: [p.asset.code, p.at.seconds]) ?? 0
        }
    }

    public struct PriceImportOutcome: Sendable {
        public var added = 0, updated = 0, keptManual = 0, unchanged = 0
    }

    /// Imports prices, all in one transaction. A manual price at the same time is kept unless `replace`.
    public func importPrices(_ points: [PricePoint], replace: Bool, now: Instant) throws -> PriceImportOutcome {
        try write { db in
            var o = PriceImportOutcome()
            for p in points {
                var imported = p
                imported.source = "import"
                switch try Self.writePrice(db, imported, keepManual: !replace, now: now.description) {
                case .added: o.added += 1
                case .updated: o.updated += 1
                case .keptManual: o.keptManual += 1
                case .unchanged: o.unchanged += 1
                }
            }
            return o
        }
    }

    public struct FetchedStoreOutcome: Sendable, Equatable {
        public var added = 0, updated = 0, keptUserSet = 0, unchanged = 0
        public init() {}
    }

    /// Stores prices fetched for one asset, all in one transaction (all or nothing for the asset). A
    /// price the user set (manual or imported) at the same time is never replaced.
    public func storeFetchedPrices(_ points: [PricePoint], now: Instant) throws -> FetchedStoreOutcome {
        try write { db in
            var o = FetchedStoreOutcome()
            for p in points {
                precondition(!p.isUserSet, "fetched prices carry their service as source")
                if let row = try Row.fetchOne(db, sql: "SELECT source FROM price WHERE asset = ? AND atSeconds = ?",
                                              arguments: [p.asset.code, p.at.seconds]),
                   (row["source"] as String) == "manual" || (row["source"] as String) == "import" {
                    o.keptUserSet += 1
                    continue
                }
                switch try Self.writePrice(db, p, keepManual: true, now: now.description) {
                case .added: o.added += 1
                case .updated: o.updated += 1
                case .keptManual: o.keptUserSet += 1
                case .unchanged: o.unchanged += 1
                }
            }
            return o
        }
    }

    /// The coins the user chose for symbols (`asset set SYMBOL --coin ID`).
    public func assetCoins() throws -> [AssetSymbol: String] {
        try read { db in
            var out: [AssetSymbol: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT asset, coin FROM assetCoin") {
                if let a = AssetSymbol(stored: row["asset"]) { out[a] = row["coin"] }
            }
            return out
        }
    }

    /// Records which coin `asset` means (replacing an earlier choice).
    public func setAssetCoin(_ asset: AssetSymbol, coin: String, now: Instant) throws {
        try write { db in
            try db.execute(sql: "INSERT INTO assetCoin(asset, coin, createdAt) VALUES (?, ?, ?) ON CONFLICT(asset) DO UPDATE SET coin = excluded.coin, createdAt = excluded.createdAt",
                           arguments: [asset.code, coin, now.description])
        }
    }
}

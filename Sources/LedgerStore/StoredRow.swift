import GRDB
import LedgerCore

/// Reads the columns of one stored row into core values. Every decoder of the store goes through it,
/// so a value the core cannot read (an unknown kind or status, an amount or symbol that is not in
/// canonical form, a time that is not ISO-8601) is `StoreError.damagedRow`, naming the table, the
/// row's id, the column and the stored text: never a default kind, a zero or a stand-in symbol.
struct StoredRow {
    let table: String
    let id: Int64

    func damaged(_ column: String, _ text: String?) -> StoreError {
        .damagedRow(table: table, id: id, column: column, value: text)
    }

    func quantity(_ column: String, _ text: String?) throws(StoreError) -> Quantity {
        guard let text, let q = Quantity(stored: text) else { throw damaged(column, text) }
        return q
    }

    /// NULL is nil; any other text must be a quantity.
    func optionalQuantity(_ column: String, _ text: String?) throws(StoreError) -> Quantity? {
        guard let text else { return nil }
        return try quantity(column, text)
    }

    func asset(_ column: String, _ text: String?) throws(StoreError) -> AssetSymbol {
        guard let text, let a = AssetSymbol(stored: text) else { throw damaged(column, text) }
        return a
    }

    func optionalAsset(_ column: String, _ text: String?) throws(StoreError) -> AssetSymbol? {
        guard let text else { return nil }
        return try asset(column, text)
    }

    /// Quantity and asset stored in two columns: both NULL is nil; one without the other is damage.
    func optionalAmount(_ quantityColumn: String, _ quantityText: String?, _ assetColumn: String,
                        _ assetText: String?) throws(StoreError) -> Amount? {
        switch (quantityText, assetText) {
        case (nil, nil): return nil
        case (nil, _): throw damaged(quantityColumn, nil)
        case (_, nil): throw damaged(assetColumn, nil)
        case let (q, a): return Amount(try quantity(quantityColumn, q), try asset(assetColumn, a))
        }
    }

    /// A value of a closed set stored as its raw text (a kind, a status, a family).
    func value<T: RawRepresentable>(_ column: String, _ text: String?) throws(StoreError) -> T where T.RawValue == String {
        guard let text, let v = T(rawValue: text) else { throw damaged(column, text) }
        return v
    }

    func optionalValue<T: RawRepresentable>(_ column: String, _ text: String?) throws(StoreError) -> T? where T.RawValue == String {
        guard let text else { return nil }
        return try value(column, text) as T
    }

    func instant(_ column: String, _ text: String?) throws(StoreError) -> Instant {
        guard let text, let t = try? Instant(parsing: text) else { throw damaged(column, text) }
        return t
    }

    func optionalDate(_ column: String, _ text: String?) throws(StoreError) -> CivilDate? {
        guard let text else { return nil }
        guard let d = try? CivilDate(parsing: text) else { throw damaged(column, text) }
        return d
    }
}

extension StoredRow {
    /// The row's id is its `id` column.
    init(_ table: String, _ row: Row) {
        self.init(table: table, id: row["id"])
    }
}

/// Keeps one copy of text repeated row after row (a file's rows share a few labels and slugs).
struct SharedText {
    private var last = ""

    mutating func callAsFunction(_ text: String?) -> String? {
        guard let text else { return nil }
        if text == last { return last }
        last = text
        return text
    }
}

// MARK: - Decoders, one per table

extension Wallet {
    init(row: Row) throws(StoreError) {
        let r = StoredRow("wallet", row)
        let chainName: String = row["chain"]
        let family: ChainFamily = try r.value("family", row["family"])
        self.init(id: r.id, label: row["label"], address: row["address"], chain: Chains.named(chainName) ?? Chain(chainName, family),
                  group: row["walletGroup"], status: try r.value("status", row["status"]),
                  createdAt: try r.instant("createdAt", row["createdAt"]), broker: row["broker"])
    }
}

extension Project {
    init(row: Row) throws(StoreError) {
        let r = StoredRow("project", row)
        func q(_ column: String) throws(StoreError) -> Quantity? { try r.optionalQuantity(column, row[column]) }
        func list(_ column: String) -> [String] {
            ((row[column] as String?) ?? "").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        self.init(
            id: r.id, slug: row["slug"], name: row["name"], status: try r.value("status", row["status"]),
            status2024: try r.optionalValue("status2024", row["status2024"]), category: try r.value("category", row["category"]),
            token: try r.optionalAsset("token", row["token"]), airdropDate: try r.optionalDate("airdropDate", row["airdropDate"]),
            techScore: row["techScore"], raisedUsd: try q("raisedUsd"), valuationUsd: try q("valuationUsd"),
            narratives: list("narratives"), competitors: list("competitors"), investors: list("investors"),
            notes: row["notes"], probability: try q("probability"), airdropShare: try q("airdropShare"),
            expectedRecipients: try q("expectedRecipients"), expectedFdvUsd: try q("expectedFdvUsd"),
            pointsPool: try q("pointsPool"), totalPoints: try q("totalPoints"), totalSupply: try q("totalSupply"),
            origin: row["origin"])
    }
}

extension Activity {
    /// From `a.*` with the joined `projectSlug` and `walletLabel`.
    init(row: Row) throws(StoreError) {
        let r = StoredRow("activity", row)
        func q(_ column: String) throws(StoreError) -> Quantity? { try r.optionalQuantity(column, row[column]) }
        let chain: String = row["chain"], tx: String = row["txHash"], leg: String = row["leg"]
        self.init(
            id: r.id, projectSlug: row["projectSlug"], walletLabel: row["walletLabel"], kind: try r.value("kind", row["kind"]),
            at: Instant(seconds: row["atSeconds"]), chain: chain.isEmpty ? nil : chain, txHash: tx.isEmpty ? nil : tx,
            volume: try r.optionalAmount("volumeQuantity", row["volumeQuantity"], "volumeAsset", row["volumeAsset"]),
            volumeUsd: try q("volumeUsd"),
            fee: try r.optionalAmount("feeQuantity", row["feeQuantity"], "feeAsset", row["feeAsset"]), feeUsd: try q("feeUsd"),
            points: try q("points"), note: row["note"], source: row["source"], failed: row["failed"],
            counterparty: row["counterparty"], leg: leg.isEmpty ? nil : leg)
    }
}

extension PointsReading {
    /// From `r.*` with the joined `projectSlug` and `walletLabel`.
    init(row: Row) throws(StoreError) {
        let r = StoredRow("pointsReading", row)
        self.init(id: r.id, projectSlug: row["projectSlug"], walletLabel: row["walletLabel"], at: Instant(seconds: row["atSeconds"]),
                  points: try r.quantity("points", row["points"]))
    }
}

extension Allocation {
    /// From `a.*` with the joined `projectSlug` and `walletLabel`.
    init(row: Row) throws(StoreError) {
        let r = StoredRow("allocation", row)
        self.init(id: r.id, projectSlug: row["projectSlug"], walletLabel: row["walletLabel"],
                  amount: Amount(try r.quantity("quantity", row["quantity"]), try r.asset("asset", row["asset"])),
                  deadline: try r.optionalDate("deadline", row["deadline"]), claimId: row["claimId"])
    }
}

extension PricePoint {
    /// From `id, asset, atSeconds, usd, source`.
    init(row: Row) throws(StoreError) {
        let r = StoredRow("price", row)
        self.init(asset: try r.asset("asset", row["asset"]), at: Instant(seconds: row["atSeconds"]), usd: try r.quantity("usd", row["usd"]),
                  source: row["source"], fetchedAt: (row["fetchedAt"] as String?).flatMap { try? Instant(parsing: $0) })
    }
}

extension Movement {
    /// From `LedgerDatabase.movementSelect`, read by position through SQLite's C API (a tax report
    /// reads every movement of the ledger).
    init(_ row: RawRow, labels: inout SharedText, slugs: inout SharedText) throws(StoreError) {
        let r = StoredRow(table: "movement", id: row.int64(0))
        func q(_ column: String, _ i: Int32) throws(StoreError) -> Quantity? { try r.optionalQuantity(column, row.text(i)) }
        let price = try q("priceUsd", 10)
        self.init(
            id: r.id, kind: try r.value("kind", row.text(1)), walletId: row.int64(2), walletLabel: labels(row.text(3)) ?? "",
            toWalletId: row.optionalInt64(4), toWalletLabel: row.text(5), projectSlug: slugs(row.text(6)),
            amount: Amount(try r.quantity("quantity", row.text(7)), try r.asset("asset", row.text(8))),
            at: Instant(seconds: row.int64(9)), priceUsd: price, priceSource: price == nil ? nil : "given",
            feeUsd: try q("feeUsd", 11), feeQuantity: try q("feeQuantity", 12), txHash: row.text(13))
    }
}

import LedgerCore

/// CoinTracker CSV import, written for the full movement history (like Koinly: the tool books lots
/// itself). Header exactly as the template (no extra column); dates "MM/DD/YYYY HH:MM:SS" in UTC
/// (file-formats.md section 5.2); amounts exact.
///
/// - claim: Received = the tokens, Tag `airdrop` (CoinTracker prices it itself).
/// - buy: Received = the tokens, Sent = USD paid (amount x price), Fee = fee in USD.
/// - sell: Received = USD (amount x price), Sent = the tokens, Fee = fee in USD.
/// - transfer between own wallets: a send row (with the network fee in the token) and a receive
///   row, untagged, for CoinTracker to match as a transfer.
public enum CoinTrackerCSV {
    public static let header = ["Date", "Received Quantity", "Received Currency", "Sent Quantity", "Sent Currency",
                                "Fee Amount", "Fee Currency", "Tag"]

    /// "02/20/2024 12:00:00".
    public static func date(_ i: Instant) -> String {
        let u = TaxDates.utc(i)
        return "\(TaxDates.us(u.date)) \(u.time)"
    }

    public static func render(movements: [Movement]) throws(AmountError) -> String {
        var out = CSV.row(header)
        for m in movements.sorted(by: Movement.ledgerOrder) {
            let d = date(m.at), sym = m.amount.asset.code, units = m.amount.quantity.description
            let value = try m.priceUsd.map { (p) throws(AmountError) in (try p * m.amount.quantity).description } ?? ""
            let fee = m.feeUsd.map(\.description) ?? "", feeCur = m.feeUsd == nil ? "" : "USD"
            switch m.kind {
            case .claim:
                out += CSV.row([d, units, sym, "", "", fee, feeCur, "airdrop"])
            case .buy:
                out += CSV.row([d, units, sym, value, value.isEmpty ? "" : "USD", fee, feeCur, ""])
            case .sell:
                out += CSV.row([d, value, value.isEmpty ? "" : "USD", units, sym, fee, feeCur, ""])
            case .transfer:
                let feeUnits = m.feeQuantity.flatMap { $0.isPositive ? $0.description : nil } ?? ""
                out += CSV.row([d, "", "", units, sym, feeUnits, feeUnits.isEmpty ? "" : sym, ""])
                out += CSV.row([d, units, sym, "", "", "", "", ""])
            }
        }
        return out
    }
}

extension CoinTrackerCSV {
    /// `tax export --to cointracker`.
    public static let export = TaxExport(
        name: "cointracker",
        summary: "CoinTracker import CSV: the full movement history, airdrops labelled as airdrops.",
        render: { try render(movements: $0.movements) })
}

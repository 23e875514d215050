import LedgerCore

/// Koinly "Universal" import template, written for the full movement history (every claim, buy,
/// sell and transfer given, in ledger order, not only one year's disposals: Koinly books the lots
/// itself and needs every acquisition). Header and date format ("YYYY-MM-DD HH:MM UTC") as in
/// file-formats.md section 5.1; amounts exact.
///
/// - claim: Received = the tokens, Label `airdrop`, Net Worth = amount x fair market value (USD).
/// - buy: Sent = USD paid (amount x price), Received = the tokens, Fee = fee in USD.
/// - sell: Sent = the tokens, Received = USD (amount x price), Fee = fee in USD.
/// - transfer between own wallets: a withdrawal row (Sent, with the network fee in the token) and a
///   deposit row (Received), both with the same TxHash and description, so Koinly can pair them.
/// The wallet is named in Description (one Koinly wallet receives the whole file).
public enum KoinlyCSV {
    public static let header = ["Date", "Sent Amount", "Sent Currency", "Received Amount", "Received Currency",
                                "Fee Amount", "Fee Currency", "Net Worth Amount", "Net Worth Currency", "Label",
                                "Description", "TxHash"]

    /// "2024-02-20 12:00 UTC".
    public static func date(_ i: Instant) -> String {
        let u = TaxDates.utc(i)
        return "\(u.date) \(u.time.prefix(5)) UTC"
    }

    public static func render(movements: [Movement]) throws(AmountError) -> String {
        var out = CSV.row(header)
        for m in movements.sorted(by: Movement.ledgerOrder) {
            let d = date(m.at), sym = m.amount.asset.code, units = m.amount.quantity.description
            let value = try m.priceUsd.map { (p) throws(AmountError) in (try p * m.amount.quantity).description } ?? ""
            let usdIfValue = value.isEmpty ? "" : "USD"
            let fee = m.feeUsd.map(\.description) ?? "", feeCur = m.feeUsd == nil ? "" : "USD"
            let tx = m.txHash ?? ""
            switch m.kind {
            case .claim:
                let from = m.projectSlug.map { " from \($0)" } ?? ""
                out += CSV.row([d, "", "", units, sym, fee, feeCur, value, usdIfValue, "airdrop",
                                "airdrop\(from) into wallet \(m.walletLabel)", tx])
            case .buy:
                out += CSV.row([d, value, usdIfValue, units, sym, fee, feeCur, value, usdIfValue, "",
                                "buy into wallet \(m.walletLabel)", tx])
            case .sell:
                out += CSV.row([d, units, sym, value, usdIfValue, fee, feeCur, value, usdIfValue, "",
                                "sell from wallet \(m.walletLabel)", tx])
            case .transfer:
                let what = "transfer between own wallets from \(m.walletLabel) to \(m.toWalletLabel ?? "?")"
                let feeUnits = m.feeQuantity.flatMap { $0.isPositive ? $0.description : nil } ?? ""
                out += CSV.row([d, units, sym, "", "", feeUnits, feeUnits.isEmpty ? "" : sym, value, usdIfValue, "",
                                what, tx])
                out += CSV.row([d, "", "", units, sym, "", "", value, usdIfValue, "", what, tx])
            }
        }
        return out
    }
}

extension KoinlyCSV {
    /// `tax export --to koinly`.
    public static let export = TaxExport(
        name: "koinly",
        summary: "Koinly \"Universal\" import CSV: the full movement history, airdrops labelled as airdrops.",
        render: { try render(movements: $0.movements) })
}

import LedgerCore

/// CoinTracker CSV import, one file per wallet (docs/tax-exports.md, "CoinTracker"). Header exactly
/// as the template (support article 4413071299729: "Do not delete or add columns"); dates
/// "MM/DD/YYYY HH:MM:SS" in UTC; amounts exact.
///
/// CoinTracker books lots itself and treats a send in one wallet and a receive in another as a
/// transfer between own wallets; in one wallet they would be a send (a disposal) and an untagged
/// receive. So, as for Koinly, a transfer is the send row in the sender's file and the receive row in
/// the receiver's.
///
/// - claim: Received = the tokens, Tag `airdrop` (CoinTracker prices it itself), Fee = the claim's fee.
/// - buy: Received = the tokens, Sent = USD paid (amount x price), Fee = the fee.
/// - sell: Received = USD (amount x price), Sent = the tokens, Fee = the fee.
/// - transfer out: Sent = the tokens, Fee = the network fee in the moved token; transfer in:
///   Received = the tokens; both untagged.
public enum CoinTrackerCSV {
    public static let header = ["Date", "Received Quantity", "Received Currency", "Sent Quantity", "Sent Currency",
                                "Fee Amount", "Fee Currency", "Tag"]

    /// "02/20/2024 12:00:00".
    public static func date(_ i: Instant) -> String {
        let u = TaxDates.utc(i)
        return "\(TaxDates.us(u.date)) \(u.time)"
    }

    /// The file of `wallet`: its selected movements (see `HistorySelection.movements`).
    public static func render(movements all: [Movement], wallet: String,
                              selection: HistorySelection = HistorySelection()) throws(AmountError) -> String {
        var out = CSV.row(header)
        for m in selection.movements(all, wallet: wallet) {
            let d = date(m.at), sym = m.amount.asset.code, units = m.amount.quantity.description
            let value = try m.priceUsd.map { (p) throws(AmountError) in (try p * m.amount.quantity).description } ?? ""
            let fee = TaxFee.of(m)
            switch m.kind {
            case .claim:
                out += CSV.row([d, units, sym, "", "", fee.amount, fee.currency, "airdrop"])
            case .buy:
                out += CSV.row([d, units, sym, value, value.isEmpty ? "" : "USD", fee.amount, fee.currency, ""])
            case .sell:
                out += CSV.row([d, value, value.isEmpty ? "" : "USD", units, sym, fee.amount, fee.currency, ""])
            case .transfer:
                if m.walletLabel == wallet {
                    out += CSV.row([d, "", "", units, sym, fee.amount, fee.currency, ""])
                }
                if m.toWalletLabel == wallet {
                    out += CSV.row([d, units, sym, "", "", "", "", ""])
                }
            }
        }
        return out
    }
}

extension CoinTrackerCSV {
    /// `tax export --to cointracker`.
    public static let export = TaxExport(
        name: "cointracker",
        summary: "CoinTracker import CSV, one file per wallet (own transfers pair up as transfers), airdrops tagged.",
        writer: .history { try render(movements: $0, wallet: $1, selection: $2) })
}

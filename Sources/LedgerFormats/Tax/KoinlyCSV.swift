import LedgerCore

/// Koinly "Universal" import template, one file per wallet (docs/tax-exports.md, "Koinly").
///
/// Koinly books lots itself and merges a withdrawal in one of the user's Koinly wallets with a
/// deposit in another into a transfer (support article 9490024: same asset, withdrawal first, within
/// 12 hours, deposit at most 20% smaller, same or no tx hash); an unmerged pair is a sale and a
/// re-buy. So each wallet gets its own file, imported into its own Koinly wallet, and a transfer
/// between own wallets is the withdrawal row in the sender's file and the deposit row in the
/// receiver's, same time and tx hash. Amounts exact; dates UTC with seconds.
///
/// - claim: Received = the tokens, Label `airdrop`, Net Worth = amount x fair market value in USD
///   (empty when unpriced: Koinly prices it), Fee = the claim's fee.
/// - buy: Sent = USD paid (amount x price), Received = the tokens, Fee = the fee.
/// - sell: Sent = the tokens, Received = USD (amount x price), Fee = the fee.
/// - transfer out: Sent = the tokens, Fee = the network fee in the moved token.
/// - transfer in: Received = the tokens.
public enum KoinlyCSV {
    public static let header = ["Date", "Sent Amount", "Sent Currency", "Received Amount", "Received Currency",
                                "Fee Amount", "Fee Currency", "Net Worth Amount", "Net Worth Currency", "Label",
                                "Description", "TxHash"]

    /// "2024-02-20 12:00:59 UTC": Koinly's "YYYY-MM-DD 00:00 UTC" with the seconds kept, so a deposit
    /// is never written before its withdrawal.
    public static func date(_ i: Instant) -> String {
        TaxDates.isoSpace(i) + " UTC"
    }

    /// The file of `wallet`: its selected movements (see `HistorySelection.movements`).
    public static func render(movements all: [Movement], wallet: String,
                              selection: HistorySelection = HistorySelection()) throws(AmountError) -> String {
        var out = CSV.row(header)
        for m in selection.movements(all, wallet: wallet) {
            let d = date(m.at), sym = m.amount.asset.code, units = m.amount.quantity.description
            let value = try m.priceUsd.map { (p) throws(AmountError) in (try p * m.amount.quantity).description } ?? ""
            let usdIfValue = value.isEmpty ? "" : "USD"
            let fee = TaxFee.of(m)
            let tx = m.txHash ?? ""
            switch m.kind {
            case .claim:
                let from = m.projectSlug.map { " from \($0)" } ?? ""
                out += CSV.row([d, "", "", units, sym, fee.amount, fee.currency, value, usdIfValue, "airdrop",
                                "airdrop\(from)", tx])
            case .buy:
                out += CSV.row([d, value, usdIfValue, units, sym, fee.amount, fee.currency, value, usdIfValue, "", "buy", tx])
            case .sell:
                out += CSV.row([d, units, sym, value, usdIfValue, fee.amount, fee.currency, value, usdIfValue, "", "sell", tx])
            case .transfer:
                let to = m.toWalletLabel ?? "?"
                if m.walletLabel == wallet {
                    out += CSV.row([d, units, sym, "", "", fee.amount, fee.currency, value, usdIfValue, "",
                                    "transfer to own wallet \(to)", tx])
                }
                if to == wallet {
                    out += CSV.row([d, "", "", units, sym, "", "", value, usdIfValue, "",
                                    "transfer from own wallet \(m.walletLabel)", tx])
                }
            }
        }
        return out
    }
}

/// The fee column pair of a history row: in the token paid (a transfer's network fee is in the moved
/// token), else the USD fee recorded with a claim, buy or sell.
enum TaxFee {
    static func of(_ m: Movement) -> (amount: String, currency: String) {
        if m.kind == .transfer {
            guard let q = m.feeQuantity, q.isPositive else { return ("", "") }
            return (q.description, m.amount.asset.code)
        }
        guard let usd = m.feeUsd, usd.isPositive else { return ("", "") }
        return (usd.description, "USD")
    }
}

extension KoinlyCSV {
    /// `tax export --to koinly`.
    public static let export = TaxExport(
        name: "koinly",
        summary: "Koinly \"Universal\" import CSV, one file per wallet (own transfers pair up as transfers), airdrops labelled.",
        writer: .history { try render(movements: $0, wallet: $1, selection: $2) })
}

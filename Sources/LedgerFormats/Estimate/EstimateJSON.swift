import LedgerCore

/// The estimates as JSON (`airledger estimate --format json`), a stable interface: an array with one
/// object per project, keys in this order, amounts as decimal strings (USD rounded half away from
/// zero to cents; probabilities as given):
///
/// ```
/// [ { "project": "scroll", "probability": "0.6",
///     "valueIfAirdrop": { "low": "…", "base": "…", "high": "…" },   // USD, typical eligible wallet
///     "expectedValue": "…", "costsToDate": "…",                     // totals over the wallets
///     "lenses": [ { "name": "like-arbitrum", "valuePerWallet": "…" }, … ],  // null when not available
///     "wallets": [ { "wallet": "hot", "probability": "0.6", "valueIfAirdrop": {…},
///                    "expectedValue": "…", "costsToDate": "…", "lenses": [ … ] } ],
///     "baseLens": "median-of-lenses", "explanation": [ "…" ] } ]     // these two with --explain only
/// ```
public enum EstimateJSON {
    /// The whole document as text, with a final newline.
    public static func render(_ estimates: [ProjectEstimate], explain: Bool) -> String {
        JSONWriter.render { write(estimates, explain: explain, to: &$0) }
    }

    public static func write(_ estimates: [ProjectEstimate], explain: Bool, to w: inout JSONWriter) {
        w.array(estimates) { w, e in
            w.beginObject()
            w.key("project"); w.string(e.projectSlug)
            w.key("probability"); w.decimal(e.probability)
            figures(e.valueIfAirdrop, expected: e.expectedValue, costs: e.costsToDate, lenses: e.lenses, &w)
            w.key("wallets")
            w.array(e.wallets) { w, x in
                w.beginObject()
                w.key("wallet"); w.string(x.walletLabel)
                w.key("probability"); w.decimal(x.probability)
                figures(x.valueIfAirdrop, expected: x.expectedValue, costs: x.costsToDate, lenses: x.lenses, &w)
                w.endObject()
            }
            if explain {
                w.key("baseLens"); w.string(e.baseLens)
                w.key("explanation"); w.strings(e.explanation)
            }
            w.endObject()
        }
    }

    /// `valueIfAirdrop`, `expectedValue`, `costsToDate` and `lenses`, for a project or a wallet.
    static func figures(_ band: ValueBand, expected: Quantity, costs: Quantity, lenses: [EstimateLens], _ w: inout JSONWriter) {
        w.key("valueIfAirdrop")
        w.beginObject()
        w.key("low"); usd(band.low, &w)
        w.key("base"); usd(band.base, &w)
        w.key("high"); usd(band.high, &w)
        w.endObject()
        w.key("expectedValue"); usd(expected, &w)
        w.key("costsToDate"); usd(costs, &w)
        w.key("lenses")
        w.array(lenses) { w, l in
            w.beginObject()
            w.key("name"); w.string(l.name)
            w.key("valuePerWallet")
            if let v = l.valuePerWalletUsd { usd(v, &w) } else { w.null() }
            w.endObject()
        }
    }

    /// USD to cents, half away from zero, always two decimals ("1203.06", "0.00").
    static func usd(_ q: Quantity, _ w: inout JSONWriter) { w.string(q.fixed(2)) }
}

import Foundation
import LedgerCore

/// The tax report as JSON. Keys in a fixed, documented order; amounts as exact decimal strings
/// (canonical `Quantity` text, never rounded); counts as numbers. Deterministic byte for byte.
///
/// `year`, `policy` {`method`, `basis`, `airdrops`, `timeZone`}, `rules`, `income` {`total`,
/// `byAsset`, `byProject`, `claims`}, `shortTerm` and `longTerm` {`proceeds`, `costBasis`, `gain`},
/// `disposalEvents`, `disposals` (one per lot fraction: `kind`, `asset`, `amount`, `wallet`,
/// `lotWallet`, `lot`, `acquired`, `disposed`, `proceeds`, `costBasis`, `gain`, `term`, `tx`),
/// `farmingCosts` {`total`, `byProject`, `unpricedFees`}.
public enum TaxJSON {
    /// The whole document as text (for files written atomically and for tests).
    public static func render(_ r: TaxReport) -> String {
        JSONWriter.render { write(r, to: &$0) }
    }

    /// Streams the document (without its final newline): disposals are written one by one, never
    /// built as a tree, so a report with a hundred thousand of them costs little memory.
    public static func write(_ r: TaxReport, to w: inout JSONWriter) {
        w.beginObject()
        w.key("year"); w.int(r.year)
        w.key("policy")
        w.beginObject()
        w.key("method"); w.string(r.policy.method.rawValue)
        w.key("basis"); w.string(r.policy.basis.rawValue)
        w.key("airdrops"); w.string(r.policy.airdrops.rawValue)
        w.key("timeZone"); w.string(r.policy.timeZoneName)
        w.endObject()
        w.key("rules"); w.strings(r.policy.rules)
        w.key("income")
        w.beginObject()
        w.key("total"); w.decimal(r.incomeTotal)
        w.key("byAsset"); usdByKey(r.incomeByAsset, &w)
        w.key("byProject"); usdByKey(r.incomeByProject, &w)
        w.key("claims")
        w.beginArray()
        for i in r.income {
            w.element()
            w.beginObject()
            w.key("date"); w.string(i.date.description)
            w.key("at"); w.string(i.at.description)
            w.key("asset"); w.string(i.amount.asset.code)
            w.key("amount"); w.decimal(i.amount.quantity)
            w.key("priceUsd"); w.decimal(i.priceUsd)
            w.key("usd"); w.decimal(i.usd)
            w.key("project"); w.string(i.projectSlug)
            w.key("wallet"); w.string(i.walletLabel)
            w.key("tx"); w.string(i.txHash)
            w.endObject()
        }
        w.endArray()
        w.endObject()
        w.key("shortTerm"); totals(r.shortTerm, &w)
        w.key("longTerm"); totals(r.longTerm, &w)
        w.key("disposalEvents"); w.int(r.disposalEvents)
        w.key("disposals")
        w.beginArray()
        for d in r.disposals {
            w.element()
            w.beginObject()
            w.key("kind"); w.string(d.kind.rawValue)
            w.key("asset"); w.string(d.amount.asset.code)
            w.key("amount"); w.decimal(d.amount.quantity)
            w.key("wallet"); w.string(d.walletLabel)
            w.key("lotWallet"); w.string(d.lotWalletLabel)
            w.key("lot"); w.int(d.lotId)
            w.key("acquired"); w.string(d.acquired.description)
            w.key("disposed"); w.string(d.disposed.description)
            w.key("proceeds"); w.decimal(d.proceeds)
            w.key("costBasis"); w.decimal(d.costBasis)
            w.key("gain"); w.decimal(d.gain)
            w.key("term"); w.string(d.term.rawValue)
            w.key("tx"); w.string(d.txHash)
            w.endObject()
        }
        w.endArray()
        w.key("farmingCosts")
        w.beginObject()
        w.key("total"); w.decimal(r.farmingCostsTotal)
        w.key("byProject"); usdByKey(r.farmingCostsByProject, &w)
        w.key("unpricedFees"); w.int(r.unpricedFarmingFees)
        w.endObject()
        w.endObject()
    }

    /// `{"ARB": "1234.5", ...}` in the report's order.
    static func usdByKey(_ pairs: [Subtotal], _ w: inout JSONWriter) {
        w.beginObject()
        for p in pairs { w.key(p.key); w.decimal(p.usd) }
        w.endObject()
    }

    static func totals(_ t: TermTotals, _ w: inout JSONWriter) {
        w.beginObject()
        w.key("proceeds"); w.decimal(t.proceeds)
        w.key("costBasis"); w.decimal(t.costBasis)
        w.key("gain"); w.decimal(t.gain)
        w.endObject()
    }
}

extension TaxJSON {
    /// `tax export --to json`.
    public static let export = TaxExport(
        name: "json",
        summary: "The whole report as JSON: fixed key order, amounts as exact strings.",
        render: { render($0.report) })
}

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
    public static func render(_ r: TaxReport) -> String {
        var root: [(String, JSONValue)] = []
        root.append(("year", .int(r.year)))
        root.append(("policy", .object([
            ("method", .string(r.policy.method.rawValue)),
            ("basis", .string(r.policy.basis.rawValue)),
            ("airdrops", .string(r.policy.airdrops.rawValue)),
            ("timeZone", .string(r.policy.timeZoneName)),
        ])))
        root.append(("rules", .array(r.policy.rules.map { .string($0) })))
        root.append(("income", .object([
            ("total", .decimal(r.incomeTotal)),
            ("byAsset", .object(r.incomeByAsset.map { ($0.key, .decimal($0.usd)) })),
            ("byProject", .object(r.incomeByProject.map { ($0.key, .decimal($0.usd)) })),
            ("claims", .array(r.income.map { i in
                .object([
                    ("date", .string(i.date.description)),
                    ("at", .string(i.at.description)),
                    ("asset", .string(i.amount.asset.code)),
                    ("amount", .decimal(i.amount.quantity)),
                    ("priceUsd", .decimal(i.priceUsd)),
                    ("usd", .decimal(i.usd)),
                    ("project", i.projectSlug.map { .string($0) } ?? .null),
                    ("wallet", .string(i.walletLabel)),
                    ("tx", i.txHash.map { .string($0) } ?? .null),
                ])
            })),
        ])))
        root.append(("shortTerm", totals(r.shortTerm)))
        root.append(("longTerm", totals(r.longTerm)))
        root.append(("disposalEvents", .int(r.disposalEvents)))
        root.append(("disposals", .array(r.disposals.map { d in
            .object([
                ("kind", .string(d.kind.rawValue)),
                ("asset", .string(d.amount.asset.code)),
                ("amount", .decimal(d.amount.quantity)),
                ("wallet", .string(d.walletLabel)),
                ("lotWallet", .string(d.lotWalletLabel)),
                ("lot", .int(d.lotId)),
                ("acquired", .string(d.acquired.description)),
                ("disposed", .string(d.disposed.description)),
                ("proceeds", .decimal(d.proceeds)),
                ("costBasis", .decimal(d.costBasis)),
                ("gain", .decimal(d.gain)),
                ("term", .string(d.term.rawValue)),
                ("tx", d.txHash.map { .string($0) } ?? .null),
            ])
        })))
        root.append(("farmingCosts", .object([
            ("total", .decimal(r.farmingCostsTotal)),
            ("byProject", .object(r.farmingCostsByProject.map { ($0.key, .decimal($0.usd)) })),
            ("unpricedFees", .int(r.unpricedFarmingFees)),
        ])))
        return JSONValue.object(root).serialized() + "\n"
    }

    static func totals(_ t: TermTotals) -> JSONValue {
        .object([("proceeds", .decimal(t.proceeds)), ("costBasis", .decimal(t.costBasis)), ("gain", .decimal(t.gain))])
    }
}

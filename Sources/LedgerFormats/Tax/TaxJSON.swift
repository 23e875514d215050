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
        var root: [(String, JSONText)] = []
        root.append(("year", .number(r.year)))
        root.append(("policy", .object([
            ("method", .string(r.policy.method.rawValue)),
            ("basis", .string(r.policy.basis.rawValue)),
            ("airdrops", .string(r.policy.airdrops.rawValue)),
            ("timeZone", .string(r.policy.timeZoneName)),
        ])))
        root.append(("rules", .array(r.policy.rules.map { .string($0) })))
        root.append(("income", .object([
            ("total", .amount(r.incomeTotal)),
            ("byAsset", .object(r.incomeByAsset.map { ($0.key, .amount($0.usd)) })),
            ("byProject", .object(r.incomeByProject.map { ($0.key, .amount($0.usd)) })),
            ("claims", .array(r.income.map { i in
                .object([
                    ("date", .string(i.date.description)),
                    ("at", .string(i.at.description)),
                    ("asset", .string(i.amount.asset.code)),
                    ("amount", .amount(i.amount.quantity)),
                    ("priceUsd", .amount(i.priceUsd)),
                    ("usd", .amount(i.usd)),
                    ("project", i.projectSlug.map { .string($0) } ?? .null),
                    ("wallet", .string(i.walletLabel)),
                    ("tx", i.txHash.map { .string($0) } ?? .null),
                ])
            })),
        ])))
        root.append(("shortTerm", totals(r.shortTerm)))
        root.append(("longTerm", totals(r.longTerm)))
        root.append(("disposalEvents", .number(r.disposalEvents)))
        root.append(("disposals", .array(r.disposals.map { d in
            .object([
                ("kind", .string(d.kind.rawValue)),
                ("asset", .string(d.amount.asset.code)),
                ("amount", .amount(d.amount.quantity)),
                ("wallet", .string(d.walletLabel)),
                ("lotWallet", .string(d.lotWalletLabel)),
                ("lot", .number(d.lotId)),
                ("acquired", .string(d.acquired.description)),
                ("disposed", .string(d.disposed.description)),
                ("proceeds", .amount(d.proceeds)),
                ("costBasis", .amount(d.costBasis)),
                ("gain", .amount(d.gain)),
                ("term", .string(d.term.rawValue)),
                ("tx", d.txHash.map { .string($0) } ?? .null),
            ])
        })))
        root.append(("farmingCosts", .object([
            ("total", .amount(r.farmingCostsTotal)),
            ("byProject", .object(r.farmingCostsByProject.map { ($0.key, .amount($0.usd)) })),
            ("unpricedFees", .number(r.unpricedFarmingFees)),
        ])))
        var out = ""
        JSONText.object(root).write(into: &out, indent: 0)
        return out + "\n"
    }

    static func totals(_ t: TermTotals) -> JSONText {
        .object([("proceeds", .amount(t.proceeds)), ("costBasis", .amount(t.costBasis)), ("gain", .amount(t.gain))])
    }
}

/// A minimal JSON tree that keeps key order, written with two-space indentation.
enum JSONText {
    case string(String)
    case number(Int)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    static func amount(_ q: Quantity) -> JSONText { .string(q.description) }

    func write(into out: inout String, indent: Int) {
        let pad = String(repeating: "  ", count: indent + 1)
        let close = String(repeating: "  ", count: indent)
        switch self {
        case .string(let s): out += JSONText.quote(s)
        case .number(let n): out += String(n)
        case .null: out += "null"
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += pad
                item.write(into: &out, indent: indent + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += close + "]"
        case .object(let pairs):
            guard !pairs.isEmpty else { out += "{}"; return }
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad + JSONText.quote(k) + ": "
                v.write(into: &out, indent: indent + 1)
                out += i == pairs.count - 1 ? "\n" : ",\n"
            }
            out += close + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    r += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    r.unicodeScalars.append(u)
                }
            }
        }
        return r + "\""
    }
}

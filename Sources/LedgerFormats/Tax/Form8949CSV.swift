import LedgerCore

/// IRS Form 8949 rows as CSV, for reading: Part I (short-term) then Part II (long-term), one row per
/// disposed lot fraction, grouped by check box, each box closed by its totals row (line 2).
///
/// Box (`Form8949Box`): C / F up to tax year 2024; from 2025 I / L for self-custody wallets and
/// H / K (G / J for covered lots from 2026) for wallets held at a broker (`wallet set --broker`).
/// Rounding, stated in the file: (d) and (e) are rounded to cents half away from zero on each row,
/// (h) = (d) - (e) of the rounded values, and the totals add the rounded rows, so every printed line
/// adds up. Columns (f) and (g) stay empty (no adjustments). Lines starting with '#' are comments:
/// the tax year, the policy, the boxes and this rounding rule. `Form8949Import` is the same rows
/// for tax software (one header row, no comments, no totals).
public enum Form8949CSV {
    public static let header = [
        "Part", "Box", "(a) Description of property", "(b) Date acquired", "(c) Date sold or disposed of",
        "(d) Proceeds (sales price)", "(e) Cost or other basis", "(f) Code(s) from instructions",
        "(g) Amount of adjustment", "(h) Gain or (loss)",
    ]

    /// The check-box of a part for a tax year for a self-custody wallet (no broker form).
    public static func box(year: Int, term: HoldingTerm) -> String {
        switch (year >= Form8949Box.digitalAssetBoxesFromYear, term) {
        case (false, .short): "C"
        case (false, .long): "F"
        case (true, .short): "I"
        case (true, .long): "L"
        }
    }

    /// One disposed lot fraction as the form's columns, in cents.
    struct Line {
        var description: String
        var acquired: String
        var sold: String
        var proceeds: Quantity
        var basis: Quantity
        var gain: Quantity

        init(_ m: LotMatch) throws(AmountError) {
            description = m.kind == .fee ? "\(m.amount) (network fee)" : m.amount.description
            acquired = TaxDates.us(m.acquired)
            sold = TaxDates.us(m.disposed)
            proceeds = m.proceeds.rounded(scale: 2)
            basis = m.costBasis.rounded(scale: 2)
            gain = try proceeds - basis
        }
    }

    public static func render(_ r: TaxReport, brokers: [String: String] = [:]) throws(AmountError) -> String {
        let groups = Form8949Boxes(r, brokers: brokers).grouped(r.disposals)
        // Every box with sales; a part without any shows its no-broker box with zero totals.
        var boxes = groups
        for term in [HoldingTerm.short, .long] where !groups.contains(where: { $0.box.term == term }) {
            if let empty = Form8949Box(rawValue: box(year: r.year, term: term)) { boxes.append((empty, [])) }
        }
        boxes.sort { ($0.box.term == .long ? 1 : 0, $0.box) < ($1.box.term == .long ? 1 : 0, $1.box) }
        var out = "# Form 8949, Sales and Other Dispositions of Capital Assets, tax year \(r.year) (airledger)\n"
        out += "# Policy: \(r.policy.summary)\n"
        for (b, _) in boxes {
            out += "# Box \(b.rawValue) (Part \(b.part), \(b.term == .short ? "short-term" : "long-term")): transactions \(b.meaning)\n"
        }
        let custodial = Set(r.disposals.map(\.walletLabel)).filter { brokers[$0] != nil }.sorted()
        if r.year >= Form8949Box.digitalAssetBoxesFromYear, !custodial.isEmpty {
            out += "# Held at a broker (Form 1099-DA): " + custodial.map { "\($0) (\(brokers[$0] ?? ""))" }.joined(separator: ", ") + "\n"
        }
        out += "# Rounding: (d) and (e) rounded to cents half away from zero per row; (h) = (d) - (e) of the rounded values; totals add the rounded rows\n"
        out += CSV.row(header)
        for (b, rows) in boxes {
            var d = Quantity.zero, e = Quantity.zero
            for m in rows {
                let l = try Line(m)
                try d += l.proceeds; try e += l.basis
                out += CSV.row([b.part, b.rawValue, l.description, l.acquired, l.sold,
                                l.proceeds.fixed(2), l.basis.fixed(2), "", "", l.gain.fixed(2)])
            }
            out += CSV.row([b.part, b.rawValue, "Totals", "", "", d.fixed(2), e.fixed(2), "", "", (try d - e).fixed(2)])
        }
        return out
    }
}

extension Form8949CSV {
    /// `tax export --to form8949`.
    public static let export = TaxExport(
        name: "form8949",
        summary: "IRS Form 8949 rows to read, by box with totals, in cents; box C/F up to 2024, from 2025 I/L (self-custody) or G/H/J/K (wallet set --broker).",
        render: { try render($0.report, brokers: $0.brokers) })
}

/// Form 8949 rows for tax software to import: one header row with the column names importers map
/// (Description, Date Acquired, Date Sold, Proceeds, Cost Basis, Adjustment Code, Adjustment
/// Amount, Gain or Loss, Box), one row per disposed lot fraction, no comments and no totals. Rows
/// in box order, each box in ledger order; amounts in cents as in `Form8949CSV`.
public enum Form8949Import {
    public static let header = [
        "Description", "Date Acquired", "Date Sold", "Proceeds", "Cost Basis", "Adjustment Code", "Adjustment Amount",
        "Gain or Loss", "Box",
    ]

    public static func render(_ r: TaxReport, brokers: [String: String] = [:]) throws(AmountError) -> String {
        var out = CSV.row(header)
        for (b, rows) in Form8949Boxes(r, brokers: brokers).grouped(r.disposals) {
            for m in rows {
                let l = try Form8949CSV.Line(m)
                out += CSV.row([l.description, l.acquired, l.sold, l.proceeds.fixed(2), l.basis.fixed(2), "", "",
                                l.gain.fixed(2), b.rawValue])
            }
        }
        return out
    }

    /// `tax export --to form8949-import`.
    public static let export = TaxExport(
        name: "form8949-import",
        summary: "Form 8949 rows for tax software: one header row (Description, Date Acquired, Date Sold, Proceeds, Cost Basis, ..., Box), no comments or totals.",
        render: { try render($0.report, brokers: $0.brokers) })
}

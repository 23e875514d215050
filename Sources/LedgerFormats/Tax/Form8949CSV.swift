import LedgerCore

/// IRS Form 8949 rows as CSV: Part I (short-term) then Part II (long-term), one row per disposed
/// lot fraction, each part closed by its totals row (line 2).
///
/// Box: C / F (not reported on Form 1099-B) for tax years up to 2024; I / L (not reported on Form
/// 1099-DA, self-custody) from 2025. Rounding, stated in the file: (d) and (e) are rounded to cents
/// half away from zero on each row, (h) = (d) - (e) of the rounded values, and the totals add the
/// rounded rows, so every printed line adds up. Columns (f) and (g) stay empty (no adjustments).
/// Lines starting with '#' are comments: the tax year, the policy and this rounding rule.
public enum Form8949CSV {
    public static let header = [
        "Part", "Box", "(a) Description of property", "(b) Date acquired", "(c) Date sold or disposed of",
        "(d) Proceeds (sales price)", "(e) Cost or other basis", "(f) Code(s) from instructions",
        "(g) Amount of adjustment", "(h) Gain or (loss)",
    ]

    /// The check-box of a part for a tax year (self-custody digital assets, no broker form).
    public static func box(year: Int, term: HoldingTerm) -> String {
        switch (year >= 2025, term) {
        case (false, .short): "C"
        case (false, .long): "F"
        case (true, .short): "I"
        case (true, .long): "L"
        }
    }

    public static func render(_ r: TaxReport) throws(AmountError) -> String {
        let shortBox = box(year: r.year, term: .short), longBox = box(year: r.year, term: .long)
        let broker = r.year >= 2025 ? "Form 1099-DA" : "Form 1099-B"
        var out = "# Form 8949, Sales and Other Dispositions of Capital Assets, tax year \(r.year) (airledger)\n"
        out += "# Policy: \(r.policy.summary)\n"
        out += "# Box \(shortBox) (Part I) and \(longBox) (Part II): transactions not reported to you on \(broker)\n"
        out += "# Rounding: (d) and (e) rounded to cents half away from zero per row; (h) = (d) - (e) of the rounded values; totals add the rounded rows\n"
        out += CSV.row(header)
        for (part, term, box) in [("I", HoldingTerm.short, shortBox), ("II", .long, longBox)] {
            var d = Quantity.zero, e = Quantity.zero
            for m in r.disposals where m.term == term {
                let proceeds = m.proceeds.rounded(scale: 2), basis = m.costBasis.rounded(scale: 2)
                try d += proceeds; try e += basis
                let what = m.kind == .fee ? "\(m.amount) (network fee)" : m.amount.description
                out += CSV.row([part, box, what, TaxDates.us(m.acquired), TaxDates.us(m.disposed),
                                proceeds.fixed(2), basis.fixed(2), "", "", (try proceeds - basis).fixed(2)])
            }
            out += CSV.row([part, box, "Totals", "", "", d.fixed(2), e.fixed(2), "", "", (try d - e).fixed(2)])
        }
        return out
    }
}

extension Form8949CSV {
    /// `tax export --to form8949`.
    public static let export = TaxExport(
        name: "form8949",
        summary: "IRS Form 8949 rows (Part I short-term, Part II long-term) with totals, in cents; box C/F up to tax year 2024, I/L from 2025 (self-custody, no 1099-DA).",
        render: { try render($0.report) })
}

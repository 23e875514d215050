import LedgerCore

/// Form 8949 sales as TXF, the Tax Exchange Format version 042 (Intuit, revision of 11/30/2011) that
/// tax programs (TurboTax, H&R Block, TaxAct desktop) import.
///
/// Layout, as the specification's section VII and example 2 give it: a header (`V042`, `A` the
/// program, `D` the export date MM/DD/YYYY) closed by `^`, then one detail record per disposed lot
/// fraction in record format 4: `TD`, `N` refnum, `C1`, `L1`, `P` description, `D` date acquired,
/// `D` date sold, `$` cost basis, `$` sales net (proceeds), each record closed by `^`. Amounts in
/// cents, rounded as in `Form8949CSV`, positive, no thousands separators.
///
/// Refnums (section IV, 11/30/2011): 712 short-term / 714 long-term for sales not reported on Form
/// 1099-B (boxes C / F), 711 / 713 for basis not reported to the IRS (B / E), 321 / 323 for basis
/// reported (A / D). V042 predates the digital-asset boxes G-L (tax year 2025): their sales are
/// written with the refnum of the matching 1099-B box (I/L -> 712/714, H/K -> 711/713, G/J ->
/// 321/323) and the export says so (`notes`), since the tax program must then be told the box.
public enum TXF {
    /// The refnum of a box (see the type's note for G-L).
    public static func refnum(_ box: Form8949Box) -> Int {
        switch box {
        case .A, .G: 321
        case .B, .H: 711
        case .C, .I: 712
        case .D, .J: 323
        case .E, .K: 713
        case .F, .L: 714
        }
    }

    public static func render(_ r: TaxReport, brokers: [String: String] = [:], exportedOn: CivilDate,
                              program: String = "airledger") throws(AmountError) -> String {
        var out = "V042\nA\(program)\nD \(TaxDates.us(exportedOn))\n^\n"
        for (b, rows) in Form8949Boxes(r, brokers: brokers).grouped(r.disposals) {
            for m in rows {
                let l = try Form8949CSV.Line(m)
                out += "TD\nN\(refnum(b))\nC1\nL1\nP\(l.description)\nD\(l.acquired)\nD\(l.sold)\n$\(l.basis.fixed(2))\n$\(l.proceeds.fixed(2))\n^\n"
            }
        }
        return out
    }

    /// What the user must know about a TXF file of tax year `year`.
    public static func notes(year: Int) -> [String] {
        guard year >= Form8949Box.digitalAssetBoxesFromYear else { return [] }
        return ["TXF V042 has no refnums for the digital-asset boxes G-L of tax year \(year): sales are written as boxes A-F "
                + "(I/L as C/F: 712/714, H/K as B/E: 711/713, G/J as A/D: 321/323); check the box of each imported sale in the tax program, "
                + "or use --to form8949-import, which names the box"]
    }

    /// `tax export --to txf`.
    public static let export = TaxExport(
        name: "txf",
        summary: "Form 8949 sales as TXF V042 (Tax Exchange Format) for desktop tax programs: refnums 712/714 (boxes C/F), 711/713, 321/323.",
        render: { try render($0.report, brokers: $0.brokers, exportedOn: $0.exportedOn) },
        notes: { notes(year: $0.year) })
}

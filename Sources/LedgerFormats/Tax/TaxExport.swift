import LedgerCore

// Tax writers: a `TaxReport` (and, for full-history exports, the movements and price points) in,
// text out. Pure functions: no paths, no clock. Amounts stay exact except where a form needs cents
// (Form 8949), and that export states its rounding rule.

/// The export formats of `airledger tax summary`.
public enum TaxExport: String, Sendable, CaseIterable {
    /// IRS Form 8949 rows (Part I short-term, Part II long-term) with totals, in cents.
    case form8949
    /// Airdrop income of the year: one row per claim.
    case income
    /// Koinly "Universal" import CSV: the full movement history.
    case koinly
    /// CoinTracker import CSV: the full movement history.
    case cointracker
    /// A beancount ledger of the booking up to the end of the year (bean-check clean).
    case beancount
    /// The whole report as JSON (fixed key order, amounts as exact strings).
    case json

    /// Renders `report` in this format. `movements` feed the full-history CSVs (Koinly,
    /// CoinTracker); `prices` add price directives to beancount.
    public func render(_ report: TaxReport, movements: [Movement], prices: [PricePoint] = []) throws(AmountError) -> String {
        switch self {
        case .form8949: try Form8949CSV.render(report)
        case .income: IncomeCSV.render(report)
        case .koinly: try KoinlyCSV.render(movements: movements)
        case .cointracker: try CoinTrackerCSV.render(movements: movements)
        case .beancount: try BeancountWriter.render(report, prices: prices)
        case .json: TaxJSON.render(report)
        }
    }
}

/// Dates as the US forms and the import templates write them.
enum TaxDates {
    /// "06/01/2024" (Form 8949 columns (b) and (c)).
    static func us(_ d: CivilDate) -> String {
        pad(d.month) + "/" + pad(d.day) + "/" + pad(d.year, 4)
    }

    static func pad(_ v: Int, _ width: Int = 2) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// UTC parts of an instant: (date, "HH:MM:SS").
    static func utc(_ i: Instant) -> (date: CivilDate, time: String) {
        let text = i.description // 2024-02-20T12:00:00Z
        let time = String(text.dropFirst(11).prefix(8))
        return (i.day, time)
    }
}

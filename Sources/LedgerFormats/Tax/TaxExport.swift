import LedgerCore

// Tax writers: a `TaxReport` (and, for full-history exports, the movements and price points) in,
// text out. Pure functions: no paths, no clock. Amounts stay exact except where a form needs cents
// (Form 8949), and that export states its rounding rule. Each writer registers itself in
// `TaxExport.all`.

/// One format of `airledger tax export --to NAME`: its name, one line for the help, and its writer.
/// `TaxExport.all` is the one table the argument parser's help, its completion and the command's
/// dispatch read. A new export is a writer file declaring its `static let export` and one line in
/// `all`.
///
/// Two kinds of writer: a report export (Form 8949, income, beancount, JSON) writes one tax year
/// booked by the policy; a history export (Koinly, CoinTracker) writes one wallet's movements for a
/// tool that books lots itself, so the policy does not apply to it.
public struct TaxExport: Sendable {
    /// What a report writer may read: the year's report and, for full-history files, every movement
    /// and price point.
    public struct Input: Sendable {
        public let report: TaxReport
        public let movements: [Movement]
        public let prices: [PricePoint]
        /// The broker of each custodial wallet, by label (`wallet set --broker`): Form 8949 boxes.
        public let brokers: [String: String]
        /// The day the file is written (the TXF header), passed in: writers read no clock.
        public let exportedOn: CivilDate

        public init(report: TaxReport, movements: [Movement], prices: [PricePoint] = [], brokers: [String: String] = [:],
                    exportedOn: CivilDate) {
            self.report = report; self.movements = movements; self.prices = prices; self.brokers = brokers
            self.exportedOn = exportedOn
        }
    }

    public enum Writer: Sendable {
        /// One tax year booked by the policy.
        case report(@Sendable (Input) throws -> String)
        /// One wallet's selected movements (every movement of the ledger in, the writer keeps the
        /// wallet's own).
        case history(@Sendable (_ movements: [Movement], _ wallet: String, _ selection: HistorySelection) throws -> String)
    }

    /// What users type after `--to`.
    public let name: String
    /// One line for the help text.
    public let summary: String
    public let writer: Writer
    /// What the user must be told on stderr when this export writes a report's year (e.g. TXF's
    /// missing boxes G-L).
    public let notes: @Sendable (TaxReport) -> [String]

    public init(name: String, summary: String, writer: Writer, notes: @escaping @Sendable (TaxReport) -> [String] = { _ in [] }) {
        self.name = name; self.summary = summary; self.writer = writer; self.notes = notes
    }

    /// A report export.
    public init(name: String, summary: String, render: @escaping @Sendable (Input) throws -> String,
                notes: @escaping @Sendable (TaxReport) -> [String] = { _ in [] }) {
        self.init(name: name, summary: summary, writer: .report(render), notes: notes)
    }

    /// Whether this is a per-wallet history export (Koinly, CoinTracker).
    public var isHistory: Bool {
        if case .history = writer { return true }
        return false
    }

    /// Every export, in the order help lists them.
    public static let all: [TaxExport] = [
        Form8949CSV.export,
        Form8949Import.export,
        TXF.export,
        IncomeCSV.export,
        KoinlyCSV.export,
        CoinTrackerCSV.export,
        BeancountWriter.export,
        HledgerWriter.export,
        TaxJSON.export,
    ]

    public static func named(_ name: String) -> TaxExport? { all.first { $0.name == name } }

    /// The names as a phrase: "form8949, income, ... or json".
    public static var namesInWords: String {
        let names = all.map(\.name)
        guard let last = names.last, names.count > 1 else { return names.joined() }
        return names.dropLast().joined(separator: ", ") + " or " + last
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

    /// "2024-02-20 12:00:59" (UTC).
    static func isoSpace(_ i: Instant) -> String {
        let u = utc(i)
        return "\(u.date) \(u.time)"
    }

    /// UTC parts of an instant: (date, "HH:MM:SS").
    static func utc(_ i: Instant) -> (date: CivilDate, time: String) {
        let text = i.description // 2024-02-20T12:00:00Z
        let time = String(text.dropFirst(11).prefix(8))
        return (i.day, time)
    }
}

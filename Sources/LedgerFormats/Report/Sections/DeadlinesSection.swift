import LedgerCore

/// Section input: what the deadline time line needs. Unclaimed allocations with their deadlines.
public struct DeadlinesInput: Sendable, Hashable {
    public struct Deadline: Sendable, Hashable {
        public var date: CivilDate?
        public var project: String
        public var wallet: String
        /// Exact amount text, e.g. "1250 STRK".
        public var amount: String
        public init(date: CivilDate?, project: String, wallet: String, amount: String) {
            self.date = date; self.project = project; self.wallet = wallet; self.amount = amount
        }
    }

    public var today: CivilDate
    public var deadlines: [Deadline]

    public init(today: CivilDate, deadlines: [Deadline]) { self.today = today; self.deadlines = deadlines }

    /// Open deadlines nearest first, then expired ones (most recent first), then those without a date.
    public var ordered: [Deadline] {
        let t = today
        func rank(_ d: Deadline) -> (Int, Int64, String, String) {
            guard let date = d.date else { return (2, 0, d.project, d.wallet) }
            return date >= t ? (0, date.daysSinceEpoch, d.project, d.wallet) : (1, -date.daysSinceEpoch, d.project, d.wallet)
        }
        return deadlines.sorted { rank($0) < rank($1) }
    }

    /// Deadlines drawn at most (in the order of `ordered`); the rest are counted in a note.
    public static let maxDeadlines = 40

    public func section() -> ReportSection {
        let heading = "Claim deadlines"
        guard !deadlines.isEmpty else {
            return ReportSection(id: "deadlines", heading: heading,
                                 empty: "No unclaimed allocations: record announced ones with `airledger allocation PROJECT --wallet W --amount \"N TOKEN\" --deadline DATE`.")
        }
        let chart = EventTimeline(
            text: ChartText(
                title: "Unclaimed allocations by deadline",
                caption: "One row per unclaimed allocation, nearest deadline first, then expired ones; the dashed line is today. "
                    + "Circle: open; triangle: due within 7 days; cross: expired."),
            today: today,
            events: ordered.prefix(Self.maxDeadlines).map { .init(date: $0.date, label: "\($0.project) · \($0.wallet)", detail: $0.amount) })
        let more = deadlines.count - Self.maxDeadlines
        return ReportSection(id: "deadlines", heading: heading, figures: [chart.figure(id: "deadlines-timeline")],
                             notes: more > 0 ? ["\(more) more allocation\(more == 1 ? "" : "s") (later or older): `airledger deadlines` lists all."] : [])
    }
}

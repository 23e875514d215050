import LedgerCore

/// Calendar periods for time charts: days, ISO weeks (starting Monday) and months, in UTC civil dates.
public enum TimeUnit: String, Sendable, Hashable, CaseIterable {
    case day, week, month

    /// The first day of the period holding `d`.
    public func start(of d: CivilDate) -> CivilDate {
        switch self {
        case .day: return d
        case .week:
            // 1970-01-01 was a Thursday: (days + 3) mod 7 is 0 on Mondays.
            let days = d.daysSinceEpoch
            let offset = ((days + 3) % 7 + 7) % 7
            return CivilDate(daysSinceEpoch: days - offset)
        case .month: return CivilDate(year: d.year, month: d.month, day: 1) ?? d
        }
    }

    /// The first day of the period after the one starting at `start`.
    public func next(_ start: CivilDate) -> CivilDate {
        switch self {
        case .day: return start.adding(days: 1)
        case .week: return start.adding(days: 7)
        case .month:
            let (y, m) = start.month == 12 ? (start.year + 1, 1) : (start.year, start.month + 1)
            return CivilDate(year: y, month: m, day: 1) ?? start.adding(days: 31)
        }
    }

    /// The starts of every period from the one holding `first` to the one holding `last`, in order.
    public func periods(from first: CivilDate, through last: CivilDate) -> [CivilDate] {
        var out: [CivilDate] = []
        var p = start(of: first)
        let end = start(of: last)
        while p <= end {
            out.append(p)
            p = next(p)
        }
        return out
    }

    /// The finest unit that covers `first...last` in at most `maxPeriods` periods (months when none does).
    public static func fitting(from first: CivilDate, through last: CivilDate, maxPeriods: Int) -> TimeUnit {
        let days = Int(last.daysSinceEpoch - first.daysSinceEpoch) + 1
        if days <= maxPeriods { return .day }
        if days / 7 + 2 <= maxPeriods { return .week }
        return .month
    }

    /// "4 Mar" (day, week) or "Mar" (month), with the year when it differs from `previous`'s
    /// (or there is no previous label): "4 Mar 2024", "Jan 2025".
    public func label(_ start: CivilDate, previous: CivilDate?) -> String {
        let year = previous.map { $0.year != start.year } ?? true
        let month = TimeUnit.monthNames[start.month - 1]
        switch self {
        case .day, .week: return "\(start.day) \(month)" + (year ? " \(start.year)" : "")
        case .month: return month + (year ? " \(start.year)" : "")
        }
    }

    /// The period's name in a table: "2024-03-04" (a day, or the Monday starting a week), "2024-03" (month).
    public func name(_ start: CivilDate) -> String {
        switch self {
        case .day, .week: return start.description
        case .month: return String(start.description.prefix(7))
        }
    }

    /// Column heading for period names: "Day", "Week (Monday)", "Month".
    public var heading: String {
        switch self {
        case .day: "Day"
        case .week: "Week (Monday)"
        case .month: "Month"
        }
    }

    /// Label every k-th period so at most `maxLabels` show, k from round strides for the unit.
    public func labelStride(periods: Int, maxLabels: Int) -> Int {
        let strides: [Int] = switch self {
        case .day: [1, 2, 7, 14, 28, 91, 182, 364]
        case .week: [1, 2, 4, 8, 13, 26, 52, 104]
        case .month: [1, 2, 3, 6, 12, 24, 60, 120]
        }
        return strides.first { (periods + $0 - 1) / $0 <= maxLabels } ?? max(1, (periods + maxLabels - 1) / max(maxLabels, 1))
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}

/// A continuous time scale over civil days (for dated events): day d maps linearly between `start`
/// and `end` pixels; ticks are round calendar dates (days, Mondays, first days of months or years).
public struct TimeScale: Sendable {
    public let first: CivilDate
    public let last: CivilDate
    public let start: Double
    public let end: Double
    /// Tick dates and their labels.
    public let ticks: [(date: CivilDate, label: String)]

    public init(from first: CivilDate, through last: CivilDate, start: Double, end: Double, maxTicks: Int = 8) {
        let last = last > first ? last : first.adding(days: 1)
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        ticks = TimeScale.ticks(from: first, through: last, maxTicks: maxTicks)
    }

    public func position(_ d: CivilDate) -> Double {
        let span = Double(last.daysSinceEpoch - first.daysSinceEpoch)
        return start + Double(d.daysSinceEpoch - first.daysSinceEpoch) / span * (end - start)
    }

    static func ticks(from first: CivilDate, through last: CivilDate, maxTicks: Int) -> [(date: CivilDate, label: String)] {
        // Candidate tick rules, finest first: the first that gives at most maxTicks ticks.
        let rules: [(TimeUnit, Int)] = [(.day, 1), (.day, 2), (.week, 1), (.week, 2), (.month, 1), (.month, 2), (.month, 3),
                                        (.month, 6), (.month, 12), (.month, 24), (.month, 60), (.month, 120)]
        for (unit, every) in rules {
            var dates: [CivilDate] = []
            var p = unit.start(of: first)
            if p < first { p = unit.next(p) }
            var index = 0
            while p <= last && dates.count <= maxTicks {
                // Months: keep months whose number is a multiple of the stride (Jan, Apr, Jul, Oct for 3).
                let keep = unit == .month ? ((p.year * 12 + p.month - 1) % every == 0) : index % every == 0
                if keep { dates.append(p) }
                p = unit.next(p)
                index += 1
            }
            if dates.count <= maxTicks && !dates.isEmpty {
                let yearly = unit == .month && every >= 12
                return dates.enumerated().map { i, d in
                    (d, yearly ? String(d.year) : unit.label(d, previous: i > 0 ? dates[i - 1] : nil))
                }
            }
        }
        return [(first, TimeUnit.day.label(first, previous: nil))]
    }
}

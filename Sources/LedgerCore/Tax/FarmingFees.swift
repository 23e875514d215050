import Foundation

/// The farming costs of one tax year from activity: the one place of the rule "the fees logged on the
/// activities of the year", used by the tax report (`TaxEngine.report`) whoever reads the activities
/// (`tax summary`, `tax export`, the HTML report). Fed one activity at a time (or a count of activities
/// sharing a fee), so a caller can stream millions of rows through it without holding them.
///
/// The rule:
/// - an activity counts when its day, in the policy's time zone, is in the year;
/// - its fee in USD counts: the logged USD fee, else the fee in a token valued by the one price rule
///   (`PriceRule.pricing`, applied by whoever reads the activity); a project with a priced fee is
///   listed even when its fees add up to zero;
/// - a fee without a USD value is counted in `unpriced`, not in the sums (unknown, never zero);
/// - an activity without a fee adds nothing.
/// Claim fees (the other farming cost) are added by the engine from the claims it books.
public struct FarmingFees: Sendable {
    public let year: Int
    public let timeZone: TimeZone
    /// USD fees per project slug.
    public private(set) var byProject: [String: Quantity] = [:]
    /// Activities of the year with a fee but no USD value.
    public private(set) var unpriced = 0

    /// Instants certainly in the year in any time zone (offsets stay within a day): [inside.lowerBound, inside.upperBound).
    private let inside: Range<Int64>
    /// Instants that may be in the year in some time zone; outside them an activity is certainly not.
    private let near: Range<Int64>

    public init(year: Int, timeZone: TimeZone) throws(TaxError) {
        guard (1...9999).contains(year), let jan1 = CivilDate(year: year, month: 1, day: 1),
              let next = CivilDate(year: year + 1, month: 1, day: 1) else { throw .badYear(year) }
        self.year = year
        self.timeZone = timeZone
        let start = jan1.startUTC.seconds, end = next.startUTC.seconds
        inside = (start + 86_400)..<max(start + 86_400, end - 86_400)
        near = (start - 86_400)..<(end + 86_400)
    }

    /// The instants a reader must cover, [since, until): every activity of the year lies in it (a day's
    /// margin each side of the UTC year for the time zone); `add` decides on the exact day.
    public var window: (since: Instant, until: Instant) {
        (Instant(seconds: near.lowerBound), Instant(seconds: near.upperBound))
    }

    /// Whether an activity at `at` is in the year (its day in the time zone).
    public func contains(_ at: Instant) -> Bool {
        if inside.contains(at.seconds) { return true }
        guard near.contains(at.seconds) else { return false }
        return at.day(in: timeZone).year == year
    }

    /// Adds `count` activities of `project` at `at` whose fee is worth `usd` each; `usd` nil with
    /// `hasFee` is a fee without a USD value, and no fee at all adds nothing.
    public mutating func add(project: String, at: Instant, usd: Quantity?, hasFee: Bool, count: Int = 1) throws(TaxError) {
        guard count > 0, contains(at) else { return }
        guard let usd else {
            if hasFee { unpriced += count }
            return
        }
        try exact(TaxError.amount) { () throws(AmountError) in
            let total = count == 1 ? usd : try usd * Quantity(exactly: count)
            try byProject[project, default: .zero] += total
        }
    }

    /// Adds one activity (its `feeUsd` as the reader priced it).
    public mutating func add(_ a: Activity) throws(TaxError) {
        try add(project: a.projectSlug, at: a.at, usd: a.feeUsd, hasFee: a.fee != nil)
    }

    /// The fees of `activities` in the year.
    public init(year: Int, timeZone: TimeZone, activities: [Activity]) throws(TaxError) {
        self = try FarmingFees(year: year, timeZone: timeZone)
        for a in activities { try add(a) }
    }
}

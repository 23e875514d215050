/// Per project and wallet: how much farming was done and what it cost so far.
///
/// Days, weeks (Monday-based, UTC) and months are distinct calendar periods with at least one entry;
/// volume and fees add the USD values logged (entries without a USD value are counted in
/// `entriesWithoutUsdFee` so the total is not mistaken for complete); points is the latest dashboard
/// reading, else the latest points value logged on an activity.
public struct ActivitySummary: Sendable, Hashable {
    public var projectSlug: String
    public var walletLabel: String
    public var entries: Int
    public var transactions: Int
    public var activeDays: Int
    public var activeWeeks: Int
    public var activeMonths: Int
    public var first: Instant?
    public var last: Instant?
    public var volumeUsd: Quantity
    public var bridgedUsd: Quantity
    public var feesUsd: Quantity
    public var entriesWithoutUsdFee: Int
    public var failed: Int
    public var latestPoints: Quantity?
    public var latestPointsAt: Instant?
    /// Seconds between the first and last activity.
    public var spanSeconds: Int64 { (last?.seconds ?? 0) - (first?.seconds ?? 0) }

    public static func summarize(_ activities: [Activity], points: [PointsReading]) -> [ActivitySummary] {
        struct Key: Hashable { let project: String; let wallet: String }
        var groups: [Key: [Activity]] = [:]
        for a in activities { groups[Key(project: a.projectSlug, wallet: a.walletLabel), default: []].append(a) }
        var readings: [Key: PointsReading] = [:]
        for r in points {
            let k = Key(project: r.projectSlug, wallet: r.walletLabel)
            if let old = readings[k], (old.at, old.id) > (r.at, r.id) { continue }
            readings[k] = r
        }
        for k in readings.keys where groups[k] == nil { groups[k] = [] }
        return groups.map { key, acts in
            let sorted = acts.sorted { ($0.at, $0.id) < ($1.at, $1.id) }
            var s = ActivitySummary(
                projectSlug: key.project, walletLabel: key.wallet, entries: sorted.count,
                transactions: sorted.filter { $0.txHash != nil }.count,
                activeDays: Set(sorted.map { $0.at.day.daysSinceEpoch }).count,
                activeWeeks: Set(sorted.map { weekIndex($0.at) }).count,
                activeMonths: Set(sorted.map { $0.at.day.year * 12 + $0.at.day.month }).count,
                first: sorted.first?.at, last: sorted.last?.at,
                volumeUsd: sorted.compactMap(\.volumeUsd).sum(),
                bridgedUsd: sorted.filter { $0.kind == .bridge }.compactMap(\.volumeUsd).sum(),
                feesUsd: sorted.compactMap(\.feeUsd).sum(),
                entriesWithoutUsdFee: sorted.filter { $0.fee != nil && $0.feeUsd == nil }.count,
                failed: sorted.filter(\.failed).count)
            if let r = readings[key] {
                s.latestPoints = r.points
                s.latestPointsAt = r.at
            } else if let a = sorted.last(where: { $0.points != nil }) {
                s.latestPoints = a.points
                s.latestPointsAt = a.at
            }
            return s
        }.sorted { ($0.projectSlug, $0.walletLabel) < ($1.projectSlug, $1.walletLabel) }
    }

    /// Monday-based week number since 1970 (1970-01-01 was a Thursday).
    static func weekIndex(_ t: Instant) -> Int64 {
        let days = t.day.daysSinceEpoch
        let shifted = days + 3
        return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    }
}

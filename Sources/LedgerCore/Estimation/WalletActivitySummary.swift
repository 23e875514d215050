import Foundation

/// What one wallet did for one project, in the terms airdrop criteria use: distinct active days,
/// ISO weeks and months, transactions, volume, bridged value, points, fees, first and last activity.
///
/// Rules (also the "activity summary" report's):
/// - Periods are UTC: a day is a UTC calendar day, a week an ISO-8601 week (Monday start, the week
///   belongs to the year of its Thursday), a month a UTC calendar month. Every logged entry counts.
/// - `transactions` counts on-chain entries: every kind except `points` and `social` (off-chain
///   records). Failed transactions count (they were sent and paid for). Entries with the same chain
///   and tx hash are legs of one transaction (the normal, internal and token-transfer exports of one
///   swap) and count once.
/// - `volumeUsd` sums the transactions' volumes: an entry without a tx hash counts its own
///   `volumeUsd`; a transaction counts its largest leg (a swap's ETH out and token in are the same
///   value, not twice it). `bridgedUsd` does the same over transactions with a `bridge` entry;
///   `feesUsd` sums `feeUsd` of every entry (only the transaction itself carries the fee). A
///   transaction or entry with a volume but no USD value is counted in `volumesWithoutUsd`, an
///   entry with a fee but no USD value in `feesWithoutUsd`, so a report can say a sum is incomplete
///   (and show it as unknown, never as a smaller figure). The activities come valued by the one
///   price rule (`PriceRule.pricing`): a volume or fee in a token has a USD value when the price
///   table has the token's price within the rule's window.
/// - Points: the latest dashboard reading (by time, at or before `now`; ties: the larger) wins,
///   because a reading is the program's own total. With no reading, the largest `points` value
///   logged on an activity is used (users log the dashboard figure next to an action; summing
///   them would double count). `pointsSource` says which.
/// - `first`/`last` cover every entry; `firstTransaction`/`lastTransaction` the on-chain ones (the
///   48-hour rule looks at transactions, so a later points note does not lift it).
/// - Entries and readings after `now` are ignored (they cannot have happened yet).
public struct WalletActivitySummary: Sendable, Hashable {
    public enum PointsSource: String, Sendable, Hashable {
        case reading, activityMaximum, none
    }

    public var projectSlug: String
    public var walletLabel: String
    public var entries: Int
    public var transactions: Int
    public var failedTransactions: Int
    public var activeDays: Int
    public var activeWeeks: Int
    public var activeMonths: Int
    public var bridges: Int
    public var volumeUsd: Quantity
    public var bridgedUsd: Quantity
    public var feesUsd: Quantity
    public var volumesWithoutUsd: Int
    /// Bridge transactions or entries with a volume but no USD value (so `bridgedUsd` is incomplete).
    public var bridgesWithoutUsd: Int = 0
    public var feesWithoutUsd: Int
    public var points: Quantity?
    public var pointsAt: Instant?
    public var pointsSource: PointsSource
    public var first: Instant?
    public var last: Instant?
    /// First and last on-chain entry (what "all transactions within 48 hours" looks at).
    public var firstTransaction: Instant?
    public var lastTransaction: Instant?

    public init(projectSlug: String, walletLabel: String, entries: Int = 0, transactions: Int = 0,
                failedTransactions: Int = 0, activeDays: Int = 0, activeWeeks: Int = 0, activeMonths: Int = 0,
                bridges: Int = 0, volumeUsd: Quantity = .zero, bridgedUsd: Quantity = .zero,
                feesUsd: Quantity = .zero, volumesWithoutUsd: Int = 0, feesWithoutUsd: Int = 0,
                points: Quantity? = nil, pointsAt: Instant? = nil, pointsSource: PointsSource = .none,
                first: Instant? = nil, last: Instant? = nil, firstTransaction: Instant? = nil, lastTransaction: Instant? = nil) {
        self.projectSlug = projectSlug; self.walletLabel = walletLabel; self.entries = entries
        self.transactions = transactions; self.failedTransactions = failedTransactions
        self.activeDays = activeDays; self.activeWeeks = activeWeeks; self.activeMonths = activeMonths
        self.bridges = bridges; self.volumeUsd = volumeUsd; self.bridgedUsd = bridgedUsd; self.feesUsd = feesUsd
        self.volumesWithoutUsd = volumesWithoutUsd; self.feesWithoutUsd = feesWithoutUsd
        self.points = points; self.pointsAt = pointsAt; self.pointsSource = pointsSource
        self.first = first; self.last = last
        self.firstTransaction = firstTransaction; self.lastTransaction = lastTransaction
    }

    /// Seconds between the first and the last on-chain entry (0 with one; nil with none).
    public var transactionSpanSeconds: Int64? {
        guard let f = firstTransaction, let l = lastTransaction else { return nil }
        return l.seconds - f.seconds
    }

    /// Summarises the entries of one (project, wallet). Pass that pair's activities and readings;
    /// entries of other pairs are ignored, so passing everything is also correct.
    public static func summarize(projectSlug: String, walletLabel: String, activities: [Activity],
                                 readings: [PointsReading], now: Instant) throws(AmountError) -> WalletActivitySummary {
        var b = Builder(projectSlug: projectSlug, walletLabel: walletLabel)
        for a in activities where a.projectSlug == projectSlug && a.walletLabel == walletLabel && a.at <= now { try b.add(a) }
        return try b.summary(readings: readings, now: now)
    }

    /// The summary of one (project, wallet) built one entry at a time, in any order: a reader streams
    /// millions of rows through builders without holding them. `summarize` is this over an array.
    public struct Builder: Sendable {
        /// The legs of each transaction (same chain and tx hash), folded into one.
        struct TxKey: Hashable { let chain: String; let hash: String }
        struct Transaction { var usd: Quantity?; var withoutUsd = false; var bridge = false; var failed = false; var onChain = false }

        private var s: WalletActivitySummary
        /// The entries' UTC days (days since the epoch), one per run of equal days: distinct and sorted
        /// when entries come in time order (as the store streams them), else deduplicated at the end.
        private var dayRuns: [Int64] = []
        private var inTimeOrder = true
        private var maxActivityPoints: Quantity?
        private var slots: [TxKey: Int] = [:]
        private var transactions: [Transaction] = []

        public init(projectSlug: String, walletLabel: String) {
            s = WalletActivitySummary(projectSlug: projectSlug, walletLabel: walletLabel)
        }

        /// Adds one entry of this pair (the caller has chosen the pair and left out entries after `now`).
        public mutating func add(_ a: Activity) throws(AmountError) {
            s.entries += 1
            let onChain = a.kind != .points && a.kind != .social
            if onChain {
                if s.firstTransaction.map({ a.at < $0 }) ?? true { s.firstTransaction = a.at }
                if s.lastTransaction.map({ a.at > $0 }) ?? true { s.lastTransaction = a.at }
            }
            if let hash = a.txHash {
                let key = TxKey(chain: a.chain ?? "", hash: hash)
                let i: Int
                if let known = slots[key] {
                    i = known
                } else {
                    i = transactions.count
                    slots[key] = i
                    transactions.append(Transaction())
                }
                if let v = a.volumeUsd {
                    transactions[i].usd = max(transactions[i].usd ?? v, v)
                } else if a.volume != nil {
                    transactions[i].withoutUsd = true
                }
                if a.kind == .bridge { transactions[i].bridge = true }
                if a.failed { transactions[i].failed = true }
                if onChain { transactions[i].onChain = true }
            } else {
                if onChain {
                    s.transactions += 1
                    if a.failed { s.failedTransactions += 1 }
                }
                if let v = a.volumeUsd {
                    try s.volumeUsd += v
                    if a.kind == .bridge { try s.bridgedUsd += v }
                } else if a.volume != nil {
                    s.volumesWithoutUsd += 1
                    if a.kind == .bridge { s.bridgesWithoutUsd += 1 }
                }
                if a.kind == .bridge { s.bridges += 1 }
            }
            let secs = a.at.seconds
            let day = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
            if let last = dayRuns.last {
                if day != last {
                    if day < last { inTimeOrder = false }
                    dayRuns.append(day)
                }
            } else {
                dayRuns.append(day)
            }
            if let f = a.feeUsd { try s.feesUsd += f } else if a.fee != nil { s.feesWithoutUsd += 1 }
            if let p = a.points { maxActivityPoints = max(maxActivityPoints ?? p, p) }
            if s.first.map({ a.at < $0 }) ?? true { s.first = a.at }
            if s.last.map({ a.at > $0 }) ?? true { s.last = a.at }
        }

        /// The summary of the entries added, with the points of `readings` (this pair's, at or before `now`).
        public func summary(readings: [PointsReading], now: Instant) throws(AmountError) -> WalletActivitySummary {
            var s = self.s
            for t in transactions {
                if t.onChain {
                    s.transactions += 1
                    if t.failed { s.failedTransactions += 1 }
                }
                if let v = t.usd {
                    try s.volumeUsd += v
                    if t.bridge { try s.bridgedUsd += v }
                } else if t.withoutUsd {
                    s.volumesWithoutUsd += 1
                    if t.bridge { s.bridgesWithoutUsd += 1 }
                }
                if t.bridge { s.bridges += 1 }
            }
            // Weeks and months from the distinct days: per day, not per entry.
            let days = inTimeOrder ? dayRuns : Array(Set(dayRuns))
            var weeks = Set<Int64>(), months = Set<Int>()
            for d in days {
                let date = CivilDate(daysSinceEpoch: d)
                weeks.insert(isoWeekKey(date))
                months.insert(date.year * 12 + date.month - 1)
            }
            s.activeDays = days.count
            s.activeWeeks = weeks.count
            s.activeMonths = months.count

            let latest = readings
                .filter { $0.projectSlug == s.projectSlug && $0.walletLabel == s.walletLabel && $0.at <= now }
                .max { ($0.at, $0.points) < ($1.at, $1.points) }
            if let r = latest {
                s.points = r.points; s.pointsAt = r.at; s.pointsSource = .reading
            } else if let p = maxActivityPoints {
                s.points = p; s.pointsSource = .activityMaximum
            }
            return s
        }
    }

    /// Summaries of every (project, wallet) pair that has activity or readings, sorted by project
    /// then wallet.
    public static func summarizeAll(activities: [Activity], readings: [PointsReading], now: Instant) throws(AmountError) -> [WalletActivitySummary] {
        struct Key: Hashable, Comparable {
            let project: String, wallet: String
            static func < (a: Key, b: Key) -> Bool { (a.project, a.wallet) < (b.project, b.wallet) }
        }
        // Group once, then summarise each pair from its own entries: O(n), not O(pairs x n).
        var acts: [Key: [Activity]] = [:], reads: [Key: [PointsReading]] = [:]
        for a in activities where a.at <= now { acts[Key(project: a.projectSlug, wallet: a.walletLabel), default: []].append(a) }
        for r in readings where r.at <= now { reads[Key(project: r.projectSlug, wallet: r.walletLabel), default: []].append(r) }
        let keys = Set(acts.keys).union(reads.keys)
        return try keys.sorted().map { (k) throws(AmountError) in
            try summarize(projectSlug: k.project, walletLabel: k.wallet, activities: acts[k] ?? [], readings: reads[k] ?? [], now: now)
        }
    }

    /// A key unique to the ISO week of `day`: the days-since-epoch of that week's Thursday.
    static func isoWeekKey(_ day: CivilDate) -> Int64 {
        let d = day.daysSinceEpoch
        // 1970-01-01 was a Thursday: weekday 0 = Monday.
        let weekday = ((d + 3) % 7 + 7) % 7
        return d - weekday + 3
    }

    /// ISO-8601 week label of `day`: "2024-W07".
    public static func isoWeek(_ day: CivilDate) -> String {
        let d = day.daysSinceEpoch
        let weekday = ((d + 3) % 7 + 7) % 7
        let thursday = CivilDate(daysSinceEpoch: d - weekday + 3)
        let jan1 = CivilDate(year: thursday.year, month: 1, day: 1)?.daysSinceEpoch ?? thursday.daysSinceEpoch
        let week = (thursday.daysSinceEpoch - jan1) / 7 + 1
        return String(format: "%04d-W%02d", thursday.year, Int(week))
    }
}

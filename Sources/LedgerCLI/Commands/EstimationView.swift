import LedgerCore
import LedgerStore

/// What `estimate` and `value` read from the ledger, seen as of one moment (`--as-of`, else now).
///
/// As of a moment T:
/// - activity, points readings and claims after T are ignored (they had not happened yet);
/// - benchmarks are the airdrops dated on or before T, never the project's own row (an estimate must
///   not see the outcome it predicts; the backtest leaves rows out the same way);
/// - a launched project whose airdrop date is after T is estimated with its early-2024 watchlist
///   status (`status_2024`), the only earlier status the ledger knows; with an explicit `--as-of`,
///   an ended project is too (the ledger does not know when it ended). A project without a 2024
///   status keeps its own. The project's own `--probability` still wins over any status default.
/// - burned wallets (flagged by a sybil filter) are left out: they will not receive an airdrop.
struct EstimationView {
    let asOf: Instant
    let explicitAsOf: Bool
    /// Projects by slug, with the effective status applied.
    let projects: [String: Project]
    /// Why a project's status differs from the one stored (slug: note).
    let statusNotes: [String: String]
    /// Summaries of active wallets as of `asOf`, filtered by wallet when asked.
    let summaries: [WalletActivitySummary]
    /// Claims at or before `asOf`, filtered by wallet when asked.
    let claims: [Movement]
    /// Burned wallets left out, with their activity.
    let burnedSkipped: [String]

    static func load(_ db: LedgerDatabase, wallet: Wallet?, asOf text: String?) throws -> EstimationView {
        let now = Out.now
        let asOf = try text.map { try Instant(parsing: $0) } ?? now
        if asOf > now { throw CLIError.data("--as-of \(text ?? "") is in the future (now is \(now)): estimates look back, not ahead") }
        return EstimationView(asOf: asOf, explicitAsOf: text != nil, wallet: wallet, wallets: try db.wallets(),
                              projects: try db.projects(), summaries: try db.activitySummaries(wallet: wallet?.label, now: asOf),
                              movements: try db.movements())
    }

    /// The view as of `asOf` from what the store read: `summaries` as of `asOf` (of `wallet` when one
    /// is given), every wallet, project and movement.
    init(asOf: Instant, explicitAsOf: Bool, wallet: Wallet?, wallets: [Wallet], projects stored: [Project],
         summaries all: [WalletActivitySummary], movements: [Movement]) {
        let burned = Set(wallets.filter { $0.status == .burned }.map(\.label))
        var projects: [String: Project] = [:]
        var notes: [String: String] = [:]
        for var p in stored {
            let launchedLater = p.status == .launched && (p.airdropDate.map { $0 > asOf.day } ?? false)
            let endedLater = p.status == .ended && explicitAsOf
            if launchedLater || endedLater, let s = p.status2024, s != p.status {
                notes[p.slug] = "\(p.slug): \(s.rawValue) as in the 2024 watchlist (\(p.status.rawValue)"
                    + (p.airdropDate.map { " on \($0)" } ?? " since") + ", after \(asOf.day))"
                p.status = s
            }
            projects[p.slug] = p
        }
        self.asOf = asOf
        self.explicitAsOf = explicitAsOf
        self.projects = projects
        self.statusNotes = notes
        self.summaries = all.filter { !burned.contains($0.walletLabel) }
        self.claims = movements.filter { $0.kind == .claim && $0.at <= asOf && (wallet == nil || $0.walletId == wallet?.id) }
        self.burnedSkipped = Array(Set(all.filter { burned.contains($0.walletLabel) }.map(\.walletLabel))).sorted()
    }

    /// Projects with logged activity (as of T) and no claim yet, by slug.
    var candidates: [Project] {
        let claimed = Set(claims.compactMap(\.projectSlug))
        let active = Set(summaries.filter { $0.entries > 0 || $0.points != nil }.map(\.projectSlug))
        return active.subtracting(claimed).sorted().compactMap { projects[$0] }
    }

    /// The benchmarks an estimate of `project` may see as of T.
    func benchmarks(for project: Project) -> [Benchmark] {
        Benchmarks.bundled.filter { $0.date <= asOf.day && $0.slug != project.slug }
    }

    /// The estimate of `project` for the wallets with activity there (a typical eligible wallet when none).
    func estimate(_ project: Project) throws -> ProjectEstimate {
        let mine = summaries.filter { $0.projectSlug == project.slug }.map { (label: $0.walletLabel, summary: $0) }
        return try EstimateEngine.estimate(project: projects[project.slug] ?? project, benchmarks: benchmarks(for: project),
                                       wallets: mine, now: asOf)
    }
}

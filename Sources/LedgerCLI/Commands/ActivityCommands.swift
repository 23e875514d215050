import ArgumentParser
import LedgerCore
import LedgerStore

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "Log a qualifying activity: what a wallet did for a project and what it cost.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The project's slug.") var project: String
    @Option(help: "The wallet's label.") var wallet: String
    @Option(help: "testnet, bridge, swap, liquidity, stake, lend, mint, governance, deploy, social, points or other.") var kind: Activity.Kind
    @Option(help: "When: a date or ISO-8601 date-time (UTC unless an offset is given). Default: now.") var at: String?
    @Option(help: "The chain it happened on (default: the wallet's chain).") var chain: String?
    @Option(help: "Transaction hash.") var tx: String?
    @Option(parsing: .unconditional, help: "Volume moved, e.g. \"1.5 ETH\".") var volume: String?
    @Option(name: .customLong("volume-usd"), parsing: .unconditional, help: "Volume in USD.") var volumeUsd: String?
    @Option(parsing: .unconditional, help: "Fee paid, e.g. \"0.0012 ETH\".") var fee: String?
    @Option(name: .customLong("fee-usd"), parsing: .unconditional, help: "Fee in USD.") var feeUsd: String?
    @Option(parsing: .unconditional, help: "Points earned by this action.") var points: String?
    @Option(help: "Free text.") var note: String?

    func run() throws {
        let db = try ledger.open()
        let now = Out.now
        let w = try db.wallet(labelled: wallet)
        let chainName = try chain.map { try Chains.parse($0).name } ?? w.chain.name
        let family = Chains.named(chainName)?.family ?? w.chain.family
        let a = Activity(
                projectSlug: project, walletLabel: w.label, kind: kind, at: try parseTime(at, now: now), chain: chainName,
                txHash: try tx.map { try AddressRules.validateTxHash($0, family: family) },
                volume: try volume.map { try Amount(parsing: $0, what: "--volume") },
                volumeUsd: try volumeUsd.map { try Quantity.nonNegative($0, what: "--volume-usd") },
                fee: try fee.map { try Amount(parsing: $0, what: "--fee") },
                feeUsd: try feeUsd.map { try Quantity.nonNegative($0, what: "--fee-usd") },
                points: try points.map { try Quantity.nonNegative($0, what: "--points") },
                note: note, source: "cli")
        do { try a.checkNetworkFee(walletChain: w.chain) } catch {
            throw CLIError.data("\(error) If a paymaster took another token, log the fee's USD value with --fee-usd instead.")
        }
        let saved = try db.recordActivity(a, now: now)
        Out.data("\(EntryId(.activity, saved.id)): logged \(saved.kind.rawValue) on \(saved.projectSlug) by '\(saved.walletLabel)' at \(saved.at)")
    }
}

struct ActivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "activity",
        abstract: "Read logged activity.",
        subcommands: [List.self, Summary.self],
        defaultSubcommand: List.self)

    struct Filters: ParsableArguments {
        @Option(help: "Only this project.") var project: String?
        @Option(help: "Only this wallet.") var wallet: String?
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List activity entries (the default).")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var filters: Filters
        @Option(help: "Only this kind.") var kind: Activity.Kind?
        @Option(help: "From this date or time (inclusive).") var since: String?
        @Option(help: "Until this date (inclusive) or time (exclusive).") var until: String?

        func run() throws {
            let db = try ledger.open()
            let s = try since.map { try Instant(parsing: $0) }
            var u = try until.map { try Instant(parsing: $0) }
            if let text = until, text.count == 10, let t = u { u = t.adding(seconds: 86_400) }
            let acts = try db.activities(ActivityFilter(project: filters.project, wallet: filters.wallet, kind: kind, since: s, until: u))
            let listing = Listing([
                .init("id", "Id"), .init("at", "When"), .init("project", "Project"), .init("wallet", "Wallet"),
                .init("kind", "Kind"), .init("chain", "Chain"), .init("volume", "Volume", numeric: true),
                .init("volumeUsd", "Volume USD", numeric: true), .init("fee", "Fee", numeric: true),
                .init("feeUsd", "Fee USD", numeric: true), .init("points", "Points", numeric: true),
                .init("failed", "Failed"), .init("txHash", "Tx"), .init("note", "Note"),
            ], rows: acts.map { a in
                [.id(EntryId(.activity, a.id)), .s(a.at.description), .s(a.projectSlug), .s(a.walletLabel), .s(a.kind.rawValue), .s(a.chain),
                 .s(a.volume?.description), .usd(a.volumeUsd), .s(a.fee?.description), .usd(a.feeUsd), .q(a.points),
                 .b(a.failed), .custom(.text(a.txHash), a.txHash.map(Self.short) ?? "-"), .s(a.note)]
            }, footer: acts.isEmpty ? [] : ["\(acts.count) \(acts.count == 1 ? "entry" : "entries"); fees \(Format.usd(try acts.compactMap(\.feeUsd).sum()))"])
            Out.data(listing.render(output.format))
        }

        static func short(_ h: String) -> String { h.count > 14 ? String(h.prefix(8)) + "…" + String(h.suffix(4)) : h }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Per project and wallet: entries, active days/weeks/months, first and last, volume, fees, latest points.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var filters: Filters

        func run() throws {
            let db = try ledger.open()
            let sums = try db.activitySummaries(project: filters.project, wallet: filters.wallet, now: Out.now)
            Out.data(try Self.listing(sums).render(output.format))
        }

        static func listing(_ sums: [WalletActivitySummary]) throws -> Listing {
            Listing([
                .init("project", "Project"), .init("wallet", "Wallet"), .init("entries", "Entries", numeric: true),
                .init("activeDays", "Days", numeric: true), .init("activeWeeks", "Weeks", numeric: true),
                .init("activeMonths", "Months", numeric: true), .init("firstActivity", "First"), .init("lastActivity", "Last"),
                .init("transactions", "Txs", numeric: true), .init("volumeUsd", "Volume USD", numeric: true),
                .init("bridgedUsd", "Bridged USD", numeric: true), .init("feesUsd", "Fees USD", numeric: true),
                .init("latestPoints", "Points", numeric: true), .init("latestPointsAt", "Points at"),
            ], rows: sums.map { s in
                [.s(s.projectSlug), .s(s.walletLabel), .i(s.entries), .i(s.activeDays), .i(s.activeWeeks), .i(s.activeMonths),
                 .s(s.first?.day.description), .s(s.last?.day.description), .i(s.transactions),
                 // A sum with an unknown part is unknown: `-`, never the smaller known figure.
                 .usd(s.volumesWithoutUsd > 0 ? nil : s.volumeUsd), .usd(s.bridgesWithoutUsd > 0 ? nil : s.bridgedUsd),
                 .usd(s.feesWithoutUsd > 0 ? nil : s.feesUsd), .q(s.points), .s(s.pointsAt?.day.description)]
            }, footer: sums.isEmpty ? [] : try footer(sums))
        }

        static func footer(_ sums: [WalletActivitySummary]) throws -> [String] {
            let fees = sums.map(\.feesWithoutUsd).reduce(0, +), volumes = sums.map(\.volumesWithoutUsd).reduce(0, +)
            var lines = ["total fees (cost of farming so far): \(Format.usd(try sums.map(\.feesUsd).sum()))"
                + (fees > 0 ? "; \(fees) \(fees == 1 ? "fee has" : "fees have") no USD value yet, not counted" : "")]
            if fees > 0 || volumes > 0 {
                let what = [volumes > 0 ? "\(volumes) \(volumes == 1 ? "volume" : "volumes")" : nil, fees > 0 ? "\(fees) \(fees == 1 ? "fee" : "fees")" : nil]
                lines.append("'-' means unknown, not zero: \(what.compactMap { $0 }.joined(separator: " and ")) in a token without a price that day; "
                    + "`airledger price fetch --missing` (network) or `airledger price set SYMBOL USD --at TIME`, or log --volume-usd/--fee-usd")
            }
            lines.append("token volumes and fees are valued at the price table's latest price at or before them, within a day")
            return lines
        }
    }
}

struct PointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "points",
        abstract: "Record a points dashboard reading (a time series, not a sum); `points list` shows them.",
        subcommands: [Record.self, List.self],
        defaultSubcommand: Record.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List points readings with their ids.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this project.") var project: String?
        @Option(help: "Only this wallet.") var wallet: String?

        func run() throws {
            let rs = try ledger.open().pointsReadings(project: project, wallet: wallet)
            Out.data(Listing([
                .init("id", "Id"), .init("at", "When"), .init("project", "Project"), .init("wallet", "Wallet"),
                .init("points", "Points", numeric: true),
            ], rows: rs.map { r in
                [.id(EntryId(.pointsReading, r.id)), .s(r.at.description), .s(r.projectSlug), .s(r.walletLabel), .q(r.points)]
            }).render(output.format))
        }
    }
}

extension PointsCommand {
  struct Record: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Record a points dashboard reading (the default).")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The project's slug.") var project: String
    @Option(help: "The wallet's label.") var wallet: String
    @Option(parsing: .unconditional, help: "The points shown on the dashboard.") var points: String
    @Option(help: "When (default now).") var at: String?

    func run() throws {
        let now = Out.now
        let (p, t) = (try Quantity.nonNegative(points, what: "--points"), try parseTime(at, now: now))
        let r = try ledger.open().recordPoints(project: project, wallet: wallet, points: p, at: t, now: now)
        Out.data("\(EntryId(.pointsReading, r.id)): recorded \(r.points) points for '\(r.walletLabel)' on \(r.projectSlug) at \(r.at)")
    }
  }
}

struct AllocationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocation",
        abstract: "Record an announced eligible amount for a wallet, with its claim deadline.")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The project's slug.") var project: String
    @Option(help: "The wallet (label) the amount is announced for.") var wallet: String
    @Option(parsing: .unconditional, help: "e.g. \"1250 ARB\".") var amount: String
    @Option(help: "Last day to claim, YYYY-MM-DD.") var deadline: String?

    func run() throws {
        let (amt, dl) = (try Amount(parsing: amount), try deadline.map { try CivilDate(parsing: $0) })
        let a = try ledger.open().recordAllocation(project: project, wallet: wallet, amount: amt, deadline: dl, now: Out.now)
        Out.data("\(EntryId(.allocation, a.id)): allocation of \(a.amount) for '\(a.walletLabel)' on \(a.projectSlug)" + (a.deadline.map { ", claim by \($0)" } ?? ""))
    }
}

struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "Unclaimed allocations by deadline, with days left; expired ones marked.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption

    func run() throws {
        let today = Out.now.day
        let open = try ledger.open().allocations().filter { $0.claimId == nil }
        Out.data(Listing([
            .init("id", "Id"), .init("deadline", "Deadline"), .init("daysLeft", "Days left", numeric: true), .init("status", "Status"),
            .init("project", "Project"), .init("wallet", "Wallet"), .init("amount", "Amount", numeric: true),
            .init("asset", "Asset"),
        ], rows: open.map { a in
            let left = a.deadline.map { Int($0.daysSinceEpoch - today.daysSinceEpoch) }
            let status = left.map { $0 < 0 ? "expired" : ($0 <= 7 ? "due soon" : "open") } ?? "no deadline"
            return [.id(EntryId(.allocation, a.id)), .s(a.deadline?.description), .i(left), .s(status), .s(a.projectSlug), .s(a.walletLabel),
                    .q(a.amount.quantity), .s(a.amount.asset.code)]
        }).render(output.format))
    }
}

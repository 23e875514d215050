import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

extension BookingMethod: ExpressibleByArgument {}
extension BasisScope: ExpressibleByArgument {}
extension AirdropTreatment: ExpressibleByArgument {}

/// `--to NAME`: parsed, listed in help and completed from the one table of exports.
extension TaxExport: ExpressibleByArgument {
    public init?(argument: String) {
        guard let e = TaxExport.named(argument) else { return nil }
        self = e
    }

    public var defaultValueDescription: String { name }
    public static var allValueStrings: [String] { all.map(\.name) }
    public static var allValueDescriptions: [String: String] { Dictionary(all.map { ($0.name, $0.summary) }, uniquingKeysWith: { first, _ in first }) }
    public static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

struct TaxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tax",
        abstract: "Tax summary and exports (US rules by default): airdrop income, lots, short/long-term gains.",
        subcommands: [Summary.self, Export.self])

    /// The policy options shared by summary and export. Each is optional on the command line so a
    /// history export (Koinly, CoinTracker: the tool books lots itself) can refuse the ones that do
    /// not apply to it; `policy()` fills in the defaults.
    struct PolicyOptions: ParsableArguments {
        @Option(help: "The calendar tax year, e.g. 2024.") var year: Int?
        @Option(help: "Lot booking: fifo (default), lifo or hifo (highest cost per unit, fees included).") var method: BookingMethod?
        @Option(help: "universal (one pool per asset; default up to tax year 2024) or per-wallet (default from 2025, the US rule).") var basis: BasisScope?
        @Option(help: "income (default: ordinary income at fair market value, which becomes the basis) or zero-basis.") var airdrops: AirdropTreatment?
        @Option(help: "Time zone for dates and the tax year, e.g. America/New_York (default UTC).") var tz: String?
        @OptionGroup var prices: FetchPricesOption

        /// `--fetch-prices`: the prices the year lacks: movements up to its end (lots acquired before
        /// the year are part of its disposals), the year's activity fees (a day's margin each side
        /// for time zones, as `report` reads them); every movement when no year is given.
        func fetchPrices(_ db: LedgerDatabase, then: String) throws {
            guard prices.enabled else { return }
            let scope: PriceFetch.Scope
            if let year, let jan1 = CivilDate(year: year, month: 1, day: 1), let next = CivilDate(year: year + 1, month: 1, day: 1) {
                scope = .through(next.adding(days: 1).startUTC, activitiesFrom: jan1.adding(days: -1).startUTC)
            } else {
                scope = .holdings
            }
            try prices.fetch(db, needs: try PriceFetch.needs(db: db, now: Out.now, only: nil, scope: scope), then: then)
        }

        /// The booking options given on the command line, as typed.
        var bookingOptionsGiven: [String] {
            [method.map { "--method \($0.rawValue)" }, basis.map { "--basis \($0.rawValue)" },
             airdrops.map { "--airdrops \($0.rawValue)" }].compactMap { $0 }
        }

        func timeZone() throws -> TimeZone {
            let name = tz ?? "UTC"
            guard let zone = TimeZone(identifier: name) else {
                throw CLIError.data("'\(name)' is not a time zone: use an IANA name such as UTC, America/New_York or Europe/Berlin")
            }
            return zone
        }

        /// The policy for `year`: the options given, else the defaults (the basis of that year:
        /// universal up to 2024, per-wallet from 2025).
        func policy(year: Int) throws -> TaxPolicy {
            TaxPolicy(method: method ?? .fifo, basis: basis ?? .default(forYear: year), airdrops: airdrops ?? .income,
                      timeZone: try timeZone())
        }

        func requiredYear(_ what: String) throws -> Int {
            guard let year else { throw CLIError.usage("\(what) is for one tax year: add --year, e.g. --year 2024") }
            try checkYear(year)
            return year
        }

        /// Loads the ledger and books the year.
        func report(_ db: LedgerDatabase, what: String) throws -> (TaxReport, [Movement]) {
            let year = try requiredYear(what)
            let p = try policy(year: year)
            if let note = p.basis.note(forYear: year) { Out.note(note) }
            let movements = try db.movements()
            let fees = try db.farmingFees(year: year, timeZone: p.timeZone)
            return (try TaxEngine.report(year: year, movements: movements, farmingFees: fees, policy: p), movements)
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Airdrop income, every disposal with its matched lots, short/long-term totals and farming costs for one year.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var options: PolicyOptions

        func run() throws {
            let db = try ledger.open()
            _ = try options.requiredYear("the tax summary")
            try options.fetchPrices(db, then: "the tax summary")
            let (r, _) = try options.report(db, what: "the tax summary")
            switch output.format {
            case .json:
                // Streamed in 64 KiB pieces: the document is never held whole.
                var w = JSONWriter { bytes in Out.ctx.stdout(String(decoding: bytes, as: UTF8.self)) }
                TaxJSON.write(r, to: &w)
                w.finish(trailer: "\n")
            case .csv: Out.data(try Self.csv(r).render(.csv))
            case .table: Out.data(try Self.table(r))
            }
        }

        static func disposals(_ r: TaxReport) -> Listing {
            Listing([
                .init("disposed", "Disposed"), .init("asset", "Asset"), .init("amount", "Amount", numeric: true),
                .init("wallet", "Wallet"), .init("acquired", "Acquired"), .init("term", "Term"), .init("kind", "Kind"),
                .init("proceeds", "Proceeds", numeric: true), .init("costBasis", "Cost basis", numeric: true),
                .init("gain", "Gain", numeric: true),
            ], rows: r.disposals.map { d in
                [.s(d.disposed.description), .s(d.amount.asset.code), .q(d.amount.quantity), .s(d.walletLabel),
                 .s(d.acquired.description), .s(d.term.rawValue), .s(d.kind.rawValue), .usd(d.proceeds), .usd(d.costBasis), .usd(d.gain)]
            })
        }

        /// `--format csv`: one table with a `section` column: `income` (one row per claim), `disposal`
        /// (one row per disposed lot fraction), then `total` rows (airdrop income; short-term,
        /// long-term and all gains; farming costs). Exact values; a column that does not apply is empty.
        static func csv(_ r: TaxReport) throws -> Listing {
            let columns: [Listing.Column] = [
                .init("section", "Section"), .init("date", "Date"), .init("asset", "Asset"), .init("amount", "Amount", numeric: true),
                .init("wallet", "Wallet"), .init("project", "Project"), .init("acquired", "Acquired"), .init("term", "Term"),
                .init("kind", "Kind"), .init("priceUsd", "Price", numeric: true), .init("usd", "USD", numeric: true),
                .init("proceeds", "Proceeds", numeric: true), .init("costBasis", "Cost basis", numeric: true),
                .init("gain", "Gain", numeric: true),
            ]
            let none = Listing.Cell.s(nil)
            var rows: [[Listing.Cell]] = r.income.map { i in
                [.s("income"), .s(i.date.description), .s(i.amount.asset.code), .q(i.amount.quantity), .s(i.walletLabel),
                 .s(i.projectSlug), none, none, .s("claim"), .q(i.priceUsd), .usd(i.usd), none, none, none]
            }
            rows += r.disposals.map { d in
                [.s("disposal"), .s(d.disposed.description), .s(d.amount.asset.code), .q(d.amount.quantity), .s(d.walletLabel),
                 none, .s(d.acquired.description), .s(d.term.rawValue), .s(d.kind.rawValue), none, none,
                 .usd(d.proceeds), .usd(d.costBasis), .usd(d.gain)]
            }
            rows.append([.s("total"), none, none, none, none, none, none, none, .s("income"), none, .usd(r.incomeTotal), none, none, none])
            for (term, t) in [("short", r.shortTerm), ("long", r.longTerm), ("all", try r.total)] {
                rows.append([.s("total"), none, none, none, none, none, none, .s(term), .s("gains"), none, none,
                             .usd(t.proceeds), .usd(t.costBasis), .usd(t.gain)])
            }
            rows.append([.s("total"), none, none, none, none, none, none, none, .s("farming-costs"), none, .usd(r.farmingCostsTotal),
                         none, none, none])
            return Listing(columns, rows: rows)
        }

        static func table(_ r: TaxReport) throws -> String {
            var out = "Tax summary \(r.year) (policy: \(r.policy.summary))\n"
            out += "Amounts below are rounded to cents, half away from zero; --format json and the exports keep exact values.\n\n"
            out += "Airdrop income: \(Format.usd(r.incomeTotal))\n"
            if !r.income.isEmpty {
                out += TextTable.render(headers: ["Date", "Asset", "Amount", "Price", "Income", "Project", "Wallet"],
                                        rows: r.income.map { [$0.date.description, $0.amount.asset.code, $0.amount.quantity.description,
                                                              $0.priceUsd.description, Format.usd($0.usd), $0.projectSlug ?? "-", $0.walletLabel] },
                                        rightAligned: [false, false, true, true, true, false, false])
                out += "by token: " + r.incomeByAsset.map { "\($0.key) \(Format.usd($0.usd))" }.joined(separator: ", ") + "\n"
                out += "by project: " + r.incomeByProject.map { "\($0.key) \(Format.usd($0.usd))" }.joined(separator: ", ") + "\n"
            }
            out += "\nDisposals: \(r.disposalEvents) (\(r.disposals.count) matched lot\(r.disposals.count == 1 ? "" : "s"))\n"
            if !r.disposals.isEmpty { out += disposals(r).render(.table) }
            out += "\n" + TextTable.render(
                headers: ["", "Proceeds", "Cost basis", "Gain"],
                rows: [("Short-term", r.shortTerm), ("Long-term", r.longTerm), ("Total", try r.total)].map {
                    [$0.0, Format.usd($0.1.proceeds), Format.usd($0.1.costBasis), Format.usd($0.1.gain)]
                },
                rightAligned: [false, true, true, true])
            out += "\nFarming costs \(r.year) (fees logged on activities; information, not deducted): \(Format.usd(r.farmingCostsTotal))\n"
            if !r.farmingCostsByProject.isEmpty {
                out += "by project: " + r.farmingCostsByProject.map { "\($0.key) \(Format.usd($0.usd))" }.joined(separator: ", ") + "\n"
            }
            if r.unpricedFarmingFees > 0 {
                out += "\(r.unpricedFarmingFees) logged fees have no USD value and are not counted (log them with --fee-usd)\n"
            }
            out += "\nRules applied:\n" + r.policy.rules.map { "- \($0)\n" }.joined()
            return out
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a tax file: \(TaxExport.namesInWords).",
            discussion: """
                An existing file is replaced only with --force; files are written atomically.

                koinly and cointracker write one file per wallet, for one wallet in the tool each: -o FOLDER/ \
                writes FOLDER/WALLET.csv for every wallet, or --wallet LABEL writes that wallet's file. Those \
                tools book lots themselves, so --method, --basis and --airdrops do not apply to them; --year \
                (or --since/--until) selects the rows, all of them when none is given.
                """)
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var options: PolicyOptions
        @Option(help: "The file format:") var to: TaxExport
        @Option(name: .shortAndLong, help: "Output file, or - for stdout (the default); koinly and cointracker: a folder, ending in /, gets one file per wallet.") var output: String?
        @Option(help: "koinly, cointracker: the one wallet to write.") var wallet: String?
        @Option(help: "koinly, cointracker: the first day or time written (inclusive), e.g. 2024-01-01.") var since: String?
        @Option(help: "koinly, cointracker: the day or time the rows stop (exclusive), e.g. 2025-01-01.") var until: String?
        @Option(help: "koinly, cointracker: all (default) or claims (for wallets the tool already syncs from the chain).") var only: HistorySelection.Only?
        @Flag(help: "Replace an existing file.") var force = false

        /// The file to write, nil for stdout (no -o, or -o -).
        var file: String? { output == "-" ? nil : output }

        func run() throws {
            let db = try ledger.open()
            if to.isHistory {
                try history(db)
                return
            }
            let given = [wallet.map { _ in "--wallet" }, since.map { _ in "--since" }, until.map { _ in "--until" },
                         only.map { _ in "--only" }].compactMap { $0 }
            if !given.isEmpty {
                throw CLIError.usage("\(given.joined(separator: ", ")) \(given.count == 1 ? "applies" : "apply") to the koinly and cointracker exports only; --to \(to.name) writes one tax year (--year)")
            }
            _ = try options.requiredYear("--to \(to.name)")
            try options.fetchPrices(db, then: "the export")
            let (r, movements) = try options.report(db, what: "--to \(to.name)")
            guard case .report(let render) = to.writer else { return }
            let brokers = Dictionary(try db.wallets().compactMap { w in w.broker.map { (w.label, $0) } }, uniquingKeysWith: { a, _ in a })
            let text = try render(TaxExport.Input(report: r, movements: movements, prices: try db.prices(), brokers: brokers,
                                                  exportedOn: Out.now.day(in: try options.timeZone())))
            for note in to.notes(r) { Out.note(note) }
            if let o = file {
                try OutputFile.write(Data(text.utf8), to: o, force: force)
                Out.note("wrote \(o) (\(to.name), tax year \(r.year), policy: \(r.policy.summary))")
            } else {
                Out.data(text)
            }
        }

        /// Koinly and CoinTracker: per-wallet files of the selected movements.
        func history(_ db: LedgerDatabase) throws {
            let refused = options.bookingOptionsGiven
            if !refused.isEmpty {
                throw CLIError.usage("\(refused.joined(separator: ", ")) \(refused.count == 1 ? "does" : "do") not apply to --to \(to.name): \(to.name) books the lots itself from the movements written. Drop \(refused.count == 1 ? "it" : "them"), and choose the method in \(to.name)'s settings")
            }
            let selection = try self.selection()
            try options.fetchPrices(db, then: "the export")
            guard case .history(let render) = to.writer else { return }
            let movements = try db.movements()
            let folder = file.map { o in o.hasSuffix("/") || OutputFile.isFolder(o) } ?? false
            let wallets: [String]
            if let w = wallet {
                wallets = [try db.wallet(labelled: w).label]
            } else if folder {
                wallets = selection.wallets(movements)
            } else {
                let all = selection.wallets(movements)
                guard all.count <= 1 else {
                    throw CLIError.usage("--to \(to.name) writes one file per wallet, for one wallet in \(to.name) each (a transfer between own wallets is then a withdrawal in one and a deposit in the other): give -o FOLDER/ for every wallet (\(all.joined(separator: ", "))), or --wallet LABEL for one")
                }
                wallets = all
            }
            let unpriced = movements.filter { m in
                m.kind == .claim && m.priceUsd == nil && selection.includes(m) && wallets.contains(m.walletLabel)
            }
            if !unpriced.isEmpty {
                Out.warn("\(unpriced.count) claim\(unpriced.count == 1 ? " has" : "s have") no fair market value: written with an empty value for \(to.name) to price (\(unpriced.prefix(3).map { "\($0.amount) on \($0.at)" }.joined(separator: ", "))\(unpriced.count > 3 ? ", ..." : ""))")
            }
            let scope = options.year.map { "tax year \($0)" } ?? (since == nil && until == nil ? "full history" : "selected dates")
            if folder, let o = file {
                let dir = o.hasSuffix("/") ? String(o.dropLast()) : o
                try OutputFile.makeFolder(dir)
                let files = try wallets.map { w in (dir + "/" + OutputFile.safeName(w) + ".csv", try render(movements, w, selection)) }
                for (path, text) in files { try OutputFile.write(Data(text.utf8), to: path, force: force) }
                Out.note("wrote \(files.count) file\(files.count == 1 ? "" : "s") in \(dir)/ (\(to.name), \(scope), one per wallet: \(wallets.joined(separator: ", ")))")
            } else {
                let text = try wallets.first.map { try render(movements, $0, selection) } ?? (try render([], "", selection))
                if let o = file {
                    try OutputFile.write(Data(text.utf8), to: o, force: force)
                    Out.note("wrote \(o) (\(to.name), \(scope), wallet \(wallets.first ?? "-"))")
                } else {
                    Out.data(text)
                }
            }
        }

        func selection() throws -> HistorySelection {
            let only = self.only ?? .all
            if let year = options.year {
                if since != nil || until != nil { throw CLIError.usage("give --year or --since/--until, not both") }
                return try HistorySelection.year(year, timeZone: try options.timeZone(), only: only)
            }
            let s = try since.map { try Instant(parsing: $0) }, u = try until.map { try Instant(parsing: $0) }
            if let s, let u, !(s < u) { throw CLIError.usage("--since \(since ?? "") is not before --until \(until ?? "")") }
            return HistorySelection(since: s, until: u, only: only)
        }
    }
}

extension HistorySelection.Only: ExpressibleByArgument {}

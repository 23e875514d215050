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

    /// The policy options shared by summary and export.
    struct PolicyOptions: ParsableArguments {
        @Option(help: "The calendar tax year, e.g. 2024.") var year: Int
        @Option(help: "Lot booking: fifo, lifo or hifo (highest cost per unit, fees included).") var method: BookingMethod = .fifo
        @Option(help: "universal (one pool per asset) or per-wallet (US rules from 2025).") var basis: BasisScope = .universal
        @Option(help: "income (ordinary income at fair market value, which becomes the basis) or zero-basis.") var airdrops: AirdropTreatment = .income
        @Option(help: "Time zone for dates and the tax year, e.g. America/New_York (default UTC).") var tz: String = "UTC"

        func policy() throws -> TaxPolicy {
            guard let zone = TimeZone(identifier: tz) else {
                throw CLIError.data("'\(tz)' is not a time zone: use an IANA name such as UTC, America/New_York or Europe/Berlin")
            }
            return TaxPolicy(method: method, basis: basis, airdrops: airdrops, timeZone: zone)
        }

        /// Loads the ledger and books the year.
        func report(_ db: LedgerDatabase) throws -> (TaxReport, [Movement]) {
            let p = try policy()
            let movements = try db.movements()
            // Farming costs of the year: only that year's activity is read (a day's margin each side for time zones).
            guard let jan1 = CivilDate(year: year, month: 1, day: 1), let next = CivilDate(year: year + 1, month: 1, day: 1) else {
                throw TaxError.badYear(year)
            }
            let activities = try db.activities(ActivityFilter(since: jan1.adding(days: -1).startUTC, until: next.adding(days: 1).startUTC))
            return (try TaxEngine.report(year: year, movements: movements, activities: activities, policy: p), movements)
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Airdrop income, every disposal with its matched lots, short/long-term totals and farming costs for one year.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @OptionGroup var options: PolicyOptions

        func run() throws {
            let (r, _) = try options.report(try ledger.open())
            switch output.format {
            case .json:
                // Streamed in 64 KiB pieces: the document is never held whole.
                var w = JSONWriter { bytes in Out.ctx.stdout(String(decoding: bytes, as: UTF8.self)) }
                TaxJSON.write(r, to: &w)
                w.finish(trailer: "\n")
            case .csv: Out.data(Self.disposals(r).render(.csv))
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
            discussion: "An existing file is replaced only with --force; files are written atomically.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var options: PolicyOptions
        @Option(help: "The file format:") var to: TaxExport
        @Option(name: .shortAndLong, help: "Output file (default: stdout).") var output: String?
        @Flag(help: "Replace an existing file.") var force = false

        func run() throws {
            let db = try ledger.open()
            let (r, movements) = try options.report(db)
            let text = try to.render(TaxExport.Input(report: r, movements: movements, prices: try db.prices()))
            if let o = output {
                try OutputFile.write(Data(text.utf8), to: o, force: force)
                Out.note("wrote \(o) (\(to.name), tax year \(r.year), policy: \(r.policy.summary))")
            } else {
                Out.data(text)
            }
        }
    }
}

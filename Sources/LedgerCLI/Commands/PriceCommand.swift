import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "USD prices used to value claims, transfers and holdings (the latest at or before the time asked).",
        subcommands: [Set.self, Import.self, List.self, Fetch.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a price by hand.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var symbol: String
        @Argument(help: "USD per token.") var usd: String
        @Option(help: "When (default now).") var at: String?

        func run() throws {
            let now = Out.now
            let p = PricePoint(asset: try AssetSymbol(parsing: symbol), at: try parseTime(at, now: now),
                               usd: try Quantity.positive(usd, what: "price"), source: "manual")
            let id = try ledger.open().setPrice(p, now: now)
            Out.data("\(EntryId(.price, id)): price of \(p.asset) at \(p.at): \(p.usd) USD")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import prices from a CSV file with columns date,symbol,usd: all rows or none.",
            discussion: "A manual price at the same time is kept unless --replace is given.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file, or - for standard input.") var file: String
        @Flag(help: "Overwrite manual prices at the same times.") var replace = false

        func run() throws {
            var reader = PriceFileReader(name: file)
            try ChunkedFile(file).forEachChunk { chunk in
                reader.feed(chunk)
                if reader.isStopped { throw ChunkedFile.StopReading() }
            }
            let points: [PricePoint]
            switch reader.finish() {
            case .success(let p): points = p
            case .failure(let issues):
                for i in issues { Out.note(i.description) }
                throw CLIError.data("\(issues.count) bad row\(issues.count == 1 ? "" : "s") in \(file): nothing was imported")
            }
            let o = try ledger.open().importPrices(points, replace: replace, now: Out.now)
            Out.data("imported \(points.count) prices: \(o.added) added, \(o.updated) updated, \(o.unchanged) already present, \(o.keptManual) manual kept")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List prices.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @Argument var symbol: String?

        func run() throws {
            let asset = try symbol.map { try AssetSymbol(parsing: $0) }
            let ps = try ledger.open().priceEntries(asset: asset)
            Out.data(Listing([
                .init("id", "Id"), .init("asset", "Asset"), .init("at", "At"), .init("usd", "USD", numeric: true), .init("source", "Source"),
            ], rows: ps.map { e in
                let p = e.price
                return [.id(EntryId(.price, e.id)), .s(p.asset.code), .s(p.at.description), .q(p.usd), .s(p.source)]
            }).render(output.format))
        }
    }

    struct Fetch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fetch historical USD prices from DefiLlama (and CoinGecko when COINGECKO_API_KEY is set).",
            discussion: """
                The only commands that use the network are this one and --fetch-prices. Asks DefiLlama's free coins \
                API (coins.llama.fi, no key; AIRLEDGER_DEFILLAMA_URL overrides) for the coin of each symbol, \
                batched; with COINGECKO_API_KEY set, CoinGecko (api.coingecko.com with a demo key, \
                pro-api.coingecko.com with COINGECKO_API_PLAN=pro; AIRLEDGER_COINGECKO_URL overrides) prices what \
                DefiLlama did not. Only prices at or before each time, within a day, are kept. Fetched prices are \
                stored with their source and fetch time and never replace a price you set or imported. Symbols map \
                to coins through the bundled table, or `airledger asset set SYMBOL --coin ID`.
                """)
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "Symbols to fetch (default: every asset that lacks a price).") var symbols: [String] = []
        @Option(help: "With SYMBOLs: daily prices from this date (00:00 UTC each day).") var from: String?
        @Option(help: "With --from: the last day (default today).") var to: String?
        @Flag(help: "Fetch exactly the prices claims, transfers, activity volumes and holdings lack.") var missing = false

        func validate() throws {
            if symbols.isEmpty && !missing {
                throw ValidationError("say which prices to fetch: SYMBOL... (with --from/--to for a range), or --missing")
            }
            if to != nil && from == nil { throw ValidationError("--to needs --from") }
            if from != nil && symbols.isEmpty { throw ValidationError("--from needs SYMBOLs: which assets to fetch daily prices for") }
        }

        func run() throws {
            let db = try ledger.open()
            let now = Out.now
            let assets = try symbols.map { try AssetSymbol(parsing: $0) }
            var needs = try PriceFetch.needs(db: db, now: now, only: assets.isEmpty ? nil : Swift.Set(assets))
            if let f = from {
                let first = try CivilDate(parsing: f), last = try to.map { try CivilDate(parsing: $0) } ?? now.day
                guard first <= last else { throw CLIError.usage("--from \(f) is after --to \(last): swap them") }
                guard last.daysSinceEpoch - first.daysSinceEpoch < 3_660 else {
                    throw CLIError.usage("--from \(f) to \(last) is more than ten years of daily prices: ask for a shorter range")
                }
                for a in assets {
                    var d = first
                    while d <= last { needs[a, default: []].append(d.startUTC); d = d.adding(days: 1) }
                    needs[a] = Array(Swift.Set(needs[a] ?? [])).sorted()
                }
            }
            try PriceFetch.report(try PriceFetch(db: db, env: Out.ctx.environment, now: now, window: PriceRule.defaultWindow,
                                                 progress: Out.progress).run(needs))
        }
    }
}

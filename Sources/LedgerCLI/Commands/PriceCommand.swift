import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

struct PriceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "price",
        abstract: "USD prices used to value claims, transfers and holdings (the latest at or before the time asked).",
        subcommands: [Set.self, Import.self, List.self])

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
            try ledger.open().setPrice(p, now: now)
            Out.data("price of \(p.asset) at \(p.at): \(p.usd) USD")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import prices from a CSV file with columns date,symbol,usd: all rows or none.",
            discussion: "A manual price at the same time is kept unless --replace is given.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var file: String
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
            let ps = try ledger.open().prices(asset: asset)
            Out.data(Listing([
                .init("asset", "Asset"), .init("at", "At"), .init("usd", "USD", numeric: true), .init("source", "Source"),
            ], rows: ps.map { [.s($0.asset.code), .s($0.at.description), .q($0.usd), .s($0.source)] }).render(output.format))
        }
    }
}

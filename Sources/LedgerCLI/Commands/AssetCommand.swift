import ArgumentParser
import LedgerCore
import LedgerStore

struct AssetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "asset",
        abstract: "Which price-source coin a symbol means (for price fetch).",
        subcommands: [Set.self, List.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Say which coin SYMBOL is: coingecko:ID or CHAIN:ADDRESS (DefiLlama's coin names).",
            discussion: "Needed for symbols the bundled table does not know, and for symbols several coins share.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var symbol: String
        @Option(help: "coingecko:ID (e.g. coingecko:starknet) or CHAIN:ADDRESS (e.g. ethereum:0x...).") var coin: String

        func validate() throws {
            guard CoinTable.isCoinName(coin) else {
                throw ValidationError("--coin \(coin) is not a coin name: write coingecko:ID (the id in the coin's CoinGecko API, lower case, e.g. coingecko:starknet) or CHAIN:ADDRESS (e.g. ethereum:0xCa14007Eff0dB1f8135f4C25B34De49AB0d42766)")
            }
        }

        func run() throws {
            let a = try AssetSymbol(parsing: symbol)
            try ledger.open().setAssetCoin(a, coin: coin, now: Out.now)
            Out.data("\(a) is \(coin) for price fetch")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the coins chosen with asset set, then the bundled table's.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption

        func run() throws {
            let chosen = try ledger.open().assetCoins()
            var rows: [[Listing.Cell]] = chosen.sorted { $0.key < $1.key }.map { [.s($0.key.code), .s($0.value), .s("asset set")] }
            let table = CoinTable.standard
            for (sym, e) in table.bundled.sorted(by: { $0.key < $1.key }) where (AssetSymbol(stored: sym).map { chosen[$0] == nil } ?? true) {
                let amb = table.ambiguous[sym].map { "ambiguous: " + $0.joined(separator: " ") + "; " } ?? ""
                rows.append([.s(sym), .s(e.coin), .s(amb + "bundled: " + e.source)])
            }
            Out.data(Listing([.init("asset", "Asset"), .init("coin", "Coin"), .init("source", "Source")], rows: rows).render(output.format))
        }
    }
}

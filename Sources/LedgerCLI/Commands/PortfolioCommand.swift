import ArgumentParser
import LedgerCore
import LedgerStore

struct PortfolioCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "portfolio",
        abstract: "What you hold: amount, cost basis, latest price and its date, value, unrealized gain.",
        discussion: "Cost basis is booked like the tax report: FIFO by default (--method lifo or hifo), over all wallets by asset; per wallet (--by wallet or --wallet) lots follow transfers. The price is the latest the ledger holds at or before now from any source (the price table, a claim's or a trade's own price), shown with its date and source. An asset with no price is shown as unpriced, never as zero.")

    enum By: String, ExpressibleByArgument, CaseIterable { case asset, wallet }

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption
    @Option(help: "Only this wallet.") var wallet: String?
    @Option(help: "Group by asset (default) or by wallet.") var by: By = .asset
    @Option(help: "Lot booking for the cost basis: fifo, lifo or hifo, as in the tax report.") var method: BookingMethod = .fifo
    @OptionGroup var prices: FetchPricesOption

    func run() throws {
        let db = try ledger.open()
        try prices.fetch(db, needs: try PriceFetch.needs(db: db, now: Out.now, only: nil, scope: .holdings), then: "the portfolio")
        let w = try wallet.map { try db.wallet(labelled: $0) }
        let movements = try db.movements()
        let report = try Portfolio.make(movements: movements, prices: PriceRule(book: try db.priceBook(), movements: movements),
                                        method: method, perWallet: by == .wallet, walletId: w?.id, now: Out.now)
        Out.data(try Self.listing(report).render(output.format))
    }

    static func listing(_ p: Portfolio) throws -> Listing {
        let rows: [[Listing.Cell]] = p.rows.map { r in
            var row: [Listing.Cell] = []
            if p.perWallet { row.append(.s(r.wallet)) }
            row += [
                .s(r.asset.code), .q(r.amount), .usd(r.basisUsd), .q(r.price?.usd), .s(r.price?.at.day.description), .s(r.price?.source),
                r.valueUsd.map { .usd($0) } ?? .custom(.null, "unpriced"), .usd(r.unrealizedUsd),
                .s(r.price == nil ? "unpriced" : (r.basisUsd != nil ? nil : "basis unknown: a claim has no price")),
            ]
            return row
        }
        var cols: [Listing.Column] = []
        if p.perWallet { cols.append(.init("wallet", "Wallet")) }
        cols += [
            .init("asset", "Asset"), .init("amount", "Amount", numeric: true), .init("costBasisUsd", "Cost basis", numeric: true),
            .init("priceUsd", "Price", numeric: true), .init("priceDate", "Price date"), .init("priceSource", "Price from"), .init("valueUsd", "Value", numeric: true),
            .init("unrealizedGainUsd", "Unrealized", numeric: true), .init("flag", "Note"),
        ]
        var footer = ["total value \(Format.usd(p.totalValueUsd)); cost basis of priced holdings \(Format.usd(p.totalBasisUsd)); unrealized \(Format.usd(try p.totalUnrealizedUsd))"
            + (p.basisIncomplete ? " (incomplete: some basis unknown)" : "")]
        if !p.unpriced.isEmpty { footer.append("unpriced (not counted as zero): \(p.unpriced.map(\.code).joined(separator: ", ")); add with `airledger price set SYMBOL USD`, or fetch with `airledger portfolio --fetch-prices` (network)") }
        footer.append("price: the latest the ledger holds at or before now, from the price table or a claim's or trade's own price (Price from)")
        footer.append("cost basis: \(p.method.rawValue.uppercased()), \(p.perWallet ? "per wallet" : "universal (all wallets)")")
        return Listing(cols, rows: rows, footer: rows.isEmpty ? [] : footer)
    }
}

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
        let perWallet = by == .wallet || w != nil
        let movements = try db.movements()
        var lots = try TaxEngine.openLots(movements, policy: TaxPolicy(method: method, basis: perWallet ? .perWallet : .universal))
        if let w { lots = lots.filter { $0.walletId == w.id } }
        // "Now" by the one price rule: the latest price at or before now from the table, claims and trades.
        let rule = PriceRule(book: try db.priceBook(), movements: movements)
        let now = Out.now
        struct Key: Hashable { let asset: AssetSymbol; let wallet: String? }
        var groups: [Key: [OpenLot]] = [:]
        for l in lots { groups[Key(asset: l.asset, wallet: perWallet ? l.walletLabel : nil), default: []].append(l) }
        let keys = groups.keys.sorted { ($0.wallet ?? "", $0.asset) < ($1.wallet ?? "", $1.asset) }
        var totalValue = Quantity.zero, totalBasis = Quantity.zero, unpriced: [String] = [], incomplete = false
        let rows: [[Listing.Cell]] = try keys.map { k in
            let ls = groups[k] ?? []
            let amount = try ls.map(\.quantity).sum()
            let basisKnown = ls.allSatisfy { $0.basisUsd != nil }
            let basis = basisKnown ? try ls.compactMap(\.basisUsd).sum() : nil
            let price = rule.latest(of: k.asset, at: now)
            let value = try price.map { try $0.usd * amount }
            let gain = try value.flatMap { v in try basis.map { try v - $0 } }
            if let v = value { try totalValue += v } else { unpriced.append(k.asset.code) }
            if let b = basis, value != nil { try totalBasis += b } else if value != nil { incomplete = true }
            var row: [Listing.Cell] = []
            if perWallet { row.append(.s(k.wallet)) }
            row += [
                .s(k.asset.code), .q(amount), .usd(basis), .q(price?.usd), .s(price?.at.day.description), .s(price?.source),
                value.map { .usd($0) } ?? .custom(.null, "unpriced"), .usd(gain),
                .s(price == nil ? "unpriced" : (basisKnown ? nil : "basis unknown: a claim has no price")),
            ]
            return row
        }
        var cols: [Listing.Column] = []
        if perWallet { cols.append(.init("wallet", "Wallet")) }
        cols += [
            .init("asset", "Asset"), .init("amount", "Amount", numeric: true), .init("costBasisUsd", "Cost basis", numeric: true),
            .init("priceUsd", "Price", numeric: true), .init("priceDate", "Price date"), .init("priceSource", "Price from"), .init("valueUsd", "Value", numeric: true),
            .init("unrealizedGainUsd", "Unrealized", numeric: true), .init("flag", "Note"),
        ]
        var footer = ["total value \(Format.usd(totalValue)); cost basis of priced holdings \(Format.usd(totalBasis)); unrealized \(Format.usd(try totalValue - totalBasis))"
            + (incomplete ? " (incomplete: some basis unknown)" : "")]
        if !unpriced.isEmpty { footer.append("unpriced (not counted as zero): \(unpriced.joined(separator: ", ")); add with `airledger price set SYMBOL USD`, or fetch with `airledger portfolio --fetch-prices` (network)") }
        footer.append("price: the latest the ledger holds at or before now, from the price table or a claim's or trade's own price (Price from)")
        footer.append("cost basis: \(method.rawValue.uppercased()), \(perWallet ? "per wallet" : "universal (all wallets)")")
        Out.data(Listing(cols, rows: rows, footer: rows.isEmpty ? [] : footer).render(output.format))
    }
}

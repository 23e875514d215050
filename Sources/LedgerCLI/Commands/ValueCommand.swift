import ArgumentParser
import LedgerCore
import LedgerStore

/// `airledger value`: per project, what farming it has brought so far and is expected to bring.
struct ValueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "value",
        abstract: "Per project and in total: received (at receipt and now), sold and realized, held, expected, costs, net, ROI.",
        discussion: """
            Received: the project's claims, at fair market value when received and at the latest price now. Sales of a \
            claimed token count for the project that airdropped it (up to the quantity claimed); realized = proceeds - \
            their share of the value at receipt (average per claimed unit; lot-exact figures are in `portfolio`). Held now: \
            claimed - sold - moved out, at the latest price. Expected: the `estimate` expected value for projects with \
            activity and no claim. Costs: fees logged on the project's activity plus claim fees. \
            Net = proceeds + held now + expected - costs; ROI = net / costs.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption
    @Option(help: "Only this wallet's claims, sales, activity and fees.") var wallet: String?

    func run() throws {
        let db = try ledger.open()
        let w = try wallet.map { try db.wallet(labelled: $0) }
        let view = try EstimationView.load(db, wallet: w, asOf: nil)
        var expected: [String: Quantity] = [:], costs: [String: Quantity] = [:]
        for p in view.candidates { expected[p.slug] = try view.estimate(p).expectedValue }
        let launched = view.candidates.filter { $0.status == .launched }.map(\.slug)
        for s in view.summaries { try costs[s.projectSlug, default: .zero] += s.feesUsd }
        let movements = try db.movements()
        let rows = try ProjectValue.report(movements: movements, prices: PriceRule(book: try db.priceBook(), movements: movements), now: view.asOf,
                                       expected: expected, costs: costs, inScope: { id in w.map { $0.id == id } ?? true })
        var listing = try Self.listing(rows, wallet: w?.label, total: output.format == .table)
        let unpriced = Set(rows.filter { $0.unpricedClaims > 0 || $0.heldNowUsd == nil }.compactMap { $0.token?.code }).sorted()
        let priced = rows.compactMap { r in r.nowPrice.flatMap { p in r.token.map { "\($0.code) \(p.usd) on \(p.at.day) (\(p.source))" } } }
        if !priced.isEmpty {
            listing.footer.append("now: the latest price at or before now from the price table, claims or trades: \(Array(Set(priced)).sorted().joined(separator: "; "))")
        }
        if !unpriced.isEmpty {
            listing.footer.append("'-' means unknown, not zero: price \(unpriced.joined(separator: ", ")) with `airledger price set SYMBOL USD --at TIME` (at the claim, and now)")
        }
        if !launched.isEmpty {
            listing.footer.append("expected includes launched projects without a recorded claim (\(launched.joined(separator: ", "))): record the claims, or set `project set SLUG --probability 0` where you were not eligible")
        }
        Out.data(listing.render(output.format))
    }

    /// `total`: add a total row (the table only; JSON and CSV carry one row per project).
    static func listing(_ rows: [ProjectValue], wallet: String?, total withTotal: Bool) throws -> Listing {
        func total(_ f: (ProjectValue) -> Quantity?) throws -> Quantity? {
            let vs = rows.map(f)
            return vs.contains { $0 == nil } ? nil : try vs.compactMap { $0 }.sum()
        }
        func cells(_ project: String, _ token: String?, _ claimed: Quantity?, _ atReceipt: Quantity?, _ now: Quantity?,
                   _ proceeds: Quantity, _ realized: Quantity?, _ held: Quantity?, _ expected: Quantity, _ costs: Quantity,
                   _ net: Quantity?, _ roi: Quantity?, _ note: String?) -> [Listing.Cell] {
            [.s(project), .s(token), .q(claimed), .usd(atReceipt), .usd(now), .usd(proceeds), .usd(realized), .usd(held),
             EstimateCommand.cents(expected), .usd(costs), EstimateCommand.cents(net),
             .custom(.decimal(roi?.rounded(scale: 4)), roi.map(Format.percent) ?? "-"), .s(note)]
        }
        var body = rows.map { r -> [Listing.Cell] in
            if r.claimedQuantity.isZero && r.proceedsUsd.isZero {
                let none = Listing.Cell.custom(.decimal(.zero), "-")
                return [.s(r.projectSlug), .s(nil), .s(nil), none, none, none, none, none, EstimateCommand.cents(r.expectedUsd),
                        .usd(r.costsUsd), EstimateCommand.cents(r.netUsd), .custom(.decimal(r.roi?.rounded(scale: 4)), r.roi.map(Format.percent) ?? "-"), .s("estimate")]
            }
            return cells(r.projectSlug, r.token?.code, r.claimedQuantity.isZero ? nil : r.claimedQuantity, r.receivedAtReceiptUsd,
                  r.receivedNowUsd, r.proceedsUsd, r.realizedUsd, r.heldNowUsd, r.expectedUsd, r.costsUsd, r.netUsd, r.roi,
                  r.unpricedClaims > 0 ? "unpriced claim" : (r.heldNowUsd == nil ? "no price now" : nil))
        }
        let costs = try rows.map(\.costsUsd).sum()
        let net = try total(\.netUsd)
        if withTotal && rows.count > 1 {
            let roi = costs.isPositive
                ? try net.map { n in try n.divided(by: costs, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero) }
                : nil
            body.append(cells("total", nil, nil, try total(\.receivedAtReceiptUsd), try total(\.receivedNowUsd), try rows.map(\.proceedsUsd).sum(),
                              try total(\.realizedUsd), try total(\.heldNowUsd), try rows.map(\.expectedUsd).sum(), costs, net, roi, nil))
        }
        return Listing([
            .init("project", "Project"), .init("token", "Token"), .init("claimed", "Claimed", numeric: true),
            .init("receivedAtReceiptUsd", "At receipt", numeric: true), .init("receivedNowUsd", "Now", numeric: true),
            .init("soldProceedsUsd", "Sold", numeric: true), .init("realizedUsd", "Realized", numeric: true),
            .init("heldNowUsd", "Held now", numeric: true), .init("expectedUsd", "Expected", numeric: true),
            .init("costsUsd", "Costs", numeric: true), .init("netUsd", "Net", numeric: true), .init("roi", "ROI", numeric: true),
            .init("flag", "Note"),
        ], rows: body, footer: rows.isEmpty ? [] : [
            "received: claims at fair market value when received (At receipt) and at the latest price (Now)"
                + (wallet.map { "; wallet '\($0)' only" } ?? ""),
            "sold: proceeds net of fees, for the project that airdropped the token; realized = proceeds - their value at receipt",
            "net = sold + held now + expected - costs; costs = fees logged on activity and claims; expected = `airledger estimate` (rounded to cents)",
        ])
    }
}

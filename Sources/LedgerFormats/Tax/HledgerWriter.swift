import Foundation
import LedgerCore

/// An hledger journal of the tax booking, from the first movement to the end of the report's year,
/// accepted by `hledger check -s ordereddates` (hledger 1.25 and later).
///
/// hledger does not book lots itself, so every posting is written out and the journal only has to
/// balance (the check is real: hledger refuses a transaction that does not):
/// - One account per wallet, `Assets:Crypto:<Wallet>`; USD in `Assets:Fiat:USD`, brought in from
///   `Equity:Funding` when a buy needs more than the sales so far left there; airdrop income in
///   `Income:Airdrops:<Project>`; gains in `Income:CapitalGains:Short|Long`; network fees paid in the
///   moved token in `Expenses:Fees:Network`.
/// - Every crypto posting that acquires or disposes of a lot carries its cost as a total price
///   (`500 ARB @@ 600 USD`, exact) and the tags `lot:lot-N, acquired:DATE` (N is `TaxLot.id`).
///   A sale is one posting per lot fraction at its basis, the USD received (proceeds, net of the
///   sell fee), and the short- and long-term gains written out (proceeds - basis per term); a
///   transfer's network fee is a disposal at its value, booked to the fee expense. Per-wallet basis:
///   a transfer moves each lot fraction with its cost; universal: it moves the units.
/// - A last transaction asserts every wallet's balance of every asset after the last movement, so
///   hledger proves the balances follow the coins.
/// - Commodity directives give each asset the display precision of its amounts (USD two places);
///   a symbol that is not all letters is quoted (`"1INCH"`). Dates are days in the policy's time
///   zone; amounts are exact. `P` directives: every movement's price and every given price point.
public enum HledgerWriter {
    public static func render(_ r: TaxReport, prices: [PricePoint] = []) throws(AmountError) -> String {
        var w = Writer(report: r)
        return try w.render(prices: prices)
    }

    /// An hledger commodity symbol: bare when letters only, else in double quotes.
    public static func symbol(_ code: String) -> String {
        code.allSatisfy({ $0.isASCII && $0.isLetter }) ? code : "\"" + code.replacingOccurrences(of: "\"", with: "") + "\""
    }

    struct Writer {
        let report: TaxReport
        var accounts: Set<String> = []
        var names = LedgerText.AccountNames()
        /// Largest number of decimal places of each asset's quantities (display precision).
        var decimals: [String: Int] = [:]
        var usd = Quantity.zero

        init(report: TaxReport) { self.report = report }

        var tz: TimeZone { report.policy.timeZone }

        mutating func use(_ a: String) -> String { accounts.insert(a); return a }

        mutating func wallet(_ label: String) -> String { use(names.name("Assets:Crypto:", label)) }

        mutating func project(_ slug: String?) -> String { use(names.name("Income:Airdrops:", slug ?? "")) }

        /// "500 ARB" with the asset's precision noted.
        mutating func units(_ q: Quantity, _ asset: AssetSymbol) -> String {
            decimals[asset.code] = max(decimals[asset.code] ?? 0, LedgerText.decimalPlaces(q))
            return "\(q) \(HledgerWriter.symbol(asset.code))"
        }

        static func posting(_ account: String, _ amount: String, _ comment: String = "") -> String {
            "    \(account)  \(amount)" + (comment.isEmpty ? "" : "  ; \(comment)") + "\n"
        }

        static func lotTags(_ lotId: Int, _ acquired: CivilDate) -> String { "lot:lot-\(lotId), acquired:\(acquired)" }

        /// Gains written out per term: income is negative in hledger.
        func gains(_ parts: [LotMatch]) throws(AmountError) -> String {
            var out = ""
            for (term, account) in [(HoldingTerm.short, "Income:CapitalGains:Short"), (.long, "Income:CapitalGains:Long")] {
                let these = parts.filter { $0.term == term }
                guard !these.isEmpty else { continue }
                out += Self.posting(account, "\(-(try these.map(\.gain).sum())) USD")
            }
            return out
        }

        mutating func dispose(_ parts: [LotMatch], from account: String) -> String {
            parts.map { d in
                Self.posting(account, "\(units(-d.amount.quantity, d.amount.asset)) @@ \(d.costBasis) USD", Self.lotTags(d.lotId, d.acquired))
            }.joined()
        }

        mutating func render(prices: [PricePoint]) throws(AmountError) -> String {
            let h = report.history
            let lotsByMovement = Dictionary(h.lots.map { ($0.movementId, $0) }, uniquingKeysWith: { a, _ in a })
            var disposalsByMovement: [Int64: [LotMatch]] = [:]
            for d in h.disposals { disposalsByMovement[d.movementId, default: []].append(d) }
            var movesByMovement: [Int64: [LotMove]] = [:]
            for mv in h.moves { movesByMovement[mv.movementId, default: []].append(mv) }
            var priceLines: [String] = []
            var seenPrices = Set<String>()
            func price(_ d: CivilDate, _ code: String, _ p: Quantity) {
                let line = "P \(d) \(HledgerWriter.symbol(code)) \(p) USD"
                if seenPrices.insert(line).inserted { priceLines.append(line) }
            }

            var body = ""
            for m in h.movements {
                let day = m.at.day(in: tz)
                if let p = m.priceUsd { price(day, m.amount.asset.code, p) }
                let tx = m.txHash.map { "  ; tx:\($0)" } ?? ""
                switch m.kind {
                case .claim, .buy:
                    guard let lot = lotsByMovement[m.id] else { continue }
                    let account = wallet(m.walletLabel)
                    let lotPosting = Self.posting(account, "\(units(m.amount.quantity, m.amount.asset)) @@ \(lot.costBasis) USD",
                                                  Self.lotTags(lot.id, lot.acquired))
                    if m.kind == .claim {
                        let from = m.projectSlug.map { " from \($0)" } ?? ""
                        body += "\(day) * airdrop claim of \(m.amount)\(from) into \(m.walletLabel)\(tx)\n" + lotPosting
                        body += Self.posting(project(m.projectSlug), "\(-lot.costBasis) USD")
                    } else {
                        body += "\(day) * buy \(m.amount) into \(m.walletLabel)\(tx)\n" + lotPosting
                        // Paid from the USD the sales left, the rest brought in from outside.
                        let fromCash = min(usd, lot.costBasis)
                        let brought = try lot.costBasis - fromCash
                        if fromCash.isPositive { body += Self.posting(use("Assets:Fiat:USD"), "\(-fromCash) USD") }
                        if brought.isPositive { body += Self.posting(use("Equity:Funding"), "\(-brought) USD", "USD brought in for the buy") }
                        try usd -= fromCash
                    }
                case .sell:
                    let parts = disposalsByMovement[m.id] ?? []
                    let proceeds = try parts.map(\.proceeds).sum()
                    body += "\(day) * sell \(m.amount) from \(m.walletLabel)\(tx)\n"
                    body += dispose(parts, from: wallet(m.walletLabel))
                    body += Self.posting(use("Assets:Fiat:USD"), "\(proceeds) USD")
                    try usd += proceeds
                    body += try gains(parts)
                case .transfer:
                    let fees = (disposalsByMovement[m.id] ?? []).filter { $0.kind == .fee }
                    let feeText = m.feeQuantity.flatMap { $0.isPositive ? " with a network fee of \($0) \(m.amount.asset)" : nil } ?? ""
                    let sender = wallet(m.walletLabel), receiver = wallet(m.toWalletLabel ?? "?")
                    var lines = dispose(fees, from: sender)
                    if !fees.isEmpty {
                        lines += Self.posting(use("Expenses:Fees:Network"), "\(try fees.map(\.proceeds).sum()) USD")
                        lines += try gains(fees)
                    }
                    if report.policy.basis == .perWallet {
                        for mv in movesByMovement[m.id] ?? [] {
                            let tags = Self.lotTags(mv.lotId, mv.acquired)
                            lines += Self.posting(wallet(mv.fromWalletLabel), "\(units(-mv.amount.quantity, mv.amount.asset)) @@ \(mv.costBasis) USD", tags)
                            lines += Self.posting(wallet(mv.toWalletLabel), "\(units(mv.amount.quantity, mv.amount.asset)) @@ \(mv.costBasis) USD", tags)
                        }
                    } else if sender != receiver, m.amount.quantity.isPositive {
                        lines += Self.posting(sender, units(-m.amount.quantity, m.amount.asset))
                        lines += Self.posting(receiver, units(m.amount.quantity, m.amount.asset))
                    }
                    guard !lines.isEmpty else { continue }
                    body += "\(day) * transfer of \(m.amount) from \(m.walletLabel) to \(m.toWalletLabel ?? "?")\(feeText)\(tx)\n" + lines
                }
                body += "\n"
            }
            // Every wallet's balance of every asset after the last movement, asserted.
            if let last = h.movements.last {
                var lines: [String] = []
                for held in try LedgerText.holdings(after: h.movements) {
                    lines.append("    \(wallet(held.wallet))  0 \(HledgerWriter.symbol(held.asset.code)) = \(units(held.units, held.asset))")
                }
                body += "\(last.at.day(in: tz)) * balances after the last movement (assertions)\n" + lines.sorted().joined(separator: "\n") + "\n\n"
            }
            for p in prices { price(p.at.day(in: tz), p.asset.code, p.usd) }

            if !h.lots.isEmpty || !h.disposals.isEmpty {
                accounts.formUnion(["Income:CapitalGains:Short", "Income:CapitalGains:Long"])
            }
            var out = "; airledger tax ledger (hledger journal), booking through the end of tax year \(report.year)\n"
            out += "; Policy: \(report.policy.summary)\n"
            for rule in report.policy.rules { out += "; - \(rule)\n" }
            out += "; Each lot is posted at its exact cost (@@ total USD) with the tags lot:lot-N and acquired:DATE;\n"
            out += "; gains and income are written out. Check: hledger -f FILE check -s ordereddates\n"
            out += "; Tax year figures: hledger -f FILE bal Income -b \(report.year)-01-01 -e \(report.year + 1)-01-01\n\n"
            out += "commodity 1000.00 USD\n"
            for code in decimals.keys.sorted() where code != "USD" {
                let places = decimals[code] ?? 0
                out += "commodity 1000.\(String(repeating: "0", count: places)) \(HledgerWriter.symbol(code))\n"
            }
            out += "\n"
            for a in accounts.sorted() { out += "account \(a)\n" }
            out += "\n" + body
            if !priceLines.isEmpty {
                out += "; prices (USD per unit)\n" + priceLines.sorted().joined(separator: "\n") + "\n"
            }
            return out
        }
    }
}

extension HledgerWriter {
    /// `tax export --to hledger`.
    public static let export = TaxExport(
        name: "hledger",
        summary: "An hledger journal of the booking up to the end of the year: lots at cost, gains and income written out (hledger check clean).",
        render: { try render($0.report, prices: $0.prices) })
}

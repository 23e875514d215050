import Foundation
import LedgerCore

/// A beancount ledger of the tax booking, from the first movement to the end of the report's
/// year, checked by `bean-check` (beancount 3).
///
/// - One account per wallet, `Assets:Crypto:<Wallet>`; USD received by sales in `Assets:Fiat:USD`,
///   which buys spend first, the rest brought in from `Equity:Funding` (so it never goes negative);
///   airdrop income in `Income:Airdrops:<Project>`; gains in `Income:CapitalGains:Short|Long`;
///   fees: a sale's in `Expenses:Fees:Trading` (metadata `term`), a claim's in
///   `Expenses:Fees:Claims` (from `Equity:Funding`; a farming cost, not deducted), a network fee
///   paid in the moved token in `Expenses:Fees:Network` (a disposal at its value); a buy's fee is
///   in the lot's cost.
/// - Every lot is written with its cost per unit (basis / units, to 20 decimal places: the one
///   rounding here), acquisition date and the label `lot-N` (N is `TaxLot.id`), the exact basis in
///   a comment; every reduction names the lot airledger booked by that label, so beancount (STRICT
///   booking) repeats airledger's lot choice. Every USD amount (income, USD paid and received,
///   fees, gains) is written out with airledger's exact figure, none left for beancount to fill
///   (it would round a filled amount to the coarsest precision of the others); the cost side,
///   units x rounded cost per unit, then differs from the exact basis by far less than the
///   declared USD tolerance of 10^-6. A sale's gain posting is its gain before the sell fee, as
///   beancount's `sellgains` plugin (enabled) checks: USD received + fees = units x price. A lot
///   moved between wallets keeps the same cost per unit, date and label, so the move balances
///   exactly and merges with earlier moves of that lot.
/// - Account balances always follow the coins. Per-wallet basis: a transfer moves the lot
///   fractions airledger moved. Universal basis: a transfer moves the sender's oldest lots (which
///   lots is immaterial: one pool), and when airledger's pool disposes of a lot that sits in
///   another wallet's account, a transaction just before it swaps those units into the seller's
///   account for as many units of the seller's spare lots, each at its own cost (weighs nothing).
/// - Commodity names are made valid (upper case, 2-24 characters of A-Z 0-9 ' . _ -, starting with
///   a letter and ending with a letter or digit): "1INCH" becomes "X1INCH", with the original
///   symbol kept in a comment and the `name` metadata.
/// - Price directives: every movement's USD price and every given price point, dated in the
///   policy's time zone, duplicates dropped.
/// - Dates are days in the policy's time zone; amounts are exact.
public enum BeancountWriter {
    public static func render(_ r: TaxReport, prices: [PricePoint] = []) throws(AmountError) -> String {
        var w = Writer(report: r)
        return try w.render(prices: prices)
    }

    /// A valid beancount commodity name for an asset symbol (before collision suffixes).
    public static func commodityName(_ symbol: String) -> String {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'._-")
        var s = String(symbol.uppercased().map { allowed.contains($0) ? $0 : "-" })
        if let f = s.first, !f.isLetter { s = "X" + s }
        if s.count > 24 { s = String(s.prefix(24)) }
        while let l = s.last, !(l.isLetter || l.isNumber) { s.removeLast() }
        if s.count < 2 { s += "X" }
        if s == "USD" { s = "XUSD" }
        return s
    }

    /// A valid beancount account component: "hot wallet" -> "Hot-wallet", "w1" -> "W1".
    public static func accountComponent(_ text: String) -> String { LedgerText.accountComponent(text) }

    struct Writer {
        let report: TaxReport
        var commodities: [String: String] = [:] // symbol -> name
        var usedCommodities: Set<String> = ["USD"]
        var names = LedgerText.AccountNames()
        var opened: Set<String> = []
        /// Units of each lot per account and asset, as the file books them (account balances
        /// follow the coins, whatever the basis scope).
        var inventory: [InventoryKey: [Int: Quantity]] = [:]
        /// Cost text of each lot: "{1.2 USD, 2023-03-15, \"lot-1\"}".
        var lotCost: [Int: String] = [:]
        /// Balance of `Assets:Fiat:USD` as written (exact): sale proceeds in, buys out.
        var usd = Quantity.zero

        struct InventoryKey: Hashable { var account: String; var asset: String }

        init(report: TaxReport) { self.report = report }

        mutating func acquire(_ account: String, _ asset: String, lot: Int, _ q: Quantity) throws(AmountError) {
            try inventory[InventoryKey(account: account, asset: asset), default: [:]][lot, default: .zero] += q
        }

        mutating func release(_ account: String, _ asset: String, lot: Int, _ q: Quantity) throws(AmountError) {
            let k = InventoryKey(account: account, asset: asset)
            let left = try (inventory[k]?[lot] ?? .zero) - q
            inventory[k]?[lot] = left.isPositive ? left : nil
        }

        func held(_ account: String, _ asset: String, lot: Int) -> Quantity {
            inventory[InventoryKey(account: account, asset: asset)]?[lot] ?? .zero
        }

        /// Moves `q` units out of `from` into `to`, oldest lots (lowest id) first, except `avoid`.
        mutating func relocate(_ q: Quantity, _ asset: String, _ sym: String, from: String, to: String,
                               avoid: Int? = nil) throws(AmountError) -> String {
            var lines = "", rest = q
            let lots = (inventory[InventoryKey(account: from, asset: asset)] ?? [:]).keys.sorted()
            for lot in lots where lot != avoid && rest.isPositive {
                let take = min(rest, held(from, asset, lot: lot))
                guard take.isPositive else { continue }
                lines += "  \(from)  \(-take) \(sym) {\"lot-\(lot)\"}\n"
                lines += "  \(to)  \(take) \(sym) \(lotCost[lot] ?? "{}")\n"
                try release(from, asset, lot: lot, take)
                try acquire(to, asset, lot: lot, take)
                try rest -= take
            }
            return lines
        }

        /// Before a disposal by `seller` (universal basis), a transaction that brings into the
        /// seller's account every lot unit airledger's pool took from another wallet's account,
        /// giving that account as many units of the seller's spare lots at their own cost: balances
        /// follow the coins, the basis follows the booking, and the swap weighs nothing. It is a
        /// separate, earlier transaction because beancount books a transaction's reductions against
        /// the holdings before it. Empty when the seller holds every lot it needs.
        mutating func gather(_ parts: [LotMatch], _ sym: String, seller: String, label: String, day: CivilDate,
                            tx: String) throws(AmountError) -> String {
            guard let asset = parts.first?.amount.asset.code else { return "" }
            var need: [Int: Quantity] = [:]
            var order: [Int] = []
            for d in parts {
                if need[d.lotId] == nil { order.append(d.lotId) }
                try need[d.lotId, default: .zero] += d.amount.quantity
            }
            var lines = ""
            for lot in order {
                var deficit = try (need[lot] ?? .zero) - held(seller, asset, lot: lot)
                while deficit.isPositive {
                    let holders = inventory.filter { $0.key.asset == asset && $0.key.account != seller
                        && ($0.value[lot] ?? .zero).isPositive }.map(\.key.account).sorted()
                    guard let other = holders.first else { break }
                    let take = min(deficit, held(other, asset, lot: lot))
                    lines += "  \(other)  \(-take) \(sym) {\"lot-\(lot)\"}\n"
                    lines += "  \(seller)  \(take) \(sym) \(lotCost[lot] ?? "{}")\n"
                    try release(other, asset, lot: lot, take)
                    try acquire(seller, asset, lot: lot, take)
                    try deficit -= take
                    var give = take
                    let mine = (inventory[InventoryKey(account: seller, asset: asset)] ?? [:]).keys.sorted()
                    for spare in mine where give.isPositive {
                        let surplus = try held(seller, asset, lot: spare) - (need[spare] ?? .zero)
                        guard surplus.isPositive else { continue }
                        let g = min(give, surplus)
                        lines += "  \(seller)  \(-g) \(sym) {\"lot-\(spare)\"}\n"
                        lines += "  \(other)  \(g) \(sym) \(lotCost[spare] ?? "{}")\n"
                        try release(seller, asset, lot: spare, g)
                        try acquire(other, asset, lot: spare, g)
                        try give -= g
                    }
                }
            }
            guard !lines.isEmpty else { return "" }
            let what = "universal pool: \(label) takes the lots airledger disposes of, giving as many units of its other lots at their own cost"
            return "\(day) * \(Writer.quote(what))\n" + tx + lines + "\n"
        }

        /// Reduces the lots of `parts` from the seller's account.
        mutating func dispose(_ parts: [LotMatch], _ sym: String, seller: String, at: String) throws(AmountError) -> String {
            var lines = ""
            for d in parts {
                lines += "  \(seller)  \(-d.amount.quantity) \(sym) {\"lot-\(d.lotId)\"}\(at)\n"
                try release(seller, d.amount.asset.code, lot: d.lotId, d.amount.quantity)
            }
            return lines
        }

        var tz: TimeZone { report.policy.timeZone }

        mutating func commodity(_ a: AssetSymbol) -> String {
            if let n = commodities[a.code] { return n }
            let base = BeancountWriter.commodityName(a.code)
            var name = base, k = 2
            while usedCommodities.contains(name) {
                let suffix = "-\(k)"
                name = String(base.prefix(24 - suffix.count)) + suffix
                k += 1
            }
            usedCommodities.insert(name)
            commodities[a.code] = name
            return name
        }

        mutating func wallet(_ label: String) -> String { use(names.name("Assets:Crypto:", label)) }

        mutating func project(_ slug: String?) -> String { use(names.name("Income:Airdrops:", slug ?? "")) }

        mutating func use(_ account: String) -> String { opened.insert(account); return account }

        static func quote(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }

        mutating func render(prices: [PricePoint]) throws(AmountError) -> String {
            let h = report.history
            let lotsByMovement = Dictionary(h.lots.map { ($0.movementId, $0) }, uniquingKeysWith: { a, _ in a })
            var unitCost: [Int: Quantity] = [:]
            for lot in h.lots where lot.amount.quantity.isPositive {
                unitCost[lot.id] = try lot.costBasis.divided(by: lot.amount.quantity, scale: 20, rounding: .toNearestOrAwayFromZero)
            }
            func cost(_ lotId: Int, _ acquired: CivilDate) -> String {
                "{\(unitCost[lotId] ?? .zero) USD, \(acquired), \"lot-\(lotId)\"}"
            }
            var disposalsByMovement: [Int64: [LotMatch]] = [:]
            for d in h.disposals { disposalsByMovement[d.movementId, default: []].append(d) }
            var movesByMovement: [Int64: [LotMove]] = [:]
            for mv in h.moves { movesByMovement[mv.movementId, default: []].append(mv) }

            var body = ""
            var firstDay: CivilDate?
            func seen(_ d: CivilDate) { if firstDay.map({ d < $0 }) ?? true { firstDay = d } }
            var priceLines = Set<String>()
            var priceEntries: [(CivilDate, String, String)] = []
            func price(_ d: CivilDate, _ name: String, _ usd: Quantity) {
                let line = "\(d) price \(name) \(usd) USD"
                if priceLines.insert(line).inserted { priceEntries.append((d, name, line)) }
            }

            for m in h.movements {
                let day = m.at.day(in: tz)
                seen(day)
                let sym = commodity(m.amount.asset)
                if let p = m.priceUsd { price(day, sym, p) }
                let tx = m.txHash.map { "  tx: \(Writer.quote($0))\n" } ?? ""
                switch m.kind {
                case .claim, .buy:
                    guard let lot = lotsByMovement[m.id] else { continue }
                    let account = wallet(m.walletLabel)
                    let lotCost = cost(lot.id, lot.acquired)
                    self.lotCost[lot.id] = lotCost
                    try acquire(account, m.amount.asset.code, lot: lot.id, m.amount.quantity)
                    let basis = "  ; basis \(lot.costBasis) USD"
                    let fee = m.feeUsd.flatMap { $0.isPositive ? $0 : nil }
                    if m.kind == .claim {
                        let from = m.projectSlug.map { " from \($0)" } ?? ""
                        body += "\(day) * \(Writer.quote("airdrop claim of \(m.amount)\(from) into \(m.walletLabel)"))\n" + tx
                        body += "  \(account)  \(m.amount.quantity) \(sym) \(lotCost)\(basis)\n"
                        body += "  \(project(m.projectSlug))  \(Writer.negated(lot.costBasis)) USD\n"
                        if let fee {
                            // A farming cost, not deducted (the policy's rule); paid in gas the ledger
                            // does not hold as a movement, so it comes from outside.
                            body += "  \(use("Expenses:Fees:Claims"))  \(fee) USD  ; claim fee, not deducted\n"
                            body += "  \(use("Equity:Funding"))  \(-fee) USD\n"
                        }
                        body += "\n"
                    } else {
                        // The fee is in the cost (a buy's fee adds to its basis); the USD comes from
                        // the sales so far, the rest from outside (Equity:Funding, left for beancount
                        // to fill so it also takes the rounding of the cost per unit).
                        let how = [m.priceUsd.map { "bought at \($0) USD" }, fee.map { "fee \($0) USD" }].compactMap { $0 }
                        body += "\(day) * \(Writer.quote("buy \(m.amount) into \(m.walletLabel)"))\n" + tx
                        body += "  \(account)  \(m.amount.quantity) \(sym) \(lotCost)\(basis)"
                            + (how.isEmpty ? "" : " (\(how.joined(separator: ", ")))") + "\n"
                        let fromCash = max(.zero, min(usd, lot.costBasis))
                        let brought = try lot.costBasis - fromCash
                        if fromCash.isPositive {
                            body += "  \(use("Assets:Fiat:USD"))  \(-fromCash) USD\n"
                            try usd -= fromCash
                        }
                        if !fromCash.isPositive || !brought.isZero {
                            body += "  \(use("Equity:Funding"))  \(Writer.negated(brought)) USD\n"
                        }
                        body += "\n"
                    }
                case .sell:
                    let parts = disposalsByMovement[m.id] ?? []
                    let at = m.priceUsd.map { " @ \($0) USD" } ?? ""
                    let seller = wallet(m.walletLabel)
                    body += try gather(parts, sym, seller: seller, label: m.walletLabel, day: day, tx: tx)
                    body += "\(day) * \(Writer.quote("sell \(m.amount) from \(m.walletLabel)"))\n" + tx
                    body += try dispose(parts, sym, seller: seller, at: at)
                    let proceeds = try parts.map(\.proceeds).sum()
                    body += "  \(use("Assets:Fiat:USD"))  \(proceeds) USD\n"
                    try usd += proceeds
                    body += try sale(parts, price: m.priceUsd, fee: m.feeUsd)
                    body += "\n"
                case .transfer:
                    let fees = (disposalsByMovement[m.id] ?? []).filter { $0.kind == .fee }
                    let moves = movesByMovement[m.id] ?? []
                    let feeText = m.feeQuantity.flatMap { $0.isPositive ? " with a network fee of \($0) \(m.amount.asset)" : nil } ?? ""
                    let what = "transfer of \(m.amount) from \(m.walletLabel) to \(m.toWalletLabel ?? "?")\(feeText)"
                    let sender = wallet(m.walletLabel)
                    let receiver = wallet(m.toWalletLabel ?? "?")
                    body += try gather(fees, sym, seller: sender, label: m.walletLabel, day: day, tx: tx)
                    var lines = try dispose(fees, sym, seller: sender, at: "")
                    if !fees.isEmpty {
                        lines += "  \(use("Expenses:Fees:Network"))  \(try fees.map(\.proceeds).sum()) USD\n"
                    }
                    if report.policy.basis == .perWallet {
                        for mv in moves {
                            let from = wallet(mv.fromWalletLabel), to = wallet(mv.toWalletLabel)
                            lines += "  \(from)  \(-mv.amount.quantity) \(sym) {\"lot-\(mv.lotId)\"}\n"
                            lines += "  \(to)  \(mv.amount.quantity) \(sym) \(lotCost[mv.lotId] ?? "{}")  ; basis \(mv.costBasis) USD\n"
                            try release(from, m.amount.asset.code, lot: mv.lotId, mv.amount.quantity)
                            try acquire(to, m.amount.asset.code, lot: mv.lotId, mv.amount.quantity)
                        }
                    } else if sender != receiver {
                        lines += try relocate(m.amount.quantity, m.amount.asset.code, sym, from: sender, to: receiver)
                    }
                    guard !lines.isEmpty else {
                        body += "; \(day) \(what): nothing to book\n\n"
                        continue
                    }
                    body += "\(day) * \(Writer.quote(what))\n" + tx + lines
                    body += try gains(fees)
                    body += "\n"
                }
            }
            // Balance assertions the day after the last movement: each wallet account holds what
            // the movements left in that wallet, so bean-check proves the balances follow the coins.
            if let last = h.movements.last {
                let after = last.at.day(in: tz).adding(days: 1)
                var lines: [String] = []
                for held in try LedgerText.holdings(after: h.movements) {
                    lines.append("\(after) balance \(wallet(held.wallet))  \(held.units) \(commodity(held.asset))")
                }
                body += "; balances after the last movement\n" + lines.sorted().joined(separator: "\n") + "\n\n"
            }
            for p in prices {
                let day = p.at.day(in: tz)
                seen(day)
                price(day, commodity(p.asset), p.usd)
            }

            let open = firstDay ?? CivilDate(year: report.year, month: 1, day: 1) ?? CivilDate(daysSinceEpoch: 0)
            var out = "; airledger tax ledger (beancount), booking through the end of tax year \(report.year)\n"
            out += "; Policy: \(report.policy.summary)\n"
            for rule in report.policy.rules { out += "; - \(rule)\n" }
            out += "; Lots carry their cost per unit (rounded to 20 decimal places), acquisition date and label lot-N;\n"
            out += "; reductions name the lot airledger booked. airledger's exact figures are in its JSON export.\n"
            out += "; Assets:Fiat:USD holds the USD of sales; a buy spends it first and takes the rest from Equity:Funding\n"
            out += "; (USD brought in), so it never goes negative. Fees: a sale's in Expenses:Fees:Trading (metadata term),\n"
            out += "; a claim's in Expenses:Fees:Claims (a farming cost, not deducted), a network fee paid in the moved token\n"
            out += "; in Expenses:Fees:Network (a disposal at its value); a buy's is in the lot's cost.\n"
            out += "; Tax year \(report.year) in bean-query: income = -(Income:Airdrops); a term's gain as on Form 8949 (net of\n"
            out += "; the sell fee) = -(Income:CapitalGains:TERM + its Expenses:Fees:Trading postings), e.g. short-term:\n"
            out += "; SELECT sum(number) WHERE year = \(report.year) AND (account = 'Income:CapitalGains:Short'\n"
            out += ";   OR (account = 'Expenses:Fees:Trading' AND meta('term') = 'short'))\n"
            if report.policy.basis == .universal {
                out += "; Universal basis: when a sale takes a lot held in another wallet's account, that account swaps it for\n"
                out += "; as many units of the seller's other lots at their own cost, so account balances follow the coins.\n"
            }
            out += "\noption \"title\" \(Writer.quote("airledger tax ledger \(report.year) (\(report.policy.method.rawValue), basis \(report.policy.basis.rawValue), airdrops \(report.policy.airdrops.rawValue))"))\n"
            out += "option \"operating_currency\" \"USD\"\noption \"booking_method\" \"STRICT\"\n"
            // Every USD amount is written out exactly; a transaction's cost side is units x cost per
            // unit (rounded to 20 places), so it balances within this tolerance, not exactly.
            out += "option \"inferred_tolerance_default\" \"USD:0.000001\"\n"
            // Checks every priced sale: USD received + fees = units x price.
            out += "plugin \"beancount.plugins.sellgains\"\n"
            // Display precision per commodity (fava and bean-query otherwise show whole units): the
            // most decimal places of its amounts in the movements; USD in cents.
            var places: [String: Int] = [:]
            for m in h.movements {
                for q in [m.amount.quantity, m.feeQuantity].compactMap({ $0 }) {
                    places[m.amount.asset.code] = max(places[m.amount.asset.code] ?? 0, LedgerText.decimalPlaces(q))
                }
            }
            out += "option \"display_precision\" \"USD:0.01\"\n"
            for (symbol, name) in commodities.sorted(by: { $0.value < $1.value }) {
                let n = places[symbol] ?? 0
                out += "option \"display_precision\" \"\(name):\(n > 0 ? "0." + String(repeating: "0", count: n - 1) + "1" : "1")\"\n"
            }
            out += "\n"
            out += "\(open) commodity USD\n"
            for (symbol, name) in commodities.sorted(by: { $0.value < $1.value }) {
                if symbol != name { out += "; \(name) is the asset \(symbol)\n" }
                out += "\(open) commodity \(name)\n  name: \(Writer.quote(symbol))\n"
            }
            out += "\n"
            if !h.lots.isEmpty || !h.disposals.isEmpty {
                opened.formUnion(["Income:CapitalGains:Short", "Income:CapitalGains:Long"])
            }
            for account in opened.sorted() { out += "\(open) open \(account)\n" }
            out += "\n" + body
            if !priceEntries.isEmpty {
                out += "; prices (USD per unit)\n"
                for e in priceEntries.sorted(by: { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }) { out += e.2 + "\n" }
            }
            return out
        }

        /// The sell fee and gain postings of a sale. The fee goes to `Expenses:Fees:Trading`
        /// (beancount's convention, checked by its `sellgains` plugin: USD received + fees = units x
        /// price), one posting per holding term with `term` metadata: a sale within one term takes
        /// the whole fee; one spanning both gives the short term its units x price less its share of
        /// the net proceeds (the engine shares those by units) and the long term the rest. So a gain
        /// posting holds the gain before the fee (units x price - basis), and a term's tax gain
        /// (Form 8949, net of the fee) is its gain account plus its fee postings.
        mutating func sale(_ parts: [LotMatch], price: Quantity?, fee: Quantity?) throws(AmountError) -> String {
            guard !parts.isEmpty else { return "" }
            let short = parts.filter { $0.term == .short }, long = parts.filter { $0.term == .long }
            let total = fee.flatMap { $0.isZero ? nil : $0 }
            var shortFee = Quantity.zero, out = ""
            if let total {
                if long.isEmpty { shortFee = total } else if !short.isEmpty {
                    shortFee = try short.map(\.amount.quantity).sum() * (price ?? .zero) - short.map(\.proceeds).sum()
                }
            }
            let longFee = try (total ?? .zero) - shortFee
            for (term, q) in [(HoldingTerm.short, shortFee), (.long, longFee)] where !q.isZero {
                out += "  \(use(Writer.feesAccount))  \(q) USD\n    term: \"\(term.rawValue)\"\n"
            }
            return out + (try gains(parts, plus: [.short: shortFee, .long: longFee]))
        }

        static let feesAccount = "Expenses:Fees:Trading"

        /// Gain postings, one per holding term present, written out exactly: the term's gain (proceeds
        /// - basis) plus `plus` (a sale's fee share), negated (income is negative in beancount).
        func gains(_ parts: [LotMatch], plus: [HoldingTerm: Quantity] = [:]) throws(AmountError) -> String {
            var out = ""
            for (term, account) in [(HoldingTerm.short, "Income:CapitalGains:Short"), (.long, "Income:CapitalGains:Long")] {
                let these = parts.filter { $0.term == term }
                guard !these.isEmpty else { continue }
                let gain = try these.map(\.gain).sum() + (plus[term] ?? .zero)
                out += "  \(account)  \(Writer.negated(gain)) USD\n"
            }
            return out
        }

        /// -q, printed "0" for zero.
        static func negated(_ q: Quantity) -> Quantity { q.isZero ? .zero : -q }
    }
}

extension BeancountWriter {
    /// `tax export --to beancount`.
    public static let export = TaxExport(
        name: "beancount",
        summary: "A beancount ledger of the booking up to the end of the year, with prices (bean-check clean).",
        render: { try render($0.report, prices: $0.prices) })
}

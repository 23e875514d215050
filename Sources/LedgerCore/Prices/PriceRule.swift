/// The one price rule (issue 14), used by every report: the USD price of an asset at a time is the
/// price given on the entry itself, else the price table's latest price at or before that time within
/// `window` (a day by default), else unknown. Unknown is shown as `-`, never as zero. A price after the
/// time asked is never used: a claim is valued with what was known when it happened.
public struct PriceRule: Sendable {
    /// How far back a table price still counts, in seconds.
    public var window: Int64
    public var book: PriceBook

    public static let defaultWindow: Int64 = 86_400

    public init(book: PriceBook, window: Int64 = PriceRule.defaultWindow) {
        self.book = book; self.window = window
    }

    /// A price and where it came from ("given", or the table row's source: manual, import, defillama...).
    public struct Priced: Sendable, Hashable {
        public var usd: Quantity
        public var at: Instant
        public var source: String
    }

    /// The price of `asset` at `at`: `given` when there is one, else the table within the window.
    public func price(of asset: AssetSymbol, at: Instant, given: Quantity? = nil) -> Priced? {
        if let g = given { return Priced(usd: g, at: at, source: "given") }
        guard let p = book.price(of: asset, at: at), at.seconds - p.at.seconds <= window else { return nil }
        return Priced(usd: p.usd, at: p.at, source: p.source)
    }

    /// The USD value of `amount` at `at` by the rule; nil when the price is unknown (or the product
    /// cannot be exact).
    public func value(of amount: Amount, at: Instant, given: Quantity? = nil) -> Quantity? {
        if amount.asset.isUSD { return amount.quantity }
        guard let p = price(of: amount.asset, at: at, given: given) else { return nil }
        return try? amount.quantity * p.usd
    }

    /// "Now": the latest price the ledger holds for `asset` from any source (the table, and prices
    /// given on claims and trades in `movements`), with its date and source; nil when none.
    public func latest(of asset: AssetSymbol, movements: [Movement] = []) -> Priced? {
        var best = book.latest(of: asset).map { Priced(usd: $0.usd, at: $0.at, source: $0.source) }
        for m in movements where m.amount.asset == asset && m.priceSource != "table" {
            guard let usd = m.priceUsd else { continue }
            if let b = best, b.at >= m.at { continue }
            best = Priced(usd: usd, at: m.at, source: m.kind.rawValue)
        }
        return best
    }

    /// The times each asset needs a price that the rule cannot give yet: claims and transfers with a
    /// fee in the moved token without their own price, and activity volumes and fees in a token
    /// without a USD figure. What `price fetch --missing` fetches.
    public func missing(movements: [Movement], activities: [Activity]) -> [AssetSymbol: [Instant]] {
        var need: [AssetSymbol: Set<Instant>] = [:]
        func want(_ a: AssetSymbol, _ t: Instant) {
            if a.isUSD || price(of: a, at: t) != nil { return }
            need[a, default: []].insert(t)
        }
        for m in movements where m.takesTablePrice && (m.priceUsd == nil || m.priceSource == "table") {
            want(m.amount.asset, m.at)
        }
        for a in activities {
            if let v = a.volume, a.volumeUsd == nil { want(v.asset, a.at) }
            if let f = a.fee, a.feeUsd == nil, !f.quantity.isZero { want(f.asset, a.at) }
        }
        return need.mapValues { $0.sorted() }
    }
}

extension AssetSymbol {
    /// USD itself and the dollar stand-ins a ledger may hold as a unit ("USD").
    public var isUSD: Bool { code == "USD" }
}

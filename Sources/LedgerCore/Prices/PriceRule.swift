/// The one price rule (issue 14), used by every report (activity summary, portfolio, value, estimate,
/// tax, history, the HTML report):
///
/// - **At a time**: the USD price of an asset at a time is the price given on the entry itself, else
///   the price table's latest price at or before that time within `window` (a day by default), else
///   unknown. A price after the time asked is never used: a claim is valued with what was known when it
///   happened. Volumes and fees logged in a token are valued with it (`pricing(_:)` on an activity).
/// - **Now**: the latest price at or before "now" that the ledger holds from any source: the price
///   table (set, imported or fetched) and the prices given on claims, buys, sells and transfers, with
///   its date and source. No window: an old price is still the latest one known, and it is shown with
///   its date so the reader can judge it.
/// - **Unknown** stays unknown (nil, shown `-`), never zero.
public struct PriceRule: Sendable {
    /// How far back a table price still counts, in seconds.
    public var window: Int64
    /// The price table (`price set`, `price import`, `price fetch`).
    public var book: PriceBook
    /// The table plus the prices given on movements: what "now" looks at.
    private var market: PriceBook

    public static let defaultWindow: Int64 = 86_400

    /// `movements`: the ledger's claims, buys, sells and transfers; their given prices (source "given",
    /// or nil from older callers) count for "now". Prices the rule itself took from the table
    /// (source "table") are already in `book`.
    public init(book: PriceBook, movements: [Movement] = [], window: Int64 = PriceRule.defaultWindow) {
        self.book = book; self.window = window
        var observed: [PricePoint] = []
        for m in movements where m.priceSource != "table" {
            guard let usd = m.priceUsd else { continue }
            observed.append(PricePoint(asset: m.amount.asset, at: m.at, usd: usd, source: m.kind.rawValue))
        }
        self.market = observed.isEmpty ? book : PriceBook(observed).adding(book.points)
    }

    /// A price and where it came from ("given", or the table row's source: manual, import, defillama,
    /// coingecko; for "now" also claim, buy, sell, transfer: the entry that gave it).
    public struct Priced: Sendable, Hashable {
        public var usd: Quantity
        public var at: Instant
        public var source: String
        public init(usd: Quantity, at: Instant, source: String) { self.usd = usd; self.at = at; self.source = source }
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

    /// "Now": the latest price of `asset` at or before `now` from any source (the table, and prices
    /// given on claims and trades), with its date and source; nil when the ledger holds none. On a tie
    /// in time the table wins (a price the user set or fetched for that moment).
    public func latest(of asset: AssetSymbol, at now: Instant) -> Priced? {
        if asset.isUSD { return Priced(usd: Quantity(exactly: 1), at: now, source: "usd") }
        guard let p = market.price(of: asset, at: now) else { return nil }
        return Priced(usd: p.usd, at: p.at, source: p.source)
    }

    /// An activity with its token volume and fee valued by the rule where no USD figure was logged.
    /// A USD figure logged with the entry always wins; what the rule cannot price stays nil.
    public func pricing(_ a: Activity) -> Activity {
        var priced = a
        if a.volumeUsd == nil, let v = a.volume { priced.volumeUsd = value(of: v, at: a.at) }
        if a.feeUsd == nil, let f = a.fee { priced.feeUsd = value(of: f, at: a.at) }
        return priced
    }

    /// A movement priced by the rule: its own price (source "given"), else, when it `takesTablePrice`,
    /// the table within the window (source "table"). Still nil means unknown: unpriced, never zero.
    public func pricing(_ m: Movement) -> Movement {
        guard m.priceUsd == nil, m.takesTablePrice, let p = price(of: m.amount.asset, at: m.at) else { return m }
        var priced = m
        priced.priceUsd = p.usd
        priced.priceSource = "table"
        return priced
    }

    /// The times each asset needs a price that the rule cannot give yet: claims and transfers with a
    /// fee in the moved token without their own price, and activity volumes and fees in a token without
    /// a USD figure. What `price fetch --missing` (and `--fetch-prices`) fetch, with holdings' "now".
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

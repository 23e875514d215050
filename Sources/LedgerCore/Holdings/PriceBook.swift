/// USD prices per asset over time. Valuation uses the latest price at or before the time asked.
public struct PriceBook: Sendable {
    private var series: [AssetSymbol: [PricePoint]] = [:]

    public init(_ points: [PricePoint]) {
        for p in points { series[p.asset, default: []].append(p) }
        for k in series.keys { series[k]?.sort { $0.at < $1.at } }
    }

    /// The latest price of `asset` at or before `at`, or nil.
    public func price(of asset: AssetSymbol, at: Instant) -> PricePoint? {
        guard let s = series[asset], !s.isEmpty else { return nil }
        var lo = 0, hi = s.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if s[mid].at <= at { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : s[lo - 1]
    }

    /// The latest known price of `asset`, or nil.
    public func latest(of asset: AssetSymbol) -> PricePoint? { series[asset]?.last }

    /// Every point, per asset in time order.
    public var points: [PricePoint] { series.keys.sorted().flatMap { series[$0] ?? [] } }

    /// This book with `points` added. The sort is stable: at an equal time a point already in the
    /// book comes first, so `price(of:at:)` (the last at or before) prefers the added one.
    public func adding(_ points: [PricePoint]) -> PriceBook {
        var copy = self
        for p in points { copy.series[p.asset, default: []].append(p) }
        for k in Set(points.map(\.asset)) { copy.series[k]?.sort { $0.at < $1.at } }
        return copy
    }
}

extension Movement {
    /// Whether the price table stands in when the movement has no price of its own: a claim (its fair
    /// market value is income and basis) and a transfer whose network fee is paid in the moved token
    /// (the fee units are a disposal at their value then). Buys and sells always carry their price.
    public var takesTablePrice: Bool {
        switch kind {
        case .claim: true
        case .transfer: !(feeQuantity ?? .zero).isZero
        case .buy, .sell: false
        }
    }
}

extension PriceBook {
    /// The claim price rule applied to one movement: `PriceRule.pricing(_:)` with the default window.
    public func pricing(_ m: Movement) -> Movement { PriceRule(book: self).pricing(m) }
}

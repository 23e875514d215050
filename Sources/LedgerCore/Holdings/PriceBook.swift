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
}

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
    /// The claim price rule, the one place it is applied to movements (`PriceRule`): the movement's own
    /// price (source "given"), else, when it `takesTablePrice`, the latest table price at or before it
    /// within the rule's window (source "table"). Still nil means unknown: shown as unpriced, never as zero.
    public func pricing(_ m: Movement) -> Movement {
        guard m.priceUsd == nil, m.takesTablePrice,
              let p = PriceRule(book: self).price(of: m.amount.asset, at: m.at) else { return m }
        var priced = m
        priced.priceUsd = p.usd
        priced.priceSource = "table"
        return priced
    }
}

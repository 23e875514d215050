import LedgerCore

/// Section input: what the holdings chart needs. USD value of what the wallets in scope held at the
/// end of each period, per asset, by the price rule; nil where the asset had no price (a gap).
public struct HoldingsValueInput: Sendable, Hashable {
    public struct Asset: Sendable, Hashable {
        public var symbol: String
        /// One per period: value at the period's end, nil when unpriced (never zero for unknown).
        public var valuesUsd: [Quantity?]
        public init(symbol: String, valuesUsd: [Quantity?]) { self.symbol = symbol; self.valuesUsd = valuesUsd }
    }

    public var unit: TimeUnit
    /// First day of each period.
    public var periods: [CivilDate]
    /// In stacking order (bottom first): put the assets priced everywhere first.
    public var assets: [Asset]
    /// The price rule in words ("the latest price at or before the period's end").
    public var priceRule: String

    public init(unit: TimeUnit, periods: [CivilDate], assets: [Asset], priceRule: String) {
        self.unit = unit; self.periods = periods; self.assets = assets; self.priceRule = priceRule
    }

    /// Assets drawn one by one; beyond this, the smaller ones are summed into one "other" series.
    public static let maxSeries = 8

    /// The assets as drawn: the `maxSeries - 1` with the largest known value in any period keep their
    /// order, the rest become "other (N assets)", unknown in a period where any of them is unknown.
    func drawnAssets() -> [Asset] {
        guard assets.count > Self.maxSeries else { return assets }
        let peak = assets.map { $0.valuesUsd.compactMap { $0 }.max() ?? .zero }
        let keep = Set(assets.indices.sorted { peak[$0] != peak[$1] ? peak[$0] > peak[$1] : assets[$0].symbol < assets[$1].symbol }
            .prefix(Self.maxSeries - 1))
        let rest = assets.indices.filter { !keep.contains($0) }
        let other = Asset(symbol: "other (\(rest.count) assets)", valuesUsd: periods.indices.map { p in
            ChartMath.total(rest.map { p < assets[$0].valuesUsd.count ? assets[$0].valuesUsd[p] : nil })
        })
        return assets.indices.filter(keep.contains).map { assets[$0] } + [other]
    }

    public func section() -> ReportSection {
        let heading = "Holdings value over time"
        guard !periods.isEmpty, !assets.isEmpty else {
            return ReportSection(id: "holdings", heading: heading,
                                 empty: "No holdings yet: record claims or buys (`airledger claim`, `airledger buy`) to see their value over time.")
        }
        let unpriced = assets.filter { $0.valuesUsd.contains { $0 == nil } }.map(\.symbol)
        let chart = StackedBarChart(
            text: ChartText(
                title: "Holdings value by asset, per \(unit.rawValue)",
                caption: "USD value of the tokens held at the end of each \(unit.rawValue), stacked by asset (\(priceRule)). "
                    + "A ? marks a \(unit.rawValue) where an asset had no price: the stack stops there, and the gap is unknown, not zero."),
            unit: unit, periods: periods, series: drawnAssets().map { .init(name: $0.symbol, values: $0.valuesUsd) })
        return ReportSection(
            id: "holdings", heading: heading, figures: [chart.figure(id: "holdings-value")],
            notes: unpriced.isEmpty ? [] : ["Unpriced at some point: \(unpriced.joined(separator: ", ")). Add prices with `airledger price set SYMBOL USD --at DATE` or `airledger price import FILE`."])
    }
}

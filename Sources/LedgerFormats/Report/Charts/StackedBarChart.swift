import LedgerCore

/// How a chart prints its values: dollars (rounded to cents in labels and tables) or plain numbers.
public enum ValueFormat: Sendable, Hashable {
    case usd, number

    func label(_ q: Quantity?) -> String {
        switch self {
        case .usd: MoneyText.usd(q)
        case .number: MoneyText.number(q)
        }
    }

    func tick(_ q: Quantity) -> String {
        switch self {
        case .usd: MoneyText.usdCompact(q)
        case .number: MoneyText.compact(q)
        }
    }
}

/// Values per period stacked by series: holdings value by asset, period by period.
///
/// Unknown values are gaps, never zero. In each period the series are stacked bottom-up in the given
/// order (positive values upward, negative ones downward); at the first unknown value the stack
/// stops: the series above it in that period are not drawn (their position would depend on the
/// unknown one), a "?" marks the top of what is drawn, and the table shows "-" for the unknown value
/// and the total. Put the series that are always known (stablecoins, priced majors) first.
public struct StackedBarChart: Sendable, Hashable {
    public struct Series: Sendable, Hashable {
        public var name: String
        /// One value per period; nil is unknown (e.g. the asset has no price then).
        public var values: [Quantity?]
        public init(name: String, values: [Quantity?]) { self.name = name; self.values = values }
    }

    public var text: ChartText
    public var unit: TimeUnit
    /// The first day of each period, in order.
    public var periods: [CivilDate]
    public var series: [Series]
    public var format: ValueFormat

    public init(text: ChartText, unit: TimeUnit, periods: [CivilDate], series: [Series], format: ValueFormat = .usd) {
        self.text = text; self.unit = unit; self.periods = periods; self.series = series; self.format = format
    }

    func value(_ s: Int, _ p: Int) -> Quantity? {
        p < series[s].values.count ? series[s].values[p] : nil
    }

    /// The drawn segments of period `p`: (series, from, to) in value space, and whether the stack stopped at an unknown.
    func stack(_ p: Int) -> (segments: [(series: Int, from: Quantity, to: Quantity)], stopped: Bool) {
        var up = Quantity.zero, down = Quantity.zero
        var out: [(series: Int, from: Quantity, to: Quantity)] = []
        for s in series.indices {
            guard let v = value(s, p) else { return (out, true) }
            if v.isNegative {
                let next = ChartMath.plus(down, v)
                out.append((s, down, next))
                down = next
            } else if v.isPositive {
                let next = ChartMath.plus(up, v)
                out.append((s, up, next))
                up = next
            }
        }
        return (out, false)
    }

    public func figure(id: String) -> Figure {
        let width = 720.0, left = 70.0, right = 16.0
        let legendProbe = estimatedLegendHeight(width: width - left - right)
        let top = 12.0 + legendProbe + 8, plotHeight = 220.0
        let bottom = top + plotHeight, height = bottom + 34
        let stacks = periods.indices.map(stack)
        var extremes: [Quantity] = [.zero]
        for st in stacks { for seg in st.segments { extremes.append(seg.to) } }
        let y = LinearScale(covering: extremes, from: bottom, to: top)
        let n = max(periods.count, 1)
        let band = (width - left - right) / Double(n)
        let barWidth = max(band * 0.8, 1)
        func x(_ i: Int) -> Double { left + band * Double(i) + (band - barWidth) / 2 }

        var c = SVGCanvas(id: id, width: width, height: height, title: text.title, description: text.description(summary()))
        c.defs { Palette.writeSeriesPatterns(&$0, prefix: id, count: series.count) }
        c.legend(series.indices.map { (series[$0].name, Palette.seriesFill(prefix: id, $0)) }, x: left, y: 12, width: width - left - right)
        c.valueAxisLeft(y, left: left, right: width - right, format: format.tick)
        for (p, st) in stacks.enumerated() {
            c.group(label: "\(unit.name(periods[p])): " + (st.stopped ? "total unknown" : format.label(ChartMath.total(series.indices.map { value($0, p) })))) { g in
                for seg in st.segments {
                    let y0 = y.position(seg.from), y1 = y.position(seg.to)
                    g.rect(x: x(p), y: y1, width: barWidth, height: y0 - y1, fill: Palette.seriesFill(prefix: id, seg.series), stroke: Palette.ink)
                }
                if st.stopped {
                    let topValue = st.segments.filter { !$0.to.isNegative }.last?.to ?? .zero
                    g.text("?", x: x(p) + barWidth / 2, y: y.position(topValue) - 3, anchor: .middle, bold: true, fill: Palette.mutedInk)
                }
            }
        }
        c.periodLabels(unit, periods: periods, x: { x($0) + barWidth / 2 }, y: bottom + 16, maxLabels: Int((width - left - right) / 75))
        return Figure(id: id, title: text.title, description: text.description(summary()), caption: text.caption,
                      svg: c.finish(), table: table())
    }

    private func estimatedLegendHeight(width: Double) -> Double {
        var probe = SVGCanvas(id: "probe", width: 1, height: 1, title: "", description: "")
        return probe.legend(series.map { ($0.name, "") }, x: 0, y: 0, width: width)
    }

    func totals() -> [Quantity?] {
        periods.indices.map { p in ChartMath.total(series.indices.map { value($0, p) }) }
    }

    func summary() -> String {
        guard let first = periods.first, let last = periods.last else { return "No periods to show." }
        var s = "Stacked bars for \(periods.count) \(unit.rawValue)\(periods.count == 1 ? "" : "s") from \(unit.label(first, previous: nil)) to \(unit.label(last, previous: nil))"
        s += series.isEmpty ? "; no series." : ", one colour and pattern per series: \(series.map(\.name).joined(separator: ", "))."
        let totals = totals()
        if let (i, best) = totals.enumerated().compactMap({ i, t in t.map { (i, $0) } }).max(by: { $0.1 < $1.1 }) {
            s += " Highest total: \(format.label(best)) (\(unit.name(periods[i])))."
        }
        if let lastTotal = totals.last {
            s += " Last period: \(format.label(lastTotal))."
        }
        let unknown = periods.indices.filter { totals[$0] == nil }
        if !unknown.isEmpty {
            s += " \(unknown.count) period\(unknown.count == 1 ? " has" : "s have") a value unknown (shown as a gap marked ?, not zero): "
                + unknown.prefix(6).map { unit.name(periods[$0]) }.joined(separator: ", ") + (unknown.count > 6 ? ", ..." : "") + "."
        }
        return s
    }

    func table() -> DataTable {
        let totals = totals()
        return DataTable(
            columns: [.init(unit.heading)] + series.map { .init($0.name, numeric: true) }
                + [.init("Total", numeric: true)],
            rows: periods.indices.map { p in
                [unit.name(periods[p])] + series.indices.map { format.label(value($0, p)) } + [format.label(totals[p])]
            })
    }
}

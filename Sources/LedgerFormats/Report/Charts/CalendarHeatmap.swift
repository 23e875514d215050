import LedgerCore

/// Activity per row (wallet) and period (day, week or month) as a calendar heat map: the darker a
/// cell, the more activities. Wallets active on the same periods line up in the same columns, the
/// pattern sybil filters look for; a summary row on top counts the wallets active in each period.
/// Burned wallets (flagged by a sybil filter) are marked with a cross and "burned" after their name,
/// and their row is hatched.
///
/// Intensity classes are fixed powers of two (1, 2-3, 4-7, 8-15, 16 and more) so one reading of the
/// legend holds across reports. Empty cells are not drawn (the row's background shows), and runs of
/// equal cells are one rectangle, so the size grows with activity, not with rows x periods.
public struct CalendarHeatmap: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var label: String
        public var burned: Bool
        /// Activities per period, in the periods' order (missing trailing entries are 0).
        public var counts: [Int]
        public init(label: String, burned: Bool, counts: [Int]) { self.label = label; self.burned = burned; self.counts = counts }
    }

    public var text: ChartText
    public var unit: TimeUnit
    public var periods: [CivilDate]
    public var rows: [Row]

    public init(text: ChartText, unit: TimeUnit, periods: [CivilDate], rows: [Row]) {
        self.text = text; self.unit = unit; self.periods = periods; self.rows = rows
    }

    /// Class of a count: 0 (none), 1 ... 5.
    static func intensity(_ n: Int) -> Int {
        switch n {
        case ..<1: 0
        case 1: 1
        case 2...3: 2
        case 4...7: 3
        case 8...15: 4
        default: 5
        }
    }

    static let classNames = ["1", "2-3", "4-7", "8-15", "16+"]

    func count(_ r: Int, _ p: Int) -> Int { p < rows[r].counts.count ? rows[r].counts[p] : 0 }

    /// Wallets active per period.
    func activeWallets() -> [Int] {
        periods.indices.map { p in rows.indices.filter { count($0, p) > 0 }.count }
    }

    public func figure(id: String) -> Figure {
        let width = 720.0, labelWidth = 150.0, right = 10.0
        let left = labelWidth + 10
        let cell = min(28.0, (width - left - right) / Double(max(periods.count, 1)))
        let rowHeight = 16.0
        let top = 10.0
        let summaryY = top
        let gridTop = top + rowHeight + 8
        let bottom = gridTop + rowHeight * Double(rows.count)
        let height = bottom + 22 + 24
        func x(_ p: Int) -> Double { left + cell * Double(p) }

        var c = SVGCanvas(id: id, width: width, height: height, title: text.title, description: text.description(summary()))
        c.defs { m in
            m.open("pattern", ["id": "\(id)-burned", "patternUnits": "userSpaceOnUse", "width": "6", "height": "6"])
            m.empty("rect", ["width": "6", "height": "6", "fill": "#F2F2F2"])
            m.empty("path", ["d": "M-1,1 L1,-1 M0,6 L6,0 M5,7 L7,5", "stroke": "#999999", "stroke-width": "0.8"])
            m.close("pattern")
        }
        let plotWidth = cell * Double(periods.count)
        // Summary row: wallets active per period, on the same classes.
        c.text("wallets active", x: labelWidth, y: summaryY + 11, anchor: .end, bold: true)
        c.rect(x: left, y: summaryY, width: plotWidth, height: rowHeight - 2, fill: "#FFFFFF", stroke: Palette.grid)
        drawRuns(&c, counts: activeWallets(), y: summaryY, height: rowHeight - 2, x: x, cell: cell)
        for r in rows.indices {
            let y = gridTop + rowHeight * Double(r)
            let row = rows[r]
            c.group(label: row.label + (row.burned ? " (burned)" : "")) { g in
                let name = SVGCanvas.fit(row.label, width: labelWidth - (row.burned ? 60 : 0))
                if row.burned {
                    g.text(name + " (burned)", x: labelWidth, y: y + 11, anchor: .end, fill: Palette.mutedInk)
                    g.marker(.cross, x: labelWidth - SVGCanvas.textWidth(name + " (burned)") - 8, y: y + 7, size: 3.5, fill: "none",
                             stroke: Palette.Measure.costs)
                } else {
                    g.text(name, x: labelWidth, y: y + 11, anchor: .end)
                }
                g.rect(x: left, y: y, width: plotWidth, height: rowHeight - 2, fill: row.burned ? "url(#\(id)-burned)" : "#FFFFFF",
                       stroke: Palette.grid)
                drawRuns(&g, counts: periods.indices.map { count(r, $0) }, y: y, height: rowHeight - 2, x: x, cell: cell)
            }
        }
        c.periodLabels(unit, periods: periods, x: { x($0) + cell / 2 }, y: bottom + 12, maxLabels: max(Int(plotWidth / 75), 1))
        // Legend: the classes.
        let ly = bottom + 26
        c.text("activities per \(unit.rawValue):", x: left, y: ly + 9, fill: Palette.mutedInk)
        var lx = left + 130
        for (i, name) in Self.classNames.enumerated() {
            c.rect(x: lx, y: ly, width: 12, height: 10, fill: Palette.intensity[i], stroke: Palette.ink)
            c.text(name, x: lx + 16, y: ly + 9)
            lx += 16 + SVGCanvas.textWidth(name) + 14
        }
        return Figure(id: id, title: text.title, description: text.description(summary()), caption: text.caption,
                      svg: c.finish(), table: table())
    }

    /// One rectangle per run of periods in the same (non-zero) class.
    private func drawRuns(_ c: inout SVGCanvas, counts: [Int], y: Double, height: Double, x: (Int) -> Double, cell: Double) {
        var p = 0
        while p < counts.count {
            let k = Self.intensity(counts[p])
            var q = p + 1
            while q < counts.count && Self.intensity(counts[q]) == k { q += 1 }
            if k > 0 {
                c.rect(x: x(p), y: y, width: cell * Double(q - p), height: height, fill: Palette.intensity[k - 1])
            }
            p = q
        }
    }

    func summary() -> String {
        guard let first = periods.first, let last = periods.last else { return "No periods to show." }
        let burned = rows.filter(\.burned).map(\.label)
        var s = "Calendar heat map of \(rows.count) wallet\(rows.count == 1 ? "" : "s") over \(periods.count) \(unit.rawValue)\(periods.count == 1 ? "" : "s") from \(unit.label(first, previous: nil)) to \(unit.label(last, previous: nil)); darker cells mean more activities."
        let active = activeWallets()
        if let best = active.indices.max(by: { active[$0] < active[$1] || (active[$0] == active[$1] && $0 > $1) }), active[best] > 1 {
            s += " Most wallets active together: \(active[best]) in \(unit.name(periods[best]))."
        }
        if !burned.isEmpty { s += " Burned wallets (marked): \(burned.joined(separator: ", "))." }
        return s
    }

    func table() -> DataTable {
        func describe(_ counts: [Int]) -> [String] {
            let activeIdx = counts.indices.filter { counts[$0] > 0 && $0 < periods.count }
            let busiest = activeIdx.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }
            return [String(activeIdx.count), String(counts.prefix(periods.count).reduce(0, +)),
                    activeIdx.first.map { unit.name(periods[$0]) } ?? "-", activeIdx.last.map { unit.name(periods[$0]) } ?? "-",
                    busiest.map { "\(unit.name(periods[$0])) (\(counts[$0]))" } ?? "-"]
        }
        let all = periods.indices.map { p in rows.indices.map { count($0, p) }.reduce(0, +) }
        return DataTable(
            columns: [.init("Wallet"), .init("Status"), .init("Active \(unit.rawValue)s", numeric: true), .init("Activities", numeric: true),
                      .init("First \(unit.rawValue)"), .init("Last \(unit.rawValue)"), .init("Busiest \(unit.rawValue)")],
            rows: rows.map { r in [r.label, r.burned ? "burned" : "active"] + describe(r.counts) },
            footer: [["All wallets", ""] + describe(all)])
    }
}

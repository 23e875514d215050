import LedgerCore

/// Predicted against actual on log-log axes (the estimator's backtest): both axes share one log
/// scale so the line y = x is the diagonal; the band between y = x/2 and y = 2x is shaded (within a
/// factor 2), and y = 3x and y = x/3 are dotted. Points above the diagonal were overestimates.
/// Labels sit beside their points; a label that would overlap another moves down a little, or is
/// left out of the picture (it stays in the table) when there is no room.
public struct LogScatter: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        public var label: String
        public var x: Quantity
        public var y: Quantity
        public init(label: String, x: Quantity, y: Quantity) { self.label = label; self.x = x; self.y = y }
    }

    public var text: ChartText
    public var xTitle: String
    public var yTitle: String
    public var points: [Point]
    public var format: ValueFormat

    public init(text: ChartText, xTitle: String, yTitle: String, points: [Point], format: ValueFormat = .usd) {
        self.text = text; self.xTitle = xTitle; self.yTitle = yTitle; self.points = points; self.format = format
    }

    public func figure(id: String) -> Figure {
        let width = 720.0, left = 70.0, top = 16.0, side = 380.0
        let bottom = top + side, height = bottom + 44
        let values = points.flatMap { [$0.x, $0.y] }
        var c = SVGCanvas(id: id, width: width, height: height, title: text.title, description: text.description(summary()))
        guard let sx = LogScale(covering: values, from: left, to: left + side),
              let sy = LogScale(covering: values, from: bottom, to: top) else {
            c.text("no positive values to place on a log scale", x: left, y: top + 20, fill: Palette.mutedInk)
            return Figure(id: id, title: text.title, description: text.description(summary()), caption: text.caption, svg: c.finish(), table: table())
        }
        c.defs { m in
            m.open("clipPath", ["id": "\(id)-plot"])
            m.empty("rect", ["x": SVGCanvas.c(left), "y": SVGCanvas.c(top), "width": SVGCanvas.c(side), "height": SVGCanvas.c(side)])
            m.close("clipPath")
        }
        c.logAxis(sx, vertical: false, from: top, to: bottom, format: format.tick)
        c.logAxis(sy, vertical: true, from: left, to: left + side, format: format.tick)
        c.rect(x: left, y: top, width: side, height: side, fill: "none", stroke: Palette.ink)
        // Diagonals in log space: y = k x is a line parallel to y = x, shifted by log10(k) decades.
        let decades = Double(sx.upperExponent - sx.lowerExponent), perDecade = side / decades
        func diagonal(_ shiftDecades: Double) -> (Double, Double, Double, Double) {
            (left, bottom - shiftDecades * perDecade, left + side, top - shiftDecades * perDecade)
        }
        let log2 = 0.30103, log3 = 0.47712
        let up2 = diagonal(log2), down2 = diagonal(-log2)
        let c2 = SVGCanvas.c
        c.raw { m in
            m.open("g", ["clip-path": "url(#\(id)-plot)"])
            m.empty("path", ["d": "M\(c2(up2.0)),\(c2(up2.1))L\(c2(up2.2)),\(c2(up2.3))L\(c2(down2.2)),\(c2(down2.3))L\(c2(down2.0)),\(c2(down2.1))Z",
                             "fill": "#E8E8E8", "fill-opacity": "0.8"])
        }
        for k in [log3, -log3] {
            let d = diagonal(k)
            c.line(d.0, d.1, d.2, d.3, stroke: Palette.mutedInk, width: 0.8, dash: "1 3")
        }
        let d0 = diagonal(0)
        c.line(d0.0, d0.1, d0.2, d0.3, stroke: Palette.ink, width: 1.2)
        c.raw { $0.close("g") }
        c.text("y = x", x: left + side - 4, y: top + 12, anchor: .end, size: 10, bold: true)
        // Points, then labels: each tries right, left, above, below and the four corners of its
        // point, taking the first place that overlaps no marker and no label already placed; a
        // label with no free place is left out of the picture (its row is in the table).
        let positioned = points.compactMap { p -> (Point, Double, Double)? in
            guard let x = sx.position(p.x), let y = sy.position(p.y) else { return nil }
            return (p, x, y)
        }
        typealias Box = (x0: Double, y0: Double, x1: Double, y1: Double)
        var taken: [Box] = positioned.map { (x0: $0.1 - 4.5, y0: $0.2 - 4.5, x1: $0.1 + 4.5, y1: $0.2 + 4.5) }
        for (p, x, y) in positioned {
            c.group(label: "\(p.label): \(xTitle.lowercased()) \(format.label(p.x)), \(yTitle.lowercased()) \(format.label(p.y))") { g in
                g.marker(.circle, x: x, y: y, size: 3.5, fill: Palette.series[0], stroke: Palette.ink)
            }
        }
        let plot: Box = (left, top, left + side, bottom)
        for (p, x, y) in positioned.sorted(by: { $0.2 < $1.2 || ($0.2 == $1.2 && $0.1 < $1.1) }) {
            let label = SVGCanvas.fit(p.label, width: 110, size: 9)
            let w = SVGCanvas.textWidth(label, size: 9), h = 9.0
            // (text x, baseline y, anchor) for each candidate place.
            let candidates: [(Double, Double, SVGCanvas.Anchor)] = [
                (x + 6, y + 3, .start), (x - 6, y + 3, .end), (x, y - 7, .middle), (x, y + 13, .middle),
                (x + 5, y - 5, .start), (x - 5, y - 5, .end), (x + 5, y + 11, .start), (x - 5, y + 11, .end),
            ]
            for (tx, ty, anchor) in candidates {
                let x0 = anchor == .start ? tx : anchor == .end ? tx - w : tx - w / 2
                let box: Box = (x0, ty - h + 1, x0 + w, ty + 2)
                let inside = box.x0 >= plot.x0 && box.x1 <= plot.x1 && box.y0 >= plot.y0 && box.y1 <= plot.y1
                if inside && !taken.contains(where: { $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1 }) {
                    taken.append(box)
                    c.text(label, x: tx, y: ty, anchor: anchor, size: 9, fill: Palette.mutedInk)
                    break
                }
            }
        }
        c.text(xTitle, x: left + side / 2, y: bottom + 32, anchor: .middle, bold: true)
        c.raw { m in
            m.element("text", ["x": "0", "y": "0", "transform": "translate(16 \(c2(top + side / 2))) rotate(-90)", "text-anchor": "middle",
                               "font-weight": "bold", "fill": Palette.ink], text: yTitle)
        }
        // Key for the guides, right of the plot.
        let kx = left + side + 24
        c.rect(x: kx, y: top + 4, width: 18, height: 10, fill: "#E8E8E8", stroke: Palette.grid)
        c.text("within a factor 2", x: kx + 24, y: top + 13)
        c.line(kx, top + 27, kx + 18, top + 27, stroke: Palette.mutedInk, width: 0.8, dash: "1 3")
        c.text("a factor 3", x: kx + 24, y: top + 31)
        c.line(kx, top + 45, kx + 18, top + 45, width: 1.2)
        c.text("exact (y = x)", x: kx + 24, y: top + 49)
        return Figure(id: id, title: text.title, description: text.description(summary()), caption: text.caption,
                      svg: c.finish(), table: table())
    }

    /// y / x rounded to two decimals, for the table (display); nil when x is not positive.
    func ratio(_ p: Point) -> Quantity? {
        p.x.isPositive ? ChartMath.ratio(p.y, p.x, scale: 2) : nil
    }

    func summary() -> String {
        guard !points.isEmpty else { return "No points to show." }
        var s = "Scatter of \(points.count) point\(points.count == 1 ? "" : "s") on log-log axes, \(xTitle.lowercased()) across and \(yTitle.lowercased()) up; the diagonal is an exact match."
        let two = Quantity(exactly: 2), half = Quantity(significand: 5, fractionDigits: 1)
        let within = points.filter { p in p.x.isPositive && p.y.isPositive && ChartMath.times(p.y, two) >= p.x && p.y <= ChartMath.times(p.x, two) }.count
        s += " \(within) of \(points.count) within a factor 2."
        let over = points.filter { $0.y > ChartMath.times($0.x, two) }.count, under = points.filter { $0.y < ChartMath.times($0.x, half) }.count
        s += " More than 2x above: \(over); less than half: \(under)."
        let hidden = points.filter { !$0.x.isPositive || !$0.y.isPositive }.count
        if hidden > 0 { s += " \(hidden) with a zero or negative value cannot be placed (in the table)." }
        return s
    }

    func table() -> DataTable {
        DataTable(columns: [.init(""), .init(xTitle, numeric: true), .init(yTitle, numeric: true), .init("\(yTitle) / \(xTitle)", numeric: true)],
                  rows: points.map { p in [p.label, format.label(p.x), format.label(p.y), ratio(p).map { $0.fixed(2) + "x" } ?? "-"] })
    }
}

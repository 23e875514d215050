import LedgerCore

/// Axes, grid lines and legends shared by the charts.
extension SVGCanvas {
    /// Approximate width of `text` at `size` px in the charts' sans-serif font: for layout only
    /// (legend wrapping, label clipping), the same on every machine.
    static func textWidth(_ text: String, size: Double = 11) -> Double {
        Double(text.count) * size * 0.58
    }

    /// Shortens `text` to about `width` px, ending it with "…".
    static func fit(_ text: String, width: Double, size: Double = 11) -> String {
        let maxChars = max(Int(width / (size * 0.58)), 2)
        return text.count <= maxChars ? text : String(text.prefix(maxChars - 1)) + "…"
    }

    /// Horizontal grid lines and labels of a vertical value axis at `left`.
    mutating func valueAxisLeft(_ s: LinearScale, left: Double, right: Double, format: (Quantity) -> String) {
        for t in s.ticks {
            let y = s.position(t)
            line(left, y, right, y, stroke: t.isZero ? Palette.ink : Palette.grid, width: t.isZero ? 1 : 0.5)
            text(format(t), x: left - 6, y: y + 3.5, anchor: .end, fill: Palette.mutedInk)
        }
    }

    /// Vertical grid lines and labels of a horizontal value axis, labels below `bottom`.
    mutating func valueAxisBottom(_ s: LinearScale, top: Double, bottom: Double, format: (Quantity) -> String) {
        for t in s.ticks {
            let x = s.position(t)
            line(x, top, x, bottom, stroke: t.isZero ? Palette.ink : Palette.grid, width: t.isZero ? 1 : 0.5)
            text(format(t), x: x, y: bottom + 14, anchor: .middle, fill: Palette.mutedInk)
        }
    }

    /// Grid and labels of a log axis: major ticks labelled, minor ticks as faint lines.
    mutating func logAxis(_ s: LogScale, vertical: Bool, from a: Double, to b: Double, format: (Quantity) -> String) {
        for t in s.minorTicks {
            guard let p = s.position(t) else { continue }
            if vertical { line(a, p, b, p, stroke: Palette.grid, width: 0.5, dash: "2 3") } else { line(p, a, p, b, stroke: Palette.grid, width: 0.5, dash: "2 3") }
        }
        for t in s.ticks {
            guard let p = s.position(t) else { continue }
            if vertical {
                line(a, p, b, p, stroke: Palette.grid, width: 0.75)
                text(format(t), x: a - 6, y: p + 3.5, anchor: .end, fill: Palette.mutedInk)
            } else {
                line(p, a, p, b, stroke: Palette.grid, width: 0.75)
                text(format(t), x: p, y: b + 14, anchor: .middle, fill: Palette.mutedInk)
            }
        }
    }

    /// Date ticks of a continuous time axis: grid lines from `top` to `bottom`, labels below.
    mutating func timeAxisBottom(_ s: TimeScale, top: Double, bottom: Double) {
        for t in s.ticks {
            let x = s.position(t.date)
            line(x, top, x, bottom, stroke: Palette.grid, width: 0.5)
            text(t.label, x: x, y: bottom + 14, anchor: .middle, fill: Palette.mutedInk)
        }
        line(s.start, bottom, s.end, bottom, stroke: Palette.ink, width: 1)
    }

    /// Period labels under bands (every k-th period so at most `maxLabels` show).
    mutating func periodLabels(_ unit: TimeUnit, periods: [CivilDate], x: (Int) -> Double, y: Double, maxLabels: Int) {
        let k = unit.labelStride(periods: periods.count, maxLabels: maxLabels)
        var previous: CivilDate?
        for (i, p) in periods.enumerated() where i % k == 0 {
            text(unit.label(p, previous: previous), x: x(i), y: y, anchor: .middle, fill: Palette.mutedInk)
            previous = p
        }
    }

    /// A legend of swatches and names laid out in rows within `width`; returns the height used.
    @discardableResult
    mutating func legend(_ entries: [(name: String, fill: String)], x: Double, y: Double, width: Double) -> Double {
        var cx = x, cy = y
        for e in entries {
            let label = Self.fit(e.name, width: 180)
            let w = 14 + 4 + Self.textWidth(label) + 14
            if cx + w > x + width && cx > x {
                cx = x
                cy += 16
            }
            rect(x: cx, y: cy, width: 14, height: 10, fill: e.fill, stroke: Palette.ink)
            text(label, x: cx + 18, y: cy + 9)
            cx += w
        }
        return cy - y + 16
    }
}

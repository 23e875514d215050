import LedgerCore

/// Horizontal bars grouped by row (a project, a term), one bar per measure, around a zero line:
/// costs drawn leftward and returns rightward make a diverging chart; a measure may carry a low-high
/// range drawn as a whisker (expected value low/base/high). Unknown values are not bars: a "?" sits
/// on the zero line in their place, and the table shows "-".
public struct GroupedBarChart: Sendable, Hashable {
    public struct Measure: Sendable, Hashable {
        public var name: String
        /// A colour from `Palette` (the bar is that colour, with the measure's pattern over it in print).
        public var colour: String
        /// Drawn to the left of zero (costs), while the table prints the value as given.
        public var drawnNegative: Bool
        public init(name: String, colour: String, drawnNegative: Bool = false) {
            self.name = name; self.colour = colour; self.drawnNegative = drawnNegative
        }
    }

    public struct Value: Sendable, Hashable {
        public var value: Quantity?
        /// Optional range around the value (low, high), drawn as a whisker.
        public var low: Quantity?
        public var high: Quantity?
        /// false: the measure does not apply to this row (no bar, no "?", an empty table cell).
        public var applies: Bool
        public init(_ value: Quantity?, low: Quantity? = nil, high: Quantity? = nil) {
            self.value = value; self.low = low; self.high = high; self.applies = true
        }

        /// The measure does not apply to the row (e.g. an expected value for a project already claimed).
        public static let notApplicable = { var v = Value(nil); v.applies = false; return v }()
    }

    public struct Row: Sendable, Hashable {
        public var label: String
        /// One per measure, in the measures' order.
        public var values: [Value]
        public init(label: String, values: [Value]) { self.label = label; self.values = values }
    }

    public var text: ChartText
    public var measures: [Measure]
    public var rows: [Row]
    public var format: ValueFormat

    public init(text: ChartText, measures: [Measure], rows: [Row], format: ValueFormat = .usd) {
        self.text = text; self.measures = measures; self.rows = rows; self.format = format
    }

    func value(_ r: Int, _ m: Int) -> Value { m < rows[r].values.count ? rows[r].values[m] : Value(nil) }

    /// The drawn (signed) value of a measure's quantity.
    func drawn(_ q: Quantity, _ m: Int) -> Quantity { measures[m].drawnNegative ? ChartMath.times(q, Quantity(exactly: -1)) : q }

    public func figure(id: String) -> Figure {
        let width = 720.0, labelWidth = 150.0, right = 80.0
        let left = labelWidth + 10, plotRight = width - right
        var probe = SVGCanvas(id: "probe", width: 1, height: 1, title: "", description: "")
        let legendHeight = probe.legend(measures.map { ($0.name, "") }, x: 0, y: 0, width: width - left)
        let barHeight = 11.0, gap = 9.0
        let rowHeight = Double(max(measures.count, 1)) * barHeight + gap
        let top = 12 + legendHeight + 8
        let bottom = top + rowHeight * Double(rows.count) + 4
        let height = bottom + 30
        var values: [Quantity] = [.zero]
        for r in rows.indices {
            for m in measures.indices {
                let v = value(r, m)
                for q in [v.value, v.low, v.high].compactMap({ $0 }) { values.append(drawn(q, m)) }
            }
        }
        let x = LinearScale(covering: values, from: left, to: plotRight)
        let zero = x.position(.zero)

        var c = SVGCanvas(id: id, width: width, height: height, title: text.title, description: text.description(summary()))
        c.defs { m in
            for (i, measure) in measures.enumerated() {
                // Measure i: its own colour, with pattern i (0 plain) so bars differ in grey print.
                m.open("pattern", ["id": "\(id)-m\(i)", "patternUnits": "userSpaceOnUse", "width": "8", "height": "8"])
                m.empty("rect", ["width": "8", "height": "8", "fill": measure.colour])
                switch i % Palette.patternCount {
                case 1: m.empty("path", ["d": "M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", "stroke": "#FFFFFF", "stroke-opacity": "0.7", "stroke-width": "1.2"])
                case 2: m.empty("circle", ["cx": "4", "cy": "4", "r": "1.4", "fill": "#FFFFFF", "fill-opacity": "0.75"])
                case 3: m.empty("path", ["d": "M0,4 L8,4", "stroke": "#FFFFFF", "stroke-opacity": "0.7", "stroke-width": "1.2"])
                case 4: m.empty("path", ["d": "M0,0 L8,8 M0,8 L8,0", "stroke": "#FFFFFF", "stroke-opacity": "0.7", "stroke-width": "1"])
                case 5: m.empty("path", ["d": "M4,0 L4,8", "stroke": "#FFFFFF", "stroke-opacity": "0.7", "stroke-width": "1.2"])
                default: break
                }
                m.close("pattern")
            }
        }
        c.legend(measures.indices.map { (measures[$0].name, "url(#\(id)-m\($0))") }, x: left, y: 12, width: width - left)
        c.valueAxisBottom(x, top: top - 4, bottom: bottom, format: format.tick)
        for r in rows.indices {
            let y0 = top + rowHeight * Double(r)
            c.text(SVGCanvas.fit(rows[r].label, width: labelWidth), x: labelWidth, y: y0 + rowHeight / 2 - gap / 2 + 3.5, anchor: .end)
            c.group(label: rows[r].label) { g in
                for m in measures.indices {
                    let v = value(r, m)
                    let y = y0 + Double(m) * barHeight
                    guard v.applies else { continue }
                    guard let q = v.value else {
                        g.text("?", x: zero + 4, y: y + barHeight - 2, bold: true, fill: Palette.mutedInk)
                        continue
                    }
                    let end = x.position(drawn(q, m))
                    g.rect(x: zero, y: y + 1, width: end - zero, height: barHeight - 2, fill: "url(#\(id)-m\(m))", stroke: Palette.ink)
                    if let lo = v.low, let hi = v.high {
                        let a = x.position(drawn(lo, m)), b = x.position(drawn(hi, m)), mid = y + barHeight / 2
                        g.line(a, mid, b, mid, width: 1.2)
                        g.line(a, mid - 3.5, a, mid + 3.5, width: 1.2)
                        g.line(b, mid - 3.5, b, mid + 3.5, width: 1.2)
                    }
                    let label = format.label(q)
                    let outer = max(end, v.high.map { x.position(drawn($0, m)) } ?? end, v.low.map { x.position(drawn($0, m)) } ?? end)
                    let inner = min(end, v.high.map { x.position(drawn($0, m)) } ?? end, v.low.map { x.position(drawn($0, m)) } ?? end)
                    if drawn(q, m).isNegative {
                        g.text(label, x: inner - 3, y: y + barHeight - 2.5, anchor: .end, size: 9, fill: Palette.mutedInk)
                    } else {
                        g.text(label, x: outer + 3, y: y + barHeight - 2.5, size: 9, fill: Palette.mutedInk)
                    }
                }
            }
        }
        return Figure(id: id, title: text.title, description: text.description(summary()), caption: text.caption,
                      svg: c.finish(), table: table())
    }

    func summary() -> String {
        guard !rows.isEmpty else { return "No rows to show." }
        var s = "Horizontal bars for \(rows.count) row\(rows.count == 1 ? "" : "s") (\(rows.map(\.label).prefix(8).joined(separator: ", "))\(rows.count > 8 ? ", ..." : "")), one bar per measure: "
        s += measures.map { $0.name + ($0.drawnNegative ? " (drawn leftward)" : "") }.joined(separator: ", ") + "."
        for m in measures.indices {
            let known = rows.indices.compactMap { r in value(r, m).value.map { (r, $0) } }
            if let best = known.max(by: { $0.1 < $1.1 }), known.count > 1 {
                s += " Largest \(measures[m].name.lowercased()): \(rows[best.0].label), \(format.label(best.1))."
            }
            let unknown = rows.indices.filter { value($0, m).applies && value($0, m).value == nil }.count
            if unknown > 0 { s += " \(measures[m].name): \(unknown) unknown (marked ?)." }
        }
        return s
    }

    /// One column per measure, and a low and a high column after a measure that has ranges.
    func table() -> DataTable {
        let ranged = measures.indices.map { m in rows.indices.contains { value($0, m).low != nil || value($0, m).high != nil } }
        var columns: [DataTable.Column] = [.init("")]
        for m in measures.indices {
            columns.append(.init(measures[m].name, numeric: true))
            if ranged[m] { columns += [.init("\(measures[m].name) low", numeric: true), .init("\(measures[m].name) high", numeric: true)] }
        }
        return DataTable(columns: columns, rows: rows.indices.map { r in
            var cells = [rows[r].label]
            for m in measures.indices {
                let v = value(r, m)
                cells.append(v.applies ? format.label(v.value) : "")
                if ranged[m] {
                    cells += v.applies && (v.low != nil || v.high != nil) ? [format.label(v.low), format.label(v.high)] : ["", ""]
                }
            }
            return cells
        })
    }
}

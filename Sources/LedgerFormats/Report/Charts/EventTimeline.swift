import LedgerCore

/// Dated events (claim deadlines) on a time line: one row per event in the order given, a marker at
/// its date, a vertical line at today. Markers differ by shape and colour: open (circle), due within
/// a week (triangle), expired (cross). Events without a date are listed in the table only.
public struct EventTimeline: Sendable, Hashable {
    public enum Status: String, Sendable, Hashable {
        case open, dueSoon = "due soon", expired, undated = "no deadline"
    }

    public struct Event: Sendable, Hashable {
        public var date: CivilDate?
        /// The row's name ("starknet · main").
        public var label: String
        /// Shown beside the marker ("1250 STRK").
        public var detail: String
        public init(date: CivilDate?, label: String, detail: String) { self.date = date; self.label = label; self.detail = detail }
    }

    public var text: ChartText
    public var today: CivilDate
    /// Days before a deadline from which it is "due soon".
    public var dueSoonDays: Int
    public var events: [Event]

    public init(text: ChartText, today: CivilDate, events: [Event], dueSoonDays: Int = 7) {
        self.text = text; self.today = today; self.events = events; self.dueSoonDays = dueSoonDays
    }

    public func status(_ e: Event) -> Status {
        guard let d = e.date else { return .undated }
        let left = d.daysSinceEpoch - today.daysSinceEpoch
        return left < 0 ? .expired : left <= Int64(dueSoonDays) ? .dueSoon : .open
    }

    static func style(_ s: Status) -> (shape: SVGCanvas.Shape, fill: String) {
        switch s {
        case .open: (.circle, Palette.Measure.received)
        case .dueSoon: (.triangle, Palette.series[1])
        case .expired: (.cross, Palette.Measure.costs)
        case .undated: (.square, "#FFFFFF")
        }
    }

    public func figure(id: String) -> Figure {
        let dated = events.filter { $0.date != nil }
        let width = 720.0, labelWidth = 190.0, right = 110.0
        let left = labelWidth + 12
        let rowHeight = 18.0, top = 46.0
        let bottom = top + rowHeight * Double(max(dated.count, 1)) + 4
        let height = bottom + 26
        let dates = dated.compactMap(\.date) + [today]
        let lo = dates.min() ?? today, hi = dates.max() ?? today
        // A little room either side so markers at the ends stay inside.
        let pad = max(Int(hi.daysSinceEpoch - lo.daysSinceEpoch) / 20, 3)
        let t = TimeScale(from: lo.adding(days: -pad), through: hi.adding(days: pad), start: left, end: width - right)

        var c = SVGCanvas(id: id, width: width, height: height, title: text.title, description: text.description(summary()))
        // Legend of statuses.
        var lx = left
        for s in [Status.open, .dueSoon, .expired] {
            let st = Self.style(s)
            c.marker(st.shape, x: lx + 5, y: 12, size: 4, fill: st.fill, stroke: s == .expired ? st.fill : Palette.ink)
            c.text(s == .dueSoon ? "due within \(dueSoonDays) days" : s.rawValue, x: lx + 14, y: 16)
            lx += 14 + SVGCanvas.textWidth(s == .dueSoon ? "due within \(dueSoonDays) days" : s.rawValue) + 20
        }
        c.timeAxisBottom(t, top: top - 6, bottom: bottom)
        let tx = t.position(today)
        c.line(tx, top - 10, tx, bottom, stroke: Palette.ink, width: 1.5, dash: "4 3")
        c.text("today \(today)", x: tx, y: top - 12, anchor: .middle, size: 10, bold: true)
        for (i, e) in dated.enumerated() {
            guard let d = e.date else { continue }
            let y = top + rowHeight * Double(i) + rowHeight / 2
            let s = status(e), st = Self.style(s)
            c.group(label: "\(e.label): \(d) (\(s.rawValue))") { g in
                g.line(left, y, width - right, y, stroke: Palette.grid, width: 0.5)
                g.text(SVGCanvas.fit(e.label, width: labelWidth), x: labelWidth, y: y + 4, anchor: .end)
                let x = t.position(d)
                g.marker(st.shape, x: x, y: y, size: 4.5, fill: st.fill, stroke: s == .expired ? st.fill : Palette.ink)
                // Beside the marker, on its left when the right side has no room.
                let note = "\(e.detail) · \(d)"
                if x + 9 + SVGCanvas.textWidth(note, size: 9.5) > width - 4 {
                    g.text(note, x: x - 9, y: y + 4, anchor: .end, size: 9.5, fill: Palette.mutedInk)
                } else {
                    g.text(note, x: x + 9, y: y + 4, size: 9.5, fill: Palette.mutedInk)
                }
            }
        }
        if dated.isEmpty { c.text("no dated deadlines", x: left, y: top + 12, fill: Palette.mutedInk) }
        return Figure(id: id, title: text.title, description: text.description(summary()), caption: text.caption,
                      svg: c.finish(), table: table())
    }

    func summary() -> String {
        let dated = events.filter { $0.date != nil }
        var s = "Time line of \(dated.count) dated deadline\(dated.count == 1 ? "" : "s") around today (\(today))."
        let upcoming = dated.filter { status($0) != .expired }.compactMap { e in e.date.map { (e, $0) } }.min { $0.1 < $1.1 }
        if let (e, d) = upcoming {
            s += " Nearest: \(e.label), \(e.detail), on \(d) (\(d.daysSinceEpoch - today.daysSinceEpoch) days left)."
        }
        let expired = dated.filter { status($0) == .expired }.count
        if expired > 0 { s += " \(expired) expired." }
        let undated = events.count - dated.count
        if undated > 0 { s += " \(undated) without a deadline (in the table)." }
        return s
    }

    func table() -> DataTable {
        DataTable(columns: [.init("Deadline"), .init("Days left", numeric: true), .init("Status"), .init("Allocation"), .init("Amount", numeric: true)],
                  rows: events.map { e in
                      [e.date?.description ?? "-", e.date.map { String($0.daysSinceEpoch - today.daysSinceEpoch) } ?? "-",
                       status(e).rawValue, e.label, e.detail]
                  })
    }
}

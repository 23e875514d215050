import LedgerCore

/// A chart as the page shows it: an SVG with a `<title>` and a `<desc>` for screen readers, a visible
/// caption, and the chart's numbers as a table (the fallback for anyone who cannot see the picture,
/// and the exact figures for anyone who can).
public struct Figure: Sendable, Hashable {
    /// Unique in the page; prefixes every id inside the SVG (patterns, title, desc).
    public var id: String
    public var title: String
    /// The text alternative (in `<desc>`): what the chart shows, in words, with its main figures.
    public var description: String
    /// Shown under the chart: how to read it (units, what a gap or a mark means).
    public var caption: String
    public var svg: Markup
    public var table: DataTable

    public init(id: String, title: String, description: String, caption: String, svg: Markup, table: DataTable) {
        self.id = id; self.title = title; self.description = description; self.caption = caption
        self.svg = svg; self.table = table
    }
}

/// The numbers behind a chart, already formatted (money rounded to cents at `MoneyText`).
public struct DataTable: Sendable, Hashable {
    public struct Column: Sendable, Hashable {
        public var title: String
        public var numeric: Bool
        public init(_ title: String, numeric: Bool = false) { self.title = title; self.numeric = numeric }
    }

    public var columns: [Column]
    public var rows: [[String]]
    /// Summary rows (totals), shown in `<tfoot>`.
    public var footer: [[String]]

    public init(columns: [Column], rows: [[String]], footer: [[String]] = []) {
        self.columns = columns; self.rows = rows; self.footer = footer
    }
}

/// What every chart input carries besides its data: the words around it.
public struct ChartText: Sendable, Hashable {
    public var title: String
    public var caption: String
    /// Prepended to the chart's own summary in `<desc>` (may be empty).
    public var lead: String

    public init(title: String, caption: String, lead: String = "") {
        self.title = title; self.caption = caption; self.lead = lead
    }

    func description(_ summary: String) -> String {
        lead.isEmpty ? summary : lead + " " + summary
    }
}

/// Writes one SVG element: the root with its accessible name, then marks placed with coordinates
/// printed by `ChartNumber.coordinate`.
struct SVGCanvas {
    private(set) var m = Markup()
    let id: String
    let width: Double
    let height: Double

    init(id: String, width: Double, height: Double, title: String, description: String) {
        self.id = id
        self.width = width
        self.height = height
        let w = ChartNumber.coordinate(width), h = ChartNumber.coordinate(height)
        m.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 \(w) \(h)", "width": w, "height": h,
            "role": "img", "aria-labelledby": "\(id)-title \(id)-desc", "class": "chart",
            "font-family": "DejaVu Sans, Arial, Helvetica, sans-serif", "font-size": "11",
        ])
        m.element("title", ["id": "\(id)-title"], text: title)
        m.element("desc", ["id": "\(id)-desc"], text: description)
        m.empty("rect", ["width": w, "height": h, "fill": "#FFFFFF"])
    }

    static func c(_ v: Double) -> String { ChartNumber.coordinate(v) }

    mutating func defs(_ write: (inout Markup) -> Void) {
        m.open("defs")
        write(&m)
        m.close("defs")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil) {
        // Normalise negative sizes (bars below zero).
        let (x0, w) = width < 0 ? (x + width, -width) : (x, width)
        let (y0, h) = height < 0 ? (y + height, -height) : (y, height)
        if let stroke {
            m.empty("rect", ["x": Self.c(x0), "y": Self.c(y0), "width": Self.c(w), "height": Self.c(h), "fill": fill,
                             "stroke": stroke, "stroke-width": "0.5"])
        } else {
            m.empty("rect", ["x": Self.c(x0), "y": Self.c(y0), "width": Self.c(w), "height": Self.c(h), "fill": fill])
        }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String = Palette.ink,
                       width: Double = 1, dash: String? = nil) {
        if let dash {
            m.empty("line", ["x1": Self.c(x1), "y1": Self.c(y1), "x2": Self.c(x2), "y2": Self.c(y2), "stroke": stroke,
                             "stroke-width": Self.c(width), "stroke-dasharray": dash])
        } else {
            m.empty("line", ["x1": Self.c(x1), "y1": Self.c(y1), "x2": Self.c(x2), "y2": Self.c(y2), "stroke": stroke,
                             "stroke-width": Self.c(width)])
        }
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ content: String, x: Double, y: Double, anchor: Anchor = .start, size: Double? = nil,
                       bold: Bool = false, fill: String = Palette.ink) {
        let weight = bold ? "bold" : "normal"
        if let size {
            m.element("text", ["x": Self.c(x), "y": Self.c(y), "text-anchor": anchor.rawValue, "font-size": Self.c(size),
                               "font-weight": weight, "fill": fill], text: content)
        } else {
            m.element("text", ["x": Self.c(x), "y": Self.c(y), "text-anchor": anchor.rawValue, "font-weight": weight,
                               "fill": fill], text: content)
        }
    }

    /// A marker shape centred at (x, y): circle, diamond, triangle, square or cross.
    enum Shape: String { case circle, diamond, triangle, square, cross }

    mutating func marker(_ shape: Shape, x: Double, y: Double, size r: Double, fill: String, stroke: String = Palette.ink) {
        let c = Self.c
        switch shape {
        case .circle:
            m.empty("circle", ["cx": c(x), "cy": c(y), "r": c(r), "fill": fill, "stroke": stroke, "stroke-width": "1"])
        case .diamond:
            m.empty("path", ["d": "M\(c(x)),\(c(y - r * 1.3))L\(c(x + r * 1.3)),\(c(y))L\(c(x)),\(c(y + r * 1.3))L\(c(x - r * 1.3)),\(c(y))Z",
                             "fill": fill, "stroke": stroke, "stroke-width": "1"])
        case .triangle:
            m.empty("path", ["d": "M\(c(x)),\(c(y - r * 1.3))L\(c(x + r * 1.2)),\(c(y + r))L\(c(x - r * 1.2)),\(c(y + r))Z",
                             "fill": fill, "stroke": stroke, "stroke-width": "1"])
        case .square:
            m.empty("rect", ["x": c(x - r), "y": c(y - r), "width": c(2 * r), "height": c(2 * r), "fill": fill,
                             "stroke": stroke, "stroke-width": "1"])
        case .cross:
            m.empty("path", ["d": "M\(c(x - r)),\(c(y - r))L\(c(x + r)),\(c(y + r))M\(c(x - r)),\(c(y + r))L\(c(x + r)),\(c(y - r))",
                             "stroke": stroke, "stroke-width": "2", "fill": "none"])
        }
    }

    /// A group wrapping marks with a tooltip-free text label for assistive technology.
    mutating func group(label: String, _ body: (inout SVGCanvas) -> Void) {
        m.open("g", ["aria-label": label])
        body(&self)
        m.close("g")
    }

    mutating func raw(_ write: (inout Markup) -> Void) { write(&m) }

    mutating func finish() -> Markup {
        m.close("svg")
        return m
    }
}

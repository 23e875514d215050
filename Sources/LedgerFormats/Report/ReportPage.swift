import LedgerCore

/// A report page: sections of figures (chart, caption, numbers) and notes.
public struct ReportDocument: Sendable, Hashable {
    public var title: String
    /// Lines under the title: when it was made, the scope (wallet, year), the rounding rule.
    public var meta: [String]
    public var sections: [ReportSection]

    public init(title: String, meta: [String], sections: [ReportSection]) {
        self.title = title; self.meta = meta; self.sections = sections
    }
}

public struct ReportSection: Sendable, Hashable {
    /// Anchor of the section (letters, digits and '-'; the program's own constants).
    public var id: String
    public var heading: String
    /// Paragraphs before the figures.
    public var intro: [String]
    public var figures: [Figure]
    /// Points after the figures (rules applied, what is left out, how to fill a gap).
    public var notes: [String]
    /// Shown instead of figures when there is nothing to draw, saying how to get data.
    public var empty: String?

    public init(id: String, heading: String, intro: [String] = [], figures: [Figure] = [], notes: [String] = [], empty: String? = nil) {
        self.id = id; self.heading = heading; self.intro = intro; self.figures = figures; self.notes = notes; self.empty = empty
    }
}

/// Renders a `ReportDocument` as one self-contained HTML file: inline CSS and SVG, no script, no
/// external resource (a Content-Security-Policy forbids any), readable on screen and in print.
/// Every piece of text goes through `Markup`'s escaping; ids are the program's own.
public enum ReportPage {
    public static func render(_ d: ReportDocument) -> String {
        var m = Markup()
        m.raw("<!DOCTYPE html>\n")
        m.open("html", ["lang": "en"])
        m.newline()
        m.open("head")
        m.newline()
        m.empty("meta", ["charset": "utf-8"], html: true)
        m.newline()
        m.empty("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"], html: true)
        m.newline()
        m.empty("meta", ["http-equiv": "Content-Security-Policy", "content": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"], html: true)
        m.newline()
        m.empty("meta", ["name": "generator", "content": "airledger"], html: true)
        m.newline()
        m.element("title", text: d.title)
        m.newline()
        m.open("style")
        m.raw(ReportStyle.css)
        m.close("style")
        m.newline()
        m.close("head")
        m.newline()
        m.open("body")
        m.newline()
        header(&m, d)
        m.open("main")
        m.newline()
        var figureNumber = 0
        for s in d.sections {
            section(&m, s, figureNumber: &figureNumber)
        }
        m.close("main")
        m.newline()
        m.open("footer")
        m.element("p", text: "Made by airledger from the local ledger file; nothing in this page was fetched from the network. Money is rounded to cents (half away from zero) for display only; the commands' --format json output keeps exact values.")
        m.close("footer")
        m.newline()
        m.close("body")
        m.newline()
        m.close("html")
        m.newline()
        return m.text
    }

    private static func header(_ m: inout Markup, _ d: ReportDocument) {
        m.open("header")
        m.element("h1", text: d.title)
        for line in d.meta { m.element("p", ["class": "meta"], text: line) }
        if d.sections.count > 1 {
            m.open("nav", ["aria-label": "Sections"])
            m.open("ol")
            for s in d.sections {
                m.open("li")
                m.element("a", ["href": "#" + s.id], text: s.heading)
                m.close("li")
            }
            m.close("ol")
            m.close("nav")
        }
        m.close("header")
        m.newline()
    }

    private static func section(_ m: inout Markup, _ s: ReportSection, figureNumber: inout Int) {
        m.open("section", ["id": s.id, "aria-labelledby": s.id + "-h"])
        m.newline()
        m.element("h2", ["id": s.id + "-h"], text: s.heading)
        m.newline()
        for p in s.intro { m.element("p", text: p); m.newline() }
        if s.figures.isEmpty, let e = s.empty {
            m.element("p", ["class": "empty"], text: e)
            m.newline()
        }
        for f in s.figures {
            figureNumber += 1
            figure(&m, f, number: figureNumber)
        }
        if !s.notes.isEmpty {
            m.open("ul", ["class": "notes"])
            for n in s.notes { m.element("li", text: n) }
            m.close("ul")
            m.newline()
        }
        m.close("section")
        m.newline()
    }

    private static func figure(_ m: inout Markup, _ f: Figure, number: Int) {
        m.open("figure", ["id": f.id, "aria-labelledby": f.id + "-cap"])
        m.newline()
        m.open("div", ["class": "chart"])
        m.append(f.svg)
        m.close("div")
        m.newline()
        m.open("figcaption", ["id": f.id + "-cap"])
        m.element("strong", text: "Figure \(number). \(f.title).")
        m.text(" " + f.caption)
        m.close("figcaption")
        m.newline()
        m.open("div", ["class": "numbers"])
        table(&m, f.table, caption: "Numbers of figure \(number): \(f.title)")
        m.close("div")
        m.newline()
        m.close("figure")
        m.newline()
    }

    static func table(_ m: inout Markup, _ t: DataTable, caption: String) {
        m.open("table")
        m.element("caption", text: caption)
        m.open("thead")
        m.open("tr")
        for c in t.columns {
            if c.numeric { m.element("th", ["scope": "col", "class": "num"], text: c.title) } else { m.element("th", ["scope": "col"], text: c.title) }
        }
        m.close("tr")
        m.close("thead")
        m.newline()
        m.open("tbody")
        for r in t.rows { row(&m, r, t.columns) }
        m.close("tbody")
        if !t.footer.isEmpty {
            m.open("tfoot")
            for r in t.footer { row(&m, r, t.columns) }
            m.close("tfoot")
        }
        m.close("table")
    }

    private static func row(_ m: inout Markup, _ cells: [String], _ columns: [DataTable.Column]) {
        m.open("tr")
        for (i, cell) in cells.enumerated() {
            let numeric = i < columns.count && columns[i].numeric
            if i == 0 {
                m.element("th", ["scope": "row"], text: cell)
            } else if numeric {
                m.element("td", ["class": "num"], text: cell)
            } else {
                m.element("td", text: cell)
            }
        }
        m.close("tr")
        m.newline()
    }
}

/// The page's style sheet: one column on screen and paper, chart then numbers (side by side on wide
/// screens), tables with right-aligned figures, figures kept whole across printed pages, colours
/// printed as they are (the patterns carry the meaning in grey too).
enum ReportStyle {
    static let css: StaticString = """

        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 1280px; padding: 1.5rem; font: 15px/1.45 "DejaVu Sans", Arial, Helvetica, sans-serif;
          color: #000; background: #fff; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
        h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-top: .5rem; border-top: 2px solid #000; }
        p.meta { margin: .1rem 0; color: #333; }
        nav ol { columns: 2; margin: .8rem 0; padding-left: 1.4rem; }
        a { color: #0050A0; }
        figure { margin: 1rem 0 1.8rem; display: grid; grid-template-columns: minmax(0, 720px); gap: .4rem 1.5rem; }
        .chart, figcaption { break-inside: avoid; page-break-inside: avoid; }
        @media (min-width: 1200px) { figure { grid-template-columns: minmax(0, 720px) minmax(0, 1fr); grid-template-rows: auto 1fr; }
          figure .chart { grid-column: 1; grid-row: 1; } figure figcaption { grid-column: 1; grid-row: 2; align-self: start; }
          figure .numbers { grid-column: 2; grid-row: 1 / span 2; align-self: start; } }
        .chart svg { display: block; width: 100%; height: auto; max-width: 720px; }
        figcaption { font-size: .9rem; color: #222; }
        .numbers { max-height: 32rem; overflow: auto; }
        table { border-collapse: collapse; font-size: .82rem; font-variant-numeric: tabular-nums; width: 100%; }
        caption { text-align: left; font-weight: bold; padding: .2rem 0; }
        th, td { border-bottom: 1px solid #ccc; padding: .15rem .45rem; text-align: left; vertical-align: top; }
        thead th { border-bottom: 2px solid #000; }
        tfoot th, tfoot td { border-top: 2px solid #000; font-weight: bold; }
        td { white-space: nowrap; }
        .num { text-align: right; }
        ul.notes { font-size: .9rem; color: #222; }
        p.empty { font-style: italic; }
        footer { margin-top: 2.5rem; font-size: .8rem; color: #444; border-top: 1px solid #ccc; }
        @page { size: A4; margin: 14mm; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10.5pt; }
          nav { display: none; }
          .numbers { max-height: none; overflow: visible; }
          table { font-size: 8pt; } td { white-space: normal; } .num { white-space: nowrap; }
          h2 { break-after: avoid; page-break-after: avoid; }
          a { color: #000; text-decoration: none; }
        }

        """
}

/// Colours and fills that colour-blind readers can tell apart and that survive printing in grey.
///
/// Series colours: the Okabe-Ito palette (Masataka Okabe and Kei Ito, "Color Universal Design (CUD):
/// how to make figures and presentations that are friendly to colorblind people", 2002/2008,
/// https://jfly.uni-koeln.de/color/), distinguishable under protanopia, deuteranopia and tritanopia.
/// Black is kept for text and axes. Colours alone do not survive a grey printout (orange and sky
/// blue print as nearly the same grey), so every series after the first also carries a pattern
/// (hatching, dots, cross-hatching...) drawn over its colour, and charts label series directly or
/// with a legend whose swatches use the same fill.
///
/// Intensity (the activity heat map): a single-hue sequential ramp, the five darker classes of
/// ColorBrewer's 6-class "Blues" (Cynthia Brewer, https://colorbrewer2.org/, marked colour-blind safe
/// and print friendly there; its lightest class is left for "none", drawn white): lightness falls
/// monotonically, so it reads in grey too.
public enum Palette {
    /// Okabe-Ito without black, in the order series take them (yellow last: it is the lightest).
    public static let series: [String] = [
        "#0072B2", // blue
        "#E69F00", // orange
        "#009E73", // bluish green
        "#D55E00", // vermillion
        "#56B4E9", // sky blue
        "#CC79A7", // reddish purple
        "#F0E442", // yellow
    ]

    public static let ink = "#000000"
    public static let mutedInk = "#555555"
    public static let grid = "#DDDDDD"
    public static let unknown = "#FFFFFF"

    /// Named colours for measures with a meaning (projects chart): costs, returns, expectations, net.
    public enum Measure {
        public static let costs = "#D55E00"     // vermillion
        public static let received = "#0072B2"  // blue
        public static let realized = "#009E73"  // bluish green
        public static let expected = "#56B4E9"  // sky blue
        public static let net = "#000000"       // black
    }

    /// ColorBrewer Blues (6 classes) without its lightest, lightest first.
    public static let intensity: [String] = ["#C6DBEF", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C"]

    /// The number of distinct patterns; series i uses pattern i % patternCount (0: plain colour).
    public static let patternCount = 6

    /// Writes one `<pattern>` per series fill into `<defs>`: colour `series % 7`, overlay `series % 6`
    /// (so 42 series differ before a fill repeats). Ids are `"\(prefix)-s\(i)"`.
    static func writeSeriesPatterns(_ m: inout Markup, prefix: String, count: Int) {
        for i in 0..<count {
            m.open("pattern", ["id": "\(prefix)-s\(i)", "patternUnits": "userSpaceOnUse", "width": "8", "height": "8"])
            m.empty("rect", ["width": "8", "height": "8", "fill": series[i % series.count]])
            switch i % patternCount {
            case 1: m.empty("path", ["d": "M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", "stroke": ink, "stroke-opacity": "0.55", "stroke-width": "1"])
            case 2: m.empty("circle", ["cx": "4", "cy": "4", "r": "1.3", "fill": ink, "fill-opacity": "0.6"])
            case 3: m.empty("path", ["d": "M0,4 L8,4", "stroke": ink, "stroke-opacity": "0.55", "stroke-width": "1"])
            case 4: m.empty("path", ["d": "M-2,6 L2,10 M0,0 L8,8 M6,-2 L10,2 M-2,2 L2,-2 M0,8 L8,0 M6,10 L10,6", "stroke": ink, "stroke-opacity": "0.55", "stroke-width": "1"])
            case 5: m.empty("path", ["d": "M4,0 L4,8", "stroke": ink, "stroke-opacity": "0.55", "stroke-width": "1"])
            default: break
            }
            m.close("pattern")
        }
    }

    /// The fill of series `i` (a pattern written by `writeSeriesPatterns`).
    static func seriesFill(prefix: String, _ i: Int) -> String { "url(#\(prefix)-s\(i))" }
}

import LedgerCore

/// Exact values in, drawing coordinates and label text out.
///
/// Money and quantities reach the charts as exact `Quantity` values. They are converted to `Double`
/// in one place, `ChartNumber.display`, and only to place marks on the page: that conversion is
/// display (a bar 0.000001 px off changes nothing a reader sees), never arithmetic on money. Every
/// number a reader reads (labels, tables) is printed from the exact value, rounded at a named point
/// (`MoneyText.centsScale`). Coordinates are printed with at most two decimals by our own formatter,
/// so the SVG text is the same on every machine and locale (golden tests compare it byte for byte).
public enum ChartNumber {
    /// The value as a `Double`, for placing marks only (display; see the type's note).
    public static func display(_ q: Quantity) -> Double {
        Double(q.description) ?? 0
    }

    /// A coordinate rounded to hundredths of a pixel, half away from zero: "12.5", "300", "-4.25";
    /// no exponent, no "-0". Non-finite values (never expected) print as 0.
    public static func coordinate(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let clamped = min(max(v, -1e12), 1e12)
        let hundredths = Int64((clamped * 100).rounded(.toNearestOrAwayFromZero))
        if hundredths == 0 { return "0" }
        let m = hundredths.magnitude
        var s = hundredths < 0 ? "-" : ""
        s += String(m / 100)
        let f = m % 100
        if f != 0 {
            s += f % 10 == 0 ? "." + String(f / 10) : (f < 10 ? ".0" : ".") + String(f)
        }
        return s
    }
}

/// Label text for money and counts. The report's named rounding point for money is cents, half
/// away from zero (`centsScale`), as the tax summary's table; the exact values stay in the ledger's
/// JSON outputs.
public enum MoneyText {
    public static let centsScale = 2

    /// "$1,234.57", "-$3.10"; nil (unknown, e.g. unpriced) is "-", never "$0.00".
    public static func usd(_ q: Quantity?) -> String {
        guard let q else { return "-" }
        let text = q.fixed(centsScale)
        return text.hasPrefix("-") ? "-$" + grouped(String(text.dropFirst())) : "$" + grouped(text)
    }

    /// A plain decimal with thousands grouped, exact: "1,250.5"; nil is "-".
    public static func number(_ q: Quantity?) -> String {
        guard let q else { return "-" }
        let text = q.description
        return text.hasPrefix("-") ? "-" + grouped(String(text.dropFirst())) : grouped(text)
    }

    /// A ratio as a percentage rounded to one decimal: 0.1234 is "12.3%"; nil is "-".
    public static func percent(_ q: Quantity?) -> String {
        guard let q else { return "-" }
        return ChartMath.times(q, ChartMath.hundred).fixed(1) + "%"
    }

    /// Short tick labels: 2500 is "2.5k", 1200000 "1.2M", 0.05 "0.05" (two decimals at most after
    /// scaling, half away from zero). Ticks are round numbers, so nothing is lost in practice.
    public static func compact(_ q: Quantity) -> String {
        let m = q.magnitude
        let (scaled, suffix): (Quantity, String)
        if m >= ChartMath.power(12) { (scaled, suffix) = (ChartMath.times(q, ChartMath.power(-12)), "T") }
        else if m >= ChartMath.power(9) { (scaled, suffix) = (ChartMath.times(q, ChartMath.power(-9)), "B") }
        else if m >= ChartMath.power(6) { (scaled, suffix) = (ChartMath.times(q, ChartMath.power(-6)), "M") }
        else if m >= ChartMath.power(3) { (scaled, suffix) = (ChartMath.times(q, ChartMath.power(-3)), "k") }
        else { (scaled, suffix) = (q, "") }
        let digits = suffix.isEmpty && m < ChartMath.power(0) ? 6 : 2
        return scaled.rounded(scale: digits).description + suffix
    }

    /// A compact tick label in dollars: "$2.5k", "-$500", "$0".
    public static func usdCompact(_ q: Quantity) -> String {
        let c = compact(q)
        return c.hasPrefix("-") ? "-$" + c.dropFirst() : "$" + c
    }

    /// Groups the integer digits of a plain decimal text by three: "1234567.5" is "1,234,567.5".
    static func grouped(_ text: String) -> String {
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var out = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return parts.count > 1 ? out + "." + parts[1] : out
    }
}

/// The charts' exact arithmetic on `Quantity`, in one file: stack totals, tick values, scaling of
/// labels. (When `Quantity` arithmetic starts throwing on results it cannot hold exactly, this is
/// the one place that changes.)
public enum ChartMath {
    static let hundred = Quantity(exactly: 100)

    public static func plus(_ a: Quantity, _ b: Quantity) -> Quantity { a + b }
    public static func minus(_ a: Quantity, _ b: Quantity) -> Quantity { a - b }
    public static func times(_ a: Quantity, _ b: Quantity) -> Quantity { a * b }

    /// a / b rounded to `scale` decimals, half away from zero (for ratios shown in tables).
    public static func ratio(_ a: Quantity, _ b: Quantity, scale: Int) -> Quantity {
        Quantity.product(a, Quantity(exactly: 1), dividedBy: b, scale: scale)
    }

    /// The sum, or nil when any value is unknown (an unknown part makes the total unknown, never zero).
    public static func total(_ values: [Quantity?]) -> Quantity? {
        var sum = Quantity.zero
        for v in values {
            guard let v else { return nil }
            sum = sum + v
        }
        return sum
    }

    /// 10^k, exactly, for -30 <= k <= 37.
    public static func power(_ k: Int) -> Quantity {
        if k < 0 { return Quantity(significand: 1, fractionDigits: min(-k, 30)) }
        var p = Quantity(exactly: 1)
        let ten = Quantity(exactly: 10)
        for _ in 0..<min(k, 37) { p = p * ten }
        return p
    }

    /// mantissa x 10^k, exactly.
    static func scaled(_ mantissa: Int, _ k: Int) -> Quantity {
        times(Quantity(exactly: mantissa), power(k))
    }
}

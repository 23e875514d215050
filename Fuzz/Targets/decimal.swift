// Fuzz target: the decimal parser (Quantity, Amount, AssetSymbol) and its arithmetic. Whatever parses
// prints back to the same value; sums, products and scaled divisions either give a value or an
// error, never a trap.
import LedgerCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Amount(parsing: text)
    _ = try? AssetSymbol(parsing: text)
    _ = Quantity(stored: text)
    let parts = text.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
    var values: [Quantity] = []
    for p in parts {
        guard let q = try? Quantity(parsing: p) else { continue }
        let again = try? Quantity(parsing: q.description)
        if again != q { fatalError("'\(p)' parsed to \(q), which reads back as \(String(describing: again))") }
        values.append(q)
    }
    if values.count >= 2 {
        let a = values[0], b = values[1]
        _ = try? a + b
        _ = try? a - b
        _ = try? a * b
        _ = a < b
        if let sum = try? a + b, let back = try? sum - b, back != a { fatalError("\(a) + \(b) - \(b) = \(back)") }
        for rounding in [FloatingPointRoundingRule.toNearestOrAwayFromZero, .towardZero, .up] {
            _ = try? a.divided(by: b, scale: 18, rounding: rounding)
            _ = try? a.multiplied(by: b, scale: 2, rounding: rounding)
            if values.count == 3 { _ = try? Quantity.product(a, b, dividedBy: values[2], scale: 38, rounding: rounding) }
        }
    }
    return 0
}

/// The one decimal parser. Every decimal the program reads goes through `Quantity.parse(utf8:)`:
/// text typed by a user (`Quantity(parsing:)`), canonical text read back from the database
/// (`Quantity(stored:)`), and importers' fields (which first undo their liberal options, such as
/// thousands separators, then call it on the bytes).
///
/// Grammar: `-?\d+(\.\d+)?`: ASCII digits, an optional leading minus, an optional point with at
/// least one digit on each side; no exponent, no grouping, no plus sign, no spaces. At most 38
/// significant digits (from the first non-zero digit to the last one, zeros of the integer part
/// counted) and at most 38 digits after the point once trailing zeros are dropped: anything else
/// cannot be held exactly and is refused, never rounded.
extension Quantity {
    /// What is wrong with bytes given to the decimal parser.
    public enum SyntaxError: Error, Sendable, Equatable {
        /// No bytes at all.
        case empty
        /// Not `-?\d+(\.\d+)?`.
        case malformed
        /// More than 38 significant digits.
        case tooPrecise
        /// More than 38 digits after the point, trailing zeros aside.
        case tooManyFractionDigits
    }

    /// Parses exactly `bytes` (UTF-8, nothing around the number) with the strict grammar, in one
    /// pass and without allocating: the significand is built in 64 bits while it has at most 19
    /// digits, then in 128. Zeros after the last non-zero digit wait in a counter, so trailing
    /// fractional zeros never enter the significand ("1.50" is 15 x 10^-1, "100" is 100 x 10^0).
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> Quantity {
        let n = bytes.count
        guard n > 0 else { throw .empty }
        let negative = bytes[0] == UInt8(ascii: "-")
        var i = negative ? 1 : 0
        var small: UInt64 = 0, wide: UInt128 = 0, isWide = false
        var digits = 0                      // digits in the significand so far
        var pendingZeros = 0                // zeros after the last non-zero digit, not folded in yet
        var pendingIntegerZeros = 0         // how many of them are before the point
        var integerDigits = 0, fractionDigits = 0
        var sawPoint = false, tooPrecise = false

        /// significand = significand x 10^(zeros + 1) + digit (digit 0 with `addDigit` false: x 10^zeros only).
        @inline(__always)
        func fold(zeros: Int, digit: UInt8, addDigit: Bool) {
            let shift = addDigit ? zeros + 1 : zeros
            let total = digits + shift
            guard total <= maxSignificantDigits else {
                tooPrecise = true
                return
            }
            if !isWide, total <= 19 {
                small = small &* UInt64(truncatingIfNeeded: powersOfTen[shift]) &+ UInt64(digit)
            } else {
                if !isWide {
                    wide = UInt128(small)
                    isWide = true
                }
                wide = wide &* UInt128(powersOfTen[shift]) &+ UInt128(digit)
            }
            digits = total
        }

        while i < n {
            let b = bytes[i]
            let d = b &- 0x30
            if d < 10 {
                if sawPoint { fractionDigits += 1 } else { integerDigits += 1 }
                if d != 0 {
                    if !tooPrecise { fold(zeros: pendingZeros, digit: d, addDigit: true) }
                    pendingZeros = 0
                    pendingIntegerZeros = 0
                } else if digits > 0 || tooPrecise {
                    pendingZeros += 1
                }
            } else if b == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
                pendingIntegerZeros = pendingZeros
            } else {
                throw .malformed
            }
            i += 1
        }
        guard integerDigits > 0, !sawPoint || fractionDigits > 0 else { throw .malformed }
        if tooPrecise { throw .tooPrecise }
        if digits == 0 { return .zero }
        if !sawPoint { pendingIntegerZeros = pendingZeros }
        if pendingIntegerZeros > 0 {
            fold(zeros: pendingIntegerZeros, digit: 0, addDigit: false)
            if tooPrecise { throw .tooPrecise }
        }
        let scale = fractionDigits - (pendingZeros - pendingIntegerZeros)
        guard scale <= maxFractionDigits else { throw .tooManyFractionDigits }
        let magnitude = isWide ? Int128(wide) : Int128(small)
        return Quantity(unchecked: negative ? -magnitude : magnitude, scale: Int8(scale))
    }

    /// Parses bytes that may not be contiguous (copied once when they are not).
    static func parse(utf8View: Substring.UTF8View) throws(SyntaxError) -> Quantity {
        let result = utf8View.withContiguousStorageIfAvailable { buffer in
            Result { () throws(SyntaxError) -> Quantity in try parse(utf8: buffer) }
        } ?? Array(utf8View).withUnsafeBufferPointer { buffer in
            Result { () throws(SyntaxError) -> Quantity in try parse(utf8: buffer) }
        }
        return try result.get()
    }

    /// Parses `text` with the strict grammar, surrounding spaces and tabs allowed. Throws
    /// `AmountError` naming the text and the fix.
    public init(parsing text: String) throws(AmountError) {
        let scalars = text.unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, Quantity.isSpace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo, Quantity.isSpace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        do {
            self = try Quantity.parse(utf8View: Substring(scalars[lo..<hi]).utf8)
        } catch {
            throw AmountError(error, text: text)
        }
    }

    /// Canonical text this program wrote (the database, its own exports): the same parser, with
    /// nothing around the number. nil when the text is not a decimal a quantity holds.
    public init?(stored text: String) {
        guard let q = try? Quantity.parse(utf8View: Substring(text).utf8) else { return nil }
        self = q
    }

    /// A space or tab, or any other Unicode space separator (what `Quantity(parsing:)` trims).
    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || (s.value >= 0x80 && s.properties.generalCategory == .spaceSeparator)
    }
}

extension AmountError {
    /// The parser's finding about `text`, worded for the user.
    public init(_ error: Quantity.SyntaxError, text: String) {
        switch error {
        case .empty: self = .empty
        case .malformed: self = .malformed(text)
        case .tooPrecise: self = .tooPrecise(text)
        case .tooManyFractionDigits: self = .tooManyFractionDigits(text)
        }
    }
}

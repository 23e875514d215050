import LedgerCore

/// Byte-level readers for explorer fields: hex hashes and addresses, integers, decimal amounts. They work
/// on the tokenizer's byte slices so a million-row import does not build a String per field.
enum FieldBytes {
    /// How a decimal field was read.
    enum Decimal: Sendable {
        case value(Quantity)
        case empty
        /// Digits grouped with commas ("1,234.5") while the policy rejects them.
        case grouped
        case malformed(AmountError)
    }

    /// Parses a non-negative decimal: surrounding spaces allowed, then the one decimal parser
    /// (`Quantity.parse(utf8:)`, strict grammar `\d+(\.\d+)?`). With `dollar`, one leading "$" is
    /// allowed and "-" alone means no value. With `grouping`, commas between groups of three integer
    /// digits are accepted ("82,542,769,229.90364658"): they are checked and removed here, before the
    /// parser sees the digits; without, a well-grouped number gives `.grouped`.
    static func decimal(_ field: ArraySlice<UInt8>, dollar: Bool = false, grouping: Bool = false) -> Decimal {
        var lo = field.startIndex, hi = field.endIndex
        while lo < hi, field[lo] == 0x20 { lo += 1 }
        while hi > lo, field[hi - 1] == 0x20 { hi -= 1 }
        guard lo < hi else { return .empty }
        if dollar {
            if hi - lo == 1, field[lo] == 0x2D { return .empty } // "-"
            if field[lo] == 0x24 { lo += 1 }                      // "$"
        }
        guard lo < hi, field[lo] != 0x2D else { return malformed(field, lo, hi) } // non-negative only
        let number = field[lo..<hi]
        let parsed = number.withUnsafeBufferPointer { bytes in
            Result { () throws(Quantity.SyntaxError) -> Quantity in try Quantity.parse(utf8: bytes) }
        }
        switch parsed {
        case .success(let q):
            return .value(q)
        case .failure(.malformed) where number.contains(0x2C):
            return grouped(number, accept: grouping)
        case .failure(.malformed), .failure(.empty):
            return malformed(field, lo, hi)
        case .failure(let error):
            return .malformed(AmountError(error, text: String(decoding: number, as: UTF8.self)))
        }
    }

    /// A number with commas: `.grouped` when they separate groups of three integer digits and
    /// grouping is not accepted; the number without them when it is; else malformed.
    private static func grouped(_ number: ArraySlice<UInt8>, accept: Bool) -> Decimal {
        var integerDigits = 0, fractionDigits = 0, groupLength = -1, sawPoint = false
        for b in number {
            if b >= 0x30 && b <= 0x39 {
                if sawPoint {
                    fractionDigits += 1
                } else {
                    integerDigits += 1
                    if groupLength >= 0 { groupLength += 1 }
                }
            } else if b == 0x2C, !sawPoint, integerDigits > 0, groupLength == -1 ? integerDigits <= 3 : groupLength == 3 {
                groupLength = 0
            } else if b == 0x2E, !sawPoint, integerDigits > 0 {
                sawPoint = true
            } else {
                return malformed(number, number.startIndex, number.endIndex)
            }
        }
        guard groupLength == 3, !sawPoint || fractionDigits > 0 else { return malformed(number, number.startIndex, number.endIndex) }
        guard accept else { return .grouped }
        // The digits without the commas, in a stack buffer, through the same parser.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: number.count) { buffer in
            var n = 0
            for b in number where b != 0x2C {
                buffer[n] = b
                n += 1
            }
            let digits = UnsafeBufferPointer(rebasing: buffer[..<n])
            do throws(Quantity.SyntaxError) {
                return .value(try Quantity.parse(utf8: digits))
            } catch .malformed, .empty {
                return malformed(number, number.startIndex, number.endIndex)
            } catch {
                return .malformed(AmountError(error, text: String(decoding: digits, as: UTF8.self)))
            }
        }
    }

    private static func malformed(_ field: ArraySlice<UInt8>, _ lo: Int, _ hi: Int) -> Decimal {
        .malformed(.malformed(String(decoding: field[lo..<hi], as: UTF8.self)))
    }

    @inline(__always)
    static func isHexDigit(_ b: UInt8) -> Bool { (b &- 0x30) < 10 || ((b | 0x20) &- 0x61) < 6 }

    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt64 {
        (b &- 0x30) < 10 ? UInt64(b &- 0x30) : UInt64((b | 0x20) &- 0x61 &+ 10)
    }

    /// "0x" + exactly `hexDigits` hex digits, returned in lower case; nil otherwise.
    static func hex(_ field: ArraySlice<UInt8>, hexDigits: Int) -> String? {
        guard field.count == hexDigits + 2 else { return nil }
        return field.withUnsafeBufferPointer { buf -> String? in
            guard buf[0] == 0x30, buf[1] | 0x20 == 0x78 else { return nil }
            var valid = true
            // One pass: lower-case into the new string while checking the digits.
            let text = String(unsafeUninitializedCapacity: buf.count) { out in
                out[0] = 0x30
                out[1] = 0x78
                for i in 2..<buf.count {
                    let b = buf[i]
                    valid = valid && isHexDigit(b)
                    out[i] = b | ((b &- 0x41) < 26 ? 0x20 : 0)
                }
                return buf.count
            }
            return valid ? text : nil
        }
    }

    /// A 20-byte EVM address as a cheap hashable key; nil unless "0x" + 40 hex digits.
    static func addressKey(_ field: ArraySlice<UInt8>) -> AddressKey? {
        guard field.count == 42 else { return nil }
        return field.withUnsafeBufferPointer { buf -> AddressKey? in
            guard buf[0] == 0x30, buf[1] | 0x20 == 0x78 else { return nil }
            var valid = true
            func word(_ from: Int, _ to: Int) -> UInt64 {
                var w: UInt64 = 0
                for i in from..<to {
                    let b = buf[i]
                    valid = valid && isHexDigit(b)
                    w = w << 4 | hexValue(b)
                }
                return w
            }
            let key = AddressKey(a: word(2, 18), b: word(18, 34), c: word(34, 42))
            return valid ? key : nil
        }
    }

    /// A non-negative integer of at most 18 digits.
    static func integer(_ field: ArraySlice<UInt8>) -> Int64? {
        guard !field.isEmpty, field.count <= 18 else { return nil }
        var v: Int64 = 0
        for b in field {
            guard b >= 0x30, b <= 0x39 else { return nil }
            v = v * 10 + Int64(b - 0x30)
        }
        return v
    }

    static func isEmpty(_ field: ArraySlice<UInt8>) -> Bool { field.allSatisfy { $0 == 0x20 } }

    static func string(_ field: ArraySlice<UInt8>) -> String { String(decoding: field, as: UTF8.self) }

    static func equals(_ field: ArraySlice<UInt8>, _ text: StaticString) -> Bool {
        guard field.count == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { buf in field.elementsEqual(buf) }
    }
}

/// An EVM address as three integers (16 + 16 + 8 hex digits).
struct AddressKey: Hashable, Sendable {
    let a: UInt64, b: UInt64, c: UInt64
}

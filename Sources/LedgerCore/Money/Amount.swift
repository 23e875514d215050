import Foundation

/// An asset symbol, canonical upper case: "ETH", "ARB", "USDC.E".
public struct AssetSymbol: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let code: String

    public init(parsing text: String) throws(AmountError) {
        let t = text.trimmingCharacters(in: .whitespaces)
        let ok = (1...20).contains(t.count)
            && t.unicodeScalars.allSatisfy { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "-" || $0 == "_" }
            && (t.first.map { $0.isLetter || $0.isNumber } ?? false)
        guard ok else { throw .badSymbol(text) }
        code = t.uppercased()
    }

    /// Canonical text this program wrote (the database): checked byte by byte against the canonical
    /// form `init(parsing:)` produces (1 to 20 of A-Z, 0-9, '.', '-', '_', starting with a letter or
    /// digit); nil for anything else, so a damaged row is never read as some symbol.
    public init?(stored code: String) {
        var count = 0
        for b in code.utf8 {
            count += 1
            let alnum = (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39)
            guard count <= 20, alnum || (count > 1 && (b == 0x2E || b == 0x2D || b == 0x5F)) else { return nil }
        }
        guard count > 0 else { return nil }
        self.code = code
    }

    public var description: String { code }
    public static func < (a: AssetSymbol, b: AssetSymbol) -> Bool { a.code < b.code }
}

/// A quantity of one asset: "1250 ARB".
public struct Amount: Sendable, Hashable, CustomStringConvertible {
    public let quantity: Quantity
    public let asset: AssetSymbol

    public init(_ quantity: Quantity, _ asset: AssetSymbol) {
        self.quantity = quantity
        self.asset = asset
    }

    /// Parses "QUANTITY SYMBOL" (one or more spaces between). The quantity must be > 0.
    public init(parsing text: String, what: String = "amount") throws(AmountError) {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 2 else {
            if parts.count == 1 {
                // A lone number: say a symbol is missing; a lone word: say the number is.
                if (try? Quantity(parsing: String(parts[0]))) != nil { throw .missingSymbol(text) }
            }
            // A number then several words: one amount was expected ("1.5 ARB ETH").
            if parts.count > 2, (try? Quantity(parsing: String(parts[0]))) != nil { throw .notOneAmount(text) }
            throw .malformed(text)
        }
        let q = try Quantity(parsing: String(parts[0]))
        guard q.isPositive else { throw .notPositive(text, what: what) }
        self.quantity = q
        self.asset = try AssetSymbol(parsing: String(parts[1]))
    }

    public var description: String { "\(quantity) \(asset)" }
}

extension Quantity {
    /// Parses a quantity that must be > 0 (amounts, prices).
    public static func positive(_ text: String, what: String) throws(AmountError) -> Quantity {
        let q = try Quantity(parsing: text)
        guard q.isPositive else { throw .notPositive(text, what: what) }
        return q
    }

    /// Parses a quantity that must be >= 0 (fees, USD values).
    public static func nonNegative(_ text: String, what: String) throws(AmountError) -> Quantity {
        let q = try Quantity(parsing: text)
        guard !q.isNegative else { throw .negative(text, what: what) }
        return q
    }
}

extension Quantity {
    /// True for a whole number (a count of recipients, a year).
    public var isWhole: Bool { rounded(scale: 0) == self }
}

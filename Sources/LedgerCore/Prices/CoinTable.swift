/// Which price-source coin a ledger symbol means. A coin is `coingecko:ID` or `CHAIN:ADDRESS`, the
/// names DefiLlama's coins API takes. The bundled table (`coin-ids.csv`, every row with its source)
/// covers the watchlist's and benchmarks' tokens and the common gas tokens; a symbol several coins
/// share (`coin-ambiguous.csv`) is never guessed: the user picks with `asset set SYMBOL --coin ID`,
/// and that choice (`overrides`) wins over the table.
public struct CoinTable: Sendable {
    public struct Entry: Sendable, Hashable {
        public var coin: String
        public var source: String
    }

    public enum Resolution: Sendable, Hashable {
        case coin(String, source: String)
        case ambiguous(candidates: [String])
        case unknown
    }

    public private(set) var bundled: [String: Entry] = [:]
    public private(set) var ambiguous: [String: [String]] = [:]

    public init(coinIDsCSV: String, ambiguousCSV: String) {
        for fields in Self.rows(coinIDsCSV) where fields.count >= 3 {
            bundled[fields[0].uppercased()] = Entry(coin: fields[1], source: fields[2])
        }
        for fields in Self.rows(ambiguousCSV) where fields.count >= 2 {
            ambiguous[fields[0].uppercased()] = fields[1].split(separator: " ").map(String.init)
        }
    }

    /// The table compiled into the binary.
    public static let standard = CoinTable(coinIDsCSV: ReferenceData.coinIdsCsv, ambiguousCSV: ReferenceData.coinAmbiguousCsv)

    /// The coin `symbol` means: the user's choice, else the bundled row unless the symbol is ambiguous.
    public func resolve(_ symbol: AssetSymbol, overrides: [AssetSymbol: String]) -> Resolution {
        if let c = overrides[symbol] { return .coin(c, source: "asset set") }
        if let cands = ambiguous[symbol.code.uppercased()] { return .ambiguous(candidates: cands) }
        if let e = bundled[symbol.code.uppercased()] { return .coin(e.coin, source: e.source) }
        return .unknown
    }

    /// Whether `text` names a coin the way DefiLlama does: `coingecko:ID` (lower-case letters, digits,
    /// dashes) or `CHAIN:ADDRESS` (a chain name, then letters and digits).
    public static func isCoinName(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, text.utf8.count <= 128 else { return false }
        let chainOK = parts[0].allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "_" }
        if parts[0] == "coingecko" {
            return chainOK && parts[1].allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" || $0 == "." || $0 == "_" }
        }
        return chainOK && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }

    /// Lines of a CSV with a header, fields split on commas outside double quotes (no field spans lines).
    static func rows(_ text: String) -> [[String]] {
        text.split(separator: "\n").dropFirst().map { line in
            var fields: [String] = [], field = "", quoted = false
            let chars = Array(line)
            var i = 0
            while i < chars.count {
                let ch = chars[i]
                i += 1
                if ch == "\"" {
                    if quoted, i < chars.count, chars[i] == "\"" { field.append("\""); i += 1 } else { quoted.toggle() }
                    continue
                }
                if ch == "," && !quoted { fields.append(field); field = ""; continue }
                if ch != "\r" { field.append(ch) }
            }
            fields.append(field)
            return fields
        }
    }
}

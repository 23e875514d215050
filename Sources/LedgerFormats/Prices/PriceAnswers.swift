import LedgerCore

/// The requests airledger sends to price services and the reading of their answers, as values (the
/// CLI does the I/O). Shapes: research/prices/FORMATS.md (DefiLlama's OpenAPI and server code,
/// CoinGecko's docs, real recorded bodies). What the readers rely on:
/// - a coin DefiLlama has no price for is simply absent (HTTP 200), also in `batchHistorical`, which
///   drops timestamps without a record and returns the rest in any order with the record's own time;
/// - `searchWidth` picks the nearest record on EITHER side, so every record is re-checked here against
///   the price rule (at or before the time asked, within the window);
/// - prices may be JSON integers; `confidence` is optional, and a price under 0.20 is ignored (rotki's
///   spam threshold); `symbol` is unreliable and never read.
public enum PriceAnswers {
    public struct Malformed: Error, Equatable, Sendable, CustomStringConvertible {
        public var what: String
        public var description: String { what }
    }

    /// One price record as a service returned it.
    public struct Record: Sendable, Hashable {
        public var at: Instant
        public var usd: Quantity
        public init(at: Instant, usd: Quantity) { self.at = at; self.usd = usd }
    }

    public static let minimumConfidence = "0.20"

    // MARK: DefiLlama

    /// `GET /batchHistorical?coins={"coin":[t,...]}&searchWidth=...` (the JSON object URL-encoded).
    public static func batchHistoricalPath(_ coins: [(coin: String, times: [Int64])], searchWidthSeconds: Int64) -> String {
        let json = "{" + coins.map { c in "\"\(c.coin)\":[" + c.times.map(String.init).joined(separator: ",") + "]" }
            .joined(separator: ",") + "}"
        return "/batchHistorical?coins=" + percentEncode(json) + "&searchWidth=" + String(searchWidthSeconds / 60) + "m"
    }

    /// Reads a `batchHistorical` answer: coin -> records (missing coins absent).
    public static func readBatchHistorical(_ body: [UInt8]) throws(Malformed) -> [String: [Record]] {
        let doc: ExactJSON
        do { doc = try ExactJSON.parse(body) } catch {
            throw Malformed(what: "not JSON (at byte \(error.offset), expected \(error.expected))")
        }
        guard case .object(let coins)? = doc["coins"] else { throw Malformed(what: "no \"coins\" object") }
        var out: [String: [Record]] = [:]
        for (coin, entry) in coins {
            guard case .array(let prices)? = entry["prices"] else { throw Malformed(what: "coin \(coin) has no \"prices\" list") }
            var records: [Record] = []
            for p in prices {
                guard let r = try record(p, coin: coin) else { continue }
                records.append(r)
            }
            out[coin] = records
        }
        return out
    }

    /// Reads a `/prices/historical/{ts}/{coins}` answer: coin -> its one record (missing coins absent).
    public static func readHistorical(_ body: [UInt8]) throws(Malformed) -> [String: Record] {
        let doc: ExactJSON
        do { doc = try ExactJSON.parse(body) } catch {
            throw Malformed(what: "not JSON (at byte \(error.offset), expected \(error.expected))")
        }
        guard case .object(let coins)? = doc["coins"] else { throw Malformed(what: "no \"coins\" object") }
        var out: [String: Record] = [:]
        for (coin, entry) in coins { if let r = try record(entry, coin: coin) { out[coin] = r } }
        return out
    }

    static func record(_ p: ExactJSON, coin: String) throws(Malformed) -> Record? {
        guard let ts = p["timestamp"]?.integer, ts > 0 else { throw Malformed(what: "coin \(coin): a price without a whole \"timestamp\"") }
        guard let text = p["price"]?.decimalText, let usd = try? Quantity(parsing: text) else {
            throw Malformed(what: "coin \(coin): a price that is not a decimal number")
        }
        if let c = p["confidence"]?.decimalText, let cq = try? Quantity(parsing: c),
           let min = try? Quantity(parsing: minimumConfidence), cq < min { return nil }
        guard usd > .zero else { return nil }
        return Record(at: Instant(seconds: ts), usd: usd)
    }

    /// For each time asked, the record the price rule may use: the latest at or before it, within
    /// `window` seconds. Records after the time or older than the window are not used.
    public static func match(asked: [Instant], records: [Record], window: Int64) -> [Instant: Record] {
        let sorted = records.sorted { $0.at < $1.at }
        var out: [Instant: Record] = [:]
        for t in asked {
            var best: Record?
            for r in sorted where r.at <= t && t.seconds - r.at.seconds <= window { best = r }
            if let b = best { out[t] = b }
        }
        return out
    }

    // MARK: CoinGecko

    /// `GET /coins/{id}/history?date=dd-mm-yyyy&localization=false`: the 00:00 UTC snapshot of that day.
    public static func coinGeckoHistoryPath(id: String, day: CivilDate) -> String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "/coins/\(percentEncode(id))/history?date=\(two(day.day))-\(two(day.month))-\(day.year)&localization=false"
    }

    /// The USD price in a CoinGecko history answer, or nil when it has no market data that day.
    public static func readCoinGeckoHistory(_ body: [UInt8]) throws(Malformed) -> Quantity? {
        let doc: ExactJSON
        do { doc = try ExactJSON.parse(body) } catch {
            throw Malformed(what: "not JSON (at byte \(error.offset), expected \(error.expected))")
        }
        guard case .object = doc else { throw Malformed(what: "not a JSON object") }
        guard let md = doc["market_data"] else { return nil }
        guard let text = md["current_price"]?["usd"]?.decimalText, let usd = try? Quantity(parsing: text) else {
            throw Malformed(what: "market_data without a decimal current_price.usd")
        }
        return usd > .zero ? usd : nil
    }

    /// An error message in a service's JSON error body (`{"message":..}`, `{"error":..}`,
    /// `{"status":{"error_message":..}}`, `{"error":{"status":{"error_message":..}}}`), if any.
    public static func errorMessage(_ body: [UInt8]) -> String? {
        guard let doc = try? ExactJSON.parse(body) else { return nil }
        if case .string(let m)? = doc["message"] { return m }
        if case .string(let m)? = doc["error"] { return m }
        if case .string(let m)? = doc["status"]?["error_message"] { return m }
        if case .string(let m)? = doc["error"]?["status"]?["error_message"] { return m }
        return nil
    }

    static func percentEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if b < 0x80, c.isLetter || c.isNumber || "-._~:".contains(c) { out.append(c) } else {
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }
}

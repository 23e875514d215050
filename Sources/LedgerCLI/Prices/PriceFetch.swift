import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

/// `price fetch`: finds the coin of each asset, asks DefiLlama (batched `/batchHistorical`), then
/// CoinGecko when `COINGECKO_API_KEY` is set, for the times still unpriced, and stores what the price
/// rule can use, each asset in one transaction (all or nothing per asset; user-set prices kept).
struct PriceFetch {
    struct Outcome {
        var stored: [(asset: AssetSymbol, count: Int, sources: [String])] = []
        var missing: [(asset: AssetSymbol, at: Instant, why: String, fix: String)] = []
        var failures: [(asset: AssetSymbol, why: String)] = []
        var requests = (defillama: 0, coingecko: 0)
        var pricedTimes = 0
    }

    let db: LedgerDatabase
    let env: [String: String]
    let now: Instant
    let window: Int64
    var progress: (@Sendable (String) -> Void)?

    static let defillamaDefault = "https://coins.llama.fi"
    static let maxCoinsPerRequest = 100
    static let maxQueryBytes = 6_000

    /// What the passes found so far: records per asset with their source, and the assets given up on.
    struct Found {
        var records: [AssetSymbol: [(PriceAnswers.Record, String)]] = [:]
        var failed: [AssetSymbol: String] = [:]
    }

    func run(_ needs: [AssetSymbol: [Instant]]) throws -> Outcome {
        var out = Outcome()
        let coinOf = try coins(needs, missing: &out.missing)
        var found = Found()
        let client = HTTPClient(environment: env)
        try askDefiLlama(needs, coinOf: coinOf, client: client, found: &found)
        out.requests.defillama = client.requests
        if let key = env["COINGECKO_API_KEY"], !key.isEmpty {
            let gecko = HTTPClient(environment: env)
            try askCoinGecko(needs, coinOf: coinOf, key: key, client: gecko, found: &found)
            out.requests.coingecko = gecko.requests
        }
        try store(needs, coinOf: coinOf, found: found, into: &out)
        out.missing.sort { ($0.asset, $0.at) < ($1.asset, $1.at) }
        return out
    }

    /// The coin of each asset; an ambiguous or unknown asset's times are missing, with the fix.
    func coins(_ needs: [AssetSymbol: [Instant]], missing: inout [(asset: AssetSymbol, at: Instant, why: String, fix: String)]) throws -> [AssetSymbol: String] {
        let overrides = try db.assetCoins()
        var coinOf: [AssetSymbol: String] = [:]
        for (asset, times) in needs.sorted(by: { $0.key < $1.key }) {
            switch CoinTable.standard.resolve(asset, overrides: overrides) {
            case .coin(let c, _): coinOf[asset] = c
            case .ambiguous(let cands):
                for t in times {
                    missing.append((asset, t, "\(asset) is ambiguous: \(cands.joined(separator: ", "))",
                                "airledger asset set \(asset) --coin \(cands[0])"))
                }
            case .unknown:
                for t in times {
                    missing.append((asset, t, "no coin is known for \(asset)",
                                "airledger asset set \(asset) --coin coingecko:ID (or CHAIN:ADDRESS)"))
                }
            }
        }
        return coinOf
    }

    /// DefiLlama's `/batchHistorical`, in up to three passes.
    func askDefiLlama(_ needs: [AssetSymbol: [Instant]], coinOf: [AssetSymbol: String], client: HTTPClient, found: inout Found) throws {
        let llama = (env["AIRLEDGER_DEFILLAMA_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defillamaDefault).trimmingSuffix("/")
        // Pass 1 asks for each time itself. DefiLlama answers the nearest record on EITHER side, so for
        // a time whose answer came after it, pass 2 asks just before that record's distance, and pass 3
        // a few hours earlier; only records at or before the time, within the window, are kept.
        for pass in 0..<3 {
            var ask: [(coin: String, times: [Int64])] = []
            var assetOfCoin: [String: [AssetSymbol]] = [:]
            for (asset, coin) in coinOf.sorted(by: { $0.key < $1.key }) where found.failed[asset] == nil {
                let have = found.records[asset, default: []].map(\.0)
                // Later passes only for times whose answer came after them (a missing coin is not asked again).
                let open = needs[asset, default: []].filter { t in
                    PriceAnswers.match(asked: [t], records: have, window: window).isEmpty
                        && (pass == 0 || have.contains { $0.at > t })
                }
                if open.isEmpty { continue }
                let shifted: [Int64] = open.map { t in
                    switch pass {
                    case 0: return t.seconds
                    case 1:
                        let after = have.filter { $0.at > t }.map { $0.at.seconds - t.seconds }.min()
                        return t.seconds - (after ?? 0) - 1
                    default: return t.seconds - min(window / 2, 3 * 3600)
                    }
                }
                assetOfCoin[coin, default: []].append(asset)
                ask.append((coin, Array(Swift.Set(shifted)).sorted()))
            }
            let width = pass == 2 ? min(window / 2, 3 * 3600) : window
            var batches = Self.batches(ask, width: width)
            var i = 0
            while i < batches.count {
                let batch = batches[i]
                i += 1
                progress?("fetching prices from DefiLlama: request \(i) of \(batches.count)" + (pass > 0 ? " (pass \(pass + 1))" : ""))
                let url = llama + PriceAnswers.batchHistoricalPath(batch, searchWidthSeconds: width)
                let affected = batch.flatMap { assetOfCoin[$0.coin] ?? [] }
                var why: String?
                do {
                    let answer = try PriceAnswers.readBatchHistorical(try client.get(url))
                    for c in batch { for a in assetOfCoin[c.coin] ?? [] {
                        found.records[a, default: []] += (answer[c.coin] ?? []).map { ($0, "defillama") }
                    } }
                } catch let e as FetchFailure {
                    why = "DefiLlama: \(e.reason)"
                } catch let e as PriceAnswers.Malformed {
                    why = "DefiLlama answered something airledger cannot read (\(e.what))"
                }
                guard let why else { continue }
                // One coin can spoil a batch: ask for the coins one by one before giving up on any.
                if Swift.Set(batch.map(\.coin)).count > 1 {
                    for c in batch { batches.append([c]) }
                } else {
                    for a in affected { found.failed[a] = why }
                }
            }
        }
    }

    /// CoinGecko, for what DefiLlama did not price: the 00:00 UTC snapshot of each day.
    func askCoinGecko(_ needs: [AssetSymbol: [Instant]], coinOf: [AssetSymbol: String], key: String, client gecko: HTTPClient, found: inout Found) throws {
        let pro = env["COINGECKO_API_PLAN"]?.lowercased() == "pro"
        let root = (env["AIRLEDGER_COINGECKO_URL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (pro ? "https://pro-api.coingecko.com/api/v3" : "https://api.coingecko.com/api/v3")).trimmingSuffix("/")
        let header = pro ? "x-cg-pro-api-key" : "x-cg-demo-api-key"
        for (asset, coin) in coinOf.sorted(by: { $0.key < $1.key }) where found.failed[asset] == nil && coin.hasPrefix("coingecko:") {
            let have = found.records[asset, default: []].map(\.0)
            let open = needs[asset, default: []].filter { PriceAnswers.match(asked: [$0], records: have, window: window).isEmpty }
            let days = Set(open.map(\.day)).sorted()
            for (i, day) in days.enumerated() where found.failed[asset] == nil {
                // The demo plan reaches the past 365 days only (CoinGecko error 10012).
                if !pro && now.seconds - day.startUTC.seconds > 365 * 86_400 { continue }
                progress?("fetching \(asset) from CoinGecko: day \(i + 1) of \(days.count)")
                let id = String(coin.dropFirst("coingecko:".count))
                do {
                    let body = try gecko.get(root + PriceAnswers.coinGeckoHistoryPath(id: id, day: day), headers: [header: key])
                    if let usd = try PriceAnswers.readCoinGeckoHistory(body) {
                        found.records[asset, default: []].append((PriceAnswers.Record(at: day.startUTC, usd: usd), "coingecko"))
                    }
                } catch let e as FetchFailure {
                    found.failed[asset] = "CoinGecko: \(e.reason.replacingOccurrences(of: key, with: "(key)"))"
                } catch let e as PriceAnswers.Malformed {
                    found.failed[asset] = "CoinGecko answered something airledger cannot read (\(e.what))"
                }
            }
        }
    }

    /// Stores per asset, one transaction each; a failed asset stores nothing.
    func store(_ needs: [AssetSymbol: [Instant]], coinOf: [AssetSymbol: String], found: Found, into out: inout Outcome) throws {
        for (asset, _) in coinOf.sorted(by: { $0.key < $1.key }) {
            let times = needs[asset, default: []]
            if let why = found.failed[asset] {
                out.failures.append((asset, why))
                for t in times { out.missing.append((asset, t, why, "airledger price fetch \(asset) (again later), or airledger price set \(asset) USD --at \(t)")) }
                continue
            }
            let recs = found.records[asset, default: []]
            let matched = PriceAnswers.match(asked: times, records: recs.map(\.0), window: window)
            var points: [Instant: PricePoint] = [:]
            for r in matched.values {
                let source = recs.first { $0.0 == r }?.1 ?? "defillama"
                points[r.at] = PricePoint(asset: asset, at: r.at, usd: r.usd, source: source, fetchedAt: now)
            }
            if !points.isEmpty {
                _ = try db.storeFetchedPrices(points.values.sorted { $0.at < $1.at }, now: now)
                out.stored.append((asset, points.count, Array(Set(points.values.map(\.source))).sorted()))
                out.pricedTimes += matched.count
            }
            for t in times where matched[t] == nil {
                out.missing.append((asset, t, "no price within \(Self.span(window)) at or before it",
                                    "airledger price set \(asset) USD --at \(t)"))
            }
        }
    }

    /// Requests of at most `maxCoinsPerRequest` coins and about `maxQueryBytes` of query string;
    /// a coin with many times is split over several requests.
    static func batches(_ ask: [(coin: String, times: [Int64])], width: Int64) -> [[(coin: String, times: [Int64])]] {
        var out: [[(coin: String, times: [Int64])]] = []
        var cur: [(coin: String, times: [Int64])] = [], bytes = 0
        for (coin, times) in ask {
            var chunk: [Int64] = []
            for t in times {
                let cost = String(t).utf8.count + 3
                if bytes + cost + coin.utf8.count * 3 + 12 > maxQueryBytes || cur.count >= maxCoinsPerRequest {
                    if !chunk.isEmpty { cur.append((coin, chunk)); chunk = [] }
                    if !cur.isEmpty { out.append(cur) }
                    cur = []; bytes = 0
                }
                if chunk.isEmpty { bytes += coin.utf8.count * 3 + 12 }
                chunk.append(t); bytes += cost
            }
            if !chunk.isEmpty { cur.append((coin, chunk)) }
        }
        if !cur.isEmpty { out.append(cur) }
        return out
    }

    static func span(_ s: Int64) -> String {
        s % 86_400 == 0 ? "\(s / 86_400) day\(s == 86_400 ? "" : "s")" : s % 3600 == 0 ? "\(s / 3600) h" : "\(s) s"
    }
}

extension String {
    func trimmingSuffix(_ s: String) -> String {
        var t = self
        while t.hasSuffix(s) { t.removeLast(s.count) }
        return t
    }
}

extension PriceFetch {
    /// Which prices a command needs: everything (`price fetch --missing`), what the portfolio shows
    /// (its claims and transfers, and "now" for what is held), or one tax year (movements up to its
    /// end, that year's activity fees).
    enum Scope {
        case everything
        case holdings
        case through(Instant, activitiesFrom: Instant)
    }

    /// What the price rule cannot price yet (claims, transfers, activity volumes and fees), plus "now"
    /// for every asset the movements hold whose latest price is more than the window old.
    static func needs(db: LedgerDatabase, now: Instant, only: Set<AssetSymbol>?, scope: Scope = .everything) throws -> [AssetSymbol: [Instant]] {
        var movements = try db.movements()
        let rule = PriceRule(book: try db.priceBook())
        var needs: [AssetSymbol: [Instant]]
        switch scope {
        case .everything:
            needs = rule.missing(movements: movements, activities: try db.activities())
        case .holdings:
            needs = rule.missing(movements: movements, activities: [])
        case .through(let end, let from):
            movements = movements.filter { $0.at < end }
            needs = rule.missing(movements: movements, activities: try db.activities(ActivityFilter(since: from, until: end)))
        }
        if case .through = scope { return needs }
        var held: [AssetSymbol: Quantity] = [:]
        for m in movements {
            let delta: Quantity
            switch m.kind {
            case .claim, .buy: delta = m.amount.quantity
            case .sell: delta = (try? Quantity.zero - m.amount.quantity) ?? .zero
            case .transfer: delta = (try? Quantity.zero - (m.feeQuantity ?? .zero)) ?? .zero
            }
            held[m.amount.asset] = (try? held[m.amount.asset, default: .zero] + delta) ?? held[m.amount.asset]
        }
        for (a, q) in held where q > .zero && !a.isUSD && rule.price(of: a, at: now) == nil {
            needs[a, default: []].append(now)
        }
        if let only { needs = needs.filter { only.contains($0.key) }; for a in only where needs[a] == nil { needs[a] = [now] } }
        return needs.mapValues { Array(Set($0)).sorted() }
    }

    /// `line`: where the summary goes (stdout for `price fetch`; stderr for `--fetch-prices`, whose
    /// stdout is the command's own data).
    static func report(_ o: Outcome, line: (String) -> Void = Out.data) throws {
        Out.progressDone()
        for s in o.stored {
            line("\(s.asset): \(s.count) price\(s.count == 1 ? "" : "s") stored (\(s.sources.joined(separator: ", ")))")
        }
        line("\(o.pricedTimes) time\(o.pricedTimes == 1 ? "" : "s") priced with \(o.requests.defillama) DefiLlama request\(o.requests.defillama == 1 ? "" : "s")"
                 + (o.requests.coingecko > 0 ? " and \(o.requests.coingecko) CoinGecko request\(o.requests.coingecko == 1 ? "" : "s")" : ""))
        if !o.missing.isEmpty {
            line("still missing \(o.missing.count) price\(o.missing.count == 1 ? "" : "s"):")
            for m in o.missing.prefix(50) { line("  \(m.asset) at \(m.at): \(m.why); fill with: \(m.fix)") }
            if o.missing.count > 50 { line("  ... and \(o.missing.count - 50) more (airledger price fetch --missing lists them again)") }
        }
        if !o.failures.isEmpty {
            throw CLIError.failure("fetching failed for \(o.failures.map { $0.asset.code }.joined(separator: ", ")): "
                                   + o.failures.map(\.why).joined(separator: "; ")
                                   + ". Nothing was stored for \(o.failures.count == 1 ? "that asset" : "those assets"); the others were stored.")
        }
    }
}

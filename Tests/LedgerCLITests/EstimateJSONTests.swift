// `estimate --format json` as it ships: the real command run in-process on a real ledger, its
// stdout read back with key order kept (the criteria reader, which keeps members in order).
import Foundation
@testable import LedgerCore
import Testing

/// A parsed document with its key order, for asserting on the exact interface.
struct OrderedJSON {
    let node: JSONNode

    init(_ text: String) throws { node = try JSONNode.parse(text) }
    init(_ node: JSONNode) { self.node = node }

    var keys: [String] { if case .object(let m) = node.value { m.map(\.key) } else { [] } }
    var items: [OrderedJSON] { if case .array(let a) = node.value { a.map(OrderedJSON.init) } else { [] } }
    subscript(_ key: String) -> OrderedJSON? {
        guard case .object(let m) = node.value, let v = m.first(where: { $0.key == key }) else { return nil }
        return OrderedJSON(v.value)
    }
    /// A JSON string's value (nil for any other kind, numbers included).
    var string: String? { if case .string(let s) = node.value { s } else { nil } }
    var isNull: Bool { if case .null = node.value { true } else { false } }
}

@Suite("estimate --format json, as the command prints it")
struct EstimateJSONTests {
    static let projectKeys = ["project", "probability", "valueIfAirdrop", "expectedValue", "costsToDate", "lenses", "wallets"]
    static let walletKeys = ["wallet", "probability", "valueIfAirdrop", "expectedValue", "costsToDate", "lenses"]
    static let lensNames = Lens.backtested.map(\.name)

    /// A ledger with an NFT project the user has sized (expected FDV 1,000,000 USD, 10% airdrop share,
    /// 100 recipients: 1,000 USD per average recipient) and Scroll with one wallet's bridge.
    static func ledger() throws -> InProcess {
        let l = try InProcess()
        try l.ok("init")
        try l.ok("wallet", "add", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "--label", "hot")
        try l.ok("project", "add", "mynft", "--name", "My NFT", "--status", "likely", "--category", "NFT",
                 "--expected-fdv", "1000000", "--airdrop-share", "0.1", "--recipients", "100")
        try l.ok("log", "scroll", "--wallet", "hot", "--kind", "bridge", "--at", "2024-03-01",
                 "--volume-usd", "20000", "--fee-usd", "1.005")
        return l
    }

    @Test("a typical wallet: keys in the documented order, USD as strings to cents, null for a lens without figures")
    func typicalWallet() throws {
        let l = try Self.ledger()
        defer { l.remove() }
        let text = try l.ok("estimate", "mynft", "--format", "json")
        let doc = try OrderedJSON(text)
        #expect(text.hasSuffix("]\n"))
        #expect(doc.items.count == 1)
        let e = try #require(doc.items.first)
        #expect(e.keys == Self.projectKeys)
        #expect(e["project"]?.string == "mynft")
        #expect(e["probability"]?.string == "0.6")  // status likely
        // Base = the valuation model (the user sized it): 1,000 x the typical wallet's 1,250 / 1,858.8 = 672.4768...
        // low/high x0.5 / x1.5 (336.2384..., 1008.7153...); expected 0.6 x 672.4768... = 403.4861...
        let band = try #require(e["valueIfAirdrop"])
        #expect(band.keys == ["low", "base", "high"])
        #expect([band["low"]?.string, band["base"]?.string, band["high"]?.string] == ["336.24", "672.48", "1008.72"])
        #expect(e["expectedValue"]?.string == "403.49")
        #expect(e["costsToDate"]?.string == "0.00")
        let lenses = try #require(e["lenses"]).items
        #expect(lenses.map { $0["name"]?.string } == Self.lensNames)
        #expect(lenses.allSatisfy { $0.keys == ["name", "valuePerWallet"] })
        #expect(lenses.first { $0["name"]?.string == "valuation-model" }?["valuePerWallet"]?.string == "672.48")
        // One NFT benchmark (Blur): the category median needs two, so it is null, never absent or zero.
        #expect(lenses.first { $0["name"]?.string == "category-median" }?["valuePerWallet"]?.isNull == true)
        #expect(lenses.allSatisfy { l in l["valuePerWallet"]?.isNull == true || l["valuePerWallet"]?.string?.split(separator: ".").last?.count == 2 })
        #expect(e["wallets"]?.items.isEmpty == true)
        #expect(text.contains("\"wallets\": []"))
    }

    @Test("wallets with activity; --explain adds baseLens and explanation last")
    func walletsAndExplain() throws {
        let l = try Self.ledger()
        defer { l.remove() }
        let plain = try OrderedJSON(try l.ok("estimate", "--format", "json"))
        // Every project with activity and no claim: Scroll only.
        #expect(plain.items.map { $0["project"]?.string } == ["scroll"])
        let e = try #require(plain.items.first)
        #expect(e.keys == Self.projectKeys)
        let w = try #require(e["wallets"]?.items.first)
        #expect(w.keys == Self.walletKeys)
        #expect(w["wallet"]?.string == "hot")
        #expect(w["costsToDate"]?.string == "1.01")  // 1.005 rounded half away from zero
        #expect(e["costsToDate"]?.string == "1.01")
        #expect(w["lenses"]?.items.map { $0["name"]?.string } == Self.lensNames)

        let explained = try OrderedJSON(try l.ok("estimate", "scroll", "--format", "json", "--explain"))
        let x = try #require(explained.items.first)
        #expect(x.keys == Self.projectKeys + ["baseLens", "explanation"])
        #expect(x["baseLens"]?.string == "median-of-lenses")
        #expect(x["explanation"]?.items.first?.string?.hasPrefix("estimate for scroll as of 2024-12-31T12:00:00Z") == true)
        // The same figures with or without --explain.
        #expect(x["valueIfAirdrop"]?["base"]?.string == e["valueIfAirdrop"]?["base"]?.string)
    }

    @Test("no estimate is an empty array")
    func empty() throws {
        let l = try InProcess()
        defer { l.remove() }
        try l.ok("init")
        let r = try l.run("estimate", "--format", "json")
        #expect(r.status == 0)
        #expect(r.stdout == "[]\n")
    }
}

@Suite("Lenses in the CLI")
struct LensOutputTests {
    @Test("the backtest prints a score for every lens it can score, in the table and in JSON")
    func backtestPrintsEveryLens() throws {
        let l = try InProcess()
        defer { l.remove() }
        let table = try l.ok("estimate", "--backtest")
        for lens in Lens.backtested { #expect(table.contains("\nlens \(lens.name) alone: median |log10(predicted/actual)| ")) }
        let json = try OrderedJSON(try l.ok("estimate", "--backtest", "--format", "json"))
        #expect(json["lenses"]?.items.map { $0["name"]?.string } == Lens.backtested.map(\.name))
    }

    @Test("the estimate table has a column per lens; the points share only when a wallet has it")
    func estimateColumns() throws {
        let l = try EstimateJSONTests.ledger()
        defer { l.remove() }
        func lensHeader(_ text: String) -> [String] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard let i = lines.firstIndex(where: { $0.hasPrefix("Lenses:") }), i + 1 < lines.count else { return [] }
            return lines[i + 1].split(separator: " ").map(String.init)
        }
        #expect(lensHeader(try l.ok("estimate", "scroll")) == ["Project", "Wallet"] + Lens.backtested.map(\.name))
        try l.ok("project", "set", "scroll", "--points-pool", "0.05", "--total-points", "1000000", "--expected-fdv", "1000000000")
        try l.ok("points", "scroll", "--wallet", "hot", "--points", "5000", "--at", "2024-06-01")
        #expect(lensHeader(try l.ok("estimate", "scroll")) == ["Project", "Wallet"] + Lens.allCases.map(\.name))
    }
}

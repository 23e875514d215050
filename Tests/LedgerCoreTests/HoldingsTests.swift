@testable import LedgerCore
import Testing

/// A tiny builder so tests read in the ledger's own terms.
struct Book {
    var movements: [Movement] = []
    var t: Int64 = 1_700_000_000
    static let wallets: [String: Int64] = ["w1": 1, "w2": 2]

    mutating func add(_ kind: Movement.Kind, _ wallet: String, _ amount: String, price: String? = nil, fee: String? = nil,
                      to: String? = nil, feeQty: String? = nil) throws {
        t += 86_400
        movements.append(Movement(
            id: Int64(movements.count + 1), kind: kind, walletId: Self.wallets[wallet] ?? 0, walletLabel: wallet,
            toWalletId: to.flatMap { Self.wallets[$0] }, toWalletLabel: to, amount: try Amount(parsing: amount),
            at: Instant(seconds: t), priceUsd: try price.map { try Quantity(parsing: $0) },
            feeUsd: try fee.map { try Quantity(parsing: $0) }, feeQuantity: try feeQty.map { try Quantity(parsing: $0) }))
    }
}

@Suite("Holdings")
struct HoldingsTests {
    @Test("balances follow claims, sales and transfers with fees")
    func balances() throws {
        var book = Book()
        try book.add(.claim, "w1", "10 SOL", price: "100")
        try book.add(.transfer, "w1", "5 SOL", to: "w2", feeQty: "0.01")
        try book.add(.sell, "w2", "5 SOL", price: "120")
        var b = Balances()
        for m in book.movements { try b.apply(m) }
        let sol = try AssetSymbol(parsing: "SOL")
        #expect(b.balance(walletId: 1, asset: sol).description == "4.99")
        #expect(b.balance(walletId: 2, asset: sol).isZero)
    }

    @Test("a transfer that cannot cover its fee is refused with what was held")
    func shortfall() throws {
        var book = Book()
        try book.add(.claim, "w1", "5 SOL", price: "100")
        try book.add(.transfer, "w1", "5 SOL", to: "w2", feeQty: "0.01")
        var b = Balances()
        try b.apply(book.movements[0])
        #expect(throws: HoldingsError.self) { try b.apply(book.movements[1]) }
        do { try b.apply(book.movements[1]) } catch {
            guard case .insufficient(let m, let held) = error else { return }
            #expect(m == book.movements[1] && held.description == "5")
        }
    }

    @Test("open lots, FIFO universal: before / apply / after")
    func openLotsUniversal() throws {
        // before: 100 OP claimed at 2 (basis 200), 100 OP bought at 4 + fee 4 (basis 404)
        var book = Book()
        try book.add(.claim, "w1", "100 OP", price: "2")
        try book.add(.buy, "w1", "100 OP", price: "4", fee: "4")
        // apply: sell 150 OP
        try book.add(.sell, "w1", "150 OP", price: "5", fee: "3")
        // after: 50 OP left from the bought lot, basis 404 x 50/100 = 202
        let lots = try TaxEngine.openLots(book.movements, policy: TaxPolicy())
        #expect(lots.count == 1)
        #expect(lots.first?.quantity.description == "50")
        #expect(lots.first?.basisUsd?.description == "202")
    }

    @Test("open lots, per wallet: a transfer moves lots with basis and dates")
    func openLotsPerWallet() throws {
        var book = Book()
        try book.add(.buy, "w1", "10 SOL", price: "100", fee: "2")
        try book.add(.transfer, "w1", "5 SOL", to: "w2", feeQty: "0.01")
        let lots = try TaxEngine.openLots(book.movements, policy: TaxPolicy(basis: .perWallet))
        let w2 = lots.filter { $0.walletLabel == "w2" }
        let w1 = lots.filter { $0.walletLabel == "w1" }
        #expect(w2.map(\.quantity.description) == ["5"])
        #expect(w2.first?.basisUsd?.description == "501")
        #expect(w2.first?.acquired == book.movements[0].at)
        #expect(w1.map(\.quantity.description) == ["4.99"])
        // The whole basis is kept: 1002 = 501 + 499.998 + the fee units' 1.002
        #expect(w1.first?.basisUsd?.description == "499.998")
    }

    @Test("open lots follow the booking method, as the tax report does")
    func openLotsByMethod() throws {
        // before: 1 OP bought at 1, then 1 OP bought at 3; apply: sell 1 OP
        var book = Book()
        try book.add(.buy, "w1", "1 OP", price: "1")
        try book.add(.buy, "w1", "1 OP", price: "3")
        try book.add(.sell, "w1", "1 OP", price: "2")
        // after: FIFO keeps the later lot (basis 3); LIFO and HIFO keep the first (basis 1)
        #expect(try TaxEngine.openLots(book.movements, policy: TaxPolicy(method: .fifo)).map { $0.basisUsd?.description } == ["3"])
        #expect(try TaxEngine.openLots(book.movements, policy: TaxPolicy(method: .lifo)).map { $0.basisUsd?.description } == ["1"])
        #expect(try TaxEngine.openLots(book.movements, policy: TaxPolicy(method: .hifo)).map { $0.basisUsd?.description } == ["1"])
    }

    @Test("an unpriced claim gives an unknown basis, never zero")
    func unpriced() throws {
        var book = Book()
        try book.add(.claim, "w1", "2400 ZK")
        #expect(try TaxEngine.openLots(book.movements, policy: TaxPolicy()).first?.basisUsd == nil)
    }

    @Test("prices: the latest at or before the time asked")
    func priceBook() throws {
        let op = try AssetSymbol(parsing: "OP")
        let book = PriceBook([
            PricePoint(asset: op, at: Instant(seconds: 100), usd: try Quantity(parsing: "1"), source: "manual"),
            PricePoint(asset: op, at: Instant(seconds: 300), usd: try Quantity(parsing: "3"), source: "manual"),
        ])
        #expect(book.price(of: op, at: Instant(seconds: 99)) == nil)
        #expect(book.price(of: op, at: Instant(seconds: 100))?.usd.description == "1")
        #expect(book.price(of: op, at: Instant(seconds: 299))?.usd.description == "1")
        #expect(book.price(of: op, at: Instant(seconds: 1000))?.usd.description == "3")
    }
}

@Suite("Text helpers")
struct TextTests {
    @Test("CSV keeps quoted commas, quotes and newlines, with line numbers")
    func csv() throws {
        let rows = try CSV.parse("a,b\n\"x, y\",\"he said \"\"hi\"\"\"\n\"multi\nline\",z\n")
        #expect(rows.count == 3)
        #expect(rows[1].fields == ["x, y", "he said \"hi\""])
        #expect(rows[2].fields == ["multi\nline", "z"])
        #expect(rows[2].line == 3)
        #expect(throws: CSV.ParseError.unterminatedQuote(line: 2, column: 1)) { try CSV.parse("a\n\"open") }
    }

    @Test("did you mean")
    func suggest() {
        #expect(Suggest.closest(to: "scrol", in: ["scroll", "starknet"]) == "scroll")
        #expect(Suggest.closest(to: "mian", in: ["main", "alt"]) == "main")
        #expect(Suggest.closest(to: "zzzzzz", in: ["main", "alt"]) == nil)
    }

    @Test("the bundled watchlist has 16 projects with all their columns")
    func watchlist() throws {
        let ps = try Watchlist.bundled()
        #expect(ps.count == 16)
        let strk = try #require(ps.first { $0.slug == "starknet" })
        #expect(strk.status == .launched && strk.status2024 == .confirmed && strk.category == .L2)
        #expect(strk.token?.code == "STRK" && strk.airdropDate?.description == "2024-02-20")
        #expect(strk.raisedUsd?.description == "100000000" && strk.valuationUsd?.description == "8000000000")
        #expect(strk.investors == ["Paradigm", "Sequoia"] && strk.techScore == 92)
        #expect(ps.filter { $0.status == .launched }.count == 14)
    }
}

import Foundation
import LedgerCore
import Testing

/// Lot booking in before / apply / booked / after form: the lots open before, the disposal
/// applied, the lot fractions it booked (lot id, units, basis), the units left per lot after.
struct TaxLotBookingTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var method: BookingMethod
        /// Lots 1...4 of OP in wallet w1 (claims and buys); see `before`.
        var sell: String
        var booked: [(lot: Int, units: String, basis: String)]
        var after: [Int: String]
        var description: String { "\(name) \(method.rawValue)" }
    }

    /// Before: lot 1 = 100 OP claimed at 2.00 (basis 200, 2.00/unit); lot 2 = 100 OP bought at 4.00
    /// + fee 4 (basis 404, 4.04/unit); lot 3 = 100 OP claimed at 3.00 (300); lot 4 = 100 OP bought
    /// at 1.00 + fee 1 (101, 1.01/unit).
    static func before() throws -> TaxLedger {
        var l = TaxLedger()
        try l.claim("100 OP", into: "w1", at: "2024-01-10T12:00:00Z", price: "2.00", project: "optimism")
        try l.buy("100 OP", into: "w1", at: "2024-02-10T12:00:00Z", price: "4.00", fee: "4.00")
        try l.claim("100 OP", into: "w1", at: "2024-03-10T12:00:00Z", price: "3.00", project: "optimism")
        try l.buy("100 OP", into: "w1", at: "2024-04-10T12:00:00Z", price: "1.00", fee: "1.00")
        return l
    }

    static let cases: [Case] = [
        // FIFO takes lot 1 whole (200) then half of lot 2: 404 x 50/100 = 202.
        Case(name: "150 across two lots", method: .fifo, sell: "150 OP",
             booked: [(1, "100", "200"), (2, "50", "202")], after: [2: "50", 3: "100", 4: "100"]),
        // LIFO takes lot 4 whole (101) then half of lot 3 (150).
        Case(name: "150 across two lots", method: .lifo, sell: "150 OP",
             booked: [(4, "100", "101"), (3, "50", "150")], after: [1: "100", 2: "100", 3: "50"]),
        // HIFO: lot 2 (4.04/unit, fee included) whole, then half of lot 3 (3.00/unit).
        Case(name: "150 across two lots", method: .hifo, sell: "150 OP",
             booked: [(2, "100", "404"), (3, "50", "150")], after: [1: "100", 3: "50", 4: "100"]),
        Case(name: "exactly one lot", method: .fifo, sell: "100 OP",
             booked: [(1, "100", "200")], after: [2: "100", 3: "100", 4: "100"]),
        Case(name: "everything", method: .hifo, sell: "400 OP",
             booked: [(2, "100", "404"), (3, "100", "300"), (1, "100", "200"), (4, "100", "101")], after: [:]),
    ]

    @Test(arguments: cases)
    func booking(_ c: Case) throws {
        var l = try Self.before()
        try l.sell(c.sell, from: "w1", at: "2024-05-10T12:00:00Z", price: "5.00")
        let r = try l.report(2024, c.method)
        let booked = r.disposals.map { ($0.lotId, $0.amount.quantity, $0.costBasis) }
        #expect(booked.count == c.booked.count)
        for (got, want) in zip(booked, c.booked) {
            #expect(got.0 == want.lot)
            #expect(got.1 == q(want.units))
            #expect(got.2 == q(want.basis))
        }
        #expect(try r.history.openUnits == c.after.mapValues(q))
    }

    @Test func splittingALotKeepsTheBasisExact() throws {
        // 3 SOL bought for 3 x 1.00 + fee 1 = 4.00: three sales of 1 split 4/3 twice; the last
        // sale takes the remaining basis, so the three bases sum to exactly 4.
        var l = TaxLedger()
        try l.buy("3 SOL", into: "w1", at: "2024-01-01T00:00:00Z", price: "1.00", fee: "1")
        for day in ["02", "03", "04"] {
            try l.sell("1 SOL", from: "w1", at: "2024-02-\(day)T00:00:00Z", price: "2.00")
        }
        let r = try l.report(2024)
        #expect(r.disposals.count == 3)
        #expect(try r.disposals.map(\.costBasis).sum() == q("4"))
        #expect(r.shortTerm.gain == q("2"))
    }

    /// The HIFO heap compares a 36-digit integer key first and the exact unit costs when keys tie.
    @Test(arguments: ["0.3333333333333333333", "0.3333333333333333333333333333333333333"])
    func hifoOrdersUnitCostsThatDifferInLateDigits(_ lowerPrice: String) throws {
        // Lot 1: 1 unit at 19 or 37 threes. Lot 2: 3 units for 1.00, exactly 1/3 per unit: higher,
        // though the two agree on their first 19 (or 37) digits.
        var l = TaxLedger()
        try l.buy("1 X", into: "w1", at: "2024-01-01T00:00:00Z", price: lowerPrice)
        try l.buy("3 X", into: "w1", at: "2024-01-02T00:00:00Z", price: "0.25", fee: "0.25")
        try l.sell("1 X", from: "w1", at: "2024-02-01T00:00:00Z", price: "1")
        #expect(try l.report(2024, .hifo).disposals.map(\.lotId) == [2])
    }

    @Test func proceedsAreSharedByUnitsAndAddUpExactly() throws {
        // 120 OP sold for 2.80 - fee 1 = 335 over lots of 50, 50 and 20 units: 139.58333..., twice,
        // and the last fraction takes the remainder so the three shares sum to exactly 335.
        var l = TaxLedger()
        try l.buy("50 OP", into: "w1", at: "2024-01-01T00:00:00Z", price: "1")
        try l.buy("50 OP", into: "w1", at: "2024-01-02T00:00:00Z", price: "1")
        try l.buy("20 OP", into: "w1", at: "2024-01-03T00:00:00Z", price: "1")
        try l.sell("120 OP", from: "w1", at: "2024-02-01T00:00:00Z", price: "2.80", fee: "1")
        let r = try l.report(2024)
        #expect(r.disposals.count == 3)
        #expect(try r.disposals.map(\.proceeds).sum() == q("335"))
        #expect(r.disposalEvents == 1)
    }
}

struct TaxRulesTests {
    /// Acquired 2023-03-15: sold 2024-03-15 is short-term, 2024-03-16 long-term.
    @Test(arguments: [("2024-03-15T12:00:00Z", HoldingTerm.short), ("2024-03-16T12:00:00Z", .long),
                      ("2024-03-14T12:00:00Z", .short), ("2025-01-01T00:00:00Z", .long)])
    func holdingPeriodBoundary(_ sold: String, _ term: HoldingTerm) throws {
        var l = TaxLedger()
        try l.claim("10 TIA", into: "w1", at: "2023-03-15T12:00:00Z", price: "1")
        try l.sell("10 TIA", from: "w1", at: sold, price: "2")
        let year = Int(sold.prefix(4)) ?? 0
        let r = try l.report(year)
        #expect(r.disposals.map(\.term) == [term])
    }

    @Test func leapDayAcquisitionBecomesLongTermOnMarchFirst() throws {
        // Acquired 2024-02-29: the anniversary is taken as 2025-02-28, so 2025-02-28 is short-term
        // and 2025-03-01 long-term.
        var l = TaxLedger()
        try l.buy("2 ETH", into: "w1", at: "2024-02-29T12:00:00Z", price: "3000")
        try l.sell("1 ETH", from: "w1", at: "2025-02-28T12:00:00Z", price: "3000")
        try l.sell("1 ETH", from: "w1", at: "2025-03-01T12:00:00Z", price: "3000")
        #expect(try l.report(2025).disposals.map(\.term) == [.short, .long])
    }

    @Test func daysAreTakenInThePolicyTimeZone() throws {
        // Claimed 2023-03-15 19:30 in New York (23:30 UTC); sold 2024-03-16 02:00 UTC, which is
        // still 2024-03-15 in New York: long-term in UTC, short-term in New York.
        var l = TaxLedger()
        try l.claim("10 TIA", into: "w1", at: "2023-03-15T23:30:00Z", price: "1")
        try l.sell("10 TIA", from: "w1", at: "2024-03-16T02:00:00Z", price: "2")
        #expect(try l.report(2024).disposals.map(\.term) == [.long])
        #expect(try l.report(2024, tz: "America/New_York").disposals.map(\.term) == [.short])
    }

    @Test func taxYearFollowsThePolicyTimeZone() throws {
        // A claim at 2024-01-01 03:00 UTC is 2023-12-31 in New York: 2023 income there.
        var l = TaxLedger()
        try l.claim("100 ARB", into: "w1", at: "2024-01-01T03:00:00Z", price: "2")
        #expect(try l.report(2024).incomeTotal == q("200"))
        #expect(try l.report(2023, tz: "America/New_York").incomeTotal == q("200"))
        #expect(try l.report(2024, tz: "America/New_York").incomeTotal == .zero)
    }

    @Test func perWalletAndUniversalDiffer() throws {
        // w1 claims 100 ZRO at 1.00 on Jan 1 (lot 1, basis 100); w2 buys 100 ZRO at 3.00 on Feb 1
        // (lot 2, basis 300); w2 sells 50 at 4.00 on Mar 1 (proceeds 200), FIFO.
        // Universal: one pool, the oldest lot is w1's lot 1: basis 50 x 1.00 = 50, gain 150.
        // Per-wallet: w2's pool holds only lot 2: basis 50 x 3.00 = 150, gain 50.
        var l = TaxLedger()
        try l.claim("100 ZRO", into: "w1", at: "2024-01-01T12:00:00Z", price: "1.00")
        try l.buy("100 ZRO", into: "w2", at: "2024-02-01T12:00:00Z", price: "3.00")
        try l.sell("50 ZRO", from: "w2", at: "2024-03-01T12:00:00Z", price: "4.00")
        let universal = try l.report(2024, basis: .universal)
        let perWallet = try l.report(2024, basis: .perWallet)
        #expect(universal.shortTerm == TermTotals(proceeds: q("200"), costBasis: q("50"), gain: q("150")))
        #expect(universal.disposals.map(\.lotWalletLabel) == ["w1"])
        #expect(perWallet.shortTerm == TermTotals(proceeds: q("200"), costBasis: q("150"), gain: q("50")))
        #expect(perWallet.disposals.map(\.lotWalletLabel) == ["w2"])
    }

    @Test func perWalletTransferMovesLotsWithBasisAndDates() throws {
        // w1: lot 1 = 10 SOL bought 2023-01-05 at 100 (+2 fee: 1002, 100.2/unit). w2: lot 2 =
        // 10 SOL bought 2024-01-10 at 150 (1500). 2024-02-01 w1 sends 5 SOL to w2 with a 0.01 SOL
        // fee at 110: the fee is a disposal from lot 1 (basis 1.002, proceeds 1.10); 5 units of
        // lot 1 (basis 501, acquired 2023-01-05) move to w2. 2024-03-01 w2 sells 5 at 120, FIFO:
        // the moved lot-1 units come first (older), long-term: proceeds 600, basis 501, gain 99.
        var l = TaxLedger()
        try l.buy("10 SOL", into: "w1", at: "2023-01-05T12:00:00Z", price: "100", fee: "2")
        try l.buy("10 SOL", into: "w2", at: "2024-01-10T12:00:00Z", price: "150")
        try l.transfer("5 SOL", from: "w1", to: "w2", at: "2024-02-01T12:00:00Z", feeUnits: "0.01", price: "110")
        try l.sell("5 SOL", from: "w2", at: "2024-03-01T12:00:00Z", price: "120")
        let r = try l.report(2024, basis: .perWallet)
        #expect(r.history.moves.count == 1)
        #expect(r.history.moves.first?.costBasis == q("501"))
        #expect(r.history.moves.first?.acquired.description == "2023-01-05")
        #expect(r.disposals.map(\.kind) == [.fee, .sell])
        #expect(r.longTerm == TermTotals(proceeds: q("601.1"), costBasis: q("502.002"), gain: q("99.098")))
        #expect(r.disposalEvents == 2)
        // Universal: nothing moves; w2's sale takes the pool's oldest lot (lot 1) too.
        let u = try l.report(2024, basis: .universal)
        #expect(u.history.moves.isEmpty)
        #expect(u.longTerm == r.longTerm)
        // LIFO per-wallet: w2 takes its own newest lot (lot 2, 150/unit): short-term loss 150.
        let lifo = try l.report(2024, .lifo, basis: .perWallet)
        #expect(lifo.shortTerm == TermTotals(proceeds: q("600"), costBasis: q("750"), gain: q("-150")))
    }

    @Test func zeroBasisPolicy() throws {
        var l = TaxLedger()
        try l.claim("1000 STRK", into: "w1", at: "2024-02-20T12:00:00Z", price: "2.00", project: "starknet")
        try l.sell("400 STRK", from: "w1", at: "2024-06-01T12:00:00Z", price: "3.00", fee: "5.00")
        let r = try l.report(2024, airdrops: .zeroBasis)
        #expect(r.income.isEmpty)
        #expect(r.incomeTotal == .zero)
        #expect(r.shortTerm == TermTotals(proceeds: q("1195"), costBasis: .zero, gain: q("1195")))
        // Without a price the zero-basis report still works: it needs no fair market value.
        var unpriced = TaxLedger()
        try unpriced.claim("1000 STRK", into: "w1", at: "2024-02-20T12:00:00Z", price: nil)
        #expect(try unpriced.report(2024, airdrops: .zeroBasis).incomeTotal == .zero)
    }

    @Test func incomeByAssetAndProject() throws {
        var l = TaxLedger()
        try l.claim("1000 STRK", into: "w1", at: "2024-02-20T12:00:00Z", price: "2.00", project: "starknet")
        try l.claim("500 STRK", into: "w2", at: "2024-02-21T12:00:00Z", price: "1.50", project: "starknet")
        try l.claim("100 ZK", into: "w1", at: "2024-06-17T12:00:00Z", price: "0.20", project: "zksync")
        try l.claim("100 ZK", into: "w1", at: "2023-06-17T12:00:00Z", price: "9", project: "zksync")
        let r = try l.report(2024)
        #expect(r.incomeTotal == q("2770"))
        #expect(r.incomeByAsset == [Subtotal(key: "STRK", usd: q("2750")), Subtotal(key: "ZK", usd: q("20"))])
        #expect(r.incomeByProject == [Subtotal(key: "starknet", usd: q("2750")), Subtotal(key: "zksync", usd: q("20"))])
    }

    @Test func farmingCostsByProjectAreInformation() throws {
        var l = TaxLedger()
        try l.activity(project: "scroll", wallet: "w1", at: "2024-01-02T00:00:00Z", feeUsd: "1.25")
        try l.activity(project: "scroll", wallet: "w2", at: "2024-03-02T00:00:00Z", feeUsd: "0.75")
        try l.activity(project: "linea", wallet: "w1", at: "2024-05-02T00:00:00Z", feeUsd: "3")
        try l.activity(project: "linea", wallet: "w1", at: "2023-05-02T00:00:00Z", feeUsd: "100")
        try l.activity(project: "linea", wallet: "w1", at: "2024-05-03T00:00:00Z", feeUsd: nil, fee: "0.001 ETH")
        try l.claim("10 SCR", into: "w1", at: "2024-10-22T00:00:00Z", price: "1", project: "scroll", fee: "0.5")
        let r = try l.report(2024)
        #expect(r.farmingCostsTotal == q("5.5"))
        #expect(r.farmingCostsByProject == [Subtotal(key: "linea", usd: q("3")), Subtotal(key: "scroll", usd: q("2.5"))])
        #expect(r.unpricedFarmingFees == 1)
        #expect(try r.total == .zero) // not deducted from anything
    }

    @Test func unpricedClaimStopsTheSummaryAndSaysHowToFixIt() throws {
        var l = TaxLedger()
        try l.claim("1000 STRK", into: "hot", at: "2024-02-20T12:00:00Z", price: nil, project: "starknet")
        try l.buy("1 SOL", into: "hot", at: "2024-02-21T12:00:00Z", price: "100")
        try l.transfer("0.5 SOL", from: "hot", to: "cold", at: "2024-03-01T00:00:00Z", feeUnits: "0.001", price: nil)
        try l.claim("5 ZK", into: "hot", at: "2025-06-01T00:00:00Z", price: nil, project: "zksync") // after the year
        do {
            _ = try l.report(2024)
            Issue.record("expected missing prices")
        } catch let error as TaxError {
            guard case .missingPrices(let ms) = error else { Issue.record("wrong error \(error)"); return }
            // The events themselves, as values (the CLI words them: LedgerCLITests' ErrorReportTests).
            #expect(ms.map(\.kind) == [.claim, .transfer])
            #expect(ms.map(\.amount.description) == ["1000 STRK", "0.5 SOL"])
            #expect(ms.map(\.walletLabel) == ["hot", "hot"] && ms.map(\.projectSlug) == ["starknet", nil])
            #expect(ms.last?.feeQuantity?.description == "0.001" && ms.last?.toWalletLabel == "cold")
        }
    }

    @Test func sellingMoreThanTheWalletHoldsIsAnError() throws {
        var l = TaxLedger()
        try l.claim("120 ZK", into: "hot", at: "2024-06-17T12:00:00Z", price: "0.2")
        try l.claim("500 ZK", into: "cold", at: "2024-06-17T12:00:00Z", price: "0.2")
        try l.sell("150 ZK", from: "hot", at: "2024-09-02T12:00:00Z", price: "0.1")
        #expect(throws: TaxError.self) { try l.report(2024, basis: .universal) }
        do {
            _ = try l.report(2024, basis: .perWallet)
        } catch let error as TaxError {
            guard case .insufficient(let m, let held) = error else { Issue.record("wrong error \(error)"); return }
            #expect(m.amount.description == "150 ZK" && m.walletLabel == "hot" && m.at.day.description == "2024-09-02")
            #expect(held.description == "120")
        }
    }

    @Test func movementsAreSortedByTheEngine() throws {
        var l = TaxLedger()
        try l.sell("1 ETH", from: "w1", at: "2024-05-01T00:00:00Z", price: "3000")
        try l.buy("1 ETH", into: "w1", at: "2024-01-01T00:00:00Z", price: "2000")
        #expect(try l.report(2024).shortTerm.gain == q("1000"))
    }
}

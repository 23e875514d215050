import Foundation
import Testing
@testable import LedgerCore

/// Each lens on small hand-made benchmarks, the base rule, the typical wallet, the wallet
/// adjustment, expected value, costs, ROI and the JSON interface.
@Suite struct EstimationEngineTests {
    static func bench(_ slug: String, _ cat: String, avg: String, fdv: String, valuation: String, raised: String,
                      dropped: String, recipients: String) throws -> Benchmark {
        try Benchmark(slug: slug, project: slug.capitalized, token: slug.uppercased(), categoryText: cat,
                  date: CivilDate(daysSinceEpoch: 19000), totalSupply: Fx.q("1000"), tokensAirdropped: Fx.q(dropped),
                  recipients: Fx.q(recipients), priceAtLaunchUsd: Fx.q("1"), fdvAtLaunchUsd: Fx.q(fdv),
                  avgValueUsd: Fx.q(avg), raisedBeforeTgeUsd: Fx.q(raised), lastPrivateValuationUsd: Fx.q(valuation))
    }

    // FDV/valuation 2, 3, 4 (median 3); FDV/raised 100, 150, 80 (median 100); share 0.1, 0.05, 0.2
    // (median 0.1); recipients 10, 30, 20 (median 20); averages 2000, 1000, 500.
    let benchmarks: [Benchmark]
    let now = Fx.at("2025-06-01")
    /// The typical wallet's factor, 1250 / 1858.8 at the estimator's precision.
    let typical: Quantity

    init() throws {
        benchmarks = [
            try Self.bench("arbitrum", "L2", avg: "2000", fdv: "10000", valuation: "5000", raised: "100", dropped: "100", recipients: "10"),
            try Self.bench("uniswap", "DeFi", avg: "1000", fdv: "3000", valuation: "1000", raised: "20", dropped: "50", recipients: "30"),
            try Self.bench("other", "L2", avg: "500", fdv: "4000", valuation: "1000", raised: "50", dropped: "200", recipients: "20"),
        ]
        typical = try Fx.div(Fx.q("1250"), Fx.q("1858.8"))
    }

    func lens(_ e: ProjectEstimate, _ name: String) -> Quantity? {
        e.lenses.first { $0.name == name }?.averageUsd
    }

    @Test func eachLensHandComputed() throws {
        let p = Project(slug: "new", name: "New", status: .likely, category: .L2, raisedUsd: Fx.q("10"), valuationUsd: Fx.q("100"))
        let e = try EstimateEngine.estimate(project: p, benchmarks: benchmarks, wallets: [], now: now)
        #expect(lens(e, "like-arbitrum") == Fx.q("2000"))
        #expect(lens(e, "like-uniswap") == Fx.q("1000"))
        #expect(lens(e, "category-median") == Fx.q("1250"))          // L2: 2000 and 500
        #expect(lens(e, "all-median") == Fx.q("1000"))
        #expect(lens(e, "valuation-model") == Fx.q("1.5"))           // 100 x 3 x 0.1 / 20
        // Base: median of 2000, 1000, 1250, 1000, 1.5 = 1000 per average recipient.
        #expect(e.baseLens == "median-of-lenses")
        #expect(e.baseAverageUsd == Fx.q("1000"))
        // Typical wallet: x 1250/1858.8; fewer than 4 values for quartiles: band x0.5 / x1.5.
        #expect(e.valueIfAirdrop.base == (try Fx.times(Fx.q("1000"), typical)))
        #expect(e.valueIfAirdrop.low == (try Fx.times(Fx.times(Fx.q("1000"), typical), Fx.q("0.5"))))
        #expect(e.valueIfAirdrop.high == (try Fx.times(Fx.times(Fx.q("1000"), typical), Fx.q("1.5"))))
        #expect(e.probability == Fx.q("0.6"))
        #expect(e.expectedValue == (try Fx.times(Fx.q("0.6"), Fx.times(Fx.q("1000"), typical))))
        #expect(e.costsToDate == .zero && e.roi == nil)
        #expect(e.lenses.first { $0.name == "like-arbitrum" }?.valuePerWalletUsd == (try Fx.times(Fx.q("2000"), typical)))
    }

    @Test func valuationModelFromRaisedWhenNoValuation() throws {
        let p = Project(slug: "new", name: "New", status: .possible, category: .NFT, raisedUsd: Fx.q("10"))
        let e = try EstimateEngine.estimate(project: p, benchmarks: benchmarks, wallets: [], now: now)
        #expect(lens(e, "valuation-model") == Fx.q("5"))             // 10 x 100 x 0.1 / 20
        #expect(lens(e, "category-median") == nil)                   // no NFT benchmark
        #expect(e.probability == Fx.q("0.3"))
    }

    @Test func userValuationInputsMakeTheValuationModelTheBase() throws {
        let p = Project(slug: "new", name: "New", status: .confirmed, category: .L2, probability: Fx.q("0.5"),
                        airdropShare: Fx.q("0.1"), expectedRecipients: Fx.q("100"), expectedFdvUsd: Fx.q("1000000"))
        let e = try EstimateEngine.estimate(project: p, benchmarks: benchmarks, wallets: [], now: now)
        #expect(lens(e, "valuation-model") == Fx.q("1000"))          // 1,000,000 x 0.1 / 100
        #expect(e.baseLens == "valuation-model")
        #expect(e.probability == Fx.q("0.5"))
        #expect(e.valueIfAirdrop.low == (try Fx.times(e.valueIfAirdrop.base, Fx.q("0.5"))))
        #expect(e.explanation.contains { $0.contains("because you set expected FDV, airdrop share, expected recipients") })
    }

    @Test func pointsShareIsTheWalletsBase() throws {
        let p = Project(slug: "new", name: "New", status: .confirmed, category: .L2, expectedFdvUsd: Fx.q("1000000"),
                        pointsPool: Fx.q("0.05"), totalPoints: Fx.q("1000000"))
        var s = WalletActivitySummary(projectSlug: "new", walletLabel: "hot")
        s.points = Fx.q("10000"); s.pointsSource = .reading; s.feesUsd = Fx.q("50")
        let e = try EstimateEngine.estimate(project: p, benchmarks: benchmarks, wallets: [("hot", s)], now: now)
        let w = e.wallets[0]
        #expect(w.baseLens == "points-share")
        #expect(w.valueIfAirdrop.base == Fx.q("500"))                // 1,000,000 x 0.05 x 10,000 / 1,000,000
        #expect(w.valueIfAirdrop.low == Fx.q("250") && w.valueIfAirdrop.high == Fx.q("750"))
        #expect(w.expectedValue == Fx.q("450"))                      // 0.9 x 500
        #expect(w.costsToDate == Fx.q("50"))
        #expect(w.roi == Fx.q("8"))                                  // (450 - 50) / 50
        #expect(e.expectedValue == Fx.q("450") && e.costsToDate == Fx.q("50"))
        #expect(w.lenses.contains { $0.name == "points-share" && $0.valuePerWalletUsd == Fx.q("500") })
    }

    @Test func walletAdjustmentMovesWithinTheArbitrumSpread() throws {
        let p = Project(slug: "p", name: "P", status: .likely, category: .L2, valuationUsd: Fx.q("100"))
        // 5 points: bridged, 2 months, more than 4 tx, volume and bridged above 10,000 -> 2,250 ARB.
        let active = [Fx.act("2025-01-02T00:00:00Z", .bridge, usd: "20000", fee: "3")] + Fx.swaps(4, from: "2025-02-01")
        // One entry only: bridged (1) minus the 48-hour penalty = 0 points -> the 625 ARB floor.
        let oneShot = [Fx.act("2025-01-02T00:00:00Z", .bridge, usd: "50")]
        // 12+ points -> 10,250 ARB, the top of the spread.
        let heavy = [Fx.act("2024-01-02T00:00:00Z", .bridge, usd: "60000")]
            + (1...8).map { Fx.act("2024-\(String(format: "%02d", $0 + 1))-15T00:00:00Z") } + Fx.swaps(95, from: "2024-01-03")
        let wallets = [("active", try Fx.summary(active)), ("one-shot", try Fx.summary(oneShot)), ("heavy", try Fx.summary(heavy))]
        let e = try EstimateEngine.estimate(project: p, benchmarks: benchmarks, wallets: wallets, now: now)
        let base = e.baseAverageUsd
        let m = e.wallets.map(\.multiplier)
        #expect(e.wallets.map(\.adjustmentPoints) == [5, 0, 12])
        #expect(m == [try Fx.div(Fx.q("2250"), Fx.q("1858.8")), try Fx.div(Fx.q("625"), Fx.q("1858.8")), try Fx.div(Fx.q("10250"), Fx.q("1858.8"))])
        #expect(e.wallets[0].valueIfAirdrop.base == (try Fx.times(try #require(base), m[0])))
        #expect(e.wallets[0].costsToDate == Fx.q("3"))
        // The order follows activity: heavy > active > typical > one-shot.
        let values = e.wallets.map(\.valueIfAirdrop.base)
        #expect(values[2] > values[0] && values[0] > e.valueIfAirdrop.base && e.valueIfAirdrop.base > values[1])
        #expect(e.expectedValue == (try e.wallets.map(\.expectedValue).sum()))
    }

    @Test func probabilityDefaultsByStatus() throws {
        let table: [(Project.Status, String)] = [(.confirmed, "0.9"), (.likely, "0.6"), (.possible, "0.3"),
                                                 (.speculative, "0.1"), (.launched, "1"), (.ended, "0")]
        for (status, p) in table { #expect(EstimatePolicy.standard.probability(for: status) == Fx.q(p)) }
    }

    @Test func bundledEstimateExplainsEveryInput() throws {
        let p = Project(slug: "scroll", name: "Scroll", status: .likely, category: .L2,
                        raisedUsd: Fx.q("120000000"), valuationUsd: Fx.q("3000000000"))
        let e = try EstimateEngine.estimate(project: p, benchmarks: Benchmarks.bundled, wallets: [], now: now)
        #expect(e.lenses.allSatisfy { $0.averageUsd != nil })
        #expect(e.explanation.contains { $0.hasPrefix("lens valuation-model:") && $0.contains("last valuation 3000000000 USD") })
        #expect(e.explanation.contains { $0.hasPrefix("base: the median of 5 lenses") })
        #expect(e.valueIfAirdrop.low < e.valueIfAirdrop.base && e.valueIfAirdrop.base < e.valueIfAirdrop.high)
    }
}

@Suite struct EstimationPointsAdjustmentTests {
    @Test func pointsOverTheAverageRecipientWithinTheSpread() throws {
        let benchmarks = [
            try EstimationEngineTests.bench("arbitrum", "L2", avg: "2000", fdv: "10000", valuation: "5000", raised: "100", dropped: "100", recipients: "10"),
        ]
        // Total points 1,000,000 over 1,000 expected recipients: 1,000 points per average recipient.
        let p = Project(slug: "p", name: "P", status: .likely, category: .L2, expectedRecipients: Fx.q("1000"),
                        totalPoints: Fx.q("1000000"))
        func wallet(_ points: String) -> (label: String, summary: WalletActivitySummary) {
            var s = WalletActivitySummary(projectSlug: "p", walletLabel: points)
            s.points = Fx.q(points); s.pointsSource = .reading
            return (points, s)
        }
        let e = try EstimateEngine.estimate(project: p, benchmarks: benchmarks, wallets: [wallet("2000"), wallet("10"), wallet("100000")],
                                        now: Fx.at("2025-01-01"))
        let avg = Fx.q("1858.8")
        #expect(e.wallets.map(\.multiplier) == [Fx.q("2"), try Fx.div(Fx.q("625"), avg), try Fx.div(Fx.q("10250"), avg)])
        #expect(e.wallets[0].adjustmentPoints == nil)
        #expect(e.wallets[0].explanation.contains { $0.contains("2000 points against an average of 1000 per recipient") })
    }
}

import Foundation
import Testing
@testable import LedgerCore

@Suite struct EstimationBacktestTests {
    @Test func coversEveryBenchmarkWithAnActualValue() throws {
        let r = try Backtest.run(benchmarks: Benchmarks.bundled)
        #expect(r.rows.map(\.slug) == ["uniswap", "dydx", "ens", "optimism", "aptos", "arbitrum", "blur", "celestia",
                                       "starknet", "zetachain", "zksync", "layerzero", "scroll"])
        #expect(r.skipped.count == 10)
        for row in r.rows { #expect(row.ratio == (try Fx.div(row.predictedUsd, row.actualUsd))) }
    }

    @Test func modelBeatsTheNaiveBaseline() throws {
        let r = try Backtest.run(benchmarks: Benchmarks.bundled)
        #expect(r.model.count == 13)
        #expect(r.model.medianAbsLog10 < r.baseline.medianAbsLog10)
        #expect(r.model.within2x >= r.baseline.within2x)
        #expect(r.model.within3x >= r.baseline.within3x)
        #expect(r.modelBeatsBaseline)
    }

    /// No leak: changing the held-out row's outcome (FDV, price, recipients, tokens, values) does not
    /// change its own prediction; only its actual figure moves.
    @Test func heldOutOutcomeDoesNotChangeItsPrediction() throws {
        let all = Benchmarks.bundled
        let i = try #require(all.firstIndex { $0.slug == "arbitrum" })
        let a = all[i]
        var changed = all
        changed[i] = try Benchmark(slug: a.slug, project: a.project, token: a.token, chain: a.chain, categoryText: a.categoryText,
                               date: a.date, totalSupply: Fx.q("1"), tokensAirdropped: Fx.q("1"), recipients: Fx.q("3"),
                               priceAtLaunchUsd: Fx.q("1000"), fdvAtLaunchUsd: Fx.q("99"), totalValueAtLaunchUsd: Fx.q("5"),
                               avgTokens: Fx.q("7"), avgValueUsd: Fx.q("123456"), minTokens: Fx.q("1"), maxTokens: Fx.q("2"),
                               raisedBeforeTgeUsd: a.raisedBeforeTgeUsd, lastPrivateValuationUsd: a.lastPrivateValuationUsd,
                               pointsProgram: a.pointsProgram, confidence: a.confidence, sources: a.sources)
        let before = try #require(try Backtest.run(benchmarks: all).rows.first { $0.slug == "arbitrum" })
        let after = try #require(try Backtest.run(benchmarks: changed).rows.first { $0.slug == "arbitrum" })
        #expect(after.predictedUsd == before.predictedUsd)
        #expect(after.baselineUsd == before.baselineUsd)
        #expect(after.actualUsd == Fx.q("123456"))
        #expect(!after.lenses.contains { $0.lens == .likeArbitrum })  // its own lens is never used
        // The other rows do see the changed figures (it is one of their comparables).
        let uniBefore = try Backtest.run(benchmarks: all).rows.first { $0.slug == "uniswap" }
        let uniAfter = try Backtest.run(benchmarks: changed).rows.first { $0.slug == "uniswap" }
        #expect(uniBefore?.lenses.first { $0.lens == .likeArbitrum }?.valueUsd == Fx.q("2323"))
        #expect(uniAfter?.lenses.first { $0.lens == .likeArbitrum }?.valueUsd == Fx.q("123456"))
    }

    @Test func preLaunchProjectCarriesNoOutcome() throws {
        let arb = try #require(Benchmarks.bundled.first { $0.slug == "arbitrum" })
        let p = Backtest.preLaunchProject(arb)
        #expect(p.expectedFdvUsd == nil && p.expectedRecipients == nil && p.airdropShare == nil)
        #expect(p.raisedUsd == arb.raisedBeforeTgeUsd && p.valuationUsd == arb.lastPrivateValuationUsd)
        #expect(p.category == .L2)
    }

    @Test func scoresCountFactorsExactly() throws {
        let s = try Backtest.score([Fx.q("2"), Fx.q("0.5"), Fx.q("3"), Fx.q("0.33"), Fx.q("1")])
        #expect(s.within2x == 3)
        #expect(s.within3x == 4)
        #expect(abs(s.medianAbsLog10 - log10(2)) < 1e-12)
    }
}

@Suite struct EstimationBacktestLensTests {
    @Test func eachLensIsScoredAlone() throws {
        let r = try Backtest.run(benchmarks: Benchmarks.bundled)
        #expect(r.lensScores.map(\.lens.name) == ["like-arbitrum", "like-uniswap", "category-median", "all-median", "valuation-model"])
        // all-median alone is the baseline.
        #expect(r.lensScores.first { $0.lens == .allMedian }?.score == r.baseline)
    }

    /// A lens added to the enumeration must be computed by the engine and scored by the backtest
    /// (or declared per wallet, which the backtest cannot score): never left out silently.
    @Test func everyLensTheBacktestCanScoreIsComputedAndScored() throws {
        #expect(Lens.backtested == Lens.allCases.filter(\.isPerAverageRecipient))
        #expect(!Lens.backtested.isEmpty)
        let p = Project(slug: "p", name: "P", status: .likely, category: .L2, raisedUsd: Fx.q("100000000"), valuationUsd: Fx.q("1000000000"))
        let core = try EstimateEngine.averageLenses(project: p, benchmarks: Benchmarks.bundled)
        #expect(core.lenses.map(\.lens) == Lens.backtested)
        #expect(core.lenses.allSatisfy { $0.averageUsd != nil })
        let r = try Backtest.run(benchmarks: Benchmarks.bundled)
        #expect(r.lensScores.map(\.lens) == Lens.backtested)
        #expect(r.lensScores.allSatisfy { $0.score.count > 0 })
        // Each row's lenses are backtested ones, in the enumeration's order.
        for row in r.rows {
            let lenses = row.lenses.map(\.lens)
            #expect(lenses == Lens.backtested.filter(lenses.contains))
        }
    }

    @Test func lensNamesAreStable() {
        #expect(Lens.allCases.map(\.name) == ["like-arbitrum", "like-uniswap", "category-median", "all-median", "valuation-model", "points-share"])
        #expect(Lens.allCases.compactMap(\.comparable) == ["arbitrum", "uniswap"])
    }
}

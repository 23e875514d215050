import Foundation
import Testing
@testable import LedgerCore

@Suite struct EstimationBenchmarkTests {
    @Test func bundledBenchmarksLoadWithSourcesAndMissingFigures() throws {
        let all = try Benchmarks.load(csv: Reference.airdropBenchmarksCSV)
        #expect(all.count == 23)
        #expect(Benchmarks.bundled.count == 23)
        let arb = try #require(all.first { $0.slug == "arbitrum" })
        #expect(arb.token == "ARB")
        #expect(arb.category == .L2)
        #expect(arb.date.description == "2023-03-23")
        #expect(arb.recipients == Fx.q("625143"))
        #expect(arb.shareOfSupply == Fx.q("0.1162"))
        #expect(arb.averageValuePerRecipientUsd == Fx.q("2323"))
        #expect(arb.minValueUsd == Fx.q("781.25"))      // 625 ARB x 1.25
        #expect(arb.maxValueUsd == Fx.q("12812.5"))     // 10,250 ARB x 1.25
        #expect(arb.medianValuePerRecipientUsd == nil)  // not recorded
        #expect(arb.confidence == .high)
        #expect(arb.sources.count >= 3)
        let inch = try #require(all.first { $0.slug == "1inch" })
        #expect(inch.recipients == nil && inch.averageValuePerRecipientUsd == nil)
        #expect(inch.confidence == .low)
        let avail = try #require(all.first { $0.slug == "avail" })
        #expect(avail.priceAtLaunchUsd == nil && avail.averageValuePerRecipientUsd == nil)
        let eclipse = try #require(all.first { $0.slug == "eclipse" })
        #expect(eclipse.pointsProgram == nil)
    }

    @Test func categoryFilterIsCaseInsensitiveAndDated() {
        let defi = Benchmarks.filter(Benchmarks.bundled, category: "defi")
        #expect(defi.map(\.slug) == ["uniswap", "1inch", "dydx", "jito", "ethena", "parcl"])
        #expect(Benchmarks.filter(Benchmarks.bundled, category: nil).count == 23)
    }

    @Test func badCellNamesLineColumnAndField() {
        let header = Benchmarks.requiredColumns.joined(separator: ",")
        var cells = Array(repeating: "", count: Benchmarks.requiredColumns.count)
        cells[0] = "x"; cells[5] = "2024-01-01"; cells[6] = "1e9"; cells[21] = "high"
        let csv = header + "\n" + cells.joined(separator: ",") + "\n"
        #expect(throws: BenchmarkError.badValue(line: 2, column: 18, field: "total_supply", value: "1e9",
                                                reason: "is not a plain decimal number (write e.g. 1250 or 0.25, or leave it empty)")) {
            try Benchmarks.load(csv: csv)
        }
        #expect(throws: BenchmarkError.missingColumn("sources")) {
            try Benchmarks.load(csv: "slug,project,token,chain,category,date,total_supply,tokens_airdropped,recipients,price_at_launch_usd,fdv_at_launch_usd,total_value_at_launch_usd,avg_tokens,avg_value_usd,median_tokens,min_tokens,max_tokens,raised_before_tge_usd,last_private_valuation_usd,points_program,criteria_summary,confidence\n")
        }
    }
}

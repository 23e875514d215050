import Foundation
import Testing
@testable import LedgerCore

/// Arbitrum's 2023 table at every boundary, the post-Nitro halving, the 48-hour penalty, the next
/// step, Starknet's thresholds, and criteria files with errors.
@Suite struct EstimationCheckTests {
    let arb = Fx.arbitrum

    /// Pre-Nitro activity: a bridge, then swaps across `months` months (one per month) and `extra`
    /// more swaps, all in 2021-2022 (before 2022-08-31).
    func preNitro(months: Int, transactions: Int, volume: String = "0", bridged: String? = nil) -> [Activity] {
        var acts = [Fx.act("2021-09-01T12:00:00Z", .bridge, usd: bridged ?? "100")]
        let starts = ["2021-09", "2021-10", "2021-11", "2021-12", "2022-01", "2022-02", "2022-03", "2022-04", "2022-05"]
        for m in 1..<max(1, months) { acts.append(Fx.act("\(starts[m])-15T12:00:00Z")) }
        let have = acts.count
        acts += Fx.swaps(max(0, transactions - have), from: "2021-09-03")
        if volume != "0" { acts.append(Fx.act("2021-09-02T12:00:00Z", .swap, usd: volume)) }
        return acts
    }

    func check(_ acts: [Activity], _ c: Criteria? = nil) throws -> CheckResult {
        try EligibilityCheck.run(criteria: c ?? arb, summary: try Fx.summary(acts), activities: acts)
    }

    @Test func tableAsPublished() throws {
        #expect(arb.rules.count == 14)
        #expect(arb.minimumPoints == 3 && arb.maximumPoints == 15)
        let expected = [2: "0", 3: "1250", 4: "1750", 5: "2250", 6: "3250", 7: "3750", 8: "4250",
                        9: "6250", 10: "6750", 11: "7250", 12: "10250", 13: "10250", 15: "10250"]
        for (p, t) in expected { #expect(arb.tokens(forPoints: p) == Fx.q(t), "points \(p)") }
        #expect(arb.tier(forPoints: 2) == nil)
        #expect(arb.tier(forPoints: 15) == 12)
    }

    @Test func twoPointsIsNotEligible() throws {
        let r = try check(preNitro(months: 2, transactions: 2))   // bridged + 2 months
        #expect(r.points == 2)
        #expect(!r.eligible)
        #expect(r.tokens == .zero)
        #expect(r.tier == nil)
    }

    @Test func threePointsPreNitroGive1250() throws {
        let r = try check(preNitro(months: 2, transactions: 5))   // bridged + 2 months + more than 4 tx
        #expect(r.points == 3)
        #expect(r.eligible && r.tier == 3)
        #expect(r.tokens == Fx.q("1250"))
        #expect(r.rules.filter(\.met).map(\.id) == ["bridged", "months-2", "tx-4"])
    }

    @Test func fourTransactionsIsNotMoreThanFour() throws {
        let r = try check(preNitro(months: 2, transactions: 4))
        #expect(r.rules.first { $0.id == "tx-4" }?.met == false)
        #expect(r.points == 2)
    }

    @Test func twelvePointsPreNitroGive10250() throws {
        // bridged, 9 months (3), 101 tx (4), 60k volume (2), 60k bridged (2) = 12
        let r = try check(preNitro(months: 9, transactions: 101, volume: "0", bridged: "60000"))
        #expect(r.points == 12)
        #expect(r.tier == 12)
        #expect(r.tokens == Fx.q("10250"))
        #expect(r.nextStep == nil)  // top tier
    }

    @Test func fifteenPointsCapAndTopTier() throws {
        var c = arb
        c.rules += (1...3).map { Criteria.Rule(id: "extra-\($0)", metric: .transactions, threshold: Fx.q("1")) }
        let r = try check(preNitro(months: 9, transactions: 101, bridged: "300000"), c)
        #expect(r.rawPoints == 17)
        #expect(r.points == 15)
        #expect(r.tokens == Fx.q("10250"))
    }

    @Test func postNitroPointsCountHalf() throws {
        // All activity after Nitro (2022-08-31): 3 points -> half of 1,250 = 625, the published minimum.
        let late = [Fx.act("2022-09-01T12:00:00Z", .bridge, usd: "100")] + Fx.swaps(4, from: "2022-10-01")
        let r = try check(late)
        #expect(r.points == 3)
        #expect(r.pointsBeforeTimeWeight == 0)
        #expect(r.tokens == Fx.q("625"))

        // 12 points all after Nitro: 5,125.
        let late12 = [Fx.act("2022-09-01T12:00:00Z", .bridge, usd: "60000")]
            + ["2022-10", "2022-11", "2022-12", "2023-01", "2023-02", "2023-03", "2023-04", "2023-05"].map { Fx.act("\($0)-15T12:00:00Z") }
            + Fx.swaps(92, from: "2022-09-02")
        #expect(try check(late12).points == 12)
        #expect(try check(late12).tokens == Fx.q("5125"))

        // 3 points before Nitro, 2 more after: 1,250 + 0.5 x (2,250 - 1,250) = 1,750.
        // (after Nitro: 4 more months, to 6 in all, and 8 more transactions, to 13: months-6 and tx-10)
        let mixed = preNitro(months: 2, transactions: 5)
            + ["2022-09", "2022-10", "2022-11", "2022-12"].map { Fx.act("\($0)-15T12:00:00Z") }
            + Fx.swaps(4, from: "2022-11-01")
        let m = try check(mixed)
        #expect(m.points == 5)
        #expect(m.pointsBeforeTimeWeight == 3)
        #expect(m.tokens == Fx.q("1750"))
    }

    @Test func fortyEightHourPenalty() throws {
        // Bridge and 4 swaps within two days: 3 points minus 1 = 2, not eligible.
        let burst = [Fx.act("2021-09-01T00:00:00Z", .bridge, usd: "100"), Fx.act("2021-10-31T23:00:00Z")]
            + Fx.swaps(3, from: "2021-11-01")
        let spread = try check(burst)
        #expect(spread.points == 3)  // 2021-09-01 .. 2021-11-03: not within 48h

        let tight = [Fx.act("2021-09-30T01:00:00Z", .bridge, usd: "100"), Fx.act("2021-10-01T02:00:00Z")]
            + (0..<3).map { Fx.act("2021-10-01T0\($0 + 3):00:00Z") }
        let r = try check(tight)
        #expect(r.rawPoints == 2)
        #expect(r.penalties.first?.points == -1)
        #expect(!r.eligible)
        // Cheapest next step back to 3 points: one transaction after the 48 hours (fee default 0.5 USD).
        let step = r.nextStep
        #expect(step != nil)
        #expect(step?.targetPoints == 3)
        #expect(step?.ruleIds == ["within-48h"])
        #expect(step?.estimatedCostUsd == Fx.q("0.5"))

        // A points note logged later is not a transaction: the penalty stays.
        #expect(try check(tight + [Fx.act("2021-12-01T00:00:00Z", .points, points: "10")]).penalties.first?.points == -1)

        // Exactly 48 hours apart still counts as within 48 hours.
        let edge = [Fx.act("2021-09-30T00:00:00Z", .bridge, usd: "100"), Fx.act("2021-10-01T00:00:00Z")]
            + Fx.swaps(3, from: "2021-10-01").map { var a = $0; a.at = Fx.at("2021-10-02T00:00:00Z"); return a }
        #expect(try check(edge).penalties.first?.points == -1)
    }

    @Test func cheapestNextStepPrefersCheapTransactions() throws {
        // 3 points (bridged, 2 months, 5 tx) with 1 USD average fee: next tier 4 points.
        var acts = preNitro(months: 2, transactions: 5)
        acts = acts.map { var a = $0; a.feeUsd = Fx.q("1"); return a }
        let r = try check(acts)
        let step = r.nextStep
        #expect(step != nil)
        #expect(step?.targetPoints == 4)
        #expect(step?.targetTokens == Fx.q("1750"))
        // Options: 6 more tx (6 USD) for tx-10; 4 more months (4 USD, 120 days); 10,000.01 USD volume
        // (30.00003 + 1). Cheapest: the months, 4 USD.
        #expect(step?.ruleIds == ["months-6"])
        #expect(step?.estimatedCostUsd == Fx.q("4"))
        #expect(step?.minimumDays == 120)
    }

    @Test func starknetThresholdsAreRequired() throws {
        let stark = try #require(try Criteria.bundled(named: "starknet-2024"))
        let thin = Fx.swaps(5, from: "2023-09-01")  // 5 tx but 1-2 months, no volume
        let r = try EligibilityCheck.run(criteria: stark, summary: try Fx.summary(thin), activities: thin)
        #expect(!r.eligible)
        #expect(r.tokens == nil)
        let ok = Fx.swaps(3, from: "2023-08-31") + [Fx.act("2023-10-05", usd: "60"), Fx.act("2023-11-01", usd: "40")]
        let r2 = try EligibilityCheck.run(criteria: stark, summary: try Fx.summary(ok), activities: ok)
        #expect(r2.eligible)
        #expect(r2.points == 3)
        #expect(r2.tokens == nil)
        #expect(!r2.notModelled.isEmpty)
    }

    @Test func unknownRuleIsAnErrorWithFileLineAndName() throws {
        let json = """
        {
          "name": "mine",
          "minimumPoints": 1,
          "rules": [
            { "id": "b", "rule": "bridged" },
            { "id": "m", "rule": "activeMonth", "atLeast": 2 }
          ]
        }
        """
        do {
            _ = try Criteria.parse(json: json, file: "mine.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.file == "mine.json")
            #expect(error.line == 6)
            #expect(error.column == 26)
            #expect(error.description.hasPrefix("mine.json:6:26: unknown rule 'activeMonth': use one of bridged,"))
        }
    }

    @Test func otherBadCriteriaFiles() throws {
        func err(_ json: String) -> String {
            do { _ = try Criteria.parse(json: json, file: "c.json"); return "no error" } catch { return error.description }
        }
        #expect(err(#"{ "name": "x", "minimumPoints": 1, "rulez": [] }"#).hasPrefix("c.json:1:36: unknown key \"rulez\""))
        #expect(err("{ \"name\": \"x\",\n \"minimumPoints\": 1,\n \"rules\": [ { \"rule\": \"volumeUsd\", \"atLeast\": \"1e4\" } ] }")
            .hasPrefix("c.json:3:47: \"atLeast\" '1e4' is not a non-negative plain decimal"))
        #expect(err(#"{ "name": "x" }"#).contains("needs \"minimumPoints\""))
        #expect(err("{ \"name\": \"x\", ").hasPrefix("c.json:1:16: not valid JSON"))
        #expect(err(#"{ "name": "x", "minimumPoints": 3, "tiers": [ { "points": 2, "tokens": "5" } ] }"#).contains("first tier is at 2 points"))
    }

    @Test func bundledCriteriaParse() throws {
        for name in Criteria.bundledNames { #expect(try Criteria.bundled(named: name) != nil) }
        #expect(try Criteria.bundled(named: "nope") == nil)
        #expect(Criteria.formatDocumentation.contains("allActivityWithinHours"))
    }

    /// Found by `Fuzz/run.sh criteria` (a stack overflow at 100+ levels): nesting is refused at 64, at its
    /// line and column, whatever the depth; 64 levels still parse.
    @Test func deepNestingIsAnErrorNotACrash() throws {
        func err(_ json: String) -> String {
            do { _ = try Criteria.parse(json: json, file: "c.json"); return "no error" } catch { return error.description }
        }
        #expect(err(String(repeating: "[", count: 200_000)) == "c.json:1:65: not valid JSON: arrays and objects are nested more than 64 deep: a criteria file never is; check the file")
        #expect(err(String(repeating: "{\"a\":", count: 100_000)).hasPrefix("c.json:1:321: not valid JSON: arrays and objects are nested more than 64 deep"))
        let found = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/Seeds/criteria/crash-nested-2984b518.json"), encoding: .utf8)
        #expect(err(found).contains("nested more than 64 deep"))
        // 63 arrays inside the rules array's value: deep, but within the limit, so the file's own rules decide.
        let deepButFine = #"{ "name": "x", "minimumPoints": 1, "notModelled": "# + String(repeating: "[", count: 63) + String(repeating: "]", count: 63) + " }"
        #expect(!err(deepButFine).contains("nested more than"))
    }
}

import Foundation
import Testing
@testable import LedgerCore

@Suite struct EstimationSummaryTests {
    @Test func countsPeriodsTransactionsVolumesAndFees() throws {
        let acts = [
            Fx.act("2024-12-30T10:00:00Z", .bridge, usd: "1000", fee: "2"),   // Monday of ISO week 2025-W01
            Fx.act("2024-12-31T10:00:00Z", .swap, usd: "250.5", fee: "0.5"),  // same week, same month
            Fx.act("2025-01-05T23:59:59Z", .swap, usd: "10"),                 // Sunday, still 2025-W01; new month
            Fx.act("2025-01-06T00:00:00Z", .points, points: "120"),           // off-chain: not a transaction
            Fx.act("2025-02-01T00:00:00Z", .social),
            Fx.act("2031-01-01T00:00:00Z", .swap, usd: "999"),                // after now: ignored
            Fx.act("2025-01-01T00:00:00Z", .swap, usd: "5", project: "other"),
        ]
        let s = try Fx.summary(acts, now: "2030-01-01")
        #expect(s.entries == 5)
        #expect(s.transactions == 3)
        #expect(s.activeDays == 5)
        #expect(s.activeWeeks == 3)  // 2025-W01, 2025-W02, 2025-W05
        #expect(s.activeMonths == 3) // 2024-12, 2025-01, 2025-02
        #expect(s.bridges == 1)
        #expect(s.volumeUsd == Fx.q("1260.5"))
        #expect(s.bridgedUsd == Fx.q("1000"))
        #expect(s.feesUsd == Fx.q("2.5"))
        #expect(s.points == Fx.q("120") && s.pointsSource == .activityMaximum)
        #expect(s.first == Fx.at("2024-12-30T10:00:00Z"))
        #expect(s.last == Fx.at("2025-02-01T00:00:00Z"))
    }

    @Test func legsOfOneTransactionCountOnce() throws {
        func leg(_ tx: String, _ kind: Activity.Kind, usd: String?, chain: String = "ethereum", failed: Bool = false,
                 leg: String? = nil, fee: String? = nil) -> Activity {
            var a = Fx.act("2024-05-01T10:00:00Z", kind, usd: usd, fee: fee)
            a.txHash = tx; a.chain = chain; a.failed = failed; a.leg = leg
            return a
        }
        let acts = [
            // before: one swap in two legs (ETH out $1250 with the fee, USDC in $1248.75)
            leg("0xaa", .swap, usd: "1250", fee: "3"),
            leg("0xaa", .swap, usd: "1248.75", leg: "token:0xa0b8:in:1248.75"),
            // a bridge with an internal leg that has no USD value
            leg("0xbb", .bridge, usd: "500"),
            leg("0xbb", .bridge, usd: nil, leg: "internal:in:0.2"),
            // the same hash on another chain is another transaction
            leg("0xaa", .swap, usd: "7", chain: "base"),
            // a failed transaction, and an entry with no hash
            leg("0xcc", .other, usd: nil, failed: true, fee: "1"),
            Fx.act("2024-05-02T10:00:00Z", .swap, usd: "20"),
        ]
        // after: 5 transactions from 7 entries; each transaction's volume is its largest leg
        let s = try Fx.summary(acts)
        #expect(s.entries == 7)
        #expect(s.transactions == 5)
        #expect(s.failedTransactions == 1)
        #expect(s.volumeUsd == Fx.q("1777"))    // 1250 + 500 + 7 + 20
        #expect(s.bridgedUsd == Fx.q("500"))
        #expect(s.bridges == 1)
        #expect(s.volumesWithoutUsd == 0)       // the bridge has a priced leg
        #expect(s.feesUsd == Fx.q("4"))
    }

    @Test func latestReadingBeatsActivityPoints() throws {
        let acts = [Fx.act("2025-01-01", .points, points: "900")]
        let readings = [
            PointsReading(projectSlug: "p", walletLabel: "w", at: Fx.at("2025-01-02"), points: Fx.q("300")),
            PointsReading(projectSlug: "p", walletLabel: "w", at: Fx.at("2025-01-03"), points: Fx.q("500")),
            PointsReading(projectSlug: "p", walletLabel: "w", at: Fx.at("2031-01-03"), points: Fx.q("9999")),
        ]
        let s = try Fx.summary(acts, readings: readings)
        #expect(s.points == Fx.q("500"))
        #expect(s.pointsSource == .reading)
        #expect(s.pointsAt == Fx.at("2025-01-03"))
    }

    @Test func isoWeekLabels() throws {
        #expect(WalletActivitySummary.isoWeek(try CivilDate(parsing: "2024-12-30")) == "2025-W01")
        #expect(WalletActivitySummary.isoWeek(try CivilDate(parsing: "2021-01-03")) == "2020-W53")
        #expect(WalletActivitySummary.isoWeek(try CivilDate(parsing: "2024-02-20")) == "2024-W08")
    }

    @Test func summarizeAllListsEveryPairSorted() throws {
        let acts = [Fx.act("2025-01-01", project: "b", wallet: "x"), Fx.act("2025-01-01", project: "a", wallet: "y")]
        let all = try WalletActivitySummary.summarizeAll(activities: acts, readings: [], now: Fx.at("2026-01-01"))
        #expect(all.map { "\($0.projectSlug)/\($0.walletLabel)" } == ["a/y", "b/x"])
    }
}

import Foundation
import GRDB
import LedgerCore
@testable import LedgerStore
import Testing

/// The one read of the activity table (`activityOverview`) against the independent ways of getting the
/// same figures: the core's summaries over every activity in memory, SQLite's own GROUP BY for the
/// calendar, and the tax rule fed from the activities in memory.
@Suite("activity overview")
struct ActivityOverviewTests {
    static func t(_ s: String) throws -> Instant { try Instant(parsing: s) }

    /// Three wallets, two projects; legs of one transaction, one transaction booked to both projects on
    /// the same day, entries without a hash, off-chain kinds, a token fee the price table values and one
    /// it cannot, points readings, activity after "now" and around the new year.
    static func ledger(_ path: String) throws -> LedgerDatabase {
        let db = try LedgerDatabase(path: path)
        for (i, label) in ["main", "farm-01", "farm-02"].enumerated() {
            _ = try db.addWallet(label: label, address: evm("0x" + String(repeating: String(i + 1), count: 40)), group: nil, now: now)
        }
        _ = try db.addProject(Project(slug: "newchain", name: "New Chain", status: .confirmed, category: .L2), now: now)
        _ = try db.addProject(Project(slug: "otherchain", name: "Other Chain", status: .confirmed, category: .L2), now: now)
        try db.setPrice(PricePoint(asset: try AssetSymbol(parsing: "ETH"), at: try t("2024-03-05"), usd: try Quantity(parsing: "3000"),
                                   source: "manual"), now: now)
        func log(_ project: String, _ wallet: String, _ kind: Activity.Kind, _ at: String, tx: String? = nil, leg: String? = nil,
                 volume: String? = nil, volumeUsd: String? = nil, fee: String? = nil, feeUsd: String? = nil, points: String? = nil) throws {
            _ = try db.recordActivity(Activity(
                projectSlug: project, walletLabel: wallet, kind: kind, at: try t(at), chain: tx == nil ? nil : "ethereum", txHash: tx,
                volume: try volume.map { try amount($0) }, volumeUsd: try volumeUsd.map { try Quantity(parsing: $0) },
                fee: try fee.map { try amount($0) }, feeUsd: try feeUsd.map { try Quantity(parsing: $0) },
                points: try points.map { try Quantity(parsing: $0) }, leg: leg), now: now)
        }
        let h = { (n: Int) in "0x" + String(repeating: String(n), count: 64) }
        try log("newchain", "main", .swap, "2024-03-05T10:00:00Z", tx: h(1), volume: "1 ETH", fee: "0.001 ETH")
        try log("newchain", "main", .swap, "2024-03-05T10:00:00Z", tx: h(1), leg: "token:in:3000", volumeUsd: "2990")
        try log("otherchain", "main", .bridge, "2024-03-05T10:00:00Z", tx: h(1), volumeUsd: "2990", feeUsd: "4")
        try log("otherchain", "main", .bridge, "2024-03-05T23:59:59Z", tx: h(2), volumeUsd: "10", feeUsd: "0.5")
        try log("newchain", "main", .social, "2024-03-05T12:00:00Z", points: "40")
        try log("newchain", "main", .other, "2024-03-05T13:00:00Z", fee: "0.002 ETH")
        try log("newchain", "farm-01", .mint, "2024-01-01T03:00:00Z", tx: h(3), fee: "0.5 ZZZ")
        try log("newchain", "farm-01", .mint, "2023-12-31T20:00:00Z", tx: h(4), feeUsd: "1.25")
        try log("otherchain", "farm-01", .swap, "2024-12-31T20:00:00Z", tx: h(5), volumeUsd: "7", feeUsd: "2")
        try log("otherchain", "farm-02", .swap, "2024-06-01T00:00:00Z", feeUsd: "0")
        try log("otherchain", "farm-02", .swap, "2025-02-01T00:00:00Z", tx: h(6), feeUsd: "9") // after "now"
        _ = try db.recordPoints(project: "newchain", wallet: "main", points: try Quantity(parsing: "120"), at: try t("2024-04-01"), now: now)
        _ = try db.recordPoints(project: "otherchain", wallet: "farm-02", points: try Quantity(parsing: "5"), at: try t("2024-04-01"), now: now)
        _ = try db.recordPoints(project: "newchain", wallet: "farm-02", points: try Quantity(parsing: "7"), at: try t("2024-04-01"), now: now)
        return db
    }

    @Test("summaries, calendar and the tax year's fees from one read equal the core and SQLite over the same rows",
          arguments: [nil, "main"] as [String?])
    func oneReadAgreesWithTheIndependentWays(wallet: String?) throws {
        let tmp = try TempDir()
        let db = try Self.ledger(tmp.path("ledger.sqlite"))
        let everything = try db.activities(ActivityFilter(wallet: wallet))
        for zone in ["UTC", "Asia/Tokyo", "America/Los_Angeles"] {
            let tz = try #require(TimeZone(identifier: zone))
            var fees: FarmingFees? = try FarmingFees(year: 2024, timeZone: tz)
            let o = try db.activityOverview(wallet: wallet, now: now, walletDays: true, fees: &fees)

            let readings = try db.pointsReadings(wallet: wallet)
            #expect(o.summaries == (try WalletActivitySummary.summarizeAll(activities: everything, readings: readings, now: now)))
            // Entries out of time order give the same summaries (days, weeks, months deduplicated at the end).
            #expect(o.summaries == (try WalletActivitySummary.summarizeAll(activities: everything.reversed(), readings: readings, now: now)))
            if wallet == nil { #expect(o.summaries.contains { $0.projectSlug == "newchain" && $0.walletLabel == "farm-02" && $0.entries == 0 }) }

            let sql = """
                SELECT w.label, a.atSeconds / 86400, COUNT(DISTINCT CASE WHEN a.txHash != '' THEN a.txHash END) + SUM(a.txHash = '')
                FROM activity a JOIN wallet w ON w.id = a.walletId WHERE a.atSeconds <= ? \(wallet == nil ? "" : "AND w.label = ?")
                GROUP BY a.walletId, 2
                """
            let expected = try db.read { d in
                try Row.fetchAll(d, sql: sql, arguments: StatementArguments([now.seconds] + (wallet.map { [$0] } ?? []) as [any DatabaseValueConvertible])).map { row in
                    LedgerDatabase.WalletDay(walletLabel: row[0], day: CivilDate(daysSinceEpoch: row[1]), transactions: row[2])
                }
            }
            #expect(Set(o.walletDays) == Set(expected) && o.walletDays.count == expected.count)
            // The transaction booked to both projects counts once on its day.
            #expect(o.walletDays.contains(LedgerDatabase.WalletDay(walletLabel: "main", day: try CivilDate(parsing: "2024-03-05"),
                                                                    transactions: 4)))

            let inMemory = try FarmingFees(year: 2024, timeZone: tz, activities: everything)
            let got = try #require(fees)
            #expect(got.byProject == inMemory.byProject && got.unpriced == inMemory.unpriced)
            if wallet == nil {
                let streamed = try db.farmingFees(year: 2024, timeZone: tz)
                #expect(streamed.byProject == inMemory.byProject && streamed.unpriced == inMemory.unpriced)
            }
        }
    }

    @Test("the fees of a year: the day in the policy's zone decides, the token fee is valued by the price table")
    func feesOfTheYear() throws {
        let tmp = try TempDir()
        let db = try Self.ledger(tmp.path("ledger.sqlite"))
        let utc = try db.farmingFees(year: 2024, timeZone: try #require(TimeZone(identifier: "UTC")))
        // newchain: 0.001 ETH x 3000 + 0.002 ETH x 3000 (table price) + 1.25 is 2023 in UTC; the ZZZ fee is unpriced.
        #expect(utc.byProject == ["newchain": try Quantity(parsing: "9"), "otherchain": try Quantity(parsing: "6.5")])
        #expect(utc.unpriced == 1)
        // In Tokyo (UTC+9) 2023-12-31T20:00Z is 2024 and 2024-12-31T20:00Z is 2025.
        let tokyo = try db.farmingFees(year: 2024, timeZone: try #require(TimeZone(identifier: "Asia/Tokyo")))
        #expect(tokyo.byProject == ["newchain": try Quantity(parsing: "10.25"), "otherchain": try Quantity(parsing: "4.5")])
    }
}

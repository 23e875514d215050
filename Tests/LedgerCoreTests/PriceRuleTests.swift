@testable import LedgerCore
import Testing

/// The one price rule (issue 14), tested with values: the entry's own price, else the table within a
/// day at or before, else unknown; "now" from any source with its date and source.
@Suite("Price rule")
struct PriceRuleTests {
    func t(_ s: String) throws -> Instant { try Instant(parsing: s) }
    func q(_ s: String) throws -> Quantity { try Quantity(parsing: s) }
    func point(_ asset: String, _ at: String, _ usd: String, _ source: String = "manual") throws -> PricePoint {
        PricePoint(asset: try AssetSymbol(parsing: asset), at: try t(at), usd: try q(usd), source: source)
    }
    func activity(_ at: String, volume: String?, volumeUsd: String? = nil, fee: String? = nil, feeUsd: String? = nil) throws -> Activity {
        Activity(projectSlug: "scroll", walletLabel: "main", kind: .bridge, at: try t(at),
                 volume: try volume.map { try Amount(parsing: $0) }, volumeUsd: try volumeUsd.map(q),
                 fee: try fee.map { try Amount(parsing: $0) }, feeUsd: try feeUsd.map(q))
    }

    @Test("a volume in a token is valued with the table's price that day (the README quick start)")
    func volumeFromTable() throws {
        let rule = PriceRule(book: PriceBook([try point("ETH", "2024-01-15", "2500")]))
        let a = rule.pricing(try activity("2024-01-15", volume: "1.5 ETH", fee: "0.0012 ETH"))
        #expect(a.volumeUsd?.description == "3750")
        #expect(a.feeUsd?.description == "3")
        let s = try WalletActivitySummary.summarize(projectSlug: "scroll", walletLabel: "main", activities: [a], readings: [],
                                                    now: try t("2024-04-01"))
        #expect(s.volumeUsd.description == "3750" && s.bridgedUsd.description == "3750" && s.volumesWithoutUsd == 0)
    }

    @Test("a logged USD figure wins over the table; no price within the window stays unknown")
    func givenWinsAndWindow() throws {
        let rule = PriceRule(book: PriceBook([try point("ETH", "2024-01-15", "2500")]))
        let given = rule.pricing(try activity("2024-01-15T10:00:00Z", volume: "1 ETH", volumeUsd: "2600", fee: "0.001 ETH", feeUsd: "3.10"))
        #expect(given.volumeUsd?.description == "2600" && given.feeUsd?.description == "3.1")
        // Exactly a day later still counts; a second more does not.
        #expect(rule.pricing(try activity("2024-01-16T00:00:00Z", volume: "1 ETH")).volumeUsd?.description == "2500")
        let stale = rule.pricing(try activity("2024-01-16T00:00:01Z", volume: "1 ETH", fee: "0.1 ETH"))
        #expect(stale.volumeUsd == nil && stale.feeUsd == nil)
        // A price after the time is never used.
        #expect(rule.pricing(try activity("2024-01-14T23:59:59Z", volume: "1 ETH")).volumeUsd == nil)
        // Unknown stays unknown in the summary: counted, not added as zero.
        let s = try WalletActivitySummary.summarize(projectSlug: "scroll", walletLabel: "main", activities: [stale], readings: [],
                                                    now: try t("2024-04-01"))
        #expect(s.volumesWithoutUsd == 1 && s.bridgesWithoutUsd == 1 && s.feesWithoutUsd == 1)
    }

    @Test("now: the latest price at or before now from the table, claims or trades, with date and source")
    func now() throws {
        let strk = try AssetSymbol(parsing: "STRK")
        let claim = Movement(id: 1, kind: .claim, walletId: 1, walletLabel: "main", projectSlug: "starknet",
                             amount: try Amount(parsing: "1250 STRK"), at: try t("2024-02-20T12:00:00Z"), priceUsd: try q("2.01"), priceSource: "given")
        let sell = Movement(id: 2, kind: .sell, walletId: 1, walletLabel: "main", amount: try Amount(parsing: "500 STRK"),
                            at: try t("2024-03-18"), priceUsd: try q("1.85"), priceSource: "given")
        // Only trades: the latest trade's price, named by its kind.
        var rule = PriceRule(book: PriceBook([]), movements: [claim, sell])
        #expect(rule.latest(of: strk, at: try t("2024-04-01")) == .init(usd: try q("1.85"), at: try t("2024-03-18"), source: "sell"))
        #expect(rule.latest(of: strk, at: try t("2024-03-01")) == .init(usd: try q("2.01"), at: try t("2024-02-20T12:00:00Z"), source: "claim"))
        #expect(rule.latest(of: strk, at: try t("2024-02-01")) == nil)
        // A later table price wins; a table price at the same moment as a trade wins the tie.
        rule = PriceRule(book: PriceBook([try point("STRK", "2024-03-25", "1.70", "defillama"), try point("STRK", "2024-03-18", "1.90")]),
                         movements: [claim, sell])
        #expect(rule.latest(of: strk, at: try t("2024-04-01"))?.source == "defillama")
        #expect(rule.latest(of: strk, at: try t("2024-03-20")) == .init(usd: try q("1.90"), at: try t("2024-03-18"), source: "manual"))
        // A claim priced by the table (source "table") is not a second observation.
        let tableClaim = Movement(id: 3, kind: .claim, walletId: 1, walletLabel: "main", amount: try Amount(parsing: "1 ZK"),
                                  at: try t("2024-06-17"), priceUsd: try q("0.2"), priceSource: "table")
        #expect(PriceRule(book: PriceBook([]), movements: [tableClaim]).latest(of: try AssetSymbol(parsing: "ZK"), at: try t("2024-07-01")) == nil)
    }

    @Test("value: portfolio-style 'now' of the quick start, and unknown is nil, never zero")
    func projectValueNow() throws {
        let claim = Movement(id: 1, kind: .claim, walletId: 1, walletLabel: "main", projectSlug: "starknet",
                             amount: try Amount(parsing: "1250 STRK"), at: try t("2024-02-20T12:00:00Z"), priceUsd: try q("2.01"), priceSource: "given")
        let sell = Movement(id: 2, kind: .sell, walletId: 1, walletLabel: "main", amount: try Amount(parsing: "500 STRK"),
                            at: try t("2024-03-18"), priceUsd: try q("1.85"), priceSource: "given", feeUsd: try q("0.40"))
        let rows = try ProjectValue.report(movements: [claim, sell], prices: PriceRule(book: PriceBook([]), movements: [claim, sell]),
                                           now: try t("2024-04-01"), expected: [:], costs: [:])
        #expect(rows.count == 1)
        #expect(rows[0].receivedNowUsd?.description == "2312.5" && rows[0].heldNowUsd?.description == "1387.5")
        #expect(rows[0].nowPrice?.source == "sell")
        // Without any price the claim's own price still counts as "now"...
        let onlyClaim = try ProjectValue.report(movements: [claim], prices: PriceRule(book: PriceBook([]), movements: [claim]),
                                                now: try t("2024-04-01"), expected: [:], costs: [:])
        #expect(onlyClaim[0].heldNowUsd?.description == "2512.5")
        // ...and with no price at all it is unknown.
        var unpriced = claim; unpriced.priceUsd = nil; unpriced.priceSource = nil
        let none = try ProjectValue.report(movements: [unpriced], prices: PriceRule(book: PriceBook([]), movements: [unpriced]),
                                           now: try t("2024-04-01"), expected: [:], costs: [:])
        #expect(none[0].receivedNowUsd == nil && none[0].heldNowUsd == nil && none[0].netUsd == nil && none[0].nowPrice == nil)
    }
}

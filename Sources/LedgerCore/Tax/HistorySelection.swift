import Foundation

/// Which movements a history export (Koinly, CoinTracker) writes, and for which wallet.
///
/// Those tools book lots themselves and pair a withdrawal in one of the user's wallets with a deposit
/// in another, so their files are per wallet: one wallet's claims, buys and sells, the withdrawal
/// side of its outgoing transfers and the deposit side of its incoming ones. `since` is inclusive,
/// `until` exclusive (a tax year is [Jan 1, next Jan 1) in the policy's time zone).
public struct HistorySelection: Sendable, Hashable {
    /// Which kinds of rows are written.
    public enum Only: String, Sendable, CaseIterable, Codable {
        /// Every movement.
        case all
        /// Airdrop claims only, for users whose wallets the tool already syncs from the chain (it
        /// then knows the transfers and trades but not that a receive was an airdrop).
        case claims
    }

    public var since: Instant?
    public var until: Instant?
    public var only: Only

    public init(since: Instant? = nil, until: Instant? = nil, only: Only = .all) {
        self.since = since; self.until = until; self.only = only
    }

    /// The calendar year `year` in `timeZone`: [Jan 1 00:00, next Jan 1 00:00) local time.
    public static func year(_ year: Int, timeZone: TimeZone, only: Only = .all) throws(TaxError) -> HistorySelection {
        guard (1...9998).contains(year), let jan1 = CivilDate(year: year, month: 1, day: 1),
              let next = CivilDate(year: year + 1, month: 1, day: 1) else { throw .badYear(year) }
        return HistorySelection(since: jan1.start(in: timeZone), until: next.start(in: timeZone), only: only)
    }

    /// Whether `m` falls in the window and is of a kind written.
    public func includes(_ m: Movement) -> Bool {
        if let since, m.at < since { return false }
        if let until, !(m.at < until) { return false }
        return only == .all || m.kind == .claim
    }

    /// The movements `wallet` takes part in (as the wallet of a claim, buy or sell, or either side of
    /// a transfer), selected and in ledger order.
    public func movements(_ all: [Movement], wallet: String) -> [Movement] {
        all.filter { m in
            includes(m) && (m.walletLabel == wallet || (m.kind == .transfer && m.toWalletLabel == wallet))
        }.sorted(by: Movement.ledgerOrder)
    }

    /// Every wallet label that has at least one selected movement, sorted.
    public func wallets(_ all: [Movement]) -> [String] {
        var labels = Set<String>()
        for m in all where includes(m) {
            labels.insert(m.walletLabel)
            if m.kind == .transfer, let to = m.toWalletLabel { labels.insert(to) }
        }
        return labels.sorted()
    }
}

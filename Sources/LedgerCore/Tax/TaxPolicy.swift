import Foundation

// Tax: the pure US tax engine of airledger.
//
// Movements (claims, buys, sells, transfers) and activities in, a `TaxReport` for one tax year out.
// No I/O, no clock: the time zone that decides calendar days is part of the policy. Invariants:
// money stays an exact `Quantity`; division happens only when a lot (or a sale's proceeds) is split,
// and the last fraction takes the remainder so every total is exact.

/// Which lot a disposal consumes first.
public enum BookingMethod: String, Sendable, CaseIterable, Codable {
    /// First in, first out: the earliest acquisition.
    case fifo
    /// Last in, first out: the latest acquisition.
    case lifo
    /// Highest in, first out: the highest cost per unit (fees included), ties by earliest acquisition.
    case hifo
}

/// Which lots a disposal may consume.
public enum BasisScope: String, Sendable, CaseIterable, Codable {
    /// One pool per asset across all wallets.
    case universal
    /// One pool per asset and wallet; a transfer moves lots (with basis and dates) to the receiver.
    case perWallet = "per-wallet"

    /// The first tax year for which US rules require basis per wallet or account: Treas. Reg.
    /// 1.1012-1(j) as amended by T.D. 10000 (July 2024), effective for sales on or after
    /// 2025-01-01; Rev. Proc. 2024-28 gives the transition for the basis held on that date.
    public static let perWalletFromYear = 2025

    /// The basis applied to `year` when none is asked for: universal up to tax year 2024,
    /// per-wallet from 2025.
    public static func `default`(forYear year: Int) -> BasisScope {
        year >= perWalletFromYear ? .perWallet : .universal
    }

    /// A note for output when `self` is applied to `year` against the US rule of that year, nil
    /// when it follows the rule.
    public func note(forYear year: Int) -> String? {
        guard self == .universal, year >= Self.perWalletFromYear else { return nil }
        return "basis universal was asked for tax year \(year): US rules from 2025 track basis per wallet (Treas. Reg. 1.1012-1(j), Rev. Proc. 2024-28); drop --basis for the per-wallet default"
    }
}

/// How a claimed airdrop is treated.
public enum AirdropTreatment: String, Sendable, CaseIterable, Codable {
    /// Ordinary income at fair market value when received; that value is the lot's basis (US).
    case income
    /// No income; the lot's basis is zero (some jurisdictions).
    case zeroBasis = "zero-basis"
}

/// The choices a tax report depends on. Printed with every result.
public struct TaxPolicy: Sendable, Hashable {
    public var method: BookingMethod
    public var basis: BasisScope
    public var airdrops: AirdropTreatment
    /// Decides the calendar day of every event: the tax year and the holding period.
    public var timeZone: TimeZone

    public init(method: BookingMethod = .fifo, basis: BasisScope = .universal,
                airdrops: AirdropTreatment = .income, timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .gmt) {
        self.method = method; self.basis = basis; self.airdrops = airdrops; self.timeZone = timeZone
    }

    /// The zone's name as printed: its identifier, except that Foundation's "GMT" (what
    /// `TimeZone(identifier: "UTC")` reports on Linux) is printed "UTC".
    public var timeZoneName: String {
        timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
    }

    /// The defaults: FIFO, universal, airdrops as income, UTC (the basis of tax years up to 2024;
    /// `default(forYear:)` for a given year).
    public static let `default` = TaxPolicy()

    /// The defaults for `year`: FIFO, airdrops as income, UTC, and the basis of that year
    /// (`BasisScope.default(forYear:)`: per-wallet from 2025).
    public static func `default`(forYear year: Int) -> TaxPolicy {
        TaxPolicy(basis: .default(forYear: year))
    }

    /// One line: "method fifo, basis universal, airdrops income, time zone UTC".
    public var summary: String {
        "method \(method.rawValue), basis \(basis.rawValue), airdrops \(airdrops.rawValue), time zone \(timeZoneName)"
    }

    /// The rules applied, in words, for the head of every export.
    public var rules: [String] {
        var r: [String] = []
        switch airdrops {
        case .income:
            r.append("an airdrop claim is ordinary income at its fair market value when received (Rev. Rul. 2019-24); that value is the lot's cost basis")
        case .zeroBasis:
            r.append("an airdrop claim is not income; its lot has a cost basis of zero")
        }
        r.append("a buy's fee adds to its basis; a sell's fee reduces its proceeds; a network fee paid in the moved token on a transfer is a disposal of those units at their value then")
        switch basis {
        case .universal:
            r.append("one lot pool per asset across all wallets; a transfer between own wallets is not a sale")
        case .perWallet:
            r.append("one lot pool per asset and wallet; a transfer between own wallets is not a sale and moves its lots, with their basis and dates, to the receiving wallet")
        }
        switch method {
        case .fifo: r.append("lots are consumed first in, first out")
        case .lifo: r.append("lots are consumed last in, first out")
        case .hifo: r.append("lots are consumed highest cost per unit first (fees included), ties first in")
        }
        r.append("the holding period starts the day after acquisition; long-term means held more than one year; days and tax years are taken in \(timeZoneName)")
        r.append("farming costs (fees logged on activities and on claims) are shown as information, not deducted")
        return r
    }
}

import Foundation
@testable import LedgerCore

/// Small builders so estimation tests read in the ledger's own terms.
enum Fx {
    static func q(_ text: String) -> Quantity {
        (try? Quantity(parsing: text)) ?? .zero
    }

    /// The estimator's stated precision: a quotient, or a product with a quotient among its factors,
    /// to `EstimateEngine.scale` places, half away from zero.
    static func div(_ a: Quantity, _ b: Quantity) throws -> Quantity {
        try a.divided(by: b, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
    }

    static func times(_ a: Quantity, _ b: Quantity) throws -> Quantity {
        try a.multiplied(by: b, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
    }

    static func at(_ text: String) -> Instant {
        (try? Instant(parsing: text)) ?? Instant(seconds: 0)
    }

    static func act(_ time: String, _ kind: Activity.Kind = .swap, usd: String? = nil, fee: String? = nil,
                    points: String? = nil, project: String = "p", wallet: String = "w") -> Activity {
        Activity(projectSlug: project, walletLabel: wallet, kind: kind, at: at(time),
                 volumeUsd: usd.map(q), feeUsd: fee.map(q), points: points.map(q))
    }

    static func summary(_ acts: [Activity], readings: [PointsReading] = [], now: String = "2030-01-01") throws -> WalletActivitySummary {
        try WalletActivitySummary.summarize(projectSlug: "p", walletLabel: "w", activities: acts, readings: readings, now: at(now))
    }

    /// `count` swaps on consecutive days from `start` (no volume).
    static func swaps(_ count: Int, from start: String) -> [Activity] {
        let d0 = (try? CivilDate(parsing: start)) ?? CivilDate(daysSinceEpoch: 0)
        return (0..<count).map { Activity(projectSlug: "p", walletLabel: "w", kind: .swap, at: d0.adding(days: $0).startUTC.adding(seconds: 3600)) }
    }

    static var arbitrum: Criteria {
        ((try? Criteria.bundled(named: "arbitrum-2023")) ?? nil)
            ?? Criteria(name: "missing", minimumPoints: 99, rules: [])
    }
}

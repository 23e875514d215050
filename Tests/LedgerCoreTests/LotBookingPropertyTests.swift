import Foundation
import PropertyBased
import Testing
@testable import LedgerCore

/// Lot booking keeps every unit and every dollar of basis, whatever the history, method or basis:
/// random histories of claims, buys, sells and own transfers between two wallets (sells and
/// transfers never exceed what the wallet holds), booked by the tax engine under FIFO, LIFO and
/// HIFO, universal and per-wallet. Checked exactly (decimals, no tolerance):
/// - units: disposed + still open = acquired;
/// - basis: basis of disposed fractions + basis still open = basis of all lots;
/// - each disposed fraction: gain = proceeds - basis;
/// - each sale: its fractions' proceeds add up to amount x price - fee;
/// - per wallet (per-wallet basis, where lots follow transfers): open units = the wallet's balance.
@Suite("Lot booking conservation (property-based)")
struct LotBookingPropertyTests {
    /// One step of a generated history. Amounts are integers of 1/10,000 of a token; prices cents.
    struct Step: Sendable, CustomStringConvertible {
        var kind: Int          // 0 claim, 1 buy, 2 sell, 3 transfer
        var wallet: Int        // 0 or 1
        var units: Int         // 1 ... 5,000,000 (0.0001 ... 500 tokens)
        var cents: Int         // 1 ... 1,000,000 ($0.01 ... $10,000)
        var feeCents: Int      // 0 ... 500
        var description: String { "\(["claim", "buy", "sell", "transfer"][kind]) w\(wallet) \(units) units @ \(cents)c fee \(feeCents)c" }
    }

    static let step = zip(Gen.int(in: 0...3), Gen.int(in: 0...1), Gen.int(in: 1...5_000_000),
                          Gen.int(in: 1...1_000_000), Gen.int(in: 0...500))
        .map { Step(kind: $0, wallet: $1, units: $2, cents: $3, feeCents: $4) }
    static let history = step.array(of: 1...40)

    static func tokens(_ units: Int) -> String { String(format: "%d.%04d", units / 10_000, units % 10_000) }
    static func usd(_ cents: Int) -> String { String(format: "%d.%02d", cents / 100, cents % 100) }

    /// The movements of a history (impossible sells and transfers shrunk to what is held, or dropped),
    /// and each wallet's final balance in units.
    static func ledger(_ steps: [Step]) throws -> (movements: [Movement], balance: [Int]) {
        var movements: [Movement] = []
        var balance = [0, 0]
        let labels = ["main", "alt"]
        let start = try Instant(parsing: "2024-01-01T00:00:00Z")
        for (i, s) in steps.enumerated() {
            let w = s.wallet
            let units: Int
            switch s.kind {
            case 0, 1: units = s.units; balance[w] += units
            default:
                units = min(s.units, balance[w])
                guard units > 0 else { continue }
                balance[w] -= units
                if s.kind == 3 { balance[1 - w] += units }
            }
            let kind: Movement.Kind = [.claim, .buy, .sell, .transfer][s.kind]
            let transfer = s.kind == 3
            movements.append(Movement(
                id: Int64(movements.count + 1), kind: kind, walletId: Int64(w + 1), walletLabel: labels[w],
                toWalletId: transfer ? Int64(2 - w) : nil, toWalletLabel: transfer ? labels[1 - w] : nil,
                projectSlug: s.kind == 0 ? "proj" : nil,
                amount: try Amount(parsing: tokens(units) + " TKN"),
                at: Instant(seconds: start.seconds + Int64(i) * 3_600),
                priceUsd: transfer ? nil : try Quantity(parsing: usd(s.cents)),
                feeUsd: transfer || s.kind == 0 || s.feeCents == 0 ? nil : try Quantity(parsing: usd(s.feeCents)),
                feeQuantity: nil, txHash: nil))
        }
        return (movements, balance)
    }

    @Test("units and basis are conserved, gain = proceeds - basis, and sales share their proceeds exactly",
          arguments: BookingMethod.allCases)
    func conservation(method: BookingMethod) async {
        await propertyCheck(count: 150, input: Self.history) { steps in
            let (movements, balance) = try Self.ledger(steps)
            for basis in BasisScope.allCases {
                let policy = TaxPolicy(method: method, basis: basis, airdrops: .income, timeZone: .gmt)
                let report = try TaxEngine.report(year: 2024, movements: movements, activities: [], policy: policy)
                let open = try TaxEngine.openLots(movements, policy: policy)
                let disposals = report.history.disposals
                let lots = report.history.lots

                let acquired = try lots.map(\.amount.quantity).sum()
                let disposed = try disposals.map(\.amount.quantity).sum()
                let stillOpen = try open.map(\.quantity).sum()
                #expect(try disposed + stillOpen == acquired, "\(method) \(basis): units \(disposed) + \(stillOpen) != \(acquired)")

                let lotBasis = try lots.map(\.costBasis).sum()
                let disposedBasis = try disposals.map(\.costBasis).sum()
                let openBasis = try open.map { $0.basisUsd ?? .zero }.sum()
                #expect(try disposedBasis + openBasis == lotBasis, "\(method) \(basis): basis \(disposedBasis) + \(openBasis) != \(lotBasis)")

                for d in disposals {
                    #expect(try d.proceeds - d.costBasis == d.gain)
                }
                for m in movements where m.kind == .sell {
                    let shares = try disposals.filter { $0.movementId == m.id }.map(\.proceeds).sum()
                    let expected = try m.amount.quantity * m.priceUsd! - (m.feeUsd ?? .zero)
                    #expect(shares == expected, "\(method) \(basis): sale \(m.id) proceeds \(shares) != \(expected)")
                }
                if basis == .perWallet {
                    for (w, label) in ["main", "alt"].enumerated() {
                        let held = try open.filter { $0.walletLabel == label }.map(\.quantity).sum()
                        #expect(held == (try Quantity(parsing: Self.tokens(balance[w]))), "\(method): \(label) holds \(held), balance \(balance[w]) units")
                    }
                }
            }
        }
    }
}

import Foundation
import LedgerCore

/// Test input in the ledger's own terms: wallets by label, amounts and prices as text, times as ISO.
struct TaxLedger {
    var movements: [Movement] = []
    var activities: [Activity] = []
    private var walletIds: [String: Int64] = [:]

    func walletId(_ label: String) -> Int64 { walletIds[label] ?? 0 }

    private mutating func id(of wallet: String) -> Int64 {
        if let id = walletIds[wallet] { return id }
        let id = Int64(walletIds.count + 1)
        walletIds[wallet] = id
        return id
    }

    private mutating func add(_ kind: Movement.Kind, _ amount: String, wallet: String, to: String? = nil, at: String,
                              price: String?, fee: String? = nil, feeUnits: String? = nil, project: String? = nil,
                              tx: String? = nil) throws {
        let w = id(of: wallet)
        let toId = to.map { id(of: $0) }
        movements.append(Movement(
            id: Int64(movements.count + 1), kind: kind, walletId: w, walletLabel: wallet, toWalletId: toId,
            toWalletLabel: to, projectSlug: project, amount: try Amount(parsing: amount), at: try Instant(parsing: at),
            priceUsd: try price.map { try Quantity(parsing: $0) }, feeUsd: try fee.map { try Quantity(parsing: $0) },
            feeQuantity: try feeUnits.map { try Quantity(parsing: $0) }, txHash: tx))
    }

    mutating func claim(_ amount: String, into wallet: String, at: String, price: String?, project: String = "proj",
                        fee: String? = nil, tx: String? = nil) throws {
        try add(.claim, amount, wallet: wallet, at: at, price: price, fee: fee, project: project, tx: tx)
    }

    mutating func buy(_ amount: String, into wallet: String, at: String, price: String, fee: String? = nil,
                      tx: String? = nil) throws {
        try add(.buy, amount, wallet: wallet, at: at, price: price, fee: fee, tx: tx)
    }

    mutating func sell(_ amount: String, from wallet: String, at: String, price: String, fee: String? = nil,
                       tx: String? = nil) throws {
        try add(.sell, amount, wallet: wallet, at: at, price: price, fee: fee, tx: tx)
    }

    mutating func transfer(_ amount: String, from: String, to: String, at: String, feeUnits: String? = nil,
                           price: String? = nil, tx: String? = nil) throws {
        try add(.transfer, amount, wallet: from, to: to, at: at, price: price, feeUnits: feeUnits, tx: tx)
    }

    mutating func activity(project: String, wallet: String, at: String, feeUsd: String?, fee: String? = nil) throws {
        activities.append(Activity(
            id: Int64(activities.count + 1), projectSlug: project, walletLabel: wallet, kind: .bridge,
            at: try Instant(parsing: at), fee: try fee.map { try Amount(parsing: $0) },
            feeUsd: try feeUsd.map { try Quantity(parsing: $0) }))
    }

    func report(_ year: Int, _ method: BookingMethod = .fifo, basis: BasisScope = .universal,
                airdrops: AirdropTreatment = .income, tz: String = "UTC") throws -> TaxReport {
        let policy = TaxPolicy(method: method, basis: basis, airdrops: airdrops,
                               timeZone: TimeZone(identifier: tz) ?? .gmt)
        return try TaxEngine.report(year: year, movements: movements, activities: activities, policy: policy)
    }
}

func q(_ text: String) -> Quantity { (try? Quantity(parsing: text)) ?? Quantity(exactly: -999_999) }

extension TaxHistory {
    /// Units still open per lot id after the booking (lots fully consumed are left out).
    var openUnits: [Int: Quantity] {
        get throws {
            var open: [Int: Quantity] = [:]
            for lot in lots { open[lot.id] = lot.amount.quantity }
            for d in disposals { try open[d.lotId, default: .zero] -= d.amount.quantity }
            return open.filter { !$0.value.isZero }
        }
    }
}

/// The repository's Fixtures/tax folder, found from this file's path (tests never read ../shared).
func taxFixtures(_ file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/tax")
}

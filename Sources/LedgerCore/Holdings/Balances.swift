/// Replays movements in ledger order and keeps each wallet's balance per asset.
///
/// Used to refuse a sell or transfer larger than what the wallet holds at that time, including a
/// back-dated one that would leave a later movement uncovered.
public struct Balances: Sendable {
    public struct Key: Hashable, Sendable { public let walletId: Int64; public let asset: AssetSymbol }
    public private(set) var held: [Key: Quantity] = [:]

    public init() {}

    public func balance(walletId: Int64, asset: AssetSymbol) -> Quantity {
        held[Key(walletId: walletId, asset: asset)] ?? .zero
    }

    /// Applies one movement; returns the shortfall error when the sender holds too little.
    public mutating func apply(_ m: Movement) throws(HoldingsError) {
        let from = Key(walletId: m.walletId, asset: m.amount.asset)
        switch m.kind {
        case .claim, .buy:
            try exact(HoldingsError.amount) { () throws(AmountError) in try held[from, default: .zero] += m.amount.quantity }
        case .sell, .transfer:
            let have = held[from] ?? .zero
            let need = try exact(HoldingsError.amount) { () throws(AmountError) in try m.outgoing }
            guard have >= need else {
                throw .insufficient(movement: m, held: have)
            }
            held[from] = try exact(HoldingsError.amount) { () throws(AmountError) in try have - need }
            if m.kind == .transfer, let to = m.toWalletId {
                try exact(HoldingsError.amount) { () throws(AmountError) in try held[Key(walletId: to, asset: m.amount.asset), default: .zero] += m.amount.quantity }
            }
        }
    }

    /// Checks that `candidate`, placed among `existing` in ledger order, leaves no wallet short at
    /// any moment. Throws the first shortfall, naming the movement and what the wallet held then.
    public static func check(adding candidate: Movement, to existing: [Movement]) throws(HoldingsError) {
        var all = existing.filter { $0.amount.asset == candidate.amount.asset }
        all.append(candidate)
        all.sort(by: Movement.ledgerOrder)
        var b = Balances()
        for m in all { try b.apply(m) }
    }
}

/// A sale or transfer the wallet cannot cover: the movement and what the wallet held then (the CLI
/// words it, see LedgerCLI's ErrorReport).
public enum HoldingsError: Error, Equatable, Sendable {
    case insufficient(movement: Movement, held: Quantity)
    /// A balance that cannot be held exactly (more than 38 digits).
    case amount(AmountError)
}

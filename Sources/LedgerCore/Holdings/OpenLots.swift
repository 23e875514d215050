/// What is still held, lot by lot, after replaying movements FIFO: the portfolio's cost basis.
///
/// Universal scope: one pool per asset across all wallets (transfers change nothing but their fee).
/// Per-wallet scope: one pool per asset and wallet; a transfer moves its lots, with their basis and
/// dates, to the receiving wallet. Claims enter at fair market value (nil basis when the claim has
/// no price, so totals can be marked incomplete), buys at price x amount + fee. A transfer fee in the
/// moved token consumes units like a sale. Lot splits give the remainder to what stays, so basis
/// totals stay exact.
public struct OpenLot: Sendable, Hashable {
    public var asset: AssetSymbol
    public var walletId: Int64
    public var walletLabel: String
    public var quantity: Quantity
    /// Total USD basis of the remaining quantity; nil when the acquisition had no price.
    public var basisUsd: Quantity?
    public var acquired: Instant
}

public enum OpenLots {
    struct PoolKey: Hashable { let asset: AssetSymbol; let walletId: Int64? }

    public static func fifo(_ movements: [Movement], perWallet: Bool) -> [OpenLot] {
        // Each pool is its lots in FIFO order plus the index of the first one not yet used up, so
        // consuming from the front costs nothing (no removal from the front of an array).
        var pools: [PoolKey: (lots: [OpenLot], head: Int)] = [:]
        func key(_ a: AssetSymbol, _ w: Int64) -> PoolKey { PoolKey(asset: a, walletId: perWallet ? w : nil) }

        /// Takes `quantity` from the front of a pool; returns the lots taken (split as needed).
        func take(_ quantity: Quantity, from k: PoolKey) -> [OpenLot] {
            var need = quantity
            var taken: [OpenLot] = []
            var (lots, i) = pools[k] ?? ([], 0)
            pools[k] = nil // mutate the array uniquely
            while need.isPositive, i < lots.count {
                var lot = lots[i]
                if lot.quantity <= need {
                    taken.append(lot)
                    need -= lot.quantity
                    i += 1
                } else {
                    var part = lot
                    part.quantity = need
                    part.basisUsd = lot.basisUsd.map { $0 * need / lot.quantity }
                    lot.quantity -= need
                    lot.basisUsd = lot.basisUsd.flatMap { b in part.basisUsd.map { b - $0 } }
                    lots[i] = lot
                    taken.append(part)
                    need = .zero
                }
            }
            pools[k] = (lots, i)
            return taken
        }

        for m in movements.sorted(by: Movement.ledgerOrder) {
            let a = m.amount.asset
            switch m.kind {
            case .claim, .buy:
                let basis = m.priceUsd.map { $0 * m.amount.quantity + (m.kind == .buy ? (m.feeUsd ?? .zero) : .zero) }
                pools[key(a, m.walletId), default: ([], 0)].lots.append(OpenLot(
                    asset: a, walletId: m.walletId, walletLabel: m.walletLabel,
                    quantity: m.amount.quantity, basisUsd: basis, acquired: m.at))
            case .sell:
                _ = take(m.amount.quantity, from: key(a, m.walletId))
            case .transfer:
                if let fee = m.feeQuantity, fee.isPositive { _ = take(fee, from: key(a, m.walletId)) }
                guard perWallet, let to = m.toWalletId else { continue }
                let moved = take(m.amount.quantity, from: key(a, m.walletId)).map { lot -> OpenLot in
                    var l = lot
                    l.walletId = to
                    l.walletLabel = m.toWalletLabel ?? l.walletLabel
                    return l
                }
                let (old, head) = pools[key(a, to)] ?? ([], 0)
                var dest = Array(old[head...])
                dest.append(contentsOf: moved)
                dest.sort { $0.acquired < $1.acquired }
                pools[key(a, to)] = (dest, 0)
            }
        }
        return pools.values.flatMap { $0.lots[$0.head...] }.filter { $0.quantity.isPositive }
            .sorted { ($0.asset, $0.acquired, $0.walletLabel) < ($1.asset, $1.acquired, $1.walletLabel) }
    }
}

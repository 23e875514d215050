/// The `portfolio` report: what is held, its cost basis booked by the tax report's own lot pools, the
/// latest price at or before `now` by the one price rule, its value and unrealized gain. A pure function
/// of the movements, the price rule, the options and "now".
public struct Portfolio: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        /// The wallet's label when grouped per wallet; nil when over all wallets.
        public var wallet: String?
        public var asset: AssetSymbol
        public var amount: Quantity
        /// nil when a lot's acquisition had no price.
        public var basisUsd: Quantity?
        /// nil when the ledger holds no price at or before now: unpriced, never zero.
        public var price: PriceRule.Priced?
        public var valueUsd: Quantity?
        public var unrealizedUsd: Quantity?
    }

    public var rows: [Row]
    /// The sum of the priced rows' values.
    public var totalValueUsd: Quantity
    /// The basis of the priced rows whose basis is known.
    public var totalBasisUsd: Quantity
    /// A priced row lacks its basis: the totals' unrealized gain is incomplete.
    public var basisIncomplete: Bool
    /// Assets with no price now, in row order.
    public var unpriced: [AssetSymbol]
    public var method: BookingMethod
    public var perWallet: Bool

    public var totalUnrealizedUsd: Quantity { get throws(AmountError) { try totalValueUsd - totalBasisUsd } }

    /// `walletId`: only that wallet's lots (and then per wallet). Rows by wallet label, then asset.
    public static func make(movements: [Movement], prices: PriceRule, method: BookingMethod, perWallet byWallet: Bool,
                            walletId: Int64?, now: Instant) throws -> Portfolio {
        let perWallet = byWallet || walletId != nil
        var lots = try TaxEngine.openLots(movements, policy: TaxPolicy(method: method, basis: perWallet ? .perWallet : .universal))
        if let walletId { lots = lots.filter { $0.walletId == walletId } }
        struct Key: Hashable { let asset: AssetSymbol; let wallet: String? }
        var groups: [Key: [OpenLot]] = [:]
        for l in lots { groups[Key(asset: l.asset, wallet: perWallet ? l.walletLabel : nil), default: []].append(l) }
        let keys = groups.keys.sorted { ($0.wallet ?? "", $0.asset) < ($1.wallet ?? "", $1.asset) }
        var out = Portfolio(rows: [], totalValueUsd: .zero, totalBasisUsd: .zero, basisIncomplete: false, unpriced: [],
                            method: method, perWallet: perWallet)
        for k in keys {
            let ls = groups[k] ?? []
            let amount = try ls.map(\.quantity).sum()
            let basis = ls.allSatisfy { $0.basisUsd != nil } ? try ls.compactMap(\.basisUsd).sum() : nil
            let price = prices.latest(of: k.asset, at: now)
            let value = try price.map { try $0.usd * amount }
            let gain = try value.flatMap { v in try basis.map { try v - $0 } }
            if let v = value { try out.totalValueUsd += v } else { out.unpriced.append(k.asset) }
            if let b = basis, value != nil { try out.totalBasisUsd += b } else if value != nil { out.basisIncomplete = true }
            out.rows.append(Row(wallet: k.wallet, asset: k.asset, amount: amount, basisUsd: basis, price: price,
                                valueUsd: value, unrealizedUsd: gain))
        }
        return out
    }
}

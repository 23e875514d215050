import Foundation

/// What farming each project has been worth so far: received, realized, expected, costs, net, ROI.
///
/// Attribution (simple on purpose, and stated in `airledger value`):
/// - Received: the project's claims. At receipt: quantity x fair market value (the claim's price);
///   now: quantity x the token's price now by the one price rule (`PriceRule.latest`: the latest
///   price at or before now from the table, claims or trades). Claims without a price are counted
///   and flagged.
/// - Sold: sales of a token are attributed to the project(s) that airdropped it (split by claimed
///   quantity when several did), up to the quantity claimed; bought units sold beyond that are not
///   farming income and stay out. Proceeds = price x quantity - sale fee, pro rata. Realized =
///   proceeds - their share of the claims' value at receipt (the average per claimed unit), so
///   realized is the gain or loss since receipt, not lot-exact tax figures (`portfolio`/tax do that).
/// - Held now: claimed - sold - moved out of the wallets in scope, at the latest price.
/// - Expected: the estimate's expected value for projects with activity and no claim.
/// - Costs: fees logged on the project's activity plus the claims' fees.
/// - Net = proceeds + held now + expected - costs (what the project brought in, sold or not);
///   ROI = net / costs. A figure that needs a missing price is nil, never zero.
public struct ProjectValue: Sendable, Hashable {
    public let projectSlug: String
    public let token: AssetSymbol?
    public let claimedQuantity: Quantity
    public let receivedAtReceiptUsd: Quantity?
    public let receivedNowUsd: Quantity?
    public let soldQuantity: Quantity
    public let proceedsUsd: Quantity
    public let realizedUsd: Quantity?
    public let heldQuantity: Quantity
    public let heldNowUsd: Quantity?
    public let expectedUsd: Quantity
    public let costsUsd: Quantity
    public let netUsd: Quantity?
    public let roi: Quantity?
    public let unpricedClaims: Int
    /// The token's price used for "now", with its date and source; nil when the ledger has none.
    public let nowPrice: PriceRule.Priced?

    /// One row per project that has claims in `movements`, or an entry in `expected` or `costs`, by slug.
    /// `movements` are the ones in scope (one wallet's, or all); `now` picks the latest prices.
    public static func report(movements: [Movement], prices: PriceRule, now: Instant,
                              expected: [String: Quantity], costs: [String: Quantity],
                              inScope: (Int64) -> Bool = { _ in true }) throws(AmountError) -> [ProjectValue] {
        // Shares are quotients: they and the figures split by them keep `EstimateEngine.scale`
        // digits, rounded half away from zero; everything else is exact.
        let scale = EstimateEngine.scale
        let claims = movements.filter { $0.kind == .claim && $0.at <= now && $0.projectSlug != nil && inScope($0.walletId) }
        var claimedByAsset: [AssetSymbol: Quantity] = [:]
        for c in claims { try claimedByAsset[c.amount.asset, default: .zero] += c.amount.quantity }
        var soldByAsset: [AssetSymbol: (qty: Quantity, proceeds: Quantity)] = [:]
        var movedOut: [AssetSymbol: Quantity] = [:]
        for m in movements where m.at <= now && inScope(m.walletId) {
            if m.kind == .sell, let p = m.priceUsd {
                let s = soldByAsset[m.amount.asset] ?? (.zero, .zero)
                soldByAsset[m.amount.asset] = (try s.qty + m.amount.quantity,
                                               try s.proceeds + p * m.amount.quantity - (m.feeUsd ?? .zero))
            } else if m.kind == .transfer, let to = m.toWalletId, !inScope(to) {
                try movedOut[m.amount.asset, default: .zero] += m.outgoing
            }
        }
        let slugs = Set(claims.compactMap(\.projectSlug)).union(expected.keys).union(costs.keys).sorted()
        return try slugs.map { (slug) throws(AmountError) -> ProjectValue in
            let mine = claims.filter { $0.projectSlug == slug }
            let asset = mine.first?.amount.asset
            let qty = try mine.map(\.amount.quantity).sum()
            let unpriced = mine.filter { $0.priceUsd == nil }.count
            var atReceipt: Quantity?
            if unpriced == 0 {
                var sum = Quantity.zero
                for c in mine { if let p = c.priceUsd { sum = try sum + p * c.amount.quantity } }
                atReceipt = sum
            }
            let nowPrice = asset.flatMap { prices.latest(of: $0, at: now) }
            let latest = nowPrice?.usd
            var sold = Quantity.zero, proceeds = Quantity.zero, out = Quantity.zero
            if let a = asset, let total = claimedByAsset[a], total.isPositive {
                let share = try qty.divided(by: total, scale: scale, rounding: .toNearestOrAwayFromZero)
                if let s = soldByAsset[a], s.qty.isPositive {
                    let attributed = min(s.qty, total)
                    sold = try attributed.multiplied(by: share, scale: scale, rounding: .toNearestOrAwayFromZero)
                    proceeds = try Quantity.product(s.proceeds, attributed, dividedBy: s.qty, scale: scale, rounding: .toNearestOrAwayFromZero)
                        .multiplied(by: share, scale: scale, rounding: .toNearestOrAwayFromZero)
                }
                out = try min(movedOut[a] ?? .zero, total - min(soldByAsset[a]?.qty ?? .zero, total))
                    .multiplied(by: share, scale: scale, rounding: .toNearestOrAwayFromZero)
            }
            let held = max(.zero, try qty - sold - out)
            var realized: Quantity? = sold.isPositive ? nil : .zero
            if qty.isPositive {
                realized = try atReceipt.map { (r) throws(AmountError) in
                    try proceeds - Quantity.product(r, sold, dividedBy: qty, scale: scale, rounding: .toNearestOrAwayFromZero)
                }
            }
            let heldNow: Quantity? = held.isPositive
                ? try latest.map { (p) throws(AmountError) in try p.multiplied(by: held, scale: scale, rounding: .toNearestOrAwayFromZero) }
                : .zero
            let receivedNow: Quantity? = qty.isPositive ? try latest.map { (p) throws(AmountError) in try p * qty } : .zero
            let exp = expected[slug] ?? .zero
            let cost = try (costs[slug] ?? .zero) + mine.compactMap(\.feeUsd).sum()
            let net = try heldNow.map { (h) throws(AmountError) in try proceeds + h + exp - cost }
            let roi = cost.isPositive
                ? try net.map { (n) throws(AmountError) in try n.divided(by: cost, scale: scale, rounding: .toNearestOrAwayFromZero) }
                : nil
            return ProjectValue(
                projectSlug: slug, token: asset, claimedQuantity: qty, receivedAtReceiptUsd: atReceipt, receivedNowUsd: receivedNow,
                soldQuantity: sold, proceedsUsd: proceeds, realizedUsd: realized, heldQuantity: held, heldNowUsd: heldNow,
                expectedUsd: exp, costsUsd: cost, netUsd: net, roi: roi, unpricedClaims: unpriced, nowPrice: nowPrice)
        }
    }
}

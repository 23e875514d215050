/// A piece of a lot still held: the portfolio's cost basis. Made by `TaxEngine.openLots`, which books
/// with the same lot pools as the tax report (so the portfolio and the tax report never disagree).
public struct OpenLot: Sendable, Hashable {
    public var asset: AssetSymbol
    public var walletId: Int64
    public var walletLabel: String
    public var quantity: Quantity
    /// Total USD basis of the remaining quantity; nil when the acquisition had no price.
    public var basisUsd: Quantity?
    public var acquired: Instant
}

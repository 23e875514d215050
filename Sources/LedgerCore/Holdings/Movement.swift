/// A change in what the user holds: tokens claimed, bought, sold, or moved between own wallets.
/// Movements are the input of holdings, the portfolio and the tax engine. They are ordered by time,
/// then by `id` (the order they were recorded in).
public struct Movement: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case claim, buy, sell, transfer
    }

    public var id: Int64
    public var kind: Kind
    /// The wallet that receives (claim, buy), gives (sell) or sends (transfer).
    public var walletId: Int64
    public var walletLabel: String
    /// Transfers only: the receiving wallet.
    public var toWalletId: Int64?
    public var toWalletLabel: String?
    /// Claims only: the project that airdropped.
    public var projectSlug: String?
    public var amount: Amount
    public var at: Instant
    /// USD per token: a claim's fair market value, a trade's price; for a transfer whose fee is paid
    /// in the moved token, the token's price then (the fee is a disposal at that value). nil: unknown.
    public var priceUsd: Quantity?
    /// Where `priceUsd` came from: "given" (typed with the event) or "table" (the price table).
    public var priceSource: String?
    /// Buys and sells (and claims): the fee in USD. A buy's fee adds to basis; a sell's reduces proceeds.
    public var feeUsd: Quantity?
    /// Transfers only: network fee paid in the moved token; it leaves the sender on top of `amount`.
    public var feeQuantity: Quantity?
    public var txHash: String?

    public init(id: Int64 = 0, kind: Kind, walletId: Int64, walletLabel: String, toWalletId: Int64? = nil,
                toWalletLabel: String? = nil, projectSlug: String? = nil, amount: Amount, at: Instant,
                priceUsd: Quantity? = nil, priceSource: String? = nil, feeUsd: Quantity? = nil,
                feeQuantity: Quantity? = nil, txHash: String? = nil) {
        self.id = id; self.kind = kind; self.walletId = walletId; self.walletLabel = walletLabel
        self.toWalletId = toWalletId; self.toWalletLabel = toWalletLabel; self.projectSlug = projectSlug
        self.amount = amount; self.at = at; self.priceUsd = priceUsd; self.priceSource = priceSource
        self.feeUsd = feeUsd; self.feeQuantity = feeQuantity; self.txHash = txHash
    }

    /// Units leaving `walletId` (sell: amount; transfer: amount + fee; else 0).
    public var outgoing: Quantity {
        get throws(AmountError) {
            switch kind {
            case .sell: amount.quantity
            case .transfer: try amount.quantity + (feeQuantity ?? .zero)
            case .claim, .buy: .zero
            }
        }
    }

    /// Movements in ledger order: time, then recording order.
    public static func ledgerOrder(_ a: Movement, _ b: Movement) -> Bool {
        a.at != b.at ? a.at < b.at : a.id < b.id
    }
}

/// A USD price of one asset at a moment.
public struct PricePoint: Sendable, Hashable {
    public var asset: AssetSymbol
    public var at: Instant
    public var usd: Quantity
    /// "manual" (price set), "import" (price import), or the fetching service ("defillama", "coingecko").
    public var source: String
    /// Fetched prices: when they were fetched.
    public var fetchedAt: Instant?

    public init(asset: AssetSymbol, at: Instant, usd: Quantity, source: String, fetchedAt: Instant? = nil) {
        self.asset = asset; self.at = at; self.usd = usd; self.source = source; self.fetchedAt = fetchedAt
    }

    /// Whether the user set this price (by hand or by import): a fetched price never replaces it.
    public var isUserSet: Bool { source == "manual" || source == "import" }
}

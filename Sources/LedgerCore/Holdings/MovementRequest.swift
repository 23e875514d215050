/// What a caller asks the ledger to record: a claim, buy, sell or transfer, naming its wallets by
/// label and its project by slug. Built by the commands and the importers, recorded by the store's
/// one movement writer, which resolves the names and applies the rules (see `Movement.Kind`).
public struct MovementRequest: Sendable, Hashable {
    public var kind: Movement.Kind
    public var wallet: String
    /// Transfers only: the receiving wallet's label.
    public var toWallet: String?
    /// Claims only: the project that airdropped.
    public var project: String?
    public var amount: Amount
    public var at: Instant
    /// USD per token as given with the event (a claim's fair market value, a trade's price); nil: not given.
    public var priceUsd: Quantity?
    public var feeUsd: Quantity?
    /// Transfers only: network fee paid in the moved token.
    public var feeQuantity: Quantity?
    public var txHash: String?
    /// "cli", "import:csv", "import:etherscan", "import:ledger".
    public var source: String

    public init(kind: Movement.Kind, wallet: String, toWallet: String? = nil, project: String? = nil, amount: Amount,
                at: Instant, priceUsd: Quantity? = nil, feeUsd: Quantity? = nil, feeQuantity: Quantity? = nil,
                txHash: String? = nil, source: String = "cli") {
        self.kind = kind; self.wallet = wallet; self.toWallet = toWallet; self.project = project; self.amount = amount
        self.at = at; self.priceUsd = priceUsd; self.feeUsd = feeUsd; self.feeQuantity = feeQuantity
        self.txHash = txHash; self.source = source
    }
}

/// A recorded movement and what recording it changed besides the movement itself.
public struct ClaimOutcome: Sendable {
    /// As stored, its price resolved by `PriceBook.pricing(_:)` (so nil means the ledger has no price).
    public var movement: Movement
    /// A claim set its project's token (the project had none).
    public var setProjectToken: Bool
    /// A claim marked the matching unclaimed allocation claimed.
    public var claimedAllocation: Bool

    public init(movement: Movement, setProjectToken: Bool, claimedAllocation: Bool) {
        self.movement = movement; self.setProjectToken = setProjectToken; self.claimedAllocation = claimedAllocation
    }
}

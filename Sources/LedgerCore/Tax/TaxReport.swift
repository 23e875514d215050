/// The result of `TaxEngine.report`: everything the summary and the exports need, for one tax year,
/// plus the booking history up to the end of that year (for ledger-style exports such as beancount).
///
/// Every amount is an exact `Quantity` in USD unless named otherwise; nothing is rounded here.
public struct TaxReport: Sendable, Hashable {
    public var year: Int
    public var policy: TaxPolicy

    /// Airdrop income received in `year` (empty under the zero-basis policy), in ledger order.
    public var income: [IncomeItem]
    public var incomeTotal: Quantity
    /// USD income per asset symbol, sorted by symbol.
    public var incomeByAsset: [Subtotal]
    /// USD income per project slug, sorted by slug.
    public var incomeByProject: [Subtotal]

    /// Every lot fraction disposed of in `year`, in ledger order (one event may match several lots).
    public var disposals: [LotMatch]
    /// Number of disposal events in `year`: sales and transfer-fee disposals, not lot fractions.
    public var disposalEvents: Int
    public var shortTerm: TermTotals
    public var longTerm: TermTotals

    /// Farming costs of `year`: USD fees logged on activities and on claims, by project. Not deducted.
    public var farmingCostsTotal: Quantity
    public var farmingCostsByProject: [Subtotal]
    /// Activities of `year` with a fee but no USD value: left out of the farming costs.
    public var unpricedFarmingFees: Int

    /// The booking from the first movement to the end of `year`: every lot made, every lot fraction
    /// disposed of (all years), and every lot fraction moved between wallets (per-wallet basis only).
    public var history: TaxHistory

    public init(year: Int, policy: TaxPolicy, income: [IncomeItem], incomeTotal: Quantity, incomeByAsset: [Subtotal],
                incomeByProject: [Subtotal], disposals: [LotMatch], disposalEvents: Int, shortTerm: TermTotals,
                longTerm: TermTotals, farmingCostsTotal: Quantity, farmingCostsByProject: [Subtotal],
                unpricedFarmingFees: Int, history: TaxHistory) {
        self.year = year; self.policy = policy; self.income = income; self.incomeTotal = incomeTotal
        self.incomeByAsset = incomeByAsset; self.incomeByProject = incomeByProject; self.disposals = disposals
        self.disposalEvents = disposalEvents; self.shortTerm = shortTerm; self.longTerm = longTerm
        self.farmingCostsTotal = farmingCostsTotal; self.farmingCostsByProject = farmingCostsByProject
        self.unpricedFarmingFees = unpricedFarmingFees; self.history = history
    }

    /// Short-term plus long-term.
    public var total: TermTotals {
        get throws(AmountError) {
            TermTotals(proceeds: try shortTerm.proceeds + longTerm.proceeds, costBasis: try shortTerm.costBasis + longTerm.costBasis,
                       gain: try shortTerm.gain + longTerm.gain)
        }
    }
}

/// A labelled USD sum ("STRK" -> 2000, "starknet" -> 2000).
public struct Subtotal: Sendable, Hashable {
    public var key: String
    public var usd: Quantity
    public init(key: String, usd: Quantity) { self.key = key; self.usd = usd }
}

/// Proceeds, cost basis and gain (proceeds - basis; negative for a loss).
public struct TermTotals: Sendable, Hashable {
    public var proceeds: Quantity
    public var costBasis: Quantity
    public var gain: Quantity
    public init(proceeds: Quantity = .zero, costBasis: Quantity = .zero, gain: Quantity = .zero) {
        self.proceeds = proceeds; self.costBasis = costBasis; self.gain = gain
    }
    public static let zero = TermTotals()
}

/// Holding period class of a disposed lot fraction.
public enum HoldingTerm: String, Sendable, Hashable, Codable {
    /// Held one year or less (Form 8949 Part I).
    case short
    /// Held more than one year (Form 8949 Part II).
    case long
}

/// What made a disposal.
public enum DisposalKind: String, Sendable, Hashable, Codable {
    /// A sale of tokens for USD.
    case sell
    /// A network fee paid in the moved token on a transfer between own wallets.
    case fee
}

/// How a lot was acquired.
public enum LotSource: String, Sendable, Hashable, Codable {
    case claim, buy
}

/// One airdrop claim counted as income.
public struct IncomeItem: Sendable, Hashable {
    public var movementId: Int64
    public var at: Instant
    /// The day of the claim in the policy's time zone.
    public var date: CivilDate
    public var amount: Amount
    /// Fair market value of one token when received.
    public var priceUsd: Quantity
    /// amount x priceUsd.
    public var usd: Quantity
    public var projectSlug: String?
    public var walletLabel: String
    public var txHash: String?
}

/// A lot: the units one claim or buy brought in, with their cost basis.
public struct TaxLot: Sendable, Hashable {
    /// Sequence number in booking order (1, 2, ...): stable, used as the lot's label.
    public var id: Int
    public var movementId: Int64
    public var source: LotSource
    public var amount: Amount
    /// Total cost basis in USD (claim: FMV or 0; buy: amount x price + fee).
    public var costBasis: Quantity
    public var acquiredAt: Instant
    /// The day of acquisition in the policy's time zone.
    public var acquired: CivilDate
    public var walletLabel: String
    public var projectSlug: String?
}

/// One lot fraction disposed of: the unit of Form 8949 rows and of the JSON `disposals`.
public struct LotMatch: Sendable, Hashable {
    public var kind: DisposalKind
    /// The sell or transfer that disposed of it.
    public var movementId: Int64
    public var amount: Amount
    /// The wallet that sold (or paid the network fee).
    public var walletLabel: String
    /// The lot consumed (`TaxLot.id`) and the wallet whose pool held it (differs from `walletLabel`
    /// under the universal basis when another wallet acquired it).
    public var lotId: Int
    public var lotWalletLabel: String
    public var acquiredAt: Instant
    public var acquired: CivilDate
    public var disposedAt: Instant
    public var disposed: CivilDate
    public var proceeds: Quantity
    public var costBasis: Quantity
    public var gain: Quantity
    public var term: HoldingTerm
    public var txHash: String?
}

/// A lot fraction moved between wallets by a transfer (per-wallet basis): same basis, same dates.
public struct LotMove: Sendable, Hashable {
    public var movementId: Int64
    public var lotId: Int
    public var amount: Amount
    public var costBasis: Quantity
    public var acquiredAt: Instant
    public var acquired: CivilDate
    public var fromWalletLabel: String
    public var toWalletLabel: String
}

/// The booking from the first movement to the end of the report's year.
public struct TaxHistory: Sendable, Hashable {
    /// Movements booked, in ledger order.
    public var movements: [Movement]
    public var lots: [TaxLot]
    /// Disposed lot fractions of every year up to the report's, in ledger order.
    public var disposals: [LotMatch]
    public var moves: [LotMove]
}

/// The lenses the estimator looks through (see `EstimateEngine` for what each computes), in the
/// order every output shows them. The engine, the backtest and the CLI's columns all read this
/// enumeration: a new lens is a case here plus its computation in `EstimateEngine.averageLenses`
/// (or per wallet, like the points share). The switches below make the compiler ask, for a new case,
/// whether the backtest can score it; the tests check every lens that says yes is computed and scored.
public enum Lens: String, CaseIterable, Sendable, Hashable {
    case likeArbitrum = "like-arbitrum"
    case likeUniswap = "like-uniswap"
    case categoryMedian = "category-median"
    case allMedian = "all-median"
    case valuationModel = "valuation-model"
    case pointsShare = "points-share"

    /// The stable name in tables, JSON and explanations.
    public var name: String { rawValue }

    /// A short description for people.
    public var title: String {
        switch self {
        case .likeArbitrum: "like Arbitrum"
        case .likeUniswap: "like Uniswap"
        case .categoryMedian: "median of the category"
        case .allMedian: "median of all benchmarks"
        case .valuationModel: "valuation model"
        case .pointsShare: "points share"
        }
    }

    /// The benchmark a comparable lens takes as it is ("if it is like Arbitrum"); nil for the others.
    public var comparable: String? {
        switch self {
        case .likeArbitrum: "arbitrum"
        case .likeUniswap: "uniswap"
        case .categoryMedian, .allMedian, .valuationModel, .pointsShare: nil
        }
    }

    /// Computed per average recipient from a project's pre-launch facts and the benchmarks, so the
    /// leave-one-out backtest can score it alone. The points share is per wallet: it needs the
    /// wallet's points and the project's points pool, which no benchmark records.
    public var isPerAverageRecipient: Bool {
        switch self {
        case .likeArbitrum, .likeUniswap, .categoryMedian, .allMedian, .valuationModel: true
        case .pointsShare: false
        }
    }

    /// The lenses the backtest scores, in order.
    public static var backtested: [Lens] { allCases.filter(\.isPerAverageRecipient) }
}

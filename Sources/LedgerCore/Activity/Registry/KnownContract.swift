/// One well-known contract on one chain: an official bridge, a DEX router, an airdrop distributor.
/// Rows of `known-contracts.csv`, with where each fact came from and how sure it is.
public struct KnownContract: Sendable, Hashable {
    /// What the contract is for, as the registry spells it (`dex-router`, `bridge`, ...).
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case bridge
        case dexRouter = "dex-router"
        case claim
        case staking
        case other

        /// The activity a call to this contract is, before any method-name refinement. A claim is not an
        /// activity kind: a call to a distributor is `other` (its fee is still a cost), and the tokens it
        /// pays out are a claim, recorded apart.
        public var activityKind: Activity.Kind {
            switch self {
            case .bridge: .bridge
            case .dexRouter: .swap
            case .staking: .stake
            case .claim, .other: .other
            }
        }
    }

    public enum Confidence: String, Sendable, CaseIterable, Codable, Comparable {
        case low, medium, high

        private var rank: Int {
            switch self {
            case .low: 0
            case .medium: 1
            case .high: 2
            }
        }
        public static func < (a: Confidence, b: Confidence) -> Bool { a.rank < b.rank }
    }

    /// Chain name as in `Chains` ("ethereum", "scroll").
    public let chain: String
    /// Canonical address: lower-case hex (Starknet felts without leading zeros after 0x).
    public let address: String
    /// The project this contract counts for ("scroll", "uniswap").
    public let projectSlug: String
    public let kind: Kind
    public let name: String
    public let confidence: Confidence
    /// Where the fact comes from (URLs separated by " ; ").
    public let source: String

    public init(chain: String, address: String, projectSlug: String, kind: Kind, name: String,
                confidence: Confidence, source: String) {
        self.chain = chain
        self.address = KnownContracts.canonicalAddress(address, chain: chain)
        self.projectSlug = projectSlug
        self.kind = kind
        self.name = name
        self.confidence = confidence
        self.source = source
    }
}

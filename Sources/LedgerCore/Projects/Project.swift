import Foundation

/// A project the user farms (or watches): what it is, where it stands, and the user's estimation
/// overrides. Slugs are lower-case identifiers: "starknet", "layerzero".
public struct Project: Sendable, Hashable {
    public enum Status: String, Sendable, CaseIterable, Codable {
        case confirmed, likely, possible, speculative, launched, ended
    }

    public enum Category: String, Sendable, CaseIterable, Codable {
        case L1, L2, DeFi, infra, NFT, other

        /// Case-insensitive lookup ("defi" -> .DeFi).
        public init?(loose text: String) {
            guard let c = Category.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
            self = c
        }
    }

    public var id: Int64
    public var slug: String
    public var name: String
    public var status: Status
    /// Status as of the 2024 watchlist (bundled projects only).
    public var status2024: Status?
    public var category: Category
    public var token: AssetSymbol?
    public var airdropDate: CivilDate?
    public var techScore: Int?
    public var raisedUsd: Quantity?
    public var valuationUsd: Quantity?
    public var narratives: [String]
    public var competitors: [String]
    public var investors: [String]
    public var notes: String?
    /// Estimation overrides.
    public var probability: Quantity?
    public var airdropShare: Quantity?
    public var expectedRecipients: Quantity?
    public var expectedFdvUsd: Quantity?
    public var pointsPool: Quantity?
    public var totalPoints: Quantity?
    /// Total token supply (turns a points pool given in tokens into a share of supply).
    public var totalSupply: Quantity?
    /// "watchlist" for bundled projects, "user" for projects the user added.
    public var origin: String

    public init(id: Int64 = 0, slug: String, name: String, status: Status, status2024: Status? = nil,
                category: Category, token: AssetSymbol? = nil, airdropDate: CivilDate? = nil,
                techScore: Int? = nil, raisedUsd: Quantity? = nil, valuationUsd: Quantity? = nil,
                narratives: [String] = [], competitors: [String] = [], investors: [String] = [],
                notes: String? = nil, probability: Quantity? = nil, airdropShare: Quantity? = nil,
                expectedRecipients: Quantity? = nil, expectedFdvUsd: Quantity? = nil,
                pointsPool: Quantity? = nil, totalPoints: Quantity? = nil, totalSupply: Quantity? = nil, origin: String = "user") {
        self.id = id; self.slug = slug; self.name = name; self.status = status; self.status2024 = status2024
        self.category = category; self.token = token; self.airdropDate = airdropDate; self.techScore = techScore
        self.raisedUsd = raisedUsd; self.valuationUsd = valuationUsd; self.narratives = narratives
        self.competitors = competitors; self.investors = investors; self.notes = notes
        self.probability = probability; self.airdropShare = airdropShare; self.expectedRecipients = expectedRecipients
        self.expectedFdvUsd = expectedFdvUsd; self.pointsPool = pointsPool; self.totalPoints = totalPoints
        self.totalSupply = totalSupply
        self.origin = origin
    }
}

public enum ProjectSlug {
    /// 1 to 40 lower-case letters, digits or '-', starting with a letter or digit.
    public static func validate(_ text: String) throws(ProjectError) -> String {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard (1...40).contains(t.count),
              t.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }),
              t.first != "-"
        else { throw .badSlug(text) }
        return t
    }
}

public enum ProjectError: Error, Equatable, Sendable, CustomStringConvertible {
    case badSlug(String)
    case badStatus(String)
    case badCategory(String)
    case badTechScore(String)
    case badProbability(String)

    public var description: String {
        switch self {
        case .badSlug(let t):
            "'\(t)' is not a usable project slug: use 1 to 40 lower-case letters, digits or '-' (e.g. layerzero)"
        case .badStatus(let t):
            "'\(t)' is not a project status: use one of \(Project.Status.allCases.map(\.rawValue).joined(separator: ", "))"
        case .badCategory(let t):
            "'\(t)' is not a project category: use one of \(Project.Category.allCases.map(\.rawValue).joined(separator: ", "))"
        case .badTechScore(let t):
            "tech score '\(t)' must be a whole number from 0 to 100"
        case .badProbability(let t):
            "probability '\(t)' must be a decimal from 0 to 1 (e.g. 0.35)"
        }
    }
}

/// A ledger entry's short stable id: its kind's prefix and its row number (`c12` a claim, `a381` an
/// activity). The number is the row's id in its table and never changes or is reused while the row
/// lives, so an id printed by a creating command or a listing can be typed into `edit` and `remove`.
public struct EntryId: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// What an entry is; the prefix of its id. Claims, buys, sells and transfers share the movement
    /// table (one number space), so `c12` and `b12` can never both exist.
    public enum Kind: String, Sendable, CaseIterable {
        case activity, claim, buy, sell, transfer, allocation, pointsReading, price

        public var prefix: String {
            switch self {
            case .activity: "a"
            case .claim: "c"
            case .buy: "b"
            case .sell: "s"
            case .transfer: "t"
            case .allocation: "al"
            case .pointsReading: "pt"
            case .price: "pr"
            }
        }

        /// As people say it: "points reading".
        public var noun: String {
            switch self {
            case .pointsReading: "points reading"
            case .buy: "purchase"
            case .sell: "sale"
            default: rawValue
            }
        }

        public init(_ movement: Movement.Kind) {
            switch movement {
            case .claim: self = .claim
            case .buy: self = .buy
            case .sell: self = .sell
            case .transfer: self = .transfer
            }
        }

        /// The movement kind of a claim, buy, sell or transfer id; nil for the other kinds.
        public var movementKind: Movement.Kind? {
            switch self {
            case .claim: .claim
            case .buy: .buy
            case .sell: .sell
            case .transfer: .transfer
            default: nil
            }
        }
    }

    public let kind: Kind
    public let number: Int64

    public init(_ kind: Kind, _ number: Int64) {
        self.kind = kind; self.number = number
    }

    public var description: String { kind.prefix + String(number) }

    /// Parses `c12`, `A381`, `pt7`: a known prefix (any case) and a positive number without sign or
    /// leading zero. nil for anything else (the caller names the value and the prefixes).
    public init?(parsing text: String) {
        let lower = text.lowercased()
        let letters = lower.prefix { $0 >= "a" && $0 <= "z" }
        let digits = lower.dropFirst(letters.count)
        guard let kind = Kind.allCases.first(where: { $0.prefix == letters }), !digits.isEmpty, digits.count <= 18,
              digits.allSatisfy({ $0 >= "0" && $0 <= "9" }), digits.first != "0", let n = Int64(digits) else { return nil }
        self.init(kind, n)
    }

    /// The prefixes, for messages: "a (activity), c (claim), ...".
    public static var prefixList: String {
        Kind.allCases.map { "\($0.prefix) (\($0.noun))" }.joined(separator: ", ")
    }

    public static func < (a: EntryId, b: EntryId) -> Bool {
        (a.kind.prefix, a.number) < (b.kind.prefix, b.number)
    }
}

extension Movement {
    /// This movement's entry id (`c12`, `b13`, `s14`, `t15`).
    public var entryId: EntryId { EntryId(EntryId.Kind(kind), id) }
}

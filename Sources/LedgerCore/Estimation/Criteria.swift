import Foundation

/// An airdrop's eligibility rules as data: point rules, penalties, a points-to-tokens table and an
/// optional time weighting (Arbitrum's post-Nitro halving). Read from a JSON criteria file whose
/// format is documented in `Reference/Data/criteria-format.md` (`Criteria.formatDocumentation`).
/// Bundled: `arbitrum-2023` (exactly as published) and `starknet-2024` (the user thresholds).
public struct Criteria: Sendable, Hashable {
    /// What a rule measures on a `WalletActivitySummary`.
    public enum Metric: String, Sendable, Hashable, CaseIterable {
        case bridged, transactions, activeDays, activeWeeks, activeMonths
        case volumeUsd, bridgedUsd, feesUsd, points, allActivityWithinHours

        /// Metrics compared with a whole-number threshold.
        var isCount: Bool {
            switch self {
            case .transactions, .activeDays, .activeWeeks, .activeMonths, .allActivityWithinHours: true
            default: false
            }
        }
    }

    /// A point rule or a penalty. A rule earns `points` when its condition holds; a penalty
    /// (negative `points`) is applied when its condition holds.
    public struct Rule: Sendable, Hashable {
        public var id: String
        public var text: String
        public var metric: Metric
        /// nil for `bridged` (any bridge). For `allActivityWithinHours`: the hours.
        public var threshold: Quantity?
        /// true: "more than" the threshold; false: "at least".
        public var strict: Bool
        public var points: Int
        /// A required rule must hold for any allocation, whatever the points.
        public var required: Bool
        /// 1-based line of the rule in its file (0 when built in code).
        public var line: Int

        public init(id: String, text: String = "", metric: Metric, threshold: Quantity? = nil, strict: Bool = false,
                    points: Int = 1, required: Bool = false, line: Int = 0) {
            self.id = id; self.text = text; self.metric = metric; self.threshold = threshold; self.strict = strict
            self.points = points; self.required = required; self.line = line
        }
    }

    public struct Tier: Sendable, Hashable {
        public var points: Int
        public var tokens: Quantity
        public init(points: Int, tokens: Quantity) { self.points = points; self.tokens = tokens }
    }

    /// Points earned from `from` on are worth `factor` of the allocation; when the minimum was
    /// reached only from `from` on, all points are weighted (Arbitrum: after Nitro, half).
    public struct TimeWeight: Sendable, Hashable {
        public var from: Instant
        public var factor: Quantity
        public var text: String
        public init(from: Instant, factor: Quantity, text: String = "") { self.from = from; self.factor = factor; self.text = text }
    }

    /// Assumptions used to price "the cheapest next step".
    public struct StepCosts: Sendable, Hashable {
        /// Fee of one transaction when the wallet's own average fee is unknown.
        public var feePerTransactionUsd: Quantity
        /// Cost of moving one USD of volume or bridged value (swap/bridge fees, slippage).
        public var costPerUsdMoved: Quantity
        /// 0.50 USD a transaction; 0.3% of the USD moved (a typical swap fee).
        public static let standard = StepCosts(feePerTransactionUsd: Quantity(significand: 5, fractionDigits: 1),
                                               costPerUsdMoved: Quantity(significand: 3, fractionDigits: 3))
        public init(feePerTransactionUsd: Quantity, costPerUsdMoved: Quantity) {
            self.feePerTransactionUsd = feePerTransactionUsd; self.costPerUsdMoved = costPerUsdMoved
        }
    }

    public var name: String
    public var project: String?
    public var token: String?
    public var source: String
    public var snapshot: CivilDate?
    public var minimumPoints: Int
    public var maximumPoints: Int?
    public var rules: [Rule]
    public var penalties: [Rule]
    /// Ascending by points; empty when no table was published.
    public var tiers: [Tier]
    public var timeWeight: TimeWeight?
    public var stepCosts: StepCosts
    public var notModelled: [String]

    public init(name: String, project: String? = nil, token: String? = nil, source: String = "", snapshot: CivilDate? = nil,
                minimumPoints: Int, maximumPoints: Int? = nil, rules: [Rule], penalties: [Rule] = [], tiers: [Tier] = [],
                timeWeight: TimeWeight? = nil, stepCosts: StepCosts = .standard, notModelled: [String] = []) {
        self.name = name; self.project = project; self.token = token; self.source = source; self.snapshot = snapshot
        self.minimumPoints = minimumPoints; self.maximumPoints = maximumPoints; self.rules = rules
        self.penalties = penalties; self.tiers = tiers.sorted { $0.points < $1.points }; self.timeWeight = timeWeight
        self.stepCosts = stepCosts; self.notModelled = notModelled
    }

    /// Tokens for `points` from the table (the highest tier at or below), before any time weight;
    /// 0 below the minimum; nil when no table was published.
    public func tokens(forPoints points: Int) -> Quantity? {
        guard !tiers.isEmpty else { return nil }
        guard points >= minimumPoints else { return .zero }
        return tiers.last(where: { $0.points <= points })?.tokens ?? .zero
    }

    /// The tier (its points) that `points` falls in; nil below the minimum or without a table.
    public func tier(forPoints points: Int) -> Int? {
        guard points >= minimumPoints else { return nil }
        return tiers.last(where: { $0.points <= points })?.points ?? (tiers.isEmpty ? minimumPoints : nil)
    }

    // MARK: bundled files

    /// Names of the bundled criteria files (`criteria-NAME.json` in Reference/Data).
    public static let bundledNames = ["arbitrum-2023", "starknet-2024"]

    /// The bundled criteria `name` (e.g. "arbitrum-2023"), or nil when there is none by that name.
    public static func bundled(named name: String) throws(CriteriaError) -> Criteria? {
        let text: String
        switch name.lowercased() {
        case "arbitrum-2023": text = ReferenceData.criteriaArbitrum2023Json
        case "starknet-2024": text = ReferenceData.criteriaStarknet2024Json
        default: return nil
        }
        return try parse(json: text, file: "criteria-\(name.lowercased()).json")
    }

    /// The criteria file format, in Markdown (for help output and docs/manual.md).
    public static var formatDocumentation: String { ReferenceData.criteriaFormatMd }
}

/// A bad criteria file: `FILE:LINE:COLUMN: message`, naming the key or rule and the fix.
public typealias CriteriaError = FileIssue

extension Criteria {
    static let topKeys = ["format", "name", "project", "token", "source", "snapshot", "minimumPoints", "maximumPoints",
                          "rules", "penalties", "tiers", "timeWeight", "stepCosts", "notModelled"]
    static let ruleKeys = ["id", "rule", "text", "atLeast", "moreThan", "hours", "points", "required"]

    /// Parses a criteria file. Every error carries `file`, the line and column of the offending key
    /// or value, and says what to write instead. Unknown keys and unknown rules are errors (a typo
    /// must not silently drop a rule).
    public static func parse(json text: String, file: String) throws(CriteriaError) -> Criteria {
        let r = CriteriaReader(file: file)
        let root: JSONNode
        do { root = try JSONNode.parse(text) } catch {
            throw CriteriaError(file: file, line: error.line, column: error.column, message: "not valid JSON: \(error.message)")
        }
        guard case .object = root.value else { throw r.fail(root, "a criteria file is one JSON object ({ ... }), found \(root.typeName)") }
        let top = try r.members(of: root, allowed: topKeys, what: "the criteria file")
        if let f = top["format"] {
            let v = try r.string(f)
            guard v == "airledger-criteria/1" else { throw r.fail(f.value, "format \"\(v)\" is not supported: write \"airledger-criteria/1\"") }
        }
        guard let nameM = top["name"] else { throw r.fail(root, "the criteria file needs a \"name\"") }
        // Sections are read in a fixed order, so which error is reported first does not depend on the readers.
        let name = try r.string(nameM)
        let (minimum, maximum) = try r.pointsRange(top, root: root)
        let rules = try r.rules(top["rules"], penalty: false)
        let penalties = try r.rules(top["penalties"], penalty: true)
        if penalties.contains(where: \.required) {
            throw r.fail(top["penalties"]?.value ?? root, "penalties cannot be \"required\"")
        }
        let tiers = try r.tiers(top["tiers"], minimum: minimum)
        let timeWeight = try r.timeWeight(top["timeWeight"])
        let costs = try r.stepCosts(top["stepCosts"])
        let snapshot = try r.snapshot(top["snapshot"])
        let notModelled = try r.notModelled(top["notModelled"])
        return Criteria(
            name: name, project: try r.optionalString(top["project"]), token: try r.optionalString(top["token"]),
            source: try r.optionalString(top["source"]) ?? "", snapshot: snapshot, minimumPoints: minimum,
            maximumPoints: maximum, rules: rules, penalties: penalties, tiers: tiers, timeWeight: timeWeight,
            stepCosts: costs, notModelled: notModelled)
    }
}

/// The readers of `Criteria.parse`, one per section of the file; each error is located in `file`.
private struct CriteriaReader {
    let file: String

    func fail(_ n: JSONNode, _ m: String) -> CriteriaError { CriteriaError(file: file, line: n.line, column: n.column, message: m) }
    func failAt(_ m: JSONNode.Member, _ msg: String) -> CriteriaError { CriteriaError(file: file, line: m.line, column: m.column, message: msg) }

    // MARK: values

    func members(of node: JSONNode, allowed: [String], what: String) throws(CriteriaError) -> [String: JSONNode.Member] {
        guard case .object(let ms) = node.value else { throw fail(node, "\(what) must be an object, found \(node.typeName)") }
        var out: [String: JSONNode.Member] = [:]
        for m in ms {
            guard allowed.contains(m.key) else {
                throw failAt(m, "unknown key \"\(m.key)\" in \(what): use one of \(allowed.joined(separator: ", "))")
            }
            guard out[m.key] == nil else { throw failAt(m, "key \"\(m.key)\" appears twice in \(what)") }
            out[m.key] = m
        }
        return out
    }
    func string(_ m: JSONNode.Member) throws(CriteriaError) -> String {
        guard case .string(let s) = m.value.value else { throw fail(m.value, "\"\(m.key)\" must be a string, found \(m.value.typeName)") }
        return s
    }
    func optionalString(_ m: JSONNode.Member?) throws(CriteriaError) -> String? {
        guard let m else { return nil }
        return try string(m)
    }
    func int(_ m: JSONNode.Member) throws(CriteriaError) -> Int {
        guard case .number(let t) = m.value.value, let v = Int(t) else {
            throw fail(m.value, "\"\(m.key)\" must be a whole number such as 3")
        }
        return v
    }
    func decimal(_ m: JSONNode.Member) throws(CriteriaError) -> Quantity {
        let t: String
        switch m.value.value {
        case .string(let s): t = s
        case .number(let s): t = s
        default: throw fail(m.value, "\"\(m.key)\" must be a decimal such as \"10000\" or 0.5")
        }
        guard let q = try? Quantity(parsing: t), !q.isNegative else {
            throw fail(m.value, "\"\(m.key)\" '\(t)' is not a non-negative plain decimal (no exponent): write e.g. \"10000\"")
        }
        return q
    }

    // MARK: sections

    func pointsRange(_ top: [String: JSONNode.Member], root: JSONNode) throws(CriteriaError) -> (Int, Int?) {
        guard let minM = top["minimumPoints"] else { throw fail(root, "the criteria file needs \"minimumPoints\" (the points needed to be eligible)") }
        let minimum = try int(minM)
        if minimum < 0 { throw fail(minM.value, "\"minimumPoints\" is \(minimum): points needed cannot be negative; write 0 or more") }
        guard let m = top["maximumPoints"] else { return (minimum, nil) }
        let v = try int(m)
        guard v > 0 else { throw fail(m.value, "\"maximumPoints\" is \(v): a cap on points must be above zero (leave it out for no cap)") }
        guard v >= minimum else { throw fail(m.value, "\"maximumPoints\" \(v) is below \"minimumPoints\" \(minimum): no wallet could be eligible") }
        return (minimum, v)
    }

    func rules(_ m: JSONNode.Member?, penalty: Bool) throws(CriteriaError) -> [Criteria.Rule] {
        guard let m else { return [] }
        guard case .array(let items) = m.value.value else { throw fail(m.value, "\"\(m.key)\" must be an array of rule objects") }
        var out: [Criteria.Rule] = []
        for item in items {
            let rule = try self.rule(item, penalty: penalty)
            guard !out.contains(where: { $0.id == rule.id }) else { throw fail(item, "rule id '\(rule.id)' is used twice: ids must be unique") }
            out.append(rule)
        }
        return out
    }

    func rule(_ item: JSONNode, penalty: Bool) throws(CriteriaError) -> Criteria.Rule {
        let r = try members(of: item, allowed: Criteria.ruleKeys, what: penalty ? "a penalty" : "a rule")
        let metrics = Criteria.Metric.allCases.map(\.rawValue).joined(separator: ", ")
        guard let kindM = r["rule"] else { throw fail(item, "every \(penalty ? "penalty" : "rule") needs \"rule\": one of \(metrics)") }
        let kindText = try string(kindM)
        guard let metric = Criteria.Metric(rawValue: kindText) else { throw fail(kindM.value, "unknown rule '\(kindText)': use one of \(metrics)") }
        let id = try optionalString(r["id"]) ?? kindText
        let text = try optionalString(r["text"]) ?? ""
        let points = try r["points"].map { (m) throws(CriteriaError) -> Int in try int(m) } ?? (penalty ? -1 : 1)
        if penalty, points > 0 { throw fail(r["points"]?.value ?? item, "penalty '\(id)' must have negative points, such as -1") }
        var required = false
        if let req = r["required"] {
            guard case .bool(let b) = req.value.value else { throw fail(req.value, "\"required\" must be true or false") }
            required = b
        }
        let (threshold, strict) = try self.threshold(r, item: item, metric: metric, id: id, kindText: kindText)
        return Criteria.Rule(id: id, text: text, metric: metric, threshold: threshold, strict: strict, points: points,
                             required: required, line: kindM.line)
    }

    /// A rule's threshold and whether it is strict (`moreThan`), by the kind of rule.
    func threshold(_ r: [String: JSONNode.Member], item: JSONNode, metric: Criteria.Metric, id: String,
                   kindText: String) throws(CriteriaError) -> (Quantity?, Bool) {
        switch metric {
        case .bridged:
            if let extra = r["atLeast"] ?? r["moreThan"] ?? r["hours"] {
                throw failAt(extra, "rule 'bridged' takes no threshold: use rule 'bridgedUsd' for an amount")
            }
            return (nil, false)
        case .allActivityWithinHours:
            guard let h = r["hours"] else { throw fail(item, "rule 'allActivityWithinHours' needs \"hours\", e.g. 48") }
            let hours = try int(h)
            guard hours > 0 else { throw failAt(h, "\"hours\" is \(hours): a time window must be at least 1 hour, e.g. 48") }
            return (Quantity(exactly: hours), false)
        default:
            if let h = r["hours"] { throw failAt(h, "\"hours\" belongs to rule 'allActivityWithinHours' only") }
            let threshold: Quantity, strict: Bool
            switch (r["atLeast"], r["moreThan"]) {
            case (let a?, nil): threshold = metric.isCount ? Quantity(exactly: try int(a)) : try decimal(a); strict = false
            case (nil, let b?): threshold = metric.isCount ? Quantity(exactly: try int(b)) : try decimal(b); strict = true
            case (_?, let b?): throw failAt(b, "rule '\(id)' has both \"atLeast\" and \"moreThan\": keep one")
            case (nil, nil): throw fail(item, "rule '\(id)' (\(kindText)) needs \"atLeast\" or \"moreThan\"")
            }
            // Counts, volumes and days are never negative: such a threshold is met by every wallet.
            if threshold.isNegative, let m = r["atLeast"] ?? r["moreThan"] {
                throw failAt(m, "rule '\(id)' has a negative threshold (\(threshold)): every wallet would meet it; write 0 or more")
            }
            return (threshold, strict)
        }
    }

    func tiers(_ t: JSONNode.Member?, minimum: Int) throws(CriteriaError) -> [Criteria.Tier] {
        guard let t else { return [] }
        guard case .array(let items) = t.value.value else { throw fail(t.value, "\"tiers\" must be an array of {\"points\": N, \"tokens\": \"X\"}") }
        var tiers: [Criteria.Tier] = []
        for item in items {
            let m = try members(of: item, allowed: ["points", "tokens"], what: "a tier")
            guard let p = m["points"], let k = m["tokens"] else { throw fail(item, "a tier needs \"points\" and \"tokens\"") }
            let tier = Criteria.Tier(points: try int(p), tokens: try decimal(k))
            if let prev = tiers.last, prev.points >= tier.points {
                throw fail(item, "tiers must be in ascending points order (\(tier.points) after \(prev.points))")
            }
            tiers.append(tier)
        }
        if let first = tiers.first, first.points != minimum {
            throw fail(t.value, "the first tier is at \(first.points) points but minimumPoints is \(minimum): make them equal")
        }
        return tiers
    }

    func timeWeight(_ tw: JSONNode.Member?) throws(CriteriaError) -> Criteria.TimeWeight? {
        guard let tw else { return nil }
        let m = try members(of: tw.value, allowed: ["from", "factor", "text"], what: "timeWeight")
        guard let fromM = m["from"], let factorM = m["factor"] else { throw fail(tw.value, "timeWeight needs \"from\" (a date-time) and \"factor\"") }
        let fromText = try string(fromM)
        guard let from = try? Instant(parsing: fromText) else { throw fail(fromM.value, "'\(fromText)' is not a date-time: write 2022-08-31T00:00:00Z") }
        return Criteria.TimeWeight(from: from, factor: try decimal(factorM), text: try optionalString(m["text"]) ?? "")
    }

    func stepCosts(_ sc: JSONNode.Member?) throws(CriteriaError) -> Criteria.StepCosts {
        var costs = Criteria.StepCosts.standard
        guard let sc else { return costs }
        let m = try members(of: sc.value, allowed: ["feePerTransactionUsd", "costPerUsdMoved"], what: "stepCosts")
        if let f = m["feePerTransactionUsd"] { costs.feePerTransactionUsd = try decimal(f) }
        if let c = m["costPerUsdMoved"] { costs.costPerUsdMoved = try decimal(c) }
        return costs
    }

    func snapshot(_ s: JSONNode.Member?) throws(CriteriaError) -> CivilDate? {
        guard let s else { return nil }
        let t = try string(s)
        guard let d = try? CivilDate(parsing: t) else { throw fail(s.value, "snapshot '\(t)' is not a date: write YYYY-MM-DD") }
        return d
    }

    func notModelled(_ nm: JSONNode.Member?) throws(CriteriaError) -> [String] {
        guard let nm else { return [] }
        guard case .array(let items) = nm.value.value else { throw fail(nm.value, "\"notModelled\" must be an array of strings") }
        var out: [String] = []
        for item in items {
            guard case .string(let s) = item.value else { throw fail(item, "\"notModelled\" entries must be strings") }
            out.append(s)
        }
        return out
    }
}

/// What `edit` asks to change in one entry: each field nil when left as it is. A double optional
/// (`Quantity??`) is a field that can also be cleared: `.some(nil)` clears it. Values arrive parsed
/// and checked by the same rules as the commands that create entries; the store applies the rules
/// that need the ledger (wallets, holdings, duplicates) and refuses what they refuse.
public struct EntryEdit: Sendable, Hashable {
    /// The wallet (a transfer's sender).
    public var wallet: String?
    /// A transfer's receiver.
    public var toWallet: String?
    public var project: String?
    public var amount: Amount?
    public var at: Instant?
    public var priceUsd: Quantity??
    public var feeUsd: Quantity??
    /// A transfer's network fee in the moved token.
    public var feeQuantity: Quantity??
    /// Checked against the wallet's chain family by the store.
    public var txHash: String??
    public var activityKind: Activity.Kind?
    public var chain: String?
    public var volume: Amount??
    public var volumeUsd: Quantity??
    /// An activity's fee.
    public var fee: Amount??
    /// An activity's points (clearable) or a points reading's value (`.some(.some)`).
    public var points: Quantity??
    public var note: String??
    public var deadline: CivilDate??
    /// A price's USD value.
    public var usd: Quantity?

    public init() {}

    /// The names of the fields given, as the command's flags say them (for "cannot change ... of a").
    public var givenFields: [String] {
        var out: [String] = []
        if wallet != nil { out.append("wallet") }
        if toWallet != nil { out.append("to") }
        if project != nil { out.append("project") }
        if amount != nil { out.append("amount") }
        if at != nil { out.append("at") }
        if priceUsd != nil { out.append("price-usd") }
        if feeUsd != nil { out.append("fee-usd") }
        if feeQuantity != nil { out.append("fee") }
        if txHash != nil { out.append("tx") }
        if activityKind != nil { out.append("kind") }
        if chain != nil { out.append("chain") }
        if volume != nil { out.append("volume") }
        if volumeUsd != nil { out.append("volume-usd") }
        if fee != nil { out.append("fee") }
        if points != nil { out.append("points") }
        if note != nil { out.append("note") }
        if deadline != nil { out.append("deadline") }
        if usd != nil { out.append("usd") }
        return out
    }

    /// The fields an entry of `kind` has, by flag name.
    public static func fields(of kind: EntryId.Kind) -> [String] {
        switch kind {
        case .claim: ["wallet", "project", "amount", "at", "price-usd", "fee-usd", "tx"]
        case .buy, .sell: ["wallet", "amount", "at", "price-usd", "fee-usd", "tx"]
        case .transfer: ["wallet", "to", "amount", "at", "fee", "tx"]
        case .activity: ["project", "wallet", "kind", "at", "chain", "tx", "volume", "volume-usd", "fee", "fee-usd", "points", "note"]
        case .allocation: ["amount", "deadline"]
        case .pointsReading: ["points", "at"]
        case .price: ["usd", "at"]
        }
    }
}

/// One entry as people read it: its fields by the flag names that set them, values as text (nil
/// for none). What `remove` and `edit` show, before and after.
public struct EntryView: Sendable, Hashable {
    public var id: EntryId
    public var fields: [Field]

    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String?
        public init(_ name: String, _ value: String?) { self.name = name; self.value = value }
    }

    public init(id: EntryId, fields: [Field]) { self.id = id; self.fields = fields }

    public subscript(name: String) -> String? { fields.first { $0.name == name }?.value ?? nil }

    /// One line: "claim c12: wallet main, project starknet, amount 1250 STRK, ..." (empty fields left out).
    public var summary: String {
        "\(id.kind.noun) \(id): " + fields.compactMap { f in f.value.map { "\(f.name) \($0)" } }.joined(separator: ", ")
    }

    /// The fields whose value differs from `other`'s: (name, before, after).
    public func changes(to other: EntryView) -> [(name: String, before: String?, after: String?)] {
        fields.compactMap { f in
            let after = other[f.name]
            return f.value == after ? nil : (f.name, f.value, after)
        }
    }
}

/// What a remove or an edit did (or, in a dry run, would do) to one entry.
public struct EntryChange: Sendable, Hashable {
    public var before: EntryView
    /// nil for a removal.
    public var after: EntryView?
    /// Other rows it changed, as sentences: "allocation al2 is unclaimed again".
    public var notes: [String]

    public init(before: EntryView, after: EntryView?, notes: [String] = []) {
        self.before = before; self.after = after; self.notes = notes
    }
}

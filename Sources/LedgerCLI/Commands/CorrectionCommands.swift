import ArgumentParser
import LedgerCore
import LedgerStore

/// An entry id typed by the user: `c12`, `a381`, ... or a usage error naming the value and the prefixes.
func parseEntryId(_ text: String) throws -> EntryId {
    guard let id = EntryId(parsing: text) else {
        throw CLIError.usage("'\(text)' is not an entry id: an id is a kind prefix and a number, e.g. c12 or a381 (\(EntryId.prefixList)), as the first column of every listing shows")
    }
    return id
}

/// `airledger remove ID...`: entries of any kind, all in one transaction or none.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove entries by id (activity, claim, buy, sell, transfer, allocation, points reading, price).",
        discussion: """
            Ids are the first column of every listing (a12 activity, c3 claim, b4 buy, s5 sale, t6 transfer, al2 allocation, \
            pt1 points reading, pr7 price). All the ids given are removed in one transaction, or none: a removal that would \
            leave a later sale or transfer short (the buy it needs) is refused, naming that entry. Removing a claim makes \
            its allocation unclaimed again. --dry-run shows what would be removed and writes nothing.
            """)
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "Entry ids, e.g. c12 a381.") var ids: [String]
    @Flag(name: .customLong("dry-run"), help: "Show what would be removed; write nothing.") var dryRun = false

    func validate() throws {
        if ids.isEmpty { throw ValidationError("say which entries to remove, e.g. airledger remove c12") }
    }

    func run() throws {
        let parsed = try ids.map(parseEntryId)
        var seen = Set<EntryId>()
        for id in parsed where !seen.insert(id).inserted { throw CLIError.usage("\(id) is given twice") }
        let changes = try ledger.open().removeEntries(parsed, dryRun: dryRun)
        for c in changes {
            Out.data("\(dryRun ? "would remove" : "removed") \(c.before.summary)")
            for n in c.notes { Out.note((dryRun ? "would note: " : "") + n) }
        }
        if dryRun { Out.note("dry run: nothing was changed") }
    }
}

/// `airledger edit ID --FIELD VALUE...`: one entry's fields, with the creating commands' rules.
struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change fields of an entry by id, checked like the command that records it.",
        discussion: """
            Fields by kind: claim --wallet --project --amount --at --price-usd --fee-usd --tx; buy and sell --wallet \
            --amount --at --price-usd --fee-usd --tx; transfer --from --to --amount --at --fee --tx; activity --project \
            --wallet --kind --at --chain --tx --volume --volume-usd --fee --fee-usd --points --note; allocation --amount \
            --deadline; points reading --points --at; price --usd --at. An empty value ("") clears an optional field. \
            A change that would leave a later sale or transfer short (moving a claim after the sale of its tokens) is \
            refused naming that sale. --dry-run shows the change and writes nothing.
            """)
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The entry's id, e.g. c12.") var id: String
    @Option(help: "Wallet label.") var wallet: String?
    @Option(help: "A transfer's sending wallet.") var from: String?
    @Option(help: "A transfer's receiving wallet.") var to: String?
    @Option(help: "Project slug.") var project: String?
    @Option(parsing: .unconditional, help: "e.g. \"1250 ARB\".") var amount: String?
    @Option(help: "When: a date or ISO-8601 date-time.") var at: String?
    @Option(name: .customLong("price-usd"), parsing: .unconditional) var priceUsd: String?
    @Option(name: .customLong("fee-usd"), parsing: .unconditional) var feeUsd: String?
    @Option(parsing: .unconditional, help: "An activity's fee (\"0.0012 ETH\"), a transfer's fee in the moved token.") var fee: String?
    @Option var tx: String?
    @Option(help: "An activity's kind.") var kind: Activity.Kind?
    @Option var chain: String?
    @Option(parsing: .unconditional) var volume: String?
    @Option(name: .customLong("volume-usd"), parsing: .unconditional) var volumeUsd: String?
    @Option(parsing: .unconditional) var points: String?
    @Option var note: String?
    @Option(help: "An allocation's last day to claim, YYYY-MM-DD.") var deadline: String?
    @Option(parsing: .unconditional, help: "A price's USD value.") var usd: String?
    @Flag(name: .customLong("dry-run"), help: "Show the change; write nothing.") var dryRun = false

    func run() throws {
        let entryId = try parseEntryId(id)
        let db = try ledger.open()
        let now = Out.now
        var e = EntryEdit()
        /// A clearable field: "" clears it.
        func clearable<T>(_ text: String?, _ parse: (String) throws -> T) throws -> T?? {
            guard let text else { return nil }
            return text.isEmpty ? .some(nil) : .some(try parse(text))
        }
        if wallet != nil && from != nil { throw CLIError.usage("give the sending wallet once: --from (or --wallet)") }
        e.wallet = from ?? wallet
        e.toWallet = to
        e.project = project
        e.amount = try amount.map { try Amount(parsing: $0) }
        e.at = try at.map { try parseTime($0, now: now) }
        e.priceUsd = try clearable(priceUsd) { try Quantity.positive($0, what: "--price-usd") }
        e.feeUsd = try clearable(feeUsd) { try Quantity.nonNegative($0, what: "--fee-usd") }
        e.txHash = tx.map { $0.isEmpty ? nil : $0 }
        e.activityKind = kind
        e.chain = try chain.map { try Chains.parse($0).name }
        e.volume = try clearable(volume) { try Amount(parsing: $0, what: "--volume") }
        e.volumeUsd = try clearable(volumeUsd) { try Quantity.nonNegative($0, what: "--volume-usd") }
        e.points = try clearable(points) { try Quantity.nonNegative($0, what: "--points") }
        e.note = note.map { $0.isEmpty ? nil : $0 }
        e.deadline = try clearable(deadline) { try CivilDate(parsing: $0) }
        e.usd = try usd.map { try Quantity.positive($0, what: "--usd") }
        if let fee {
            if entryId.kind == .transfer {
                let moved = try e.amount?.asset ?? AssetSymbol(parsing: String((try db.entry(entryId)["amount"] ?? "").split(separator: " ").last ?? ""))
                e.feeQuantity = try clearable(fee) { f in
                    if let q = try? Quantity(parsing: f) { return try Quantity.nonNegative(q.description, what: "--fee") }
                    let a = try Amount(parsing: f, what: "--fee")
                    guard a.asset == moved else {
                        throw CLIError.data("--fee '\(f)' is in \(a.asset) but the transfer moves \(moved): a fee paid in another token is not part of this transfer; log it with `airledger log ... --fee` instead")
                    }
                    return try Quantity.nonNegative(a.quantity.description, what: "--fee")
                }
            } else {
                e.fee = try clearable(fee) { try Amount(parsing: $0, what: "--fee") }
            }
        }
        if e.givenFields.isEmpty {
            throw CLIError.usage("say what to change in \(entryId): it takes \(EntryEdit.fields(of: entryId.kind).map { "--" + $0 }.joined(separator: ", "))")
        }
        let change: EntryChange
        do {
            change = try db.editEntry(entryId, e, dryRun: dryRun)
        } catch let error as NetworkFeeError {
            throw CLIError.data("\(error) If a paymaster took another token, give the fee's USD value with --fee-usd instead.")
        }
        let diffs = change.after.map { change.before.changes(to: $0) } ?? []
        if diffs.isEmpty {
            Out.data("\(entryId): nothing to change (it already has these values)")
        } else {
            Out.data("\(dryRun ? "would change" : "changed") \(change.before.id.kind.noun) \(entryId): "
                + diffs.map { "\($0.name) \($0.before ?? "-") -> \($0.after ?? "-")" }.joined(separator: "; "))
        }
        for n in change.notes { Out.note(n) }
        if dryRun { Out.note("dry run: nothing was changed") }
    }
}

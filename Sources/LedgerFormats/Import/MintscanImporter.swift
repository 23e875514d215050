import LedgerCore

/// Mintscan's CSV export of a Cosmos SDK account (docs/explorer-formats.md, "Mintscan"): the explorer
/// importer (`ExplorerImporter`) for Cosmos wallets.
///
/// What is known of the file, and from where (Fixtures/mintscan/README.md): the columns `type`, `from`,
/// `to`, `txhash`, `amount` and `timestamp`, as a public converter of Mintscan exports to Koinly reads
/// them (devsigner-xyz/mintscan-csv-to-koinly-csv-transformer, a Saga account's export): `amount` in the
/// chain's base denom (usaga: 1 SAGA = 10^6 usaga), sometimes with dots between groups of three digits
/// ("22.000.000"), empty for messages that move nothing; `timestamp` like `2024-12-26 19:36:19`, UTC;
/// `type` one of `Send`, `Receive`, `IBCSend`, `IBCReceive`, `Delegate`, `GetReward`, ... No source
/// names a denom, fee or status column, so:
/// - the chain is the wallet's (its bech32 prefix), and amounts are in that chain's own denom, divided
///   exactly by 10^decimals of its gas token (`Chain.gasDecimals`, from the Cosmos chain registry);
/// - no fee is recorded and no row is marked failed (the import says so in a note).
/// Columns are matched by name (trimmed, any case), in any order; others are read past.
///
/// Row rules: the wallet must be `from` or `to`; the kind comes from `type` (staking messages `stake`,
/// IBC transfers `bridge`, votes `governance`), else from the registry for the counterparty, else
/// `other`; the counterparty is any bech32 address whose checksum holds (IBC counterparties live on
/// other chains, validators under `...valoper`); every row is a leg (`send:out:22`) so a transaction's
/// messages are kept once each.
public struct MintscanImporter: ExplorerImporter {
    public static let info = ExplorerInfo(
        id: "mintscan", family: "Mintscan", name: "Mintscan", sites: "Mintscan (mintscan.io), for Cosmos SDK chains",
        exports: "account transactions (the chain's own denom)",
        chainFamilies: [.cosmos], chain: .wallet,
        headers: [KnownHeader(export: "transactions", header: required.joined(separator: ","))],
        headersNote: "columns in any order and case; others are read past")

    /// The columns read, as the documented converter names them.
    static let required = ["type", "from", "to", "txhash", "amount", "timestamp"]

    /// The header's names, trimmed and lower-cased.
    static func names(_ header: [String]) -> [String] {
        header.map { $0.trimmingSpaces.description.lowercased() }
    }

    public static func detect(_ header: [String]) -> HeaderDetection {
        let n = Set(names(header))
        let found = required.filter(n.contains)
        if found.count == required.count { return .recognised }
        guard found.count >= 4 else { return .unrecognised(closeness: found.count, hint: nil) }
        let missing = required.filter { !n.contains($0) }
        return .unrecognised(closeness: found.count, hint: "closest is Mintscan transactions, missing \(missing.joined(separator: ", "))")
    }

    public var exportName: String { "transactions" }
    public let notes: [String]
    let options: ExplorerImportOptions
    let names: [String]
    let fieldCount: Int
    /// Column of each required name.
    private let type, from, to, txhash, amount, timestamp: Int
    private let gas: AssetSymbol
    private let decimals: Int
    private let walletBytes: [UInt8]
    private let source: String
    private let grouping: Bool
    /// Counterparties seen, with what the registry says of each (bounded).
    private var known: [String: KnownContract?] = [:]
    private var types: [String: String] = [:]
    private static let cacheLimit = 50_000

    public init(header: CSVStreamRow, options: ExplorerImportOptions) throws(ImportIssue) {
        let raw = header.strings
        let names = Self.names(raw)
        func column(_ name: String) throws(ImportIssue) -> Int {
            guard let i = names.firstIndex(of: name) else {
                throw ImportIssue(line: header.line, column: 1,
                                  problem: .unknownHeader(found: raw.joined(separator: ","), hint: nil, expected: [Self.info]))
            }
            return i
        }
        type = try column("type")
        from = try column("from")
        to = try column("to")
        txhash = try column("txhash")
        amount = try column("amount")
        timestamp = try column("timestamp")
        guard let gas = options.gasToken else {
            throw ImportIssue(line: header.line, column: 1, problem: .gasTokenUnknown(chain: options.chain.name))
        }
        guard let decimals = options.chain.gasDecimals else {
            throw ImportIssue(line: header.line, column: amount + 1,
                              problem: .denomDecimalsUnknown(chain: options.chain.name, token: gas.code))
        }
        self.names = names
        self.fieldCount = names.count
        self.options = options
        self.gas = gas
        self.decimals = decimals
        self.walletBytes = Array(options.wallet.utf8)
        self.source = Self.info.source
        self.grouping = options.thousandsSeparators == .acceptedInTokenAndUsdColumns
        self.notes = [
            "Mintscan's export as documented has no denom, fee or status column: amounts are read in \(options.chain.name)'s own denom "
                + "(\(gas.code), \(decimals) decimals), no network fee is recorded, and no row is marked failed (log fees with `airledger log` where you need them)",
        ]
    }

    public mutating func read(_ record: CSVStreamRow) -> ExplorerRecord {
        let n = record.count
        guard n == fieldCount else {
            let last = max(n - 1, 0)
            return .issues([ImportIssue(line: record.line(ofField: last), column: record.column(ofField: last),
                                        problem: .fieldCount(expected: fieldCount, found: n, lastLineUnterminated: !record.isTerminated))])
        }
        var r = RecordFields(record, names: names)
        let kindText = typeText(r.field(type))
        let hash = r.hash(txhash, family: .cosmos)
        let at = r.dateTime(timestamp)
        let parties = direction(&r)
        let units = baseUnits(&r)
        guard r.issues.isEmpty, let at, let parties else { return .issues(r.issues) }
        let quantity = units.map { RecordFields.scaled($0, decimals: decimals) }
        let contract = parties.counterparty.flatMap { c in known[c] ?? options.registry.lookup(chain: options.chain.name, address: c) }
        var kind = Self.kind(ofType: kindText)
        var evidence: ImportedRow.KindEvidence = kind == .other ? .none : .method
        if kind == .other, let contract {
            kind = contract.kind.activityKind
            evidence = .registry
        }
        let volume = quantity.flatMap { $0.isPositive ? Amount($0, gas) : nil }
        var claim: ImportedRow.ProbableClaim?
        if parties.direction == .incoming, contract?.kind == .claim, let volume, let distributor = parties.counterparty {
            claim = ImportedRow.ProbableClaim(amount: volume, distributor: distributor, evidence: .knownDistributor)
        }
        let leg = (kindText?.lowercased() ?? "tx") + ":" + parties.way + ":" + (quantity ?? .zero).description
        return .row(ImportedRow(line: record.line, source: source, kind: kind, kindEvidence: evidence, at: at,
                                chain: options.chain.name, txHash: hash, direction: parties.direction, volume: volume,
                                volumeUsd: nil, fee: nil, feeUsd: nil, failed: false, failure: nil,
                                counterparty: parties.counterparty, projectSlug: contract?.projectSlug, knownContract: contract,
                                method: kindText, token: nil, probableClaim: claim, leg: leg))
    }

    /// The activity kind a message type names, where it names one.
    static func kind(ofType type: String?) -> Activity.Kind {
        switch type?.lowercased() {
        case "delegate", "undelegate", "redelegate", "beginredelegate", "getreward", "withdrawdelegatorreward": .stake
        case "ibcsend", "ibcreceive", "ibctransfer": .bridge
        case "vote", "weightedvote", "deposit": .governance
        default: .other
        }
    }

    private mutating func typeText(_ f: ArraySlice<UInt8>) -> String? {
        guard !FieldBytes.isEmpty(f) else { return nil }
        let key = FieldBytes.string(f).trimmingSpaces.description
        if let hit = types[key] { return hit }
        if types.count < 256 { types[key] = key }
        return key
    }

    /// The amount in base units: digits, or digits in groups of three joined by dots ("22.000.000", as
    /// the export writes large amounts); empty for a message that moves nothing. A fraction is refused:
    /// base units are whole.
    private func baseUnits(_ r: inout RecordFields) -> Quantity? {
        var f = r.field(amount)
        while let first = f.first, first == 0x20 { f = f.dropFirst() }
        while let last = f.last, last == 0x20 { f = f.dropLast() }
        guard !f.isEmpty else { return nil }
        let groups = f.split(separator: 0x2E, omittingEmptySubsequences: false)
        let digitsOnly = groups.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        let wellGrouped = digitsOnly && groups.count > 1 && groups[0].count <= 3 && groups.dropFirst().allSatisfy { $0.count == 3 }
        guard digitsOnly, groups.count == 1 || wellGrouped else {
            r.issue(amount, .badField(column: r.name(amount), value: r.text(amount),
                                      expected: "a whole number of \(options.chain.name)'s base units (digits, optionally grouped by three with dots)"))
            return nil
        }
        if groups.count > 1 && !grouping {
            r.issue(amount, .thousandsSeparator(column: r.name(amount), value: r.text(amount)))
            return nil
        }
        let digits = String(decoding: groups.joined(), as: UTF8.self)
        do { return try Quantity(parsing: digits) } catch {
            r.issue(amount, .badAmount(column: r.name(amount), error: error))
            return nil
        }
    }

    struct Parties {
        var direction: ImportedRow.Direction
        var counterparty: String?
        var way: String { direction == .incoming ? "in" : (direction == .outgoing ? "out" : "self") }
    }

    /// Which way the row goes for the wallet: it must be `from` or `to`.
    private mutating func direction(_ r: inout RecordFields) -> Parties? {
        let fromField = Self.lowered(r.field(from)), toField = Self.lowered(r.field(to))
        let isFrom = fromField.elementsEqual(walletBytes), isTo = toField.elementsEqual(walletBytes)
        switch (isFrom, isTo) {
        case (true, true): return Parties(direction: .selfTransfer, counterparty: nil)
        case (true, false): return Parties(direction: .outgoing, counterparty: counterparty(&r, to))
        case (false, true): return Parties(direction: .incoming, counterparty: counterparty(&r, from))
        case (false, false):
            r.issue(from, .notThisWallet(wallet: options.wallet, from: r.text(from), to: r.text(to)))
            return nil
        }
    }

    /// A field's bytes without surrounding spaces, lower-cased (bech32 is one case; wallets are stored lower).
    private static func lowered(_ f: ArraySlice<UInt8>) -> [UInt8] {
        var s = f
        while let first = s.first, first == 0x20 { s = s.dropFirst() }
        while let last = s.last, last == 0x20 { s = s.dropLast() }
        return s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    /// The other side, checked once per distinct address: a bech32 address of any prefix whose checksum holds.
    private mutating func counterparty(_ r: inout RecordFields, _ c: Int) -> String? {
        let text = r.text(c).lowercased()
        guard !text.isEmpty else { return nil }
        if known[text] != nil { return text }
        guard AddressRules.validBech32Prefix(text) != nil else {
            r.issue(c, .badAddress(column: r.name(c), value: r.text(c), expected: "a bech32 address (prefix, 1, data and checksum)"))
            return nil
        }
        if known.count < Self.cacheLimit {
            known[text] = .some(options.registry.lookup(chain: options.chain.name, address: text))
        }
        return text
    }
}

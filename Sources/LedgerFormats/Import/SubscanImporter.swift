import LedgerCore

/// Subscan's CSV export of an account's transfers (docs/explorer-formats.md, "Subscan"): the explorer
/// importer (`ExplorerImporter`) for Substrate wallets (Polkadot, Kusama, Avail, Peaq).
///
/// The header, as two public readers of real exports name it (Fixtures/subscan/README.md):
/// `Extrinsic ID,Date,Block,Hash,Symbol,From,To,Value,Result`. `Value` is in tokens (a decimal, not
/// planck), `Symbol` the token's ticker, `Date` `YYYY-MM-DD HH:MM:SS` in UTC, `Result` `true` or
/// `false`, `Hash` the extrinsic hash, `Extrinsic ID` `block-index`. The export has no fee column.
///
/// Row rules: the wallet must be `From` or `To`, compared as account ids (Subscan may show an address
/// under another SS58 prefix than the one stored, e.g. the generic 42); the counterparty is stored in
/// the chain's own SS58 format; a failed transfer (`Result` false) is kept, marked failed, without
/// volume; the chain's gas token (DOT, AVAIL, PEAQ, ...) or any other ticker as written; every row is a
/// leg (`transfer:<extrinsic id>:out:1.5 DOT`) so a batch of transfers in one extrinsic keeps each once.
public struct SubscanImporter: ExplorerImporter {
    public static let info = ExplorerInfo(
        id: "subscan", family: "Subscan", name: "Subscan",
        sites: "Subscan (polkadot.subscan.io, avail.subscan.io, peaq.subscan.io, ...)",
        exports: "transfers",
        chainFamilies: [.substrate], chain: .wallet,
        headers: [KnownHeader(export: "transfers", header: columns.joined(separator: ","))])

    static let columns = ["Extrinsic ID", "Date", "Block", "Hash", "Symbol", "From", "To", "Value", "Result"]

    static func names(_ header: [String]) -> [String] {
        var names = header.map { $0.trimmingSpaces.description }
        if names.last?.isEmpty == true { names.removeLast() }
        return names
    }

    public static func detect(_ header: [String]) -> HeaderDetection {
        let n = names(header)
        if n == columns { return .recognised }
        let set = Set(n)
        let found = columns.filter(set.contains).count
        guard found >= 5 else { return .unrecognised(closeness: found, hint: nil) }
        let missing = columns.filter { !set.contains($0) }
        return .unrecognised(closeness: found, hint: "closest is Subscan transfers"
                             + (missing.isEmpty ? ", columns in another order" : ", missing \(missing.joined(separator: ", "))"))
    }

    public var exportName: String { "transfers" }
    public let notes: [String]
    let options: ExplorerImportOptions
    let names: [String]
    private let gas: AssetSymbol
    /// The wallet's 32-byte account id.
    private let account: [UInt8]
    private let prefix: UInt16
    private let source: String
    private let grouping: Bool
    /// Addresses seen: their account id and canonical form, or nil when not an account address (bounded).
    private var addresses: [String: (account: [UInt8], canonical: String)?] = [:]
    private var symbols: [String: AssetSymbol?] = [:]
    private static let cacheLimit = 50_000

    public init(header: CSVStreamRow, options: ExplorerImportOptions) throws(ImportIssue) {
        let raw = header.strings
        guard Self.names(raw) == Self.columns else {
            throw ImportIssue(line: header.line, column: 1,
                              problem: .unknownHeader(found: raw.joined(separator: ","), hint: nil, expected: [Self.info]))
        }
        guard let gas = options.gasToken else {
            throw ImportIssue(line: header.line, column: 1, problem: .gasTokenUnknown(chain: options.chain.name))
        }
        guard case .success(let wallet) = SS58.decode(options.wallet), wallet.payload.count == 32 else {
            throw ImportIssue(line: header.line, column: 1,
                              problem: .badAddress(column: "--wallet", value: options.wallet, expected: "an SS58 account address"))
        }
        self.options = options
        self.names = Self.columns
        self.gas = gas
        self.account = wallet.payload
        self.prefix = options.chain.ss58Prefix ?? wallet.prefix
        self.source = Self.info.source
        self.grouping = options.thousandsSeparators == .acceptedInTokenAndUsdColumns
        self.notes = ["Subscan's transfers export has no fee column: network fees are not recorded (log them where you need them)"]
    }

    public mutating func read(_ record: CSVStreamRow) -> ExplorerRecord {
        let n = record.count
        guard n == Self.columns.count || (n == Self.columns.count + 1 && FieldBytes.isEmpty(record.field(n - 1))) else {
            let last = max(n - 1, 0)
            return .issues([ImportIssue(line: record.line(ofField: last), column: record.column(ofField: last),
                                        problem: .fieldCount(expected: Self.columns.count, found: n, lastLineUnterminated: !record.isTerminated))])
        }
        var r = RecordFields(record, names: names)
        let extrinsic = r.text(0)
        if !Self.isExtrinsicID(extrinsic) {
            r.issue(0, .badField(column: r.name(0), value: extrinsic, expected: "an extrinsic id like 14490804-2 (block-index)"))
        }
        let at = r.dateTime(1)
        let hash = r.hash(3, family: .substrate)
        let symbol = symbol(&r)
        let parties = direction(&r)
        let value = r.decimal(7, required: true, grouping: grouping)
        let result = r.text(8).lowercased()
        if result != "true" && result != "false" {
            r.issue(8, .badField(column: r.name(8), value: r.text(8), expected: "true or false"))
        }
        guard r.issues.isEmpty, let at, let parties, let value, let symbol else { return .issues(r.issues) }
        let failed = result == "false"
        let contract = parties.counterparty.flatMap { options.registry.lookup(chain: options.chain.name, address: $0) }
        let kind = contract?.kind.activityKind ?? .other
        let volume = failed || !value.isPositive ? nil : Amount(value, symbol)
        var claim: ImportedRow.ProbableClaim?
        if parties.direction == .incoming, contract?.kind == .claim, let volume, let from = parties.counterparty {
            claim = ImportedRow.ProbableClaim(amount: volume, distributor: from, evidence: .knownDistributor)
        }
        let token = symbol == gas ? nil : ImportedRow.Token(contract: nil, name: symbol.code, symbol: symbol.code)
        let leg = "transfer:" + extrinsic + ":" + parties.way + ":" + value.description + " " + symbol.code
        return .row(ImportedRow(line: record.line, source: source, kind: kind, kindEvidence: contract == nil ? .none : .registry,
                                at: at, chain: options.chain.name, txHash: hash, direction: parties.direction, volume: volume,
                                volumeUsd: nil, fee: nil, feeUsd: nil, failed: failed, failure: failed ? "Result false" : nil,
                                counterparty: parties.counterparty, projectSlug: contract?.projectSlug, knownContract: contract,
                                method: "transfer", token: token, probableClaim: claim, leg: leg))
    }

    /// "14490804-2": digits, a dash, digits.
    static func isExtrinsicID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.utf8.count <= 12 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    }

    private mutating func symbol(_ r: inout RecordFields) -> AssetSymbol? {
        let text = r.text(4)
        if let hit = symbols[text] {
            if hit == nil { r.issue(4, .badField(column: r.name(4), value: text, expected: "a token ticker such as DOT")) }
            return hit
        }
        var parsed = try? AssetSymbol(parsing: text.uppercased())
        if text.uppercased() == gas.code { parsed = gas }
        if symbols.count < 1024 { symbols[text] = .some(parsed) }
        if parsed == nil { r.issue(4, .badField(column: r.name(4), value: text, expected: "a token ticker such as DOT")) }
        return parsed
    }

    struct Parties {
        var direction: ImportedRow.Direction
        var counterparty: String?
        var way: String { direction == .incoming ? "in" : (direction == .outgoing ? "out" : "self") }
    }

    /// The wallet must be From or To, compared by account id.
    private mutating func direction(_ r: inout RecordFields) -> Parties? {
        let from = address(&r, 5), to = address(&r, 6)
        guard let from, let to else { return nil }
        switch (from.account == account, to.account == account) {
        case (true, true): return Parties(direction: .selfTransfer, counterparty: nil)
        case (true, false): return Parties(direction: .outgoing, counterparty: to.canonical)
        case (false, true): return Parties(direction: .incoming, counterparty: from.canonical)
        case (false, false):
            r.issue(5, .notThisWallet(wallet: options.wallet, from: r.text(5), to: r.text(6)))
            return nil
        }
    }

    /// An SS58 account address: its account id and its form under the chain's prefix.
    private mutating func address(_ r: inout RecordFields, _ c: Int) -> (account: [UInt8], canonical: String)? {
        let text = r.text(c)
        if let hit = addresses[text] {
            if hit == nil { badAddress(&r, c, text) }
            return hit
        }
        var parsed: (account: [UInt8], canonical: String)?
        if case .success(let d) = SS58.decode(text), d.payload.count == 32 {
            parsed = (d.payload, SS58.encode(d.payload, prefix: prefix) ?? text)
        }
        if addresses.count < Self.cacheLimit { addresses[text] = .some(parsed) }
        if parsed == nil { badAddress(&r, c, text) }
        return parsed
    }

    private func badAddress(_ r: inout RecordFields, _ c: Int, _ text: String) {
        if text.isEmpty {
            r.issue(c, .missingValue(column: r.name(c)))
        } else {
            r.issue(c, .badAddress(column: r.name(c), value: text, expected: "an SS58 account address (checksum and 32-byte account)"))
        }
    }
}

import LedgerCore

/// Solscan's CSV exports of a Solana account (docs/explorer-formats.md, "Solscan"): the explorer
/// importer (`ExplorerImporter`) for Solana wallets.
///
/// Two generations of export, told apart by their header:
/// * **transfers** (2024-): `Signature,Block Time,Human Time,Action,From,To,Amount,Flow,Value,Decimals,Token Address`,
///   sometimes with `Multiplier` last, or without `Flow` (the variant of 2025 seen with `Multiplier`). One row per
///   SOL or SPL token transfer; `Amount` in the token's smallest units (lamports for SOL), `Decimals` beside it,
///   native SOL as the pseudo-mint `So11111111111111111111111111111111111111111`, `Value` in USD. No fee column
///   and no failed transactions (a failed transaction moves nothing): none are recorded.
/// * **transactions** (2021-2022, `exportTransactions`): `Type,Txhash,BlockTime Unix,BlockTime,Fee (SOL),...`,
///   its column names padded with spaces. `SolTransfer` rows move SOL (`Amount (SOL)` in SOL), `TokenChange` rows
///   change an SPL token balance; the fee in SOL is on every row of its transaction.
///
/// Row rules: the wallet must be `From` or `To` (and agree with `Flow`); the kind comes from the registry of known
/// programs for the counterparty, else `other`; every row is a leg of its transaction (`sol:in:1.5`,
/// `token:<mint>:out:120`), so the natural key keeps each transfer once; amounts are exact: base units
/// divided by 10^decimals, never through a float.
public struct SolscanImporter: ExplorerImporter {
    public static let info = ExplorerInfo(
        id: "solscan", family: "Solscan", name: "Solscan", sites: "Solscan (solscan.io)",
        exports: "transfers (SOL and SPL tokens), the older transactions export",
        chainFamilies: [.solana], chain: .wallet,
        headers: [
            KnownHeader(export: Export.transfers.description, header: transferColumns.joined(separator: ",")),
            KnownHeader(export: Export.transfersWithoutFlow.description, header: transferColumnsWithoutFlow.joined(separator: ",")),
            KnownHeader(export: Export.transactions.description, header: legacyColumns.joined(separator: ",")),
        ],
        headersNote: "transfers may end with Multiplier; column names may be padded with spaces")

    /// The exports, by header.
    public enum Export: Sendable, Hashable, CustomStringConvertible {
        case transfers, transfersWithoutFlow, transactions
        public var description: String {
            switch self {
            case .transfers: "transfers"
            case .transfersWithoutFlow: "transfers (without Flow)"
            case .transactions: "transactions (2021-2022)"
            }
        }
    }

    static let transferColumns = ["Signature", "Block Time", "Human Time", "Action", "From", "To", "Amount", "Flow",
                                  "Value", "Decimals", "Token Address"]
    static let transferColumnsWithoutFlow = ["Signature", "Block Time", "Human Time", "Action", "From", "To", "Amount",
                                             "Value", "Decimals", "Token Address", "Multiplier"]
    static let legacyColumns = ["Type", "Txhash", "BlockTime Unix", "BlockTime", "Fee (SOL)", "TokenAccount", "ChangeType",
                                "SPL BalanceChange", "PreBalancer", "PostBalancer", "TokenAddress", "TokenName(off-chain)",
                                "Symbol(off-chain)", "SolTransfer Source", "SolTransfer Destination", "Amount (SOL)"]

    /// Native SOL in the transfers export's `Token Address` (not wrapped SOL, `...112`, an SPL token).
    static let nativeMint = "So11111111111111111111111111111111111111111"

    /// SPL mints whose symbol a transfer row does not give (the export names tokens by mint only), each
    /// with its source. Any other mint is kept (its mint in the leg and the counterparty's registry) without
    /// volume, since a mint is not a symbol.
    static let knownMints: [String: String] = [
        // PRCL, 6 decimals: sonarwatch/portfolio packages/plugins/src/plugins/parcl/constants.ts
        // (commit 054f06edccabfc4fda22cb0d66c918c4f5f12ca2), prclMint.
        "4LLbsb5ReP3yEtYzmXewyGjcir5uXtKFURtaEUVC2AHs": "PRCL",
    ]

    /// The header's names as Solscan writes them, trimmed, without a nameless last column.
    static func names(_ header: [String]) -> [String] {
        var names = header.map { $0.trimmingSpaces.description }
        if names.last?.isEmpty == true { names.removeLast() }
        return names
    }

    static func export(of header: [String]) -> (Export, multiplier: Bool)? {
        let n = names(header)
        if n == transferColumns { return (.transfers, false) }
        if n == transferColumns + ["Multiplier"] { return (.transfers, true) }
        if n == transferColumnsWithoutFlow { return (.transfersWithoutFlow, true) }
        if n == Array(transferColumnsWithoutFlow.dropLast()) { return (.transfersWithoutFlow, false) }
        if n == legacyColumns { return (.transactions, false) }
        return nil
    }

    public static func detect(_ header: [String]) -> HeaderDetection {
        if export(of: header) != nil { return .recognised }
        let n = Set(names(header))
        let candidates = [(Export.transfers, transferColumns), (.transfersWithoutFlow, transferColumnsWithoutFlow),
                          (.transactions, legacyColumns)]
        let best = candidates.map { ($0.0, $0.1, $0.1.filter(n.contains).count) }.max { $0.2 < $1.2 }
        guard let best, best.2 >= 3 else { return .unrecognised(closeness: best?.2 ?? 0, hint: nil) }
        let missing = best.1.filter { !n.contains($0) }
        return .unrecognised(closeness: best.2, hint: "closest is Solscan \(best.0)"
                             + (missing.isEmpty ? "" : ", missing \(missing.joined(separator: ", "))"))
    }

    public let export: Export
    public var exportName: String { export.description + (hasMultiplier ? " with Multiplier" : "") }
    public let notes: [String]
    let options: ExplorerImportOptions
    let names: [String]
    let fieldCount: Int
    let hasMultiplier: Bool
    private let gas: AssetSymbol
    private let walletBytes: [UInt8]
    private let source: String
    /// Thousands separators accepted in amounts (`ExplorerImportOptions.thousandsSeparators`).
    private let grouping: Bool
    /// Counterparties seen, with what the registry says of each (bounded).
    private var known: [String: KnownContract?] = [:]
    private var actions: [String: String] = [:]
    /// The signature whose fee was last counted (legacy export: the fee is on every row of a transaction).
    private var feeCounted = ""
    private static let cacheLimit = 50_000

    public init(header: CSVStreamRow, options: ExplorerImportOptions) throws(ImportIssue) {
        let raw = header.strings
        guard let (export, multiplier) = Self.export(of: raw) else {
            throw ImportIssue(line: header.line, column: 1,
                              problem: .unknownHeader(found: raw.joined(separator: ","), hint: nil, expected: [Self.info]))
        }
        guard let gas = options.gasToken else {
            throw ImportIssue(line: header.line, column: 1, problem: .gasTokenUnknown(chain: options.chain.name))
        }
        self.export = export
        self.hasMultiplier = multiplier
        self.options = options
        self.names = Self.names(raw)
        self.fieldCount = names.count
        self.gas = gas
        self.walletBytes = Array(options.wallet.utf8)
        self.source = Self.info.source
        self.grouping = options.thousandsSeparators == .acceptedInTokenAndUsdColumns
        var notes: [String] = []
        if export != .transactions {
            notes.append("Solscan's transfers export has no fee column: network fees are not recorded (log them, or import the transactions export where you have it)")
        } else {
            notes.append("the transactions export (2021-2022) does not document the unit of SPL BalanceChange: token balance changes are recorded without volume (import the transfers export for token amounts)")
        }
        self.notes = notes
    }

    public mutating func read(_ record: CSVStreamRow) -> ExplorerRecord {
        let n = record.count
        guard n == fieldCount || (n == fieldCount + 1 && FieldBytes.isEmpty(record.field(n - 1))) else {
            let last = max(n - 1, 0)
            return .issues([ImportIssue(line: record.line(ofField: last), column: record.column(ofField: last),
                                        problem: .fieldCount(expected: fieldCount, found: n, lastLineUnterminated: !record.isTerminated))])
        }
        var r = RecordFields(record, names: names)
        switch export {
        case .transfers, .transfersWithoutFlow: return readTransfer(&r)
        case .transactions: return readLegacy(&r)
        }
    }

    // MARK: The transfers export

    private mutating func readTransfer(_ r: inout RecordFields) -> ExplorerRecord {
        let flowColumn = export == .transfers ? 7 : nil
        let shift = export == .transfers ? 0 : -1
        let signature = r.hash(0, family: .solana)
        let at = r.unixTime(1)
        let action = actionText(r.field(3))
        let parties = direction(&r, from: 4, to: 5, flow: flowColumn)
        let units = r.baseUnits(6)
        let usd = r.decimal(8 + shift, grouping: grouping)
        let decimals = r.decimals(9 + shift)
        let mint = r.text(10 + shift)
        if mint.isEmpty { r.issue(10 + shift, .missingValue(column: r.name(10 + shift))) }
        var quantity = units.flatMap { u in decimals.map { RecordFields.scaled(u, decimals: $0) } }
        if hasMultiplier, let q = quantity, let m = r.decimal(export == .transfers ? 11 : 10), m != Quantity(exactly: 1) {
            do throws(AmountError) { quantity = try q * m } catch {
                r.issue(export == .transfers ? 11 : 10, .badAmount(column: "Multiplier", error: error))
            }
        }
        guard r.issues.isEmpty, let at, let parties, let quantity else { return .issues(r.issues) }
        let native = mint == Self.nativeMint
        let symbol: AssetSymbol? = native ? gas : Self.knownMints[mint].flatMap { try? AssetSymbol(parsing: $0) }
        let token = native ? nil : ImportedRow.Token(contract: mint, name: symbol?.code ?? "", symbol: symbol?.code ?? "")
        let leg = (native ? "sol" : "token:" + mint) + ":" + parties.way + ":" + quantity.description
        return .row(row(r.record.line, signature: signature, at: at, parties: parties, quantity: quantity, symbol: symbol,
                        usd: usd, fee: nil, token: token, method: action, leg: leg))
    }

    private mutating func actionText(_ f: ArraySlice<UInt8>) -> String? {
        guard !FieldBytes.isEmpty(f) else { return nil }
        let key = FieldBytes.string(f)
        if let hit = actions[key] { return hit }
        if actions.count < 256 { actions[key] = key }
        return key
    }

    // MARK: The transactions export (2021-2022)

    private mutating func readLegacy(_ r: inout RecordFields) -> ExplorerRecord {
        let type = r.text(0)
        let signature = r.hash(1, family: .solana)
        let at = r.unixTime(2)
        let fee = r.decimal(4, grouping: grouping)
        switch type {
        case "SolTransfer":
            let parties = direction(&r, from: 13, to: 14, flow: nil)
            let amount = r.decimal(15, required: true, grouping: grouping, signed: true)
            guard r.issues.isEmpty, let at, let parties, let amount else { return .issues(r.issues) }
            let q = amount.magnitude
            return .row(row(r.record.line, signature: signature, at: at, parties: parties, quantity: q, symbol: gas,
                            usd: nil, fee: legacyFee(fee, signature, parties), token: nil, method: type,
                            leg: "sol:" + parties.way + ":" + q.description))
        case "TokenChange":
            let change = r.decimal(7, required: true, grouping: grouping, signed: true)
            let kind = r.text(6).lowercased()
            let mint = r.text(10)
            if mint.isEmpty { r.issue(10, .missingValue(column: r.name(10))) }
            guard r.issues.isEmpty, let at, let change else { return .issues(r.issues) }
            // The wallet owns the token account whose balance changed: "inc" is in, "dec" out, else the sign.
            let incoming = kind == "inc" || (kind != "dec" && !change.isNegative)
            let parties = Parties(direction: incoming ? .incoming : .outgoing, counterparty: nil)
            let symbol = r.text(12), name = r.text(11)
            return .row(row(r.record.line, signature: signature, at: at, parties: parties, quantity: nil, symbol: nil, usd: nil,
                            fee: legacyFee(fee, signature, parties),
                            token: ImportedRow.Token(contract: mint, name: name, symbol: symbol), method: type,
                            leg: "token:" + mint + ":" + parties.way + ":" + change.magnitude.description))
        default:
            guard r.issues.isEmpty else { return .issues(r.issues) }
            return .skipped(reason: "Type '\(type)' is neither SolTransfer nor TokenChange")
        }
    }

    /// The legacy export's fee, counted once per transaction and only when the wallet sent something.
    private mutating func legacyFee(_ fee: Quantity?, _ signature: String, _ p: Parties) -> Amount? {
        guard p.direction != .incoming, let fee, fee.isPositive, signature != feeCounted else { return nil }
        feeCounted = signature
        return Amount(fee, gas)
    }

    // MARK: Common

    struct Parties {
        var direction: ImportedRow.Direction
        var counterparty: String?
        var way: String { direction == .incoming ? "in" : (direction == .outgoing ? "out" : "self") }
    }

    /// Which way the row goes for the wallet: it must be From or To, and agree with Flow when the export has it.
    private mutating func direction(_ r: inout RecordFields, from fc: Int, to tc: Int, flow: Int?) -> Parties? {
        let from = r.field(fc), to = r.field(tc)
        let isFrom = from.elementsEqual(walletBytes), isTo = to.elementsEqual(walletBytes)
        let p: Parties
        switch (isFrom, isTo) {
        case (true, true): p = Parties(direction: .selfTransfer, counterparty: nil)
        case (true, false): p = Parties(direction: .outgoing, counterparty: counterparty(&r, tc))
        case (false, true): p = Parties(direction: .incoming, counterparty: counterparty(&r, fc))
        case (false, false):
            r.issue(fc, .notThisWallet(wallet: options.wallet, from: r.text(fc), to: r.text(tc)))
            return nil
        }
        if let flow {
            let f = r.text(flow).lowercased()
            let agrees = f.isEmpty || p.direction == .selfTransfer || (f == "in") == (p.direction == .incoming)
            if f != "" && f != "in" && f != "out" {
                r.issue(flow, .badField(column: r.name(flow), value: r.text(flow), expected: "in or out"))
            } else if !agrees {
                r.issue(flow, .directionMismatch(column: r.name(flow), value: r.text(flow), wallet: options.wallet))
            }
        }
        return p
    }

    /// The other side's address, checked once per distinct address (a base58 key of 32 bytes).
    private mutating func counterparty(_ r: inout RecordFields, _ c: Int) -> String? {
        let text = r.text(c)
        guard !text.isEmpty else { return nil }
        if known[text] != nil { return text }
        guard (try? AddressRules.parse(text, chain: options.chain)) != nil else {
            r.issue(c, .badAddress(column: r.name(c), value: text, expected: "a base58 Solana address of 32 bytes"))
            return nil
        }
        if known.count < Self.cacheLimit {
            known[text] = .some(options.registry.lookup(chain: options.chain.name, address: text))
        }
        return text
    }

    private func row(_ line: Int, signature: String, at: Instant, parties: Parties, quantity: Quantity?, symbol: AssetSymbol?,
                     usd: Quantity?, fee: Amount?, token: ImportedRow.Token?, method: String?, leg: String) -> ImportedRow {
        let contract = parties.counterparty.flatMap { c in known[c] ?? options.registry.lookup(chain: options.chain.name, address: c) }
        var kind = Activity.Kind.other
        var evidence = ImportedRow.KindEvidence.none
        if let contract {
            evidence = .registry
            kind = contract.kind.activityKind
        }
        let volume = quantity.flatMap { q in q.isPositive ? symbol.map { Amount(q, $0) } : nil }
        var claim: ImportedRow.ProbableClaim?
        if parties.direction == .incoming, contract?.kind == .claim, let volume, let from = parties.counterparty {
            claim = ImportedRow.ProbableClaim(amount: volume, distributor: from, evidence: .knownDistributor)
        }
        return ImportedRow(line: line, source: source, kind: kind, kindEvidence: evidence, at: at, chain: options.chain.name,
                           txHash: signature, direction: parties.direction, volume: volume,
                           volumeUsd: volume == nil ? nil : usd, fee: fee, feeUsd: nil, failed: false, failure: nil,
                           counterparty: parties.counterparty, projectSlug: contract?.projectSlug, knownContract: contract,
                           method: method, token: token, probableClaim: claim, leg: leg)
    }
}

import LedgerCore

/// Reads the rows of one Etherscan-family export into activity drafts, one record at a time: the
/// explorer importer (`ExplorerImporter`) of Etherscan and every explorer on its engine (Arbiscan,
/// Basescan, Lineascan, Scrollscan, ...).
///
/// Made from the header record (which fixes the variant and the column positions), then fed every
/// following record. Each record gives either an `ImportedRow` or every issue found in it; the importer
/// never stops at a bad row. Pure: no I/O, no clock.
///
/// Row rules (file-formats.md section 1, as BittyTax reads them):
/// * The kind comes from the registry of known contracts for the counterparty (the Scroll bridge is a
///   `bridge` for project `scroll`), else from the Method column, else `other`. A contract creation is
///   `deploy`.
/// * The fee is the fee column in the native token, counted only when the wallet sent the transaction.
/// * A failed transaction (normal: any non-empty Status such as "Error(0)"; internal: Status other than
///   "0"; list export: other than "Success") is kept with `failed` and its fee, without volume.
/// * Tokens received from a known distributor (or in a "Claim" transaction) are a probable claim.
public struct EtherscanImporter: ExplorerImporter {
    public static let info = ExplorerInfo(
        id: "etherscan", family: "Etherscan-family", name: "Etherscan",
        sites: "Etherscan, Arbiscan, Basescan, BscScan, Polygonscan, Lineascan, Scrollscan and the other Etherscan-engine explorers",
        exports: "transactions, internal, token transfers, transaction list",
        chainFamilies: [.evm], chain: .named,
        headers: EtherscanVariant.allCases.map { KnownHeader(export: $0.description, header: $0.exampleHeader) },
        headersNote: "CurrentValue may carry a price; any may end with PrivateNote")

    /// What to download instead of an export airledger does not read.
    static let readableExports = "normal transactions, internal transactions or ERC-20 token transfers"

    public static func detect(_ header: [String]) -> HeaderDetection {
        switch EtherscanVariant.detect(header) {
        case .layout, .mixedTickers: .recognised
        case .unsupported(let what): .unsupported(what, instead: readableExports)
        case .unknown(let closeness, let hint): .unrecognised(closeness: closeness, hint: hint)
        }
    }

    public var variant: EtherscanVariant { layout.variant }
    public var exportName: String { variant.description }
    public let options: ExplorerImportOptions
    /// The header's column names, as written.
    public var columnNames: [String] { layout.names }

    let layout: EtherscanLayout
    private let walletKey: AddressKey
    private let contracts: [String: KnownContract]
    private let native: AssetSymbol
    private let source: String
    /// Thousands separators accepted in the token and USD columns.
    private let grouping: Bool
    // Caches that keep a million-row import from building the same strings and lookups again. Each is
    // bounded, so memory stays bounded whatever the file.
    private var addresses: [AddressKey: (text: String, known: KnownContract?)] = [:]
    private var methods: [(bytes: [UInt8], text: String, meaning: MethodNames.Meaning?)] = []
    private var symbolCache: [String: AssetSymbol?] = [:]
    private var lastDecimals: [(bytes: [UInt8], value: FieldBytes.Decimal)]
    private static let cacheLimit = 50_000
    private static let methodCacheLimit = 64

    /// Reads the header record. Throws the issue to report at the header when it is not a known header,
    /// names several native tickers, or names one that contradicts the chain.
    public init(header: CSVStreamRow, options: ExplorerImportOptions) throws(ImportIssue) {
        let names = header.strings
        let layout: EtherscanLayout
        switch EtherscanVariant.detect(names) {
        case .layout(let l): layout = l
        case .mixedTickers(let t):
            throw ImportIssue(line: header.line, column: 1, problem: .mixedTickers(t))
        case .unsupported(let what):
            throw ImportIssue(line: header.line, column: 1, problem: .unsupportedExport(what, instead: Self.readableExports))
        case .unknown(_, let hint):
            throw ImportIssue(line: header.line, column: 1,
                              problem: .unknownHeader(found: names.joined(separator: ","), hint: hint, expected: [Self.info]))
        }
        let native = options.gasToken
        if let t = layout.headerTicker, !NativeTickers.sameToken(t, native.code) {
            let i = layout[.valueIn] ?? layout[.fee] ?? layout[.price] ?? 0
            throw ImportIssue(line: header.line(ofField: i), column: header.column(ofField: i),
                              problem: .tickerMismatch(file: t, chain: options.chain.name, chainTicker: native.code))
        }
        guard let walletKey = FieldBytes.addressKey(Array(options.wallet.utf8)[...]) else {
            throw ImportIssue(line: header.line, column: 1,
                              problem: .badAddress(column: "wallet", value: options.wallet, expected: Self.addressShape))
        }
        self.layout = layout
        self.options = options
        self.walletKey = walletKey
        self.lastDecimals = Array(repeating: ([], .empty), count: layout.columnCount)
        self.contracts = options.registry.contracts(on: options.chain.name)
        self.native = native
        self.source = Self.info.source
        self.grouping = options.thousandsSeparators == .acceptedInTokenAndUsdColumns
    }

    static let addressShape = "0x and 40 hex digits"
    static let hashShape = "0x and 64 hex digits"

    /// Reads one record after the header (the session has skipped repeated headers and reported CSV
    /// problems): the sections below in file-format order, then the row's meaning.
    public mutating func read(_ record: CSVStreamRow) -> ExplorerRecord {
        guard record.count == layout.columnCount else {
            let last = max(record.count - 1, 0)
            return .issues([ImportIssue(line: record.line(ofField: last), column: record.column(ofField: last),
                                        problem: .fieldCount(expected: layout.columnCount, found: record.count,
                                                             lastLineUnterminated: !record.isTerminated))])
        }
        var scan = RowScan(record: record)
        let txHash = readHash(&scan)
        let at = readTime(&scan)
        let parties = readParties(&scan)
        let status = readStatus(record)
        let method = readMethod(record)
        let amounts = readAmounts(&scan, parties: parties, failed: status.failed)
        guard scan.issues.isEmpty, let at else { return .issues(scan.issues) }
        let meaning = classify(parties, method: method.meaning)
        return .row(ImportedRow(
            line: record.line, source: source, kind: meaning.kind, kindEvidence: meaning.evidence, at: at,
            chain: options.chain.name, txHash: txHash, direction: parties.direction, volume: amounts.volume,
            volumeUsd: amounts.volumeUsd, fee: amounts.fee, feeUsd: amounts.feeUsd, failed: status.failed,
            failure: status.failure, counterparty: counterparty(parties), projectSlug: meaning.known?.projectSlug,
            knownContract: meaning.known, method: method.text, token: amounts.token,
            probableClaim: probableClaim(parties, amounts, meaning), leg: leg(parties, amounts)))
    }
}

// MARK: - Reading the fields of a record

/// One record being read: the issues found so far, each at its field's line and column.
struct RowScan {
    let record: CSVStreamRow
    var issues: [ImportIssue] = []

    mutating func issue(_ column: Int, _ p: ImportProblem) {
        issues.append(ImportIssue(line: record.line(ofField: column), column: record.column(ofField: column), problem: p))
    }
}

extension EtherscanImporter {
    typealias Address = (key: AddressKey, text: String)

    /// Who the row is between, and which way it goes for the wallet.
    struct Parties {
        var from: Address?
        var to: Address?
        /// ContractAddress: the created contract (normal exports) or the token (token exports).
        var created: Address?
        var direction: ImportedRow.Direction
    }

    /// What the row moves and costs.
    struct Amounts {
        var volume: Amount?
        var volumeUsd: Quantity?
        var fee: Amount?
        var feeUsd: Quantity?
        var token: ImportedRow.Token?
        /// The value the row moves (before failure or spam rules), for telling legs of one tx apart.
        var legValue: Quantity?
    }

    private func name(_ c: Int) -> String { layout.names[c] }

    /// A decimal column; nil when absent, empty or bad (bad ones are reported).
    private mutating func decimal(_ role: EtherscanColumn, _ scan: inout RowScan, required: Bool = false,
                                  dollar: Bool = false, grouped: Bool = false) -> Quantity? {
        guard let c = layout[role] else { return nil }
        return decimalField(scan.record.field(c), column: c, &scan, required: required, dollar: dollar, grouped: grouped)
    }

    /// The bytes `f` of column `c` read as a decimal, from the column's last value when it repeats.
    private mutating func decimalField(_ f: ArraySlice<UInt8>, column c: Int, _ scan: inout RowScan, required: Bool,
                                       dollar: Bool, grouped: Bool) -> Quantity? {
        let parsed: FieldBytes.Decimal
        if f.elementsEqual(lastDecimals[c].bytes) {
            parsed = lastDecimals[c].value
        } else {
            parsed = FieldBytes.decimal(f, dollar: dollar, grouping: grouped && grouping)
            if f.count <= 40 {
                lastDecimals[c].bytes.removeAll(keepingCapacity: true)
                lastDecimals[c].bytes.append(contentsOf: f)
                lastDecimals[c].value = parsed
            }
        }
        switch parsed {
        case .value(let q): return q
        case .empty:
            if required { scan.issue(c, .missingValue(column: name(c))) }
            return nil
        case .grouped:
            scan.issue(c, .thousandsSeparator(column: name(c), value: FieldBytes.string(f)))
            return nil
        case .malformed(let e):
            scan.issue(c, .badAmount(column: name(c), error: e))
            return nil
        }
    }

    /// An address column, with its lower-case text from the cache when seen before.
    private mutating func address(_ role: EtherscanColumn, _ scan: inout RowScan, required: Bool) -> Address? {
        guard let c = layout[role] else { return nil }
        let f = scan.record.field(c)
        if FieldBytes.isEmpty(f) {
            if required { scan.issue(c, .missingValue(column: name(c))) }
            return nil
        }
        guard let key = FieldBytes.addressKey(f) else {
            scan.issue(c, .badAddress(column: name(c), value: FieldBytes.string(f), expected: Self.addressShape))
            return nil
        }
        if let hit = addresses[key] { return (key, hit.text) }
        let text = FieldBytes.hex(f, hexDigits: 40) ?? FieldBytes.string(f)
        if addresses.count < Self.cacheLimit { addresses[key] = (text, contracts[text]) }
        return (key, text)
    }

    // MARK: Identity and time

    private func readHash(_ scan: inout RowScan) -> String {
        guard let c = layout[.hash] else { return "" }
        let f = scan.record.field(c)
        if let h = FieldBytes.hex(f, hexDigits: 64) { return h }
        if FieldBytes.isEmpty(f) {
            scan.issue(c, .missingValue(column: name(c)))
        } else {
            scan.issue(c, .badHash(column: name(c), value: FieldBytes.string(f), expected: Self.hashShape))
        }
        return ""
    }

    private func readTime(_ scan: inout RowScan) -> Instant? {
        if let c = layout[.unixTime] {
            let f = scan.record.field(c)
            if let s = FieldBytes.integer(f) { return Instant(seconds: s) }
            scan.issue(c, .badTimestamp(column: name(c), value: FieldBytes.string(f)))
        } else if let c = layout[.dateTime] {
            let text = scan.record.string(c)
            if let i = try? Instant(parsing: text), text.utf8.count >= 16 { return i }
            scan.issue(c, .badDateTime(column: name(c), value: text))
        }
        return nil
    }

    // MARK: Who: the wallet must be on one side

    private mutating func readParties(_ scan: inout RowScan) -> Parties {
        let from = address(.from, &scan, required: true)
        let to = address(.to, &scan, required: false)
        let created = address(.contractAddress, &scan, required: variant.isTokenTransfers && variant != .tokenTransactionList)
        var direction = ImportedRow.Direction.outgoing
        if let fc = layout[.from], let tc = layout[.to], let from {
            let record = scan.record
            let parentIsWallet = layout[.parentFrom].map { FieldBytes.addressKey(record.field($0)) == walletKey } ?? false
            switch (from.key == walletKey, to?.key == walletKey) {
            case (true, true): direction = .selfTransfer
            case (true, false): direction = .outgoing
            case (false, true): direction = .incoming
            case (false, false):
                if parentIsWallet {
                    direction = .outgoing
                } else {
                    scan.issue(fc, .notThisWallet(wallet: options.wallet, from: record.string(fc), to: record.string(tc)))
                }
            }
        }
        return Parties(from: from, to: to, created: created, direction: direction)
    }

    // MARK: Status

    private func readStatus(_ record: CSVStreamRow) -> (failed: Bool, failure: String?) {
        guard let c = layout[.status] else { return (false, nil) }
        let f = record.field(c)
        let ok: Bool
        switch variant {
        case .internalTransactions: ok = FieldBytes.isEmpty(f) || FieldBytes.equals(f, "0")
        case .transactionList, .tokenTransactionList: ok = FieldBytes.isEmpty(f) || FieldBytes.equals(f, "Success")
        default: ok = FieldBytes.isEmpty(f)
        }
        guard !ok else { return (false, nil) }
        let err = layout[.errCode].map { record.string($0) } ?? ""
        return (true, err.isEmpty ? record.string(c) : err)
    }

    // MARK: Method

    private mutating func readMethod(_ record: CSVStreamRow) -> (text: String?, meaning: MethodNames.Meaning?) {
        guard let c = layout[.method] else { return (nil, nil) }
        let f = record.field(c)
        guard !f.isEmpty else { return (nil, nil) }
        if let hit = methods.firstIndex(where: { f.elementsEqual($0.bytes) }) {
            return (methods[hit].text, methods[hit].meaning)
        }
        let m = FieldBytes.string(f)
        let meaning = MethodNames.meaning(of: m)
        if methods.count < Self.methodCacheLimit { methods.append((Array(f), m, meaning)) }
        return (m, meaning)
    }

    // MARK: Amounts

    private mutating func readAmounts(_ scan: inout RowScan, parties: Parties, failed: Bool) -> Amounts {
        switch variant {
        case .transactionsV1, .transactionsV2, .transactionsV3, .transactionsV4, .internalTransactions:
            nativeAmounts(&scan, direction: parties.direction, failed: failed)
        case .transactionList:
            listAmounts(&scan, direction: parties.direction, failed: failed)
        case .tokenTransfersV1, .tokenTransfersV2, .tokenTransfersV4, .tokenTransfersPrivateTags, .tokenTransactionList:
            tokenAmounts(&scan, contract: parties.created?.text, failed: failed)
        }
    }

    /// Normal and internal exports: Value_IN/Value_OUT in the native token, a price, the fee columns.
    private mutating func nativeAmounts(_ scan: inout RowScan, direction: ImportedRow.Direction, failed: Bool) -> Amounts {
        var a = Amounts()
        let valueIn = decimal(.valueIn, &scan, required: true)
        let valueOut = decimal(.valueOut, &scan, required: true)
        let price = decimal(.price, &scan)
        var moved: Quantity?
        if direction != .incoming, let v = valueOut, v.isPositive { moved = v }
        if moved == nil, let v = valueIn, v.isPositive { moved = v }
        a.legValue = moved
        if !failed, let q = moved {
            a.volume = Amount(q, native)
            if let p = price, p.isPositive {
                do throws(AmountError) {
                    a.volumeUsd = try q * p
                } catch {
                    if let c = layout[.price] { scan.issue(c, .badAmount(column: name(c), error: error)) }
                }
            }
        }
        let feeQ = decimal(.fee, &scan, required: variant != .internalTransactions)
        let feeUsdQ = decimal(.feeUsd, &scan)
        if direction != .incoming {
            if let q = feeQ, q.isPositive { a.fee = Amount(q, native) }
            if let q = feeUsdQ, a.fee != nil { a.feeUsd = q }
        }
        _ = decimal(.parentValue, &scan)
        return a
    }

    /// The newer transaction list: "Amount" is "0.0001 ETH" (a number, a space, the native ticker).
    private mutating func listAmounts(_ scan: inout RowScan, direction: ImportedRow.Direction, failed: Bool) -> Amounts {
        var a = Amounts()
        if let c = layout[.amount] {
            let f = scan.record.field(c)
            var split = f.endIndex
            while split > f.startIndex, f[split - 1] != 0x20 { split -= 1 }
            let unit = f[split...]
            if split == f.startIndex || !NativeTickers.sameToken(FieldBytes.string(unit), native.code) {
                scan.issue(c, .badUnit(column: name(c), value: FieldBytes.string(f), expected: native.code))
            } else if let q = decimalField(f[f.startIndex..<(split - 1)], column: c, &scan, required: true,
                                           dollar: false, grouped: true), q.isPositive, !failed {
                a.volume = Amount(q, native)
            }
        }
        let usd = decimal(.usdValue, &scan, dollar: true, grouped: true)
        if a.volume != nil, let u = usd { a.volumeUsd = u }
        if let q = decimal(.fee, &scan), q.isPositive, direction != .incoming { a.fee = Amount(q, native) }
        return a
    }

    /// Token transfers: the token's value, its USD value, its name and symbol (a spam symbol: no volume).
    private mutating func tokenAmounts(_ scan: inout RowScan, contract: String?, failed: Bool) -> Amounts {
        var a = Amounts()
        let q = decimal(.tokenValue, &scan, required: true, grouped: true)
        a.legValue = q
        let usd = decimal(.usdValue, &scan, dollar: true, grouped: true)
        var symbol = ""
        var tokenName = ""
        if let c = layout[.tokenSymbol] {
            symbol = scan.record.string(c)
            tokenName = layout[.tokenName].map { scan.record.string($0) } ?? ""
        } else if let c = layout[.token] {
            // "XiaoBai (XIAOBAI)": the symbol is in the last parentheses.
            let t = scan.record.string(c)
            if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
                symbol = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
                tokenName = String(t[..<open]).trimmingSpaces.description
            } else {
                symbol = t
                tokenName = t
            }
        }
        a.token = ImportedRow.Token(contract: contract, name: tokenName, symbol: symbol)
        let asset: AssetSymbol?
        if let cached = symbolCache[symbol] {
            asset = cached
        } else {
            asset = try? AssetSymbol(parsing: symbol)
            if symbolCache.count < Self.cacheLimit { symbolCache[symbol] = asset }
        }
        if let q, q.isPositive, let asset, !failed {
            a.volume = Amount(q, asset)
            a.volumeUsd = usd
        }
        return a
    }
}

// MARK: - What the row means: kind, project, claim, leg

extension EtherscanImporter {
    /// The row's kind, why, the known contract on the other side, and whether it is a claim call.
    struct Meaning {
        var kind = Activity.Kind.other
        var evidence = ImportedRow.KindEvidence.none
        var known: KnownContract?
        var isClaimCall = false
    }

    /// The other side: To (or the created contract) when the wallet sent it, From when it received.
    private func other(_ p: Parties) -> Address? {
        p.direction == .incoming ? p.from : (p.to ?? (variant.isTokenTransfers ? nil : p.created))
    }

    private func counterparty(_ p: Parties) -> String? { other(p)?.text }

    /// The registry of known contracts first, then the Method column; a contract creation is `deploy`.
    private func classify(_ p: Parties, method: MethodNames.Meaning?) -> Meaning {
        var m = Meaning()
        m.known = other(p).flatMap { a in
            if let hit = addresses[a.key] { return hit.known }
            return contracts[a.text]
        }
        m.isClaimCall = method == .claim
        if p.to == nil, p.created != nil, !variant.isTokenTransfers, p.direction != .incoming {
            m.kind = .deploy
            m.evidence = .contractCreation
        } else if let known = m.known {
            m.evidence = .registry
            switch known.kind {
            case .bridge, .staking: m.kind = known.kind.activityKind
            case .dexRouter: m.kind = method == .activity(.liquidity) ? .liquidity : .swap
            case .claim:
                m.kind = .other
                m.isClaimCall = true
            case .other:
                if case .activity(let k)? = method { m.kind = k }
            }
        } else if let method {
            m.evidence = .method
            if case .activity(let k) = method { m.kind = k }
        }
        return m
    }

    /// Tokens (or value) received in a claim call, or from a known distributor.
    private func probableClaim(_ p: Parties, _ a: Amounts, _ m: Meaning) -> ImportedRow.ProbableClaim? {
        guard p.direction == .incoming, let volume = a.volume, let from = p.from?.text, m.isClaimCall else { return nil }
        return ImportedRow.ProbableClaim(amount: volume, distributor: from,
                                         evidence: m.known?.kind == .claim ? .knownDistributor : .claimMethod)
    }

    /// Several exports can list the same transaction: the normal one is the transaction itself, internal
    /// and token rows are legs of it, each told apart by what it moved and which way.
    private func leg(_ p: Parties, _ a: Amounts) -> String? {
        guard variant == .internalTransactions || variant.isTokenTransfers else { return nil }
        let way = p.direction == .incoming ? "in" : (p.direction == .outgoing ? "out" : "self")
        let amountText = a.legValue?.description ?? "0"
        return variant == .internalTransactions ? "internal:\(way):\(amountText)"
            : "token:\(p.created?.text ?? a.token?.symbol ?? ""):\(way):\(amountText)"
    }
}

import LedgerCore

/// Reads the rows of one Etherscan-family export into activity drafts, one record at a time.
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
public struct EtherscanImporter: Sendable {
    public var variant: EtherscanVariant { layout.variant }
    public let options: EtherscanImportOptions
    /// The header's column names, as written.
    public var columnNames: [String] { layout.names }

    let layout: EtherscanLayout
    private let headerFirst: [UInt8]
    private let walletKey: AddressKey
    private let contracts: [String: KnownContract]
    private let native: AssetSymbol
    // Caches that keep a million-row import from building the same strings and lookups again. Each is
    // bounded, so memory stays bounded whatever the file.
    private var addresses: [AddressKey: (text: String, known: KnownContract?)] = [:]
    private var methods: [(bytes: [UInt8], text: String, meaning: MethodNames.Meaning?)] = []
    private var symbolCache: [String: AssetSymbol?] = [:]
    private var lastDecimals: [(bytes: [UInt8], value: FieldBytes.Decimal)]
    private static let cacheLimit = 50_000
    private static let methodCacheLimit = 64

    /// What one record gave.
    public enum Outcome: Sendable {
        case row(ImportedRow)
        case issues([ImportIssue])
        /// The header line again (exports joined with `cat`, since the explorer caps a download at
        /// 5,000 rows): skipped.
        case repeatedHeader
    }

    /// Reads the header record. Throws the issue to report at the header when it is not a known header,
    /// or when its native ticker contradicts the chain.
    public init(header: CSVStreamRow, options: EtherscanImportOptions) throws(ImportIssue) {
        if let p = header.problems.first {
            throw ImportIssue(line: p.line, column: p.column, problem: .csv(p.kind))
        }
        let layout: EtherscanLayout
        switch EtherscanVariant.detect(header.strings) {
        case .success(let l): layout = l
        case .failure(let problem): throw ImportIssue(line: header.line, column: 1, problem: problem)
        }
        if let t = layout.headerTicker, !NativeTickers.sameToken(t, options.nativeTicker) {
            let i = layout[.valueIn] ?? layout[.fee] ?? layout[.price] ?? 0
            throw ImportIssue(line: header.line(ofField: i), column: header.column(ofField: i),
                              problem: .tickerMismatch(file: t, chain: options.chain, chainTicker: options.nativeTicker))
        }
        guard let native = try? AssetSymbol(parsing: options.nativeTicker) else {
            throw ImportIssue(line: header.line, column: 1,
                              problem: .badUnit(column: "native ticker", value: options.nativeTicker, expected: "a symbol"))
        }
        self.layout = layout
        self.headerFirst = Array((layout.names.first ?? "").utf8)
        self.options = options
        guard let walletKey = FieldBytes.addressKey(Array(options.wallet.utf8)[...]) else {
            throw ImportIssue(line: header.line, column: 1, problem: .badAddress(column: "wallet", value: options.wallet))
        }
        self.walletKey = walletKey
        self.lastDecimals = Array(repeating: ([], .empty), count: layout.columnCount)
        self.contracts = options.registry.contracts(on: options.chain)
        self.native = native
    }

    /// The lower-case text of an address, from the cache when seen before.
    private mutating func cachedAddress(_ key: AddressKey, _ field: ArraySlice<UInt8>) -> String {
        if let hit = addresses[key] { return hit.text }
        let text = FieldBytes.hex(field, hexDigits: 40) ?? FieldBytes.string(field)
        if addresses.count < Self.cacheLimit { addresses[key] = (text, contracts[text]) }
        return text
    }

    /// Reads one record after the header.
    public mutating func read(_ record: CSVStreamRow) -> Outcome {
        if record.count == layout.columnCount, record.field(0).elementsEqual(headerFirst),
           record.strings == layout.names {
            return .repeatedHeader
        }
        if !record.problems.isEmpty {
            return .issues(record.problems.map { ImportIssue(line: $0.line, column: $0.column, problem: .csv($0.kind)) })
        }
        guard record.count == layout.columnCount else {
            let last = max(record.count - 1, 0)
            return .issues([ImportIssue(line: record.line(ofField: last), column: record.column(ofField: last),
                                        problem: .fieldCount(expected: layout.columnCount, found: record.count,
                                                             lastLineUnterminated: !record.isTerminated))])
        }
        var issues: [ImportIssue] = []
        func issue(_ column: Int, _ p: ImportProblem) {
            issues.append(ImportIssue(line: record.line(ofField: column), column: record.column(ofField: column), problem: p))
        }
        func name(_ c: Int) -> String { layout.names[c] }
        let grouping = options.thousandsSeparators == .acceptedInTokenAndUsdColumns

        /// A decimal column; nil when empty or bad (bad ones are reported).
        func decimal(_ role: EtherscanColumn, required: Bool = false, dollar: Bool = false,
                     grouped: Bool = false) -> Quantity? {
            guard let c = layout[role] else { return nil }
            return decimalField(record.field(c), column: c, required: required, dollar: dollar, grouped: grouped)
        }
        func decimalField(_ f: ArraySlice<UInt8>, column c: Int, required: Bool, dollar: Bool,
                          grouped: Bool) -> Quantity? {
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
                if required { issue(c, .missingValue(column: name(c))) }
                return nil
            case .grouped:
                issue(c, .thousandsSeparator(column: name(c), value: FieldBytes.string(f)))
                return nil
            case .malformed(let e):
                issue(c, .badAmount(column: name(c), error: e))
                return nil
            }
        }
        func address(_ role: EtherscanColumn, required: Bool) -> (key: AddressKey, text: String)? {
            guard let c = layout[role] else { return nil }
            let f = record.field(c)
            if FieldBytes.isEmpty(f) {
                if required { issue(c, .missingValue(column: name(c))) }
                return nil
            }
            guard let key = FieldBytes.addressKey(f) else {
                issue(c, .badAddress(column: name(c), value: FieldBytes.string(f)))
                return nil
            }
            return (key, cachedAddress(key, f))
        }

        // Identity and time.
        var txHash = ""
        if let c = layout[.hash] {
            let f = record.field(c)
            if let h = FieldBytes.hex(f, hexDigits: 64) {
                txHash = h
            } else if FieldBytes.isEmpty(f) {
                issue(c, .missingValue(column: name(c)))
            } else {
                issue(c, .badHash(column: name(c), value: FieldBytes.string(f)))
            }
        }
        var at: Instant?
        if let c = layout[.unixTime] {
            let f = record.field(c)
            if let s = FieldBytes.integer(f) { at = Instant(seconds: s) } else {
                issue(c, .badTimestamp(column: name(c), value: FieldBytes.string(f)))
            }
        } else if let c = layout[.dateTime] {
            let text = record.string(c)
            if let i = try? Instant(parsing: text), text.utf8.count >= 16 { at = i } else {
                issue(c, .badDateTime(column: name(c), value: text))
            }
        }

        // Who: the wallet must be on one side.
        let fromAddress = address(.from, required: true)
        let toAddress = address(.to, required: false)
        let createdAddress = address(.contractAddress, required: variant.isTokenTransfers && variant != .tokenTransactionList)
        let from = fromAddress?.text, to = toAddress?.text, created = createdAddress?.text
        var direction = ImportedRow.Direction.outgoing
        if let fc = layout[.from], let tc = layout[.to], let fromAddress {
            let fromIsWallet = fromAddress.key == walletKey
            let toIsWallet = toAddress?.key == walletKey
            let parentIsWallet = layout[.parentFrom].map { FieldBytes.addressKey(record.field($0)) == walletKey } ?? false
            switch (fromIsWallet, toIsWallet) {
            case (true, true): direction = .selfTransfer
            case (true, false): direction = .outgoing
            case (false, true): direction = .incoming
            case (false, false):
                if parentIsWallet {
                    direction = .outgoing
                } else {
                    issue(fc, .notThisWallet(wallet: options.wallet, from: record.string(fc), to: record.string(tc)))
                }
            }
        }

        // Status.
        var failed = false
        var failure: String?
        if let c = layout[.status] {
            let f = record.field(c)
            let ok: Bool
            switch variant {
            case .internalTransactions: ok = FieldBytes.isEmpty(f) || FieldBytes.equals(f, "0")
            case .transactionList, .tokenTransactionList: ok = FieldBytes.isEmpty(f) || FieldBytes.equals(f, "Success")
            default: ok = FieldBytes.isEmpty(f)
            }
            if !ok {
                failed = true
                let err = layout[.errCode].map { record.string($0) } ?? ""
                failure = err.isEmpty ? record.string(c) : err
            }
        }

        // Method.
        var method: String?
        var meaning: MethodNames.Meaning?
        if let c = layout[.method] {
            let f = record.field(c)
            if !f.isEmpty {
                if let hit = methods.firstIndex(where: { f.elementsEqual($0.bytes) }) {
                    method = methods[hit].text
                    meaning = methods[hit].meaning
                } else {
                    let m = FieldBytes.string(f)
                    method = m
                    meaning = MethodNames.meaning(of: m)
                    if methods.count < Self.methodCacheLimit { methods.append((Array(f), m, meaning)) }
                }
            }
        }

        // Amounts.
        var volume: Amount?
        var volumeUsd: Quantity?
        var fee: Amount?
        var feeUsd: Quantity?
        var token: ImportedRow.Token?
        /// The value the row moves (before failure or spam rules), for telling legs of one tx apart.
        var legValue: Quantity?
        switch variant {
        case .transactionsV1, .transactionsV2, .transactionsV3, .transactionsV4, .internalTransactions:
            let valueIn = decimal(.valueIn, required: true)
            let valueOut = decimal(.valueOut, required: true)
            let price = decimal(.price)
            var moved: Quantity?
            if direction != .incoming, let v = valueOut, v.isPositive { moved = v }
            if moved == nil, let v = valueIn, v.isPositive { moved = v }
            legValue = moved
            if !failed, let q = moved {
                volume = Amount(q, native)
                if let p = price, p.isPositive {
                    do throws(AmountError) {
                        volumeUsd = try q * p
                    } catch {
                        if let c = layout[.price] { issue(c, .badAmount(column: name(c), error: error)) }
                    }
                }
            }
            let feeQ = decimal(.fee, required: variant != .internalTransactions)
            let feeUsdQ = decimal(.feeUsd)
            if direction != .incoming {
                if let q = feeQ, q.isPositive { fee = Amount(q, native) }
                if let q = feeUsdQ, fee != nil { feeUsd = q }
            }
            _ = decimal(.parentValue)
        case .transactionList:
            if let c = layout[.amount] {
                let f = record.field(c)
                // "0.0001 ETH": a number, a space, the native ticker.
                var split = f.endIndex
                while split > f.startIndex, f[split - 1] != 0x20 { split -= 1 }
                let unit = f[split...]
                if split == f.startIndex || !NativeTickers.sameToken(FieldBytes.string(unit), native.code) {
                    issue(c, .badUnit(column: name(c), value: FieldBytes.string(f), expected: native.code))
                } else if let q = decimalField(f[f.startIndex..<(split - 1)], column: c, required: true,
                                               dollar: false, grouped: true), q.isPositive, !failed {
                    volume = Amount(q, native)
                }
            }
            let usd = decimal(.usdValue, dollar: true, grouped: true)
            if volume != nil, let u = usd { volumeUsd = u }
            if let q = decimal(.fee), q.isPositive, direction != .incoming { fee = Amount(q, native) }
        case .tokenTransfersV1, .tokenTransfersV2, .tokenTransfersV4, .tokenTransfersPrivateTags, .tokenTransactionList:
            let q = decimal(.tokenValue, required: true, grouped: true)
            legValue = q
            let usd = decimal(.usdValue, dollar: true, grouped: true)
            var symbol = ""
            var tokenName = ""
            if let c = layout[.tokenSymbol] {
                symbol = record.string(c)
                tokenName = layout[.tokenName].map { record.string($0) } ?? ""
            } else if let c = layout[.token] {
                // "XiaoBai (XIAOBAI)": the symbol is in the last parentheses.
                let t = record.string(c)
                if t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
                    symbol = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
                    tokenName = String(t[..<open]).trimmingSpaces.description
                } else {
                    symbol = t
                    tokenName = t
                }
            }
            token = ImportedRow.Token(contract: created, name: tokenName, symbol: symbol)
            let asset: AssetSymbol?
            if let cached = symbolCache[symbol] {
                asset = cached
            } else {
                asset = try? AssetSymbol(parsing: symbol)
                if symbolCache.count < Self.cacheLimit { symbolCache[symbol] = asset }
            }
            if let q, q.isPositive, let asset, !failed {
                volume = Amount(q, asset)
                volumeUsd = usd
            }
        }

        guard issues.isEmpty, let at else { return .issues(issues) }

        // Kind, project, claim.
        let counterparty: String?
        switch direction {
        case .incoming: counterparty = from
        case .outgoing, .selfTransfer:
            counterparty = to ?? (variant.isTokenTransfers ? nil : created)
        }
        var kind = Activity.Kind.other
        var evidence = ImportedRow.KindEvidence.none
        let other = direction == .incoming ? fromAddress : (toAddress ?? (variant.isTokenTransfers ? nil : createdAddress))
        let known: KnownContract? = other.flatMap { a in
            if let hit = addresses[a.key] { return hit.known }
            return contracts[a.text]
        }
        var isClaimCall = meaning == .claim
        if to == nil, created != nil, !variant.isTokenTransfers, direction != .incoming {
            kind = .deploy
            evidence = .contractCreation
        } else if let known {
            evidence = .registry
            switch known.kind {
            case .bridge, .staking: kind = known.kind.activityKind
            case .dexRouter: kind = meaning == .activity(.liquidity) ? .liquidity : .swap
            case .claim:
                kind = .other
                isClaimCall = true
            case .other:
                if case .activity(let k)? = meaning { kind = k }
            }
        } else if let meaning {
            evidence = .method
            if case .activity(let k) = meaning { kind = k }
        }
        var claim: ImportedRow.ProbableClaim?
        if direction == .incoming, let volume, let from, isClaimCall {
            claim = ImportedRow.ProbableClaim(amount: volume, distributor: from,
                                              evidence: known?.kind == .claim ? .knownDistributor : .claimMethod)
        }
        // Several exports can list the same transaction: the normal one is the transaction itself,
        // internal and token rows are legs of it, each told apart by what it moved and which way.
        var leg: String?
        if variant == .internalTransactions || variant.isTokenTransfers {
            let way = direction == .incoming ? "in" : (direction == .outgoing ? "out" : "self")
            let amountText = legValue?.description ?? "0"
            leg = variant == .internalTransactions ? "internal:\(way):\(amountText)"
                : "token:\(created ?? token?.symbol ?? ""):\(way):\(amountText)"
        }
        return .row(ImportedRow(
            line: record.line, variant: variant, kind: kind, kindEvidence: evidence, at: at, chain: options.chain,
            txHash: txHash, direction: direction, volume: volume, volumeUsd: volumeUsd, fee: fee, feeUsd: feeUsd,
            failed: failed, failure: failure, counterparty: counterparty,
            projectSlug: known?.projectSlug ?? options.project, knownContract: known, method: method, token: token,
            probableClaim: claim, leg: leg))
    }
}

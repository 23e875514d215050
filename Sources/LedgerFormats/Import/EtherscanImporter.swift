import LedgerCore

/// Reads the rows of one Etherscan-family export into activity drafts, one record at a time: the
/// explorer importer (`ExplorerImporter`) of Etherscan and every explorer on its engine (Arbiscan,
/// Basescan, BscScan, Polygonscan, Lineascan, Scrollscan, ...).
///
/// Made from the header record (which fixes the variant and the column positions), then fed every
/// following record. Each record gives either an `ImportedRow` or every issue found in it; the importer
/// never stops at a bad row. Pure: no I/O, no clock.
///
/// Row rules (docs/explorer-formats.md, checked against the real exports in Fixtures/etherscan/real):
/// * The kind comes from the registry of known contracts for the counterparty (the Scroll bridge is a
///   `bridge` for project `scroll`), else from the Method column, else `other`.
/// * A contract creation is `deploy`: `To` empty and the new contract in `ContractAddress` (classic
///   exports), `To` = "Create: NAME" or the new contract with the init code's first bytes as Method
///   (page data). Its counterparty is the created contract; when the wallet is the created contract
///   (the export of a contract), the creator, and the creator paid the fee.
/// * The fee is the fee column in the native token, counted only when the wallet sent the transaction.
/// * A failed transaction (normal: any non-empty Status such as "Error(0)"; internal: Status other than
///   "0"; page data: other than "Success") is kept with `failed` and its fee, without volume.
/// * Tokens received from a known distributor (or in a "Claim" transaction) are a probable claim.
/// * Liberal in what explorers write, strict in what is stored: a trailing empty field, a nameless
///   last header column, "N/A" or "-" for a missing price, private tag columns, US dates are read past;
///   what is stored is the exact amounts, lower-case addresses and hashes, UTC times.
public struct EtherscanImporter: ExplorerImporter {
    public static let info = ExplorerInfo(
        id: "etherscan", family: "Etherscan-family", name: "Etherscan",
        sites: "Etherscan, Arbiscan, Basescan, BscScan, Polygonscan, Lineascan, Scrollscan and the other Etherscan-engine explorers",
        exports: "transactions, internal, token transfers, transaction list",
        chainFamilies: [.evm], chain: .named,
        headers: EtherscanVariant.allCases.map { KnownHeader(export: $0.description, header: $0.exampleHeader) },
        headersNote: "CurrentValue may carry a price; From and To may be followed by a _PrivateTag column; any may end with PrivateNote")

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
    public var exportName: String { variant.description + (layout.hasPrivateTags ? " with private tags" : "") }
    public let options: ExplorerImportOptions
    public let notes: [String]
    /// The header's column names, as written.
    public var columnNames: [String] { layout.names }

    let layout: EtherscanLayout
    private let walletKey: AddressKey
    private let contracts: [String: KnownContract]
    /// The chain's native token: `options.gasToken`, or the header's ticker for a chain airledger does
    /// not list. Nil only for token-transfer exports of such a chain (they have no native amounts).
    private let native: AssetSymbol?
    private let source: String
    /// Thousands separators accepted in the token and USD columns.
    private let grouping: Bool
    // Caches that keep a million-row import from building the same strings and lookups again. Each is
    // bounded, so memory stays bounded whatever the file.
    private var addresses: [AddressKey: (text: String, known: KnownContract?)] = [:]
    private var methods: [MethodField] = []
    private var symbolCache: [String: AssetSymbol?] = [:]
    private var lastDecimals: [(bytes: [UInt8], value: FieldBytes.Decimal)]
    private static let cacheLimit = 50_000
    private static let methodCacheLimit = 64

    /// Reads the header record. Throws the issue to report at the header when it is not a known header,
    /// names several native tickers, names one that contradicts the chain, or (a chain airledger does
    /// not list) does not name the gas token its native amounts are in.
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
        let tickerField = layout[.valueIn] ?? layout[.fee] ?? layout[.price] ?? 0
        let native: AssetSymbol?
        var notes: [String] = []
        let unlisted = "'\(options.chain.name)' is not a chain airledger lists: its rows are recorded as \(ExplorerInfo.article(options.chain.family.displayName)) chain of that name"
        if let gas = options.gasToken {
            if let t = layout.headerTicker, !NativeTickers.sameToken(t, gas.code) {
                throw ImportIssue(line: header.line(ofField: tickerField), column: header.column(ofField: tickerField),
                                  problem: .tickerMismatch(file: t, chain: options.chain.name, chainTicker: gas.code))
            }
            native = gas
            if !options.chainIsListed { notes.append(unlisted + ", gas token \(gas.code) (given)") }
        } else if let t = layout.headerTicker, let gas = try? AssetSymbol(parsing: t) {
            native = gas
            notes.append(unlisted + ", gas token \(gas.code) (named by the header: \(layout.tickerColumn ?? t))")
        } else if layout.variant.hasNativeAmounts {
            throw ImportIssue(line: header.line, column: 1, problem: .gasTokenUnknown(chain: options.chain.name))
        } else {
            native = nil
            notes.append(unlisted + " (this export has no amounts in its gas token)")
        }
        guard let walletKey = FieldBytes.addressKey(Array(options.wallet.utf8)[...]) else {
            throw ImportIssue(line: header.line, column: 1,
                              problem: .badAddress(column: "wallet", value: options.wallet, expected: Self.addressShape))
        }
        self.layout = layout
        self.options = options
        self.notes = notes
        self.walletKey = walletKey
        self.lastDecimals = Array(repeating: ([], .empty), count: max(layout.columnCount, layout.fieldCount))
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
        let n = record.count
        // One more field than the header names is the trailing comma of 2017-2023 exports: read past
        // it when it is empty.
        guard n == layout.fieldCount || (n == layout.fieldCount + 1 && FieldBytes.isEmpty(record.field(n - 1))) else {
            let last = max(n - 1, 0)
            return .issues([ImportIssue(line: record.line(ofField: last), column: record.column(ofField: last),
                                        problem: .fieldCount(expected: layout.fieldCount, found: n,
                                                             lastLineUnterminated: !record.isTerminated))])
        }
        var scan = RowScan(record: record)
        let txHash = readHash(&scan)
        let at = readTime(&scan)
        let status = readStatus(&scan)
        let method = readMethod(record)
        let parties = readParties(&scan, method: method)
        let amounts = readAmounts(&scan, parties: parties, failed: status.failed)
        guard scan.issues.isEmpty, let at else { return .issues(scan.issues) }
        let meaning = classify(parties, method: method?.meaning)
        return .row(ImportedRow(
            line: record.line, source: source, kind: meaning.kind, kindEvidence: meaning.evidence, at: at,
            chain: options.chain.name, txHash: txHash, direction: parties.direction, volume: amounts.volume,
            volumeUsd: amounts.volumeUsd, fee: amounts.fee, feeUsd: amounts.feeUsd, failed: status.failed,
            failure: status.failure, counterparty: counterparty(parties), projectSlug: meaning.known?.projectSlug,
            knownContract: meaning.known, method: method?.text, token: amounts.token,
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
        /// The transaction created a contract (`created`, or `to` in page data; neither when the file
        /// gives only its name, "Create: NAME").
        var creation = false
    }

    /// The Method column of a row, read once per distinct value.
    struct MethodField {
        var bytes: [UInt8]
        var text: String
        var meaning: MethodNames.Meaning?
        /// A raw 4-byte value that is the start of contract creation code (page data writes the init
        /// code's first bytes as the Method of a creation).
        var isInitCode: Bool
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
            // "N/A": Etherscan's price of an unpriced token, read as no value where a value is optional.
            parsed = !required && Self.isNotAvailable(f) ? .empty : FieldBytes.decimal(f, dollar: dollar, grouping: grouped && grouping)
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

    /// "N/A" (any case, spaces around).
    static func isNotAvailable(_ f: ArraySlice<UInt8>) -> Bool {
        var lo = f.startIndex, hi = f.endIndex
        while lo < hi, f[lo] == 0x20 { lo += 1 }
        while hi > lo, f[hi - 1] == 0x20 { hi -= 1 }
        guard hi - lo == 3 else { return false }
        return f[lo] | 0x20 == 0x6E && f[lo + 1] == 0x2F && f[lo + 2] | 0x20 == 0x61
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
            if let s = FieldBytes.integer(f) {
                // 10^11 seconds is the year 5138: a 13-digit value is milliseconds.
                if s >= 100_000_000_000 {
                    scan.issue(c, .timestampInMilliseconds(column: name(c), value: FieldBytes.string(f)))
                    return nil
                }
                let at = Instant(seconds: s)
                // The date-time column, when the export has one, must name the same second.
                if let d = layout[.dateTime] {
                    let text = scan.record.string(d)
                    if let other = (text.utf8.count >= 16 ? try? Instant(parsing: text) : nil) ?? Self.usDateTime(text), other != at {
                        scan.issue(d, .timesDisagree(unixColumn: name(c), unix: FieldBytes.string(f), dateColumn: name(d), date: text))
                        return nil
                    }
                }
                return at
            }
            scan.issue(c, .badTimestamp(column: name(c), value: FieldBytes.string(f)))
        } else if let c = layout[.dateTime] {
            let text = scan.record.string(c)
            if let i = try? Instant(parsing: text), text.utf8.count >= 16 { return i }
            if let i = Self.usDateTime(text) { return i }
            scan.issue(c, .badDateTime(column: name(c), value: text))
        }
        return nil
    }

    /// "9/11/2017 2:26:41 PM", the UTC date-time of Etherscan's exports of 2017 (month first, 12-hour
    /// clock, no leading zeros); nil for anything else.
    static func usDateTime(_ text: String) -> Instant? {
        let parts = text.trimmingSpaces.split(separator: " ")
        guard parts.count == 3 else { return nil }
        let date = parts[0].split(separator: "/", omittingEmptySubsequences: false)
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        let half = parts[2].uppercased()
        guard date.count == 3, time.count == 3, half == "AM" || half == "PM",
              let month = Int(date[0]), let day = Int(date[1]), let year = Int(date[2]), date[2].count == 4,
              let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              time[1].count == 2, time[2].count == 2, (1...12).contains(hour) else { return nil }
        let hour24 = hour % 12 + (half == "PM" ? 12 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return try? Instant(parsing: "\(year)-\(two(month))-\(two(day))T\(two(hour24)):\(two(minute)):\(two(second))Z")
    }

    // MARK: Who: the wallet must be on one side

    private mutating func readParties(_ scan: inout RowScan, method: MethodField?) -> Parties {
        let from = address(.from, &scan, required: true)
        var to: Address?
        var creation = false
        if let tc = layout[.to], !variant.isTokenTransfers, Self.isCreateName(scan.record.field(tc)) {
            creation = true // "Create: Ethereum2": a creation whose address the file does not give
        } else {
            to = address(.to, &scan, required: false)
        }
        let created = address(.contractAddress, &scan, required: variant.isTokenTransfers && variant != .tokenTransactionList)
        if !variant.isTokenTransfers {
            if to == nil, created != nil {
                creation = true // classic exports: To empty, the new contract in ContractAddress
            } else if variant.isPageData, to != nil, method?.isInitCode == true {
                creation = true // page data: To is the new contract, Method the init code's first bytes
            }
        }
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
                } else if creation, created?.key == walletKey {
                    direction = .incoming // the export of a contract: its own creation, paid by From
                } else {
                    scan.issue(fc, .notThisWallet(wallet: options.wallet, from: record.string(fc), to: record.string(tc)))
                }
            }
        }
        return Parties(from: from, to: to, created: created, direction: direction, creation: creation)
    }

    /// "Create: NAME" (ASCII case ignored), the page-data form of a creation's To.
    static func isCreateName(_ f: ArraySlice<UInt8>) -> Bool {
        // Read per row of a million: the first byte of an address ("0") fails at once, nothing allocated.
        guard f.count > 7 else { return false }
        var i = f.startIndex
        for w in createWord {
            guard f[i] | (w == 0x3A ? 0 : 0x20) == w else { return false }
            i += 1
        }
        return true
    }

    private static let createWord: [UInt8] = Array("create:".utf8)

    /// The first four bytes of contract creation code as Solidity and Vyper compile it: PUSH1 of the
    /// free-memory start (0x80, 0xa0, 0xc0, 0xe0) or PUSH2 of a larger one, then MSTORE's operand, a
    /// DUP1 or CALLVALUE ("0x60806040", "0x60a03461", "0x60808060", "0x61014034"). A function selector
    /// has this shape about once in a million.
    static func isInitCode(_ f: ArraySlice<UInt8>) -> Bool {
        guard f.count == 10, let v = FieldBytes.hex(f, hexDigits: 8).flatMap({ UInt32($0.dropFirst(2), radix: 16) }) else { return false }
        let b0 = UInt8(v >> 24), b1 = UInt8(v >> 16 & 0xFF), b2 = UInt8(v >> 8 & 0xFF), b3 = UInt8(v & 0xFF)
        let next: Set<UInt8> = [0x60, 0x80, 0x34, 0x52]
        if b0 == 0x60 { return [0x80, 0xA0, 0xC0, 0xE0].contains(b1) && next.contains(b2) }
        if b0 == 0x61 {
            let operand = UInt16(b1) << 8 | UInt16(b2)
            return operand >= 0x100 && operand % 0x20 == 0 && next.contains(b3)
        }
        return false
    }

    // MARK: Status

    /// Success or failure as each export writes it; any other value is refused (a "Maybe" is neither).
    /// Normal exports: empty, or "Error(0)" and the like; internal: "0" or "1" (the 2017 export may
    /// leave it empty); page data: "Success", or "Error..." / "Fail..." with the reason.
    private func readStatus(_ scan: inout RowScan) -> (failed: Bool, failure: String?) {
        guard let c = layout[.status] else { return (false, nil) }
        let record = scan.record
        let f = record.field(c)
        let text = record.string(c).trimmingSpaces
        let ok: Bool, failed: Bool
        if variant.isPageData {
            ok = FieldBytes.isEmpty(f) || FieldBytes.equals(f, "Success")
            failed = text.hasPrefix("Error") || text.hasPrefix("Fail")
        } else if variant.isInternal {
            ok = FieldBytes.isEmpty(f) || FieldBytes.equals(f, "0")
            failed = text == "1"
        } else {
            ok = FieldBytes.isEmpty(f)
            failed = text.hasPrefix("Error")
        }
        guard !ok else { return (false, nil) }
        guard failed else {
            let expected = variant.isPageData ? "a status this export writes (Success, or Error/Fail with the reason)"
                : variant.isInternal ? "a status this export writes (0 for success, 1 for an error)"
                : "a status this export writes (empty for success, Error(0) and the like for a failed transaction)"
            scan.issue(c, .badField(column: name(c), value: String(text), expected: expected))
            return (false, nil)
        }
        let err = layout[.errCode].map { record.string($0) } ?? ""
        return (true, err.isEmpty ? record.string(c) : err)
    }

    // MARK: Method

    private mutating func readMethod(_ record: CSVStreamRow) -> MethodField? {
        guard let c = layout[.method] else { return nil }
        let f = record.field(c)
        guard !f.isEmpty else { return nil }
        if let hit = methods.firstIndex(where: { f.elementsEqual($0.bytes) }) { return methods[hit] }
        let m = FieldBytes.string(f)
        let field = MethodField(bytes: Array(f), text: m, meaning: MethodNames.meaning(of: m),
                                isInitCode: variant.isPageData && Self.isInitCode(f))
        if methods.count < Self.methodCacheLimit { methods.append(field) }
        return field
    }

    // MARK: Amounts

    private mutating func readAmounts(_ scan: inout RowScan, parties: Parties, failed: Bool) -> Amounts {
        switch variant {
        case .transactionsV1, .transactionsV2, .transactionsV3, .transactionsV4, .internalTransactions, .internalTransactions2017:
            nativeAmounts(&scan, direction: parties.direction, failed: failed)
        case .transactionList, .internalTransactionList:
            listAmounts(&scan, direction: parties.direction, failed: failed)
        case .tokenTransfersV1, .tokenTransfersV2, .tokenTransfersV4, .tokenTransactionList:
            tokenAmounts(&scan, contract: parties.created?.text, failed: failed)
        }
    }

    /// Normal and internal exports: Value_IN/Value_OUT in the native token, a price, the fee columns.
    private mutating func nativeAmounts(_ scan: inout RowScan, direction: ImportedRow.Direction, failed: Bool) -> Amounts {
        var a = Amounts()
        guard let native else { return a } // never: init refuses native amounts without a gas token
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
        let feeQ = decimal(.fee, &scan, required: !variant.isInternal)
        let feeUsdQ = decimal(.feeUsd, &scan)
        if direction != .incoming {
            if let q = feeQ, q.isPositive { a.fee = Amount(q, native) }
            if let q = feeUsdQ, a.fee != nil { a.feeUsd = q }
        }
        _ = decimal(.parentValue, &scan)
        return a
    }

    /// The page-data lists of transactions and internal transactions: "Amount" is "0.0001 ETH" (a
    /// number, a space, the native ticker).
    private mutating func listAmounts(_ scan: inout RowScan, direction: ImportedRow.Direction, failed: Bool) -> Amounts {
        var a = Amounts()
        guard let native else { return a } // never: init refuses native amounts without a gas token
        if let c = layout[.amount] {
            let f = scan.record.field(c)
            var split = f.endIndex
            while split > f.startIndex, f[split - 1] != 0x20 { split -= 1 }
            let unit = f[split...]
            if split == f.startIndex || !NativeTickers.sameToken(FieldBytes.string(unit), native.code) {
                scan.issue(c, .badUnit(column: name(c), value: FieldBytes.string(f), expected: native.code))
            } else if let q = decimalField(f[f.startIndex..<(split - 1)], column: c, &scan, required: true,
                                           dollar: false, grouped: true), q.isPositive {
                a.legValue = q
                if !failed { a.volume = Amount(q, native) }
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
        if p.creation {
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
        guard variant.isInternal || variant.isTokenTransfers else { return nil }
        let way = p.direction == .incoming ? "in" : (p.direction == .outgoing ? "out" : "self")
        let amountText = a.legValue?.description ?? "0"
        return variant.isInternal ? "internal:\(way):\(amountText)"
            : "token:\(p.created?.text ?? a.token?.symbol ?? ""):\(way):\(amountText)"
    }
}

import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

/// Reads a file in fixed-size chunks (memory stays bounded whatever its size) and shows progress on
/// stderr when it is a terminal: rows, rows per second, percent of bytes.
/// Used by one thread at a time (the import pipeline hands it to its reader thread), hence unchecked.
struct ChunkedFile: @unchecked Sendable {
    let path: String
    let size: Int
    let handle: FileHandle
    static let chunkSize = 1 << 20

    /// `-` reads standard input (its size unknown: progress shows rows only).
    init(_ path: String) throws {
        if path == "-" {
            handle = FileHandle.standardInput
            self.path = "-"
            size = 0
            return
        }
        guard let h = FileHandle(forReadingAtPath: path) else {
            throw CLIError.failure("cannot read \(path): check the path and permissions")
        }
        handle = h
        self.path = path
        size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? NSNumber)?.intValue ?? 0
    }

    /// Thrown by a chunk's handler that needs no more of the file: `forEachChunk` then returns.
    struct StopReading: Error {}

    /// Hands the file to `body` in chunks of up to 1 MiB, read with read(2) into one reused buffer
    /// (a fresh buffer per chunk cost a page fault per 4 KiB). The chunk is valid only during the call.
    /// `body` throws `StopReading` to end early (a record too long: the file may never end).
    func forEachChunk(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        defer { try? handle.close() }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Self.chunkSize)
        defer { buffer.deallocate() }
        let fd = handle.fileDescriptor
        while true {
            let n = read(fd, buffer.baseAddress, Self.chunkSize)
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIError.failure("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            do { try body(UnsafeBufferPointer(rebasing: buffer[0..<n])) } catch is StopReading { break }
        }
    }
}

final class Progress {
    let enabled: Bool
    let start = Date()
    var last = Date.distantPast
    init(enabled: Bool) { self.enabled = enabled }

    func update(rows: Int, bytes: Int, total: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.25 else { return }
        last = now
        let secs = max(now.timeIntervalSince(start), 0.001)
        let pct = total > 0 ? min(100, bytes * 100 / total) : 0
        Out.ctx.stderr("\r\(rows) rows, \(Int(Double(rows) / secs)) rows/s, \(pct)%   ")
    }

    func done() { if enabled { Out.ctx.stderr("\r\u{1B}[K") } }
}

/// Ends an import transaction without writing (bad rows, or --dry-run).
private struct RollBack: Error {}

/// Counts kept during an import, printed at the end.
struct ImportTally {
    /// Rows read: every row the explorer gave, and every record it skipped.
    var rows = 0
    var imported = 0, alreadyPresent = 0, unclassified = 0, noProject = 0
    var probableClaims = 0, claimsRecorded = 0, claimsPresent = 0
    var byKind: [Activity.Kind: Int] = [:]
    /// Records an explorer importer skipped, by reason.
    var skipped: [String: Int] = [:]
    var issues: [String] = []
    var issueCount = 0
    static let issueCap = 1000

    mutating func issue(_ s: String) {
        issueCount += 1
        if issues.count < Self.issueCap { issues.append(s) }
    }

    func reportIssues(file: String) throws {
        guard issueCount > 0 else { return }
        for i in issues { Out.note(i) }
        if issueCount > issues.count { Out.note("... and \(issueCount - issues.count) more") }
        throw CLIError.data("\(issueCount) problem\(issueCount == 1 ? "" : "s") in \(file): nothing was imported")
    }
}

/// `airledger import <explorer> FILE --wallet W [--chain C] ...`: one subcommand per registered explorer
/// (`Explorers.all`), all made from this generic command, so a new explorer needs no CLI code. Its
/// name, help and chain rule come from the explorer's `ExplorerInfo`.
struct ExplorerImportCommand<Importer: ExplorerImporter>: ParsableCommand {
    static var configuration: CommandConfiguration {
        let info = Importer.info
        return CommandConfiguration(
            commandName: info.id,
            abstract: "Import \(info.aFile) (\(info.exports)): all rows or none.",
            discussion: """
                Files from \(info.sites). The export is detected from the header. Each row becomes an activity: its kind from \
                the bundled registry of well-known contracts (bridges, routers, claim contracts) or the transaction's method, \
                else 'other' with the counterparty kept; its fee from the fee column, only when the wallet paid it; failed \
                transactions are kept (they cost gas) and marked failed. The project comes from the registry; --project places \
                only the rows the registry does not know (rows with neither are skipped and counted). Token transfers in from a \
                known airdrop distributor are reported as probable claims (recorded as activities, and as claims too only with \
                --claims). Importing the same file again adds nothing. The summary accounts for every row: imported, already \
                present, skipped with the reason.
                """)
    }

    static var chainHelp: String {
        let examples = Chains.all.filter { Importer.info.chainFamilies.contains($0.family) }.prefix(4).map(\.name)
        switch Importer.info.chain {
        case .named:
            let family = Importer.info.familyNames
            return "The chain the explorer serves (required: the file does not say), e.g. \(examples.joined(separator: ", ")); "
                + "any other \(family) chain by its name, e.g. apechain (its gas token from --gas-token or the file)."
        case .wallet: return "The chain (default: the wallet's), e.g. \(examples.joined(separator: ", "))."
        }
    }

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The CSV file, or - for standard input.") var file: String
    @Option(help: "The wallet (label) whose export this is.") var wallet: String
    @Option(help: ArgumentHelp(Self.chainHelp)) var chain: String?
    @Option(name: .customLong("gas-token"),
            help: ArgumentHelp("The gas token of a chain airledger does not list (else read from the file's column names, e.g. Value_IN(APE)).",
                               valueName: "symbol"))
    var gasToken: String?
    @Option(help: "Project for the rows the registry of known contracts does not place (it never overrides the registry).") var project: String?
    @Flag(name: .customLong("dry-run"), help: "Show what would be written; write nothing.") var dryRun = false
    @Flag(help: "Record probable airdrop claims (token transfers in from known distributors) as claims too (they are activities either way).") var claims = false
    @Flag(name: .customLong("strict-numbers"), help: "Refuse thousands separators even in token and USD columns.") var strictNumbers = false

    func validate() throws {
        if Importer.info.chain == .named && chain == nil {
            throw ValidationError("Missing expected argument '--chain <chain>'")
        }
    }

    func run() throws {
        try ExplorerImport(explorers: [Importer.self], file: file, wallet: wallet, chain: chain, gasToken: gasToken,
                           project: project?.lowercased(), dryRun: dryRun, claims: claims, strictNumbers: strictNumbers).run(ledger)
    }
}

/// The subcommand of one registered explorer (opens the existential for the generic command).
func explorerImportCommand<E: ExplorerImporter>(_ explorer: E.Type) -> any ParsableCommand.Type {
    ExplorerImportCommand<E>.self
}

/// The shared body of the explorer imports: the file is read and parsed on a second thread while this
/// one writes every row into one transaction; any issue, or --dry-run, rolls it all back.
struct ExplorerImport {
    let explorers: [any ExplorerImporter.Type]
    let file: String
    let wallet: String
    let chain: String?
    let gasToken: String?
    let project: String?
    let dryRun: Bool
    let claims: Bool
    let strictNumbers: Bool

    /// What `record` needs of the options, read once: property-wrapper getters and lower-casing cost per row.
    struct RowContext {
        let file: String
        let wallet: String
        let project: String?
        let claims: Bool
        /// For the rule on times (read once, not per row).
        let now: Instant
    }

    func run(_ ledger: LedgerOptions) throws {
        let db = try ledger.open()
        let w = try db.wallet(labelled: wallet)
        let options = try self.options(for: w)
        if let p = project { _ = try db.project(slug: p) }
        let input = try ChunkedFile(file)
        let progress = Progress(enabled: Out.ctx.stderrIsTTY)
        var tally = ImportTally()
        var export: ExplorerExport?
        var created: [String] = []
        var failure: Error?
        let context = RowContext(file: file, wallet: w.label, project: project, claims: claims, now: Out.now)
        do {
            try db.importBatch(now: Out.now) { batch in
                func handle(_ event: ExplorerImportSession.Event) {
                    guard failure == nil else { return }
                    switch event {
                    case .header: break
                    case .issue(let i): tally.issue(i.formatted(file: file))
                    case .skipped(_, let reason):
                        tally.rows += 1
                        tally.skipped[reason, default: 0] += 1
                    case .row(let row):
                        do { try Self.record(row, batch: batch, tally: &tally, context) } catch {
                            tally.issue("\(file):\(row.line):1: \(CLIError.from(error).message)")
                        }
                    }
                }
                try ExplorerPipeline(input: input, explorers: explorers, options: options).forEach { message in
                    switch message {
                    case .events(let events, let bytesRead, let rows):
                        for e in events { handle(e) }
                        progress.update(rows: rows, bytes: bytesRead, total: input.size)
                    case .done(let e): export = e
                    case .failed(let error): throw error
                    }
                }
                progress.done()
                created = batch.createdProjects
                if tally.issueCount > 0 || dryRun { throw RollBack() }
            }
        } catch is RollBack {
        } catch { failure = error }
        if let f = failure { throw f }
        try tally.reportIssues(file: file)
        summarize(tally, created: created, export: export?.name)
        for note in export?.notes ?? [] { Out.note("note: \(note)") }
    }

    /// The import options for wallet `w`: its chain family must be one the explorers serve; the chain is
    /// --chain, else the wallet's. An explorer whose files are for one family of chains named by the user
    /// (Etherscan-family: EVM) takes a chain airledger does not list, with its gas token from --gas-token
    /// or the file.
    func options(for w: Wallet) throws -> ExplorerImportOptions {
        let infos = explorers.map { $0.info }
        guard infos.contains(where: { $0.chainFamilies.contains(w.chain.family) }) else {
            let families = infos.map { "\($0.family) exports are for \($0.familyNames) wallets" }.joined(separator: "; ")
            throw CLIError.data("wallet '\(w.label)' is on \(w.chain.name): \(families)")
        }
        do {
            let only = explorers.count == 1 ? explorers[0].info : nil
            let unlisted = only.flatMap { $0.chain == .named && $0.chainFamilies.count == 1 ? $0.chainFamilies[0] : nil }
            let options = try ExplorerImportOptions(wallet: w.address, chain: chain ?? w.chain.name, gasToken: gasToken,
                                                    unlisted: unlisted,
                                                    thousandsSeparators: strictNumbers ? .rejected : .acceptedInTokenAndUsdColumns)
            if explorers.count == 1 { try options.check(servedBy: explorers[0]) }
            return options
        } catch { throw CLIError.data(error.description) }
    }

    /// Records one row: its activity (imported, or already present), or nothing when no project is
    /// known; a probable claim is reported, and recorded as a claim too with --claims.
    static func record(_ row: ImportedRow, batch: ImportBatch, tally: inout ImportTally, _ c: RowContext) throws {
        let w = try batch.wallet(c.wallet)
        tally.rows += 1
        // The rule on times every way in applies: from 2009-01-03 to a day after now.
        try row.at.checkPlausible(now: c.now)
        if let claim = row.probableClaim {
            tally.probableClaims += 1
            Out.note("\(c.file):\(row.line): probable airdrop claim: \(claim.amount) from \(claim.distributor) (\(claim.evidence.rawValue))"
                + (c.claims ? "" : "; pass --claims to record it as a claim too"))
            if c.claims {
                let slug = row.project(fallback: c.project)
                if let s = slug { _ = try batch.ensureProject(s, name: row.knownContract?.name ?? s) }
                if try batch.add(MovementRequest(kind: .claim, wallet: w.label, project: slug, amount: claim.amount, at: row.at,
                                                 txHash: row.txHash, source: row.source)) {
                    tally.claimsRecorded += 1
                } else {
                    tally.claimsPresent += 1
                }
            }
        }
        guard let a = row.activity(walletLabel: w.label, fallbackProject: c.project) else {
            tally.noProject += 1
            return
        }
        _ = try batch.ensureProject(a.projectSlug, name: a.projectSlug)
        if try batch.add(a) {
            tally.imported += 1
            tally.byKind[a.kind, default: 0] += 1
            if a.kind == .other { tally.unclassified += 1 }
        } else {
            tally.alreadyPresent += 1
        }
    }

    /// The summary: what was imported, then every row accounted for (imported + already present +
    /// skipped = rows), the skipped ones by reason, the probable claims.
    func summarize(_ t: ImportTally, created: [String], export: String?) {
        let kinds = t.byKind.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }.joined(separator: ", ")
        Out.data((dryRun ? "dry run: would import " : "imported ") + "\(t.imported) activities"
            + (kinds.isEmpty ? "" : " (\(kinds))") + " from \(file)" + (export.map { " [\($0)]" } ?? ""))
        let skipped = t.noProject + t.skipped.values.reduce(0, +)
        Out.data("\(t.rows) row\(t.rows == 1 ? "" : "s"): \(t.imported) imported, \(t.alreadyPresent) already present, \(skipped) skipped; "
            + "unclassified (kind other, counterparty kept): \(t.unclassified)")
        if t.noProject > 0 {
            Out.data("skipped \(t.noProject) rows with no known project: pass --project SLUG to keep them")
        }
        for (reason, n) in t.skipped.sorted(by: { $0.key < $1.key }) {
            Out.data("skipped \(n) rows: \(reason)")
        }
        if t.probableClaims > 0 {
            Out.data("probable claims: \(t.probableClaims) (among the rows above)"
                + (claims ? "; as claims: \(t.claimsRecorded) recorded, \(t.claimsPresent) already present (unpriced until you set a price)"
                          : "; pass --claims to record them as claims too"))
        }
        if !created.isEmpty { Out.data((dryRun ? "would add" : "added") + " projects: \(created.joined(separator: ", "))") }
    }
}

extension ImportCommand {
    struct Activities: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import activities from CSV: date,project,wallet,kind[,chain,tx,volume,volume_usd,fee,fee_usd,points,note].")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file, or - for standard input.") var file: String
        @Flag(name: .customLong("dry-run")) var dryRun = false
        func run() throws { try SheetImport(kind: .activities, file: file, dryRun: dryRun, ledger: ledger).run() }
    }

    struct Claims: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import claims from CSV: date,project,wallet,amount[,asset,price_usd,tx,fee_usd].")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file, or - for standard input.") var file: String
        @Flag(name: .customLong("dry-run")) var dryRun = false
        func run() throws { try SheetImport(kind: .claims, file: file, dryRun: dryRun, ledger: ledger).run() }
    }

    struct Trades: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import buys, sells and transfers from CSV: date,type,wallet,amount[,asset,price_usd,fee_usd,to_wallet,fee,tx].")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file, or - for standard input.") var file: String
        @Flag(name: .customLong("dry-run")) var dryRun = false
        func run() throws { try SheetImport(kind: .trades, file: file, dryRun: dryRun, ledger: ledger).run() }
    }
}

/// The shared body of the spreadsheet imports.
struct SheetImport {
    let kind: SpreadsheetKind
    let file: String
    let dryRun: Bool
    let ledger: LedgerOptions

    func run() throws {
        let db = try ledger.open()
        let input = try ChunkedFile(file)
        let progress = Progress(enabled: Out.ctx.stderrIsTTY)
        var tally = ImportTally()
        var reader: SpreadsheetReader?
        var csv = CSVStreamReader()
        var rows = 0
        var ignored: [String] = []
        do {
            try db.importBatch(now: Out.now) { batch in
                var headerFailed = false
                func handle(_ row: CSVStreamRow) {
                    if headerFailed { return }
                    guard let r = reader else {
                        do { reader = try SpreadsheetReader(kind: kind, file: file, header: row, now: Out.now); ignored = reader?.ignored ?? [] } catch {
                            // A bad header: its issues only (the rows after it cannot be read without it).
                            for i in error.issues { tally.issue(i.description) }
                            headerFailed = true
                        }
                        return
                    }
                    rows += 1
                    switch r.read(row) {
                    case .failure(let list): for i in list.issues { tally.issue(i.description) }
                    case .success(let value):
                        do {
                            let added: Bool
                            switch value {
                            case .activity(let a):
                                // The network-fee rule, as `log` applies it: on the row's chain, else the wallet's.
                                do { try a.checkNetworkFee(walletChain: try batch.wallet(a.walletLabel).chain) } catch let e as NetworkFeeError {
                                    tally.issue("\(file):\(row.line):\(r.column(of: "fee", in: row)): \(e) If a paymaster took another token, put the fee's USD value in fee_usd instead.")
                                    return
                                }
                                added = try batch.add(a)
                            case let .movement(k, w, to, p, amt, at, price, feeUsd, feeQty, tx):
                                added = try batch.add(MovementRequest(kind: k, wallet: w, toWallet: to, project: p, amount: amt, at: at,
                                                                      priceUsd: price, feeUsd: feeUsd, feeQuantity: feeQty, txHash: tx,
                                                                      source: "import:csv"))
                            }
                            if added { tally.imported += 1 } else { tally.alreadyPresent += 1 }
                        } catch {
                            tally.issue("\(file):\(row.line):1: \(CLIError.from(error).message)")
                        }
                    }
                }
                try input.forEachChunk { chunk in
                    csv.feed(chunk, handle)
                    progress.update(rows: rows, bytes: csv.bytesConsumed, total: input.size)
                    if csv.overflowed { throw ChunkedFile.StopReading() }
                }
                csv.finish(handle)
                progress.done()
                if reader == nil && tally.issueCount == 0 {
                    tally.issue("\(file):1:1: the file is empty: expected a header row (\(kind.required.joined(separator: ",")))")
                }
                if tally.issueCount > 0 || dryRun { throw RollBack() }
            }
        } catch is RollBack {
        } catch let e as HoldingsError {
            throw CLIError.data("\(file): \(ErrorReport.message(e)) Nothing was imported.")
        }
        try tally.reportIssues(file: file)
        if !ignored.isEmpty { Out.note("ignored columns: \(ignored.joined(separator: ", "))") }
        Out.data((dryRun ? "dry run: would import " : "imported ") + "\(tally.imported) \(kind.rawValue) rows from \(file); already present: \(tally.alreadyPresent)")
    }
}

import LedgerCore

/// Streams one explorer export: bytes in, rows and issues out, in file order.
///
/// ```swift
/// var session = ExplorerImportSession(explorers: [EtherscanImporter.self], options: options)
/// while let chunk = readChunk() {            // e.g. 1 MiB from a FileHandle, as [UInt8]
///     session.feed(chunk) { event in ... }   // .header(export), .row(ImportedRow), .skipped, .issue(ImportIssue)
///     report(session.progress)
/// }
/// session.finish { event in ... }
/// ```
/// The first record chooses the explorer among `explorers` (`Explorers.detect`); every following
/// record goes to its importer, except a repeated header line (skipped) and a record with CSV problems
/// (reported here, for every explorer alike). Memory stays bounded by the longest record plus what the
/// caller keeps. A file with any issue must not be written; every issue is delivered (a wrong header is
/// one issue, and the rest is not read).
public struct ExplorerImportSession: Sendable {
    public enum Event: Sendable {
        /// The header was recognised.
        case header(ExplorerExport)
        case row(ImportedRow)
        /// A well-formed record that records nothing, and why.
        case skipped(line: Int, reason: String)
        case issue(ImportIssue)
    }

    public let options: ExplorerImportOptions
    /// The explorers the file may be from (the one the user named, or all).
    public let explorers: [any ExplorerImporter.Type]
    private let others: [any ExplorerImporter.Type]
    private var reader = CSVStreamReader()
    private var importer: (any ExplorerImporter)?
    private var headerNames: [String] = []
    private var headerFirst: [UInt8] = []
    private var stopped = false
    private var sawHeader = false
    /// The file need not be read further: its header was refused, or a record was too long
    /// (`CSVStreamReader.maxRecordBytes`). The caller stops reading, then calls `finish`.
    public var isStopped: Bool { stopped || reader.overflowed }
    public private(set) var export: ExplorerExport?
    public private(set) var progress = ImportProgress()

    /// `others`: the registered explorers, so a file of another one is named rather than unknown.
    public init(explorers: [any ExplorerImporter.Type], options: ExplorerImportOptions,
                others: [any ExplorerImporter.Type] = Explorers.all) {
        self.explorers = explorers
        self.options = options
        self.others = others
    }

    /// Feeds the next chunk of the file.
    public mutating func feed(_ bytes: some Collection<UInt8>, _ onEvent: (Event) -> Void) {
        guard !stopped else {
            progress.bytesRead += bytes.count
            return
        }
        var r = reader
        reader = CSVStreamReader()
        r.feed(bytes) { record in handle(record, onEvent) }
        reader = r
        progress.bytesRead = reader.bytesConsumed
    }

    /// Ends the file: reads a last line without a line break, reports a quote left open or an empty file.
    public mutating func finish(_ onEvent: (Event) -> Void) {
        if !stopped {
            var r = reader
            reader = CSVStreamReader()
            r.finish { record in handle(record, onEvent) }
            reader = r
        }
        if !sawHeader {
            let expected = explorers.count == 1 ? explorers[0].info.aFile
                : "an explorer CSV export (" + explorers.map { $0.info.family }.joined(separator: ", ") + ")"
            report(ImportIssue(line: 1, column: 1, problem: .emptyFile(expected: expected)), onEvent)
        }
    }

    private mutating func report(_ issue: ImportIssue, _ onEvent: (Event) -> Void) {
        progress.issues += 1
        onEvent(.issue(issue))
    }

    private mutating func handle(_ record: CSVStreamRow, _ onEvent: (Event) -> Void) {
        guard !stopped else { return }
        guard importer != nil else {
            sawHeader = true
            start(record, onEvent)
            return
        }
        if record.count == headerNames.count, record.field(0).elementsEqual(headerFirst), record.strings == headerNames {
            // The header line again (exports joined with `cat`, since explorers cap a download): skipped.
            return
        }
        progress.records += 1
        if !record.problems.isEmpty {
            for p in record.problems { report(ImportIssue(line: p.line, column: p.column, problem: .csv(p.kind)), onEvent) }
            return
        }
        // Every field, read or not, is screened for secrets before any is read, echoed or stored; a lone
        // 64-hex or 64-byte base58 value is left to its column's rule (hashes, signatures and some
        // addresses have that shape) and is masked in any message that quotes it.
        if let secret = Self.firstSecret(in: record, names: headerNames) {
            report(secret, onEvent)
            return
        }
        if let bad = record.firstUnprintable {
            let column = bad.field < headerNames.count ? headerNames[bad.field] : "field \(bad.field + 1)"
            report(ImportIssue(line: record.line(ofField: bad.field), column: record.column(ofField: bad.field),
                               problem: .unprintable(column: column, what: bad.what)), onEvent)
            return
        }
        // Read through the optional in place: copying the importer would retain every cache it holds.
        guard let outcome = importer?.read(record) else { return }
        switch outcome {
        case .row(let row):
            progress.rows += 1
            onEvent(.row(row))
        case .rows(let rows):
            progress.rows += rows.count
            for row in rows { onEvent(.row(row)) }
        case .skipped(let reason):
            progress.skipped += 1
            onEvent(.skipped(line: record.line, reason: reason))
        case .issues(let issues):
            for i in issues { report(i, onEvent) }
        }
    }

    /// Chooses the explorer from the header record and makes its importer; any problem stops the file.
    private mutating func start(_ header: CSVStreamRow, _ onEvent: (Event) -> Void) {
        func stop(_ issue: ImportIssue) {
            stopped = true
            report(issue, onEvent)
        }
        if let p = header.problems.first {
            return stop(ImportIssue(line: p.line, column: p.column, problem: .csv(p.kind)))
        }
        if let secret = Self.firstSecret(in: header, names: []) { return stop(secret) }
        let names = header.strings
        let explorer: any ExplorerImporter.Type
        switch Explorers.detect(names, among: explorers, others: others) {
        case .success(let e): explorer = e
        case .failure(let problem): return stop(ImportIssue(line: header.line, column: 1, problem: problem))
        }
        guard explorer.info.chainFamilies.contains(options.chain.family) else {
            return stop(ImportIssue(line: header.line, column: 1,
                                    problem: .chainNotServed(chain: options.chain.name, family: options.chain.family, by: explorer.info)))
        }
        do throws(ImportIssue) {
            let made = try explorer.init(header: header, options: options)
            importer = made
            headerNames = names
            headerFirst = Array((names.first ?? "").utf8)
            let found = ExplorerExport(explorer: explorer.info.id, name: made.exportName, notes: made.notes)
            export = found
            onEvent(.header(found))
        } catch {
            stop(error)
        }
    }

    /// The first field of `record` holding a secret, as an issue naming its column and showing it masked.
    static func firstSecret(in record: CSVStreamRow, names: [String]) -> ImportIssue? {
        for i in 0..<record.count {
            let f = record.field(i)
            // Hashes, addresses and numbers are passed over without making strings (`mayHoldSecret`).
            guard SecretDetector.mayHoldSecret(f, ambiguousWholeAllowed: true) else { continue }
            let column = i < names.count ? names[i] : (names.isEmpty ? "header field \(i + 1)" : "field \(i + 1)")
            do { try FreeText.check(record.string(i), field: column, ambiguousWholeAllowed: true) } catch {
                return ImportIssue(line: record.line(ofField: i), column: record.column(ofField: i), problem: .secret(error))
            }
        }
        return nil
    }

    /// Reads a whole file held in memory (tests, small files) in chunks of `chunkSize` bytes.
    public static func read(_ bytes: [UInt8], explorers: [any ExplorerImporter.Type] = Explorers.all,
                            others: [any ExplorerImporter.Type] = Explorers.all,
                            options: ExplorerImportOptions, chunkSize: Int = 1 << 16) -> ExplorerImportResult {
        var session = ExplorerImportSession(explorers: explorers, options: options, others: others)
        var result = ExplorerImportResult()
        let collect: (Event) -> Void = { event in
            switch event {
            case .header(let e): result.export = e
            case .row(let r): result.rows.append(r)
            case .skipped(let line, let reason): result.skipped.append((line, reason))
            case .issue(let i): result.issues.append(i)
            }
        }
        var start = 0
        let step = max(chunkSize, 1)
        while start < bytes.count {
            let end = min(start + step, bytes.count)
            session.feed(bytes[start..<end], collect)
            start = end
        }
        session.finish(collect)
        return result
    }
}

/// Counts for a progress line; the caller adds the clock (rows/s) and the file size (percent).
public struct ImportProgress: Sendable, Hashable {
    public var bytesRead = 0
    /// Records after the header (repeated header lines excluded).
    public var records = 0
    /// Rows given (a record may give several legs).
    public var rows = 0
    /// Records skipped by the importer, with a reason.
    public var skipped = 0
    public var issues = 0

    public init() {}

    /// Percent of `totalBytes` read, 0...100 (100 for an empty file).
    public func percent(ofTotalBytes totalBytes: Int) -> Double {
        guard totalBytes > 0 else { return 100 }
        return min(100, Double(bytesRead) * 100 / Double(totalBytes))
    }
}

/// Everything read from one file.
public struct ExplorerImportResult: Sendable {
    public var export: ExplorerExport?
    public var rows: [ImportedRow] = []
    public var skipped: [(line: Int, reason: String)] = []
    public var issues: [ImportIssue] = []
    public init() {}
}

import LedgerCore

/// Streams one Etherscan-family export: bytes in, rows and issues out, in file order.
///
/// ```swift
/// var session = EtherscanImportSession(options: options)
/// while let chunk = readChunk() {            // e.g. 1 MiB from a FileHandle, as [UInt8]
///     session.feed(chunk) { event in ... }   // .header(variant), .row(ImportedRow), .issue(ImportIssue)
///     report(session.progress)
/// }
/// session.finish { event in ... }
/// ```
/// Memory stays bounded by the longest record plus what the caller keeps. A file with any issue must
/// not be written; every issue is delivered (a wrong header is one issue, and the rest is not read).
public struct EtherscanImportSession: Sendable {
    public enum Event: Sendable {
        /// The header was recognised.
        case header(EtherscanVariant)
        case row(ImportedRow)
        case issue(ImportIssue)
    }

    public let options: EtherscanImportOptions
    private var reader = CSVStreamReader()
    private var importer: EtherscanImporter?
    private var stopped = false
    private var sawHeader = false
    public private(set) var progress = ImportProgress()

    public init(options: EtherscanImportOptions) { self.options = options }

    /// The variant, once the header has been read.
    public var variant: EtherscanVariant? { importer?.variant }

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
            progress.issues += 1
            onEvent(.issue(ImportIssue(line: 1, column: 1, problem: .emptyFile)))
        }
    }

    private mutating func handle(_ record: CSVStreamRow, _ onEvent: (Event) -> Void) {
        guard !stopped else { return }
        guard importer != nil else {
            sawHeader = true
            do throws(ImportIssue) {
                let imp = try EtherscanImporter(header: record, options: options)
                importer = imp
                onEvent(.header(imp.variant))
            } catch {
                stopped = true
                progress.issues += 1
                onEvent(.issue(error))
            }
            return
        }
        progress.records += 1
        // Read through the optional in place: copying the importer would retain every cache it holds.
        guard let outcome = importer?.read(record) else { return }
        switch outcome {
        case .row(let row):
            progress.rows += 1
            onEvent(.row(row))
        case .issues(let issues):
            progress.issues += issues.count
            for i in issues { onEvent(.issue(i)) }
        case .repeatedHeader:
            progress.records -= 1
        }
    }

    /// Reads a whole file held in memory (tests, small files) in chunks of `chunkSize` bytes.
    public static func read(_ bytes: [UInt8], options: EtherscanImportOptions,
                            chunkSize: Int = 1 << 16) -> EtherscanImportResult {
        var session = EtherscanImportSession(options: options)
        var result = EtherscanImportResult()
        let collect: (Event) -> Void = { event in
            switch event {
            case .header(let v): result.variant = v
            case .row(let r): result.rows.append(r)
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
    /// Records after the header.
    public var records = 0
    public var rows = 0
    public var issues = 0

    public init() {}

    /// Percent of `totalBytes` read, 0...100 (100 for an empty file).
    public func percent(ofTotalBytes totalBytes: Int) -> Double {
        guard totalBytes > 0 else { return 100 }
        return min(100, Double(bytesRead) * 100 / Double(totalBytes))
    }
}

/// Everything read from one file.
public struct EtherscanImportResult: Sendable {
    public var variant: EtherscanVariant?
    public var rows: [ImportedRow] = []
    public var issues: [ImportIssue] = []
    public init() {}
}

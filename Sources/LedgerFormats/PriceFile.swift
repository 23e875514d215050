import Foundation
import LedgerCore

/// Price files: a header `date,symbol,usd` (any order, case-insensitive), then one price a row.
/// Read with the same tokenizer as the explorer and spreadsheet imports (`CSVStreamReader`: quoted
/// fields, CRLF, a byte order mark, invalid UTF-8 reported where it is). Every bad row is reported;
/// nothing is returned unless all rows are good.
public enum PriceFile {
    /// A whole file held in memory (tests, small files).
    public static func parse(_ bytes: some Collection<UInt8>, name: String) -> Result<[PricePoint], IssueList> {
        var reader = PriceFileReader(name: name)
        reader.feed(bytes)
        return reader.finish()
    }
}

/// A price file read in chunks (`feed`, then `finish`): memory holds one record and the prices read.
/// After a record too long (`CSVStreamReader.maxRecordBytes`) `isStopped` says to stop reading.
public struct PriceFileReader: Sendable {
    public let name: String
    private var reader = CSVStreamReader()
    private var columns: (date: Int, symbol: Int, usd: Int)?
    private var sawHeader = false
    private var issues: [FileIssue] = []
    private var points: [PricePoint] = []
    /// Where each (symbol, time) was first given: a second price for it is an issue.
    private var seen: [PriceKey: Int] = [:]

    private struct PriceKey: Hashable, Sendable { let symbol: String; let at: Int64 }

    public init(name: String) { self.name = name }

    public var isStopped: Bool { reader.overflowed }

    public mutating func feed(_ bytes: some Collection<UInt8>) {
        var r = reader
        reader = CSVStreamReader()
        r.feed(bytes) { handle($0) }
        reader = r
    }

    /// Every price, or every issue of the file.
    public mutating func finish() -> Result<[PricePoint], IssueList> {
        var r = reader
        reader = CSVStreamReader()
        r.finish { handle($0) }
        reader = r
        if !sawHeader {
            issues.append(FileIssue(file: name, line: 1, column: 1, message: "the file is empty: expected a header date,symbol,usd"))
        }
        return issues.isEmpty ? .success(points) : .failure(IssueList(issues))
    }

    private mutating func handle(_ r: CSVStreamRow) {
        let name = self.name
        if !r.problems.isEmpty {
            issues += r.problems.map { FileIssue(file: name, line: $0.line, column: $0.column, message: $0.description) }
            if !sawHeader { sawHeader = true }
            return
        }
        for i in 0..<r.count {
            do { try FreeText.check(r.string(i), field: "this cell") } catch {
                issues.append(FileIssue(file: name, line: r.line, column: r.column(ofField: i), message: error.description))
                if !sawHeader { sawHeader = true }
                return
            }
        }
        guard sawHeader else {
            sawHeader = true
            let names = r.strings.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            if let d = names.firstIndex(of: "date"), let s = names.firstIndex(of: "symbol"), let u = names.firstIndex(of: "usd") {
                columns = (d, s, u)
            } else {
                issues.append(FileIssue(file: name, line: r.line, column: 1,
                    message: "the header is '\(r.strings.joined(separator: ","))': expected the columns date,symbol,usd"))
            }
            return
        }
        guard let columns else { return }
        func field(_ i: Int) -> (String, Int) {
            i < r.count ? (r.string(i), r.column(ofField: i)) : ("", r.column(ofField: r.count - 1))
        }
        let (d, dc) = field(columns.date), (s, sc) = field(columns.symbol), (u, uc) = field(columns.usd)
        var at: Instant?, sym: AssetSymbol?, usd: Quantity?
        do { at = try Instant(parsing: d) } catch { issues.append(FileIssue(file: name, line: r.line, column: dc, message: error.description)) }
        do { sym = try AssetSymbol(parsing: s) } catch { issues.append(FileIssue(file: name, line: r.line, column: sc, message: error.description)) }
        do { usd = try Quantity.positive(u, what: "price") } catch { issues.append(FileIssue(file: name, line: r.line, column: uc, message: error.description)) }
        guard let at, let sym, let usd else { return }
        let key = PriceKey(symbol: sym.code, at: at.seconds)
        if let first = seen[key] {
            issues.append(FileIssue(file: name, line: r.line, column: 1,
                message: "a second price for \(sym) at \(at) (the first is on line \(first)): keep one of the two rows"))
            return
        }
        seen[key] = r.line
        points.append(PricePoint(asset: sym, at: at, usd: usd, source: "import"))
    }
}

/// Collected input-file issues (an Error so it can travel in a Result).
public struct IssueList: Error, Sendable, Sequence {
    public let issues: [FileIssue]
    public init(_ issues: [FileIssue]) { self.issues = issues }
    public var count: Int { issues.count }
    public func makeIterator() -> IndexingIterator<[FileIssue]> { issues.makeIterator() }
}

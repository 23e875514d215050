import Foundation
import LedgerCore

/// Price files: a header `date,symbol,usd` (any order, case-insensitive), then one price a row.
/// Every bad row is reported; nothing is returned unless all rows are good.
public enum PriceFile {
    public static func parse(_ text: String, name: String) -> Result<[PricePoint], IssueList> {
        let records: [CSVRecord]
        do { records = try CSV.parse(text) } catch {
            switch error {
            case .unterminatedQuote(let l, let c): return .failure(IssueList([FileIssue(file: name, line: l, column: c, message: "a quoted field is never closed")]))
            case .junkAfterQuote(let l, let c): return .failure(IssueList([FileIssue(file: name, line: l, column: c, message: "text after a closing quote")]))
            }
        }
        guard let header = records.first else {
            return .failure(IssueList([FileIssue(file: name, line: 1, column: 1, message: "the file is empty: expected a header date,symbol,usd")]))
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let di = names.firstIndex(of: "date"), let si = names.firstIndex(of: "symbol"), let ui = names.firstIndex(of: "usd") else {
            return .failure(IssueList([FileIssue(file: name, line: header.line, column: 1,
                message: "the header is '\(header.fields.joined(separator: ","))': expected the columns date,symbol,usd")]))
        }
        var issues: [FileIssue] = []
        var points: [PricePoint] = []
        for r in records.dropFirst() {
            func field(_ i: Int) -> (String, Int) {
                i < r.fields.count ? (r.fields[i], r.columns[i]) : ("", (r.columns.last ?? 1))
            }
            let (d, dc) = field(di), (s, sc) = field(si), (u, uc) = field(ui)
            var at: Instant?, sym: AssetSymbol?, usd: Quantity?
            do { at = try Instant(parsing: d) } catch { issues.append(FileIssue(file: name, line: r.line, column: dc, message: error.description)) }
            do { sym = try AssetSymbol(parsing: s) } catch { issues.append(FileIssue(file: name, line: r.line, column: sc, message: error.description)) }
            do { usd = try Quantity.positive(u, what: "price") } catch { issues.append(FileIssue(file: name, line: r.line, column: uc, message: error.description)) }
            if let at, let sym, let usd { points.append(PricePoint(asset: sym, at: at, usd: usd, source: "import")) }
        }
        return issues.isEmpty ? .success(points) : .failure(IssueList(issues))
    }
}

/// Collected input-file issues (an Error so it can travel in a Result).
public struct IssueList: Error, Sendable, Sequence {
    public let issues: [FileIssue]
    public init(_ issues: [FileIssue]) { self.issues = issues }
    public var count: Int { issues.count }
    public func makeIterator() -> IndexingIterator<[FileIssue]> { issues.makeIterator() }
}

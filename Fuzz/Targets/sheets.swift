// Fuzz target: the CSV stream reader with the spreadsheet importers (activities, claims, trades) and
// the price file reader. The first byte picks the reader and the chunk size.
import LedgerCore
import LedgerFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let choice = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunk = [1, 7, 64, 1 << 16][choice >> 6]
    if choice % 4 == 3 {
        switch PriceFile.parse(bytes, name: "prices.csv") {
        case .success(let points): for p in points { _ = p.usd.description }
        case .failure(let issues): for i in issues { _ = i.description }
        }
        return 0
    }
    let kind = SpreadsheetKind.allCases[choice % 3]
    var csv = CSVStreamReader()
    var reader: SpreadsheetReader?
    var headerFailed = false
    let body: (CSVStreamRow) -> Void = { row in
        if headerFailed { return }
        guard let r = reader else {
            do throws(IssueList) { reader = try SpreadsheetReader(kind: kind, file: "sheet.csv", header: row) } catch {
                for i in error { _ = i.description }
                headerFailed = true
            }
            return
        }
        switch r.read(row) {
        case .success(let value): _ = "\(value)"
        case .failure(let issues): for i in issues { _ = i.description }
        }
    }
    var start = 0
    while start < bytes.count {
        let end = min(start + chunk, bytes.count)
        csv.feed(bytes[start..<end], body)
        start = end
    }
    csv.finish(body)
    return 0
}

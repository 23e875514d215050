import Foundation
import LedgerCore
import LedgerFormats
import PropertyBased
import Testing

/// What airledger writes as CSV reads back field for field, through both readers: the in-memory
/// `CSV.parse` (compiled-in data) and the streaming `CSVStreamReader` (every user file), the latter
/// fed in random chunk sizes so quotes, CR LF pairs and multi-byte characters fall across chunk
/// edges. Fields mix commas, quotes, CR, LF, spaces, accents, CJK and emoji, and empty fields.
/// Rows have at least two fields: a row of one empty field is written as an empty line, which
/// every CSV reader (ours included) takes as no record.
@Suite("CSV round trips (property-based)")
struct CSVRoundTripPropertyTests {
    static let pieces = [",", "\"", "\n", "\r", "\r\n", " ", "a", "Z", "0", "9.5", "é", "日本", "🪂", "x y", "''", ";", "\t"]
    static let field = Gen.element(of: pieces).array(of: 0...6).map { $0.compactMap { $0 }.joined() }
    static let row = field.array(of: 2...6)
    static let table = zip(row.array(of: 1...12), Gen.int(in: 1...17))

    static func stream(_ text: String, chunk: Int) -> (rows: [[String]], problems: Int) {
        var reader = CSVStreamReader()
        var rows: [[String]] = []
        var problems = 0
        let take: (CSVStreamRow) -> Void = { r in
            rows.append((0..<r.count).map { r.string($0) })
            problems += r.problems.count
        }
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            reader.feed(bytes[i..<min(i + chunk, bytes.count)], take)
            i += chunk
        }
        reader.finish(take)
        return (rows, problems)
    }

    @Test("CSV.row then either reader gives back the same fields")
    func roundTrip() async {
        await propertyCheck(count: 400, input: Self.table) { rows, chunk in
            let text = rows.map(CSV.row).joined()
            let parsed = try CSV.parse(text).map(\.fields)
            #expect(parsed == rows, "in-memory reader:\n\(text.debugDescription)")
            let (streamed, problems) = Self.stream(text, chunk: chunk)
            #expect(problems == 0)
            #expect(streamed == rows, "streaming reader, \(chunk)-byte chunks:\n\(text.debugDescription)")
        }
    }
}

// The one JSON writer: its two layouts byte for byte, escaping, streaming in chunks, and the ledger
// file it writes compared with files recorded by the encoder it replaced.
import Foundation
import LedgerCore
@testable import LedgerFormats
import Testing

enum LedgerFixture {
    static func data(_ name: String, file: String = #filePath) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/ledger/\(name)"))
    }
}

@Suite("Ledger file bytes")
struct LedgerFileBytesTests {
    @Test("a ledger file read and written again is the same bytes", arguments: ["every-field.json", "empty.json"])
    func sameBytes(_ name: String) throws {
        let data = try LedgerFixture.data(name)
        let doc = try LedgerDocument.decode(data, file: name)
        let again = try doc.encoded()
        #expect(again == data, "\(name): written \(String(decoding: again, as: UTF8.self))")
    }
}

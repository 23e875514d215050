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
        let again = doc.encoded()
        #expect(again == data, "\(name): written \(String(decoding: again, as: UTF8.self))")
    }
}

@Suite("JSON writer")
struct JSONWriterTests {
    /// One document with every kind of value, nesting and empty containers.
    static func sample(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("text"); w.string("a")
        w.key("none"); w.string(nil as String?)
        w.key("count"); w.int(3)
        w.key("flag"); w.bool(false)
        w.key("amount"); w.decimal(Quantity(exactly: 1250))
        w.key("missing"); w.decimal(nil)
        w.key("empty"); w.strings([])
        w.key("nothing"); w.object { _ in }
        w.key("list"); w.array([1, 2]) { w, i in w.object { w in w.key("n"); w.int(i) } }
        w.endObject()
    }

    @Test("standard layout: \"key\": value, two-space indents, [] and {} when empty, a final newline")
    func standard() {
        let text = JSONWriter.render { Self.sample(&$0) }
        #expect(text == """
            {
              "text": "a",
              "none": null,
              "count": 3,
              "flag": false,
              "amount": "1250",
              "missing": null,
              "empty": [],
              "nothing": {},
              "list": [
                {
                  "n": 1
                },
                {
                  "n": 2
                }
              ]
            }

            """)
    }

    @Test("ledger-file layout: \"key\" : value, empty containers on lines of their own")
    func ledgerFile() {
        let text = JSONWriter.render(layout: .ledgerFile, trailer: "") { Self.sample(&$0) }
        #expect(text.hasPrefix("{\n  \"text\" : \"a\",\n  \"none\" : null,\n"))
        #expect(text.contains("\n  \"empty\" : [\n\n  ],\n  \"nothing\" : {\n\n  },\n"))
        #expect(text.hasSuffix("\n    }\n  ]\n}"))
    }

    @Test("escapes: quote, backslash and control characters; slash, DEL and non-ASCII as they are")
    func escapes() {
        let s = "q\" b\\ /\u{7F} é😀 \u{08}\u{0C}\n\r\t\u{00}\u{1F}"
        let text = JSONWriter.render(trailer: "") { $0.string(s) }
        #expect(text == "\"q\\\" b\\\\ /\u{7F} é😀 \\b\\f\\n\\r\\t\\u0000\\u001f\"")
        // And the reader gets the string back.
        let back = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String
        #expect(back == s)
        #expect(JSONWriter.render(trailer: "") { $0.string("plain key") } == "\"plain key\"")
    }

    @Test("streamed in small pieces, the bytes are those of the whole document")
    func streamed() {
        let whole = JSONWriter.bytes { w in w.array(0..<2000) { w, i in Self.sample(&w); _ = i } }
        final class Pieces { var bytes: [UInt8] = []; var count = 0 }
        let pieces = Pieces()
        var w = JSONWriter(chunkSize: 100) { pieces.bytes += $0; pieces.count += 1 }
        w.array(0..<2000) { w, i in Self.sample(&w); _ = i }
        w.finish(trailer: "\n")
        #expect(pieces.bytes == whole)
        #expect(pieces.count > 100)
    }
}

import Foundation
import Testing
@testable import LedgerFormats

/// Tokenizes `text` (or `bytes`) fed in chunks of `chunk` bytes; returns each record's fields and problems.
private func tokenize(_ bytes: [UInt8], chunk: Int = 1 << 16) -> [CSVStreamRow] {
    var reader = CSVStreamReader()
    var rows: [CSVStreamRow] = []
    var i = 0
    while i < bytes.count {
        let end = min(i + chunk, bytes.count)
        reader.feed(bytes[i..<end]) { rows.append($0) }
        i = end
    }
    reader.finish { rows.append($0) }
    return rows
}

private func tokenize(_ text: String, chunk: Int = 1 << 16) -> [CSVStreamRow] { tokenize(Array(text.utf8), chunk: chunk) }

@Suite("CSVStreamReader")
struct ImportCSVStreamReaderTests {
    @Test("plain, quoted, escaped quotes and empty fields")
    func basics() {
        let rows = tokenize("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n")
        #expect(rows.map(\.strings) == [["a", "b", "c"], ["x, y", "say \"hi\"", ""]])
        #expect(rows.map(\.line) == [1, 2])
        #expect(rows[1].column(ofField: 0) == 1)
        #expect(rows[1].column(ofField: 1) == 8)
        #expect(rows[1].column(ofField: 2) == 21)
        #expect(rows.allSatisfy { $0.problems.isEmpty && $0.isTerminated })
    }

    @Test("a quoted newline keeps the field and moves the line count")
    func embeddedNewline() {
        let rows = tokenize("h1,h2\n\"one\ntwo\",x\nlast,y\n")
        #expect(rows.map(\.strings) == [["h1", "h2"], ["one\ntwo", "x"], ["last", "y"]])
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[1].line(ofField: 1) == 3)
        #expect(rows[1].column(ofField: 1) == 6)
    }

    @Test("CRLF, lone CR, BOM, blank lines and a last line without a break")
    func lineEndings() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\r\n\r\nc,d\re,f".utf8)
        for chunk in [1, 2, 3, 4, 100] {
            let rows = tokenize(bytes, chunk: chunk)
            #expect(rows.map(\.strings) == [["a", "b"], ["c", "d"], ["e", "f"]], "chunk \(chunk)")
            #expect(rows.map(\.line) == [1, 3, 4], "chunk \(chunk)")
            #expect(rows[0].column(ofField: 0) == 1)
            #expect(rows.map(\.isTerminated) == [true, true, false])
        }
    }

    @Test("columns count characters, not bytes")
    func characterColumns() {
        let rows = tokenize("héllo,wörld,x\n")
        #expect(rows[0].column(ofField: 1) == 7)
        #expect(rows[0].column(ofField: 2) == 13)
    }

    @Test("invalid UTF-8 is a problem at its line and column; the stream goes on")
    func invalidUTF8() {
        let bytes = Array("ok,1\nab,c".utf8) + [0xE9] + Array(" x\nnext,2\n".utf8)
        for chunk in [1, 5, 1000] {
            let rows = tokenize(bytes, chunk: chunk)
            #expect(rows.count == 3)
            #expect(rows[1].problems == [CSVStreamProblem(line: 2, column: 5, kind: .invalidUTF8(byte: 0xE9))])
            #expect(rows[2].strings == ["next", "2"])
            #expect(rows[2].problems.isEmpty)
        }
        // A multi-byte sequence cut by a chunk boundary is fine; a truncated one is not.
        #expect(tokenize(Array("é,ü\n".utf8), chunk: 1)[0].problems.isEmpty)
        let cut = tokenize([0x61, 0xC3, 0x2C, 0x62, 0x0A])
        #expect(cut[0].problems.map(\.kind) == [.invalidUTF8(byte: 0xC3)])
        // Overlong and surrogate encodings are refused.
        #expect(tokenize([0xC0, 0xAF, 0x0A])[0].problems.count == 1)
        #expect(tokenize([0xED, 0xA0, 0x80, 0x0A])[0].problems.count == 1)
    }

    @Test("an unterminated quote is reported where it opened")
    func unterminatedQuote() {
        let rows = tokenize("a,b\n1,\"never closed\n")
        #expect(rows.count == 2)
        #expect(rows[1].problems == [CSVStreamProblem(line: 2, column: 3, kind: .unterminatedQuote)])
        #expect(rows[1].isTerminated == false)
    }

    @Test("text after a closing quote is a problem")
    func junkAfterQuote() {
        let rows = tokenize("\"a\"b,c\nd,e\n")
        #expect(rows[0].problems == [CSVStreamProblem(line: 1, column: 4, kind: .textAfterClosingQuote)])
        #expect(rows[1].strings == ["d", "e"])
    }

    @Test("an empty input gives no record")
    func empty() {
        #expect(tokenize("").isEmpty)
        #expect(tokenize("\n\n").isEmpty)
        #expect(tokenize([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test("every fixture tokenizes the same whatever the chunk size")
    func chunkInvariance() throws {
        #expect(try fixtureURLs().count >= 20)
        for url in try fixtureURLs() {
            let bytes = try [UInt8](Data(contentsOf: url))
            let whole = tokenize(bytes)
            for chunk in [1, 2, 3, 7, 64, 4096] {
                let parts = tokenize(bytes, chunk: chunk)
                #expect(parts.map(\.strings) == whole.map(\.strings), "\(url.lastPathComponent) chunk \(chunk)")
                #expect(parts.map(\.line) == whole.map(\.line), "\(url.lastPathComponent) chunk \(chunk)")
                #expect(parts.map(\.problems) == whole.map(\.problems), "\(url.lastPathComponent) chunk \(chunk)")
                #expect(parts.map { $0.column(ofField: $0.count - 1) } == whole.map { $0.column(ofField: $0.count - 1) })
            }
        }
    }

    @Test("a record over 1 MiB is one located problem, and the stream stops there")
    func recordTooLong() {
        let limit = CSVStreamReader.maxRecordBytes
        let long = "a,b\n1,2\nx," + String(repeating: "y", count: limit + 10) + "\nafter,row\n"
        for chunk in [4096, 1 << 16, 1 << 20] {
            var reader = CSVStreamReader()
            var rows: [CSVStreamRow] = []
            let bytes = Array(long.utf8)
            var i = 0
            while i < bytes.count, !reader.overflowed {
                let end = min(i + chunk, bytes.count)
                reader.feed(bytes[i..<end]) { rows.append($0) }
                i = end
            }
            reader.finish { rows.append($0) }
            #expect(reader.overflowed)
            #expect(rows.count == 3, "chunk \(chunk)")
            #expect(rows.last?.problems == [CSVStreamProblem(line: 3, column: 1, kind: .recordTooLong(limit: limit))])
            #expect(rows.last?.count == 0)
        }
        // A quote never closed is caught the same way (its newlines are inside the record).
        let quoted = tokenize("a\n\"" + String(repeating: "z\n", count: limit / 2 + 1))
        #expect(quoted.last?.problems.map(\.kind) == [.recordTooLong(limit: limit)])
        #expect(quoted.last?.line == 2)
    }

    @Test("records up to 1 MiB pass, and blank lines between records do not count toward one")
    func recordAtTheLimit() {
        let limit = CSVStreamReader.maxRecordBytes
        let field = String(repeating: "y", count: limit - 2)
        let rows = tokenize("x," + field + "\n" + String(repeating: "\n", count: limit + 5) + "c,d\n")
        #expect(rows.map(\.problems) == [[], []])
        #expect(rows.map { $0.count } == [2, 2])
        #expect(rows.last?.strings == ["c", "d"])
    }

    @Test("the reader's storage is reused, and a kept row stays intact")
    func keptRowsStayValid() {
        var reader = CSVStreamReader()
        var kept: [CSVStreamRow] = []
        reader.feed(Array("aaa,bbb\nccc,ddd\n".utf8)) { kept.append($0) }
        reader.finish { kept.append($0) }
        #expect(kept.map(\.strings) == [["aaa", "bbb"], ["ccc", "ddd"]])
        #expect(reader.bytesConsumed == 16)
        #expect(reader.recordCount == 2)
    }
}

/// The fixtures folder: Fixtures/etherscan at the package root.
func fixturesFolder() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/etherscan")
}

/// Every CSV of Fixtures/etherscan, the real exports of its real/ folder included.
func fixtureURLs() throws -> [URL] {
    let folders = [fixturesFolder(), fixturesFolder().appendingPathComponent("real")]
    return try folders.flatMap { try FileManager.default.contentsOfDirectory(at: $0, includingPropertiesForKeys: nil) }
        .filter { $0.pathExtension == "csv" }
        .sorted { $0.path < $1.path }
}

func fixture(_ name: String) throws -> [UInt8] {
    try [UInt8](Data(contentsOf: fixturesFolder().appendingPathComponent(name)))
}

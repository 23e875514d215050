import LedgerCore
import Testing
@testable import LedgerFormats

@Suite("Etherscan import: streaming")
struct ImportStreamingTests {
    private let wallet = "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"

    /// A V4 export with a PrivateNote column: `count` rows, every 7th note spanning two lines.
    private func generated(_ count: Int) -> (bytes: [UInt8], lines: [Int]) {
        var text = "\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"ContractAddress\",\"Value_IN(ETH)\",\"Value_OUT(ETH)\",\"CurrentValue @ $2084.3165498016/Eth\",\"TxnFee(ETH)\",\"TxnFee(USD)\",\"Historical $Price/Eth\",\"Status\",\"ErrCode\",\"Method\",\"PrivateNote\"\r\n"
        var lines: [Int] = []
        var line = 2
        for i in 0..<count {
            let hash = "0x" + String(repeating: "0", count: 56) + hex8(i)
            let to = "0x" + String(repeating: "a", count: 32) + hex8(i % 97)
            let note = i % 7 == 0 ? "note \(i)\nmore, \"\"quoted\"\" é" : ""
            let status = i % 11 == 0 ? "Error(0)" : ""
            // The date-time column names the same second as the timestamp (a disagreement is refused).
            let dateTime = Instant(seconds: Int64(1_700_000_000 + i)).description.replacingOccurrences(of: "T", with: " ").replacingOccurrences(of: "Z", with: "")
            text += "\"\(hash)\",\"\(1000 + i)\",\"\(1_700_000_000 + i)\",\"\(dateTime)\",\"\(wallet)\",\"\(to)\",\"\",\"0\",\"0.\(i)\",\"1.5\",\"0.000\(i + 1)\",\"0.25\",\"2000.5\",\"\(status)\",\"\",\"Swap Exact ETH For Tokens\",\"\(note)\"\r\n"
            lines.append(line)
            line += i % 7 == 0 ? 2 : 1
        }
        return (Array(text.utf8), lines)
    }

    private func hex8(_ v: Int) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    @Test("rows, line numbers and amounts are the same whatever the chunk sizes")
    func chunking() throws {
        let (bytes, lines) = generated(3000)
        let options = try ExplorerImportOptions(wallet: wallet, chain: "ethereum")
        let whole = ExplorerImportSession.read(bytes, options: options, chunkSize: bytes.count)
        #expect(whole.issues.isEmpty)
        #expect(whole.rows.count == 3000)
        #expect(whole.rows.map(\.line) == lines)
        #expect(whole.rows.filter(\.failed).count == 273)
        #expect(whole.rows[5].volume?.quantity == (try Quantity(parsing: "0.5")))
        #expect(whole.rows[5].fee?.quantity == (try Quantity(parsing: "0.0006")))
        #expect(whole.rows[5].volumeUsd == (try Quantity(parsing: "1000.25")))
        // Irregular chunk sizes, cutting CRLFs, quotes and UTF-8 sequences anywhere.
        var session = ExplorerImportSession(explorers: [EtherscanImporter.self], options: options)
        var rows: [ImportedRow] = []
        var issues: [ImportIssue] = []
        let collect: (ExplorerImportSession.Event) -> Void = { e in
            if case .row(let r) = e { rows.append(r) }
            if case .issue(let i) = e { issues.append(i) }
        }
        var start = 0, step = 1
        while start < bytes.count {
            let end = min(start + step, bytes.count)
            session.feed(bytes[start..<end], collect)
            start = end
            step = step * 7 % 1013 + 1
        }
        session.finish(collect)
        #expect(issues.isEmpty)
        #expect(rows == whole.rows)
        #expect(session.progress.bytesRead == bytes.count)
    }

    @Test("a header repeated by joining exports is skipped")
    func repeatedHeader() throws {
        let part = try fixture("transactions-v4.csv")
        let options = try ExplorerImportOptions(wallet: wallet, chain: "ethereum")
        let r = ExplorerImportSession.read(part + part, options: options)
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 8)
        #expect(r.rows.map(\.line) == [2, 3, 4, 5, 7, 8, 9, 10])
    }
}


@Suite("Etherscan import: other exports")
struct ImportOtherExportTests {
    private func issues(_ header: String) throws -> [ImportProblem] {
        let options = try ExplorerImportOptions(wallet: "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c", chain: "ethereum")
        return ExplorerImportSession.read(Array((header + "\n").utf8), options: options).issues.map(\.problem)
    }

    @Test("NFT, Blockscout and single-token-page exports are named as unsupported")
    func unsupported() throws {
        #expect(try issues("\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"ContractAddress\",\"TokenName\",\"TokenSymbol\",\"Token ID\",\"Type\",\"Quantity\"")
                == [.unsupportedExport("an NFT (ERC-721/1155) transfer export", instead: EtherscanImporter.readableExports)])
        #expect(try issues("TxHash,BlockNumber,UnixTimestamp,FromAddress,ToAddress,ContractAddress,Type,Value,Fee,Status,ErrCode,CurrentPrice,TxDateOpeningPrice,TxDateClosingPrice")
                == [.unsupportedExport("a Blockscout export", instead: EtherscanImporter.readableExports)])
        #expect(try issues("\"Transaction Hash\",\"Blockno\",\"UnixTimestamp\",\"DateTime (UTC)\",\"From\",\"To\",\"Quantity\",\"Method\"")
                == [.unsupportedExport("a single-token page export (it names no token)", instead: EtherscanImporter.readableExports)])
    }

    @Test("header tolerance: CurrentValue forms, ticker case, a header-only file")
    func tolerance() throws {
        let h = "\"Txhash\",\"Blockno\",\"UnixTimestamp\",\"DateTime\",\"From\",\"To\",\"ContractAddress\",\"Value_IN(Eth)\",\"Value_OUT(Eth)\",\"CurrentValue/Eth\",\"TxnFee(Eth)\",\"TxnFee(USD)\",\"Historical $Price/Eth\",\"Status\",\"ErrCode\",\"Method\""
        #expect(try issues(h).isEmpty)
        #expect(try issues(h.replacingOccurrences(of: "Value_OUT(Eth)", with: "Value_OUT(BNB)"))
                == [.mixedTickers(["BNB", "ETH"])])
    }
}

// Subscan transfer exports (Fixtures/subscan, written from the header named in Fixtures/subscan/README.md).
import Foundation
import LedgerCore
import Testing
@testable import LedgerFormats

private let wallet = "16GHALjA6WPMXyQbgZZyqRtmyWfAXbGNXLqTWmKmdDmY9RGs"
private let friend = "15exhfVZqLw9WAfrrqgAVPHWL1zbP2XczdT1J9dQDeRYDJAt"
private let exchange = "14sQzCje2m3ZK1R1xsH3JNKNvjArBQNRwHPDM7F2rHdLLX8B"

func subscanFixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/subscan").appendingPathComponent(name)
    return try [UInt8](Data(contentsOf: url))
}

private func read(_ name: String, wallet: String = wallet, chain: String = "polkadot", chunk: Int = 41) throws -> ExplorerImportResult {
    let options = try ExplorerImportOptions(wallet: wallet, chain: chain, thousandsSeparators: .acceptedInTokenAndUsdColumns)
    return ExplorerImportSession.read(try subscanFixture(name), options: options, chunkSize: chunk)
}

private func amount(_ s: String, _ symbol: String) throws -> Amount { Amount(try Quantity(parsing: s), try AssetSymbol(parsing: symbol)) }

@Suite("Subscan import")
struct ImportSubscanTests {
    @Test("Polkadot transfers: tokens as written, a failed transfer kept without volume, a batch as legs, generic-format addresses matched by account")
    func polkadot() throws {
        let r = try read("transfers-polkadot.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.explorer == "subscan")
        #expect(r.export?.notes.first?.contains("no fee column") == true)
        #expect(r.rows.map(\.direction) == [.incoming, .outgoing, .outgoing, .incoming, .incoming])
        #expect(r.rows[0].volume == (try amount("25.5", "DOT")))
        #expect(r.rows[0].counterparty == friend)
        #expect(r.rows[1].volume == (try amount("10.0123456789", "DOT")))
        #expect(r.rows[1].counterparty == exchange)
        #expect(r.rows[2].failed && r.rows[2].volume == nil && r.rows[2].failure == "Result false")
        // Written in the generic format (prefix 42): the same accounts, stored in Polkadot's own format.
        #expect(r.rows[3].counterparty == friend)
        #expect(r.rows[3].txHash == r.rows[4].txHash)
        #expect(r.rows[3].leg == "transfer:18300000-4:in:1 DOT" && r.rows[4].leg == "transfer:18300000-4:in:2 DOT")
        #expect(r.rows.allSatisfy { $0.fee == nil && $0.chain == "polkadot" && $0.source == "import:subscan" && $0.token == nil })
        #expect(r.rows[0].at == (try Instant(parsing: "2023-11-02T08:14:36Z")))
        #expect(r.rows[0].txHash == "0x8b5cc4df7eec7d32a7814eca4af047ae33b2d52342667715682e19c25b0b9faa")
    }

    @Test("every chunk size reads the same rows")
    func chunking() throws {
        let whole = try read("transfers-polkadot.csv", chunk: 1 << 20)
        for chunk in [1, 9, 64] {
            #expect(try read("transfers-polkadot.csv", chunk: chunk).rows == whole.rows)
        }
    }

    @Test("Avail (generic prefix 42) and peaq (two-byte prefix 1221): their gas tokens, 18 decimal places exact")
    func availAndPeaq() throws {
        let avail = try read("transfers-avail.csv", wallet: "5HKz21U6Ej7t6SQ5ivWyhH4d7tfWqHiESr6yMULR58k1xtTw", chain: "avail")
        #expect(avail.issues.isEmpty)
        #expect(avail.rows.map(\.volume) == [try amount("1234.567890123456789012", "AVAIL"), try amount("0.000000000000000001", "AVAIL")])
        #expect(avail.rows.map(\.direction) == [.incoming, .outgoing])
        let peaq = try read("transfers-peaq.csv", wallet: "rtJvtB69i2eJYG1jcGHvgtoJE157Rwgzc4aGYobJ5K7CJa2iD", chain: "peaq")
        #expect(peaq.issues.isEmpty)
        #expect(peaq.rows.first?.volume == (try amount("1250.75", "PEAQ")))
        #expect(peaq.rows.first?.counterparty == "rtJKZiQv7mUrLECzsSa2sYkgxMaSro8FrXrt6aybhuXrJdoPi")
    }

    @Test("bad rows: each fault located, nothing read")
    func badRows() throws {
        let r = try read("bad-rows.csv")
        #expect(r.rows.isEmpty)
        let found = r.issues.map { "\($0.line):\($0.column) \($0.problem)" }
        #expect(r.issues.map(\.line) == [2, 3, 4, 5, 6, 6], "\(found)")
        #expect(found[0].hasPrefix("2:1 ") && found[0].contains("extrinsic id"))
        #expect(found[1].contains("1e3"))
        #expect(found[2].contains("07/11/2023 19:07"))
        #expect(found[3].contains("is the wallet \(wallet)"))
        #expect(found[4].contains("SS58"))
        #expect(found[5].contains("'yes' is not true or false"))
    }

    @Test("detection: the nine columns; a near header says what is missing")
    func detection() {
        #expect(SubscanImporter.detect(SubscanImporter.columns) == .recognised)
        #expect(SubscanImporter.detect(["Extrinsic ID", "Date", "Block", "Hash", "Symbol", "From", "To", "Value"])
            == .unrecognised(closeness: 8, hint: "closest is Subscan transfers, missing Result"))
        #expect(SubscanImporter.detect(["type", "from", "to"]) == .unrecognised(closeness: 0, hint: nil))
    }
}

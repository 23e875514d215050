// Solscan exports (Fixtures/solscan, written from the formats named in Fixtures/solscan/README.md).
import Foundation
import LedgerCore
import Testing
@testable import LedgerFormats

private let wallet = "3Q8mvVzvCRNeXhRW2LT7nckrboLZ1fAh9LkBC3t1Fqhx"
private let friend = "Do4zkWwodZYwGXJ4kPb9kSpWu9spo7oSXYiRVtkaByQW"
private let parclDistributor = "5nRBuSmpA98JgrznGYEAFTvQAA7hCdFkVKS9e41N8mBQ"
private let prcl = "4LLbsb5ReP3yEtYzmXewyGjcir5uXtKFURtaEUVC2AHs"
private let usdc = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"

func solscanFixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/solscan").appendingPathComponent(name)
    return try [UInt8](Data(contentsOf: url))
}

private func run(_ name: String, chunk: Int = 53,
                 separators: ExplorerImportOptions.ThousandsSeparators = .acceptedInTokenAndUsdColumns) throws -> ExplorerImportResult {
    let options = try ExplorerImportOptions(wallet: wallet, chain: "solana", thousandsSeparators: separators)
    return ExplorerImportSession.read(try solscanFixture(name), options: options, chunkSize: chunk)
}

private func q(_ s: String) throws -> Quantity { try Quantity(parsing: s) }
private func amount(_ s: String, _ symbol: String) throws -> Amount { Amount(try q(s), try AssetSymbol(parsing: symbol)) }

@Suite("Solscan import")
struct ImportSolscanTests {
    @Test("transfers: base units over decimals exactly, SOL and PRCL by mint, an unknown mint without volume, legs per transfer")
    func transfers() throws {
        let r = try run("transfers.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export == ExplorerExport(explorer: "solscan", name: "transfers", notes: r.export?.notes ?? []))
        #expect(r.export?.notes.first?.contains("no fee column") == true)
        #expect(r.rows.map(\.line) == [2, 3, 4, 5, 6, 7])
        #expect(r.rows.map(\.direction) == [.incoming, .outgoing, .outgoing, .incoming, .incoming, .selfTransfer])
        #expect(r.rows[0].volume == (try amount("1234.567891", "PRCL")))
        #expect(r.rows[0].volumeUsd == (try q("456.789")))
        #expect(r.rows[0].counterparty == parclDistributor)
        #expect(r.rows[0].token?.contract == prcl)
        #expect(r.rows[1].volume == (try amount("0.5", "SOL")))
        #expect(r.rows[2].volume == (try amount("0.1", "SOL")))
        #expect(r.rows[1].txHash == r.rows[2].txHash)
        #expect(r.rows[1].leg == "sol:out:0.5" && r.rows[2].leg == "sol:out:0.1")
        #expect(r.rows[3].volume == nil) // USDC's mint is not in the table of known mints
        #expect(r.rows[3].token?.contract == usdc)
        #expect(r.rows[3].leg == "token:\(usdc):in:25")
        #expect(r.rows[4].volume == (try amount("0.000000001", "SOL"))) // one lamport
        #expect(r.rows[5].counterparty == nil)
        #expect(r.rows.allSatisfy { $0.fee == nil && !$0.failed && $0.chain == "solana" && $0.source == "import:solscan" })
        #expect(r.rows[0].at == Instant(seconds: 1_713_268_800))
        #expect(r.rows[1].txHash == "4FqxZPVYE6D6rm7F3QSrFegqzsi84BNpyV51RQ4mGUVt8HkYZ4kUnU1ouQ5m3Ek4sPGhJzLkqEmFtcho6ofiA5Zw")
    }

    @Test("every chunk size reads the same rows")
    func chunking() throws {
        let whole = try run("transfers.csv", chunk: 1 << 20)
        for chunk in [1, 7, 64] {
            let r = try run("transfers.csv", chunk: chunk)
            #expect(r.rows == whole.rows)
        }
    }

    @Test("a Multiplier other than 1 scales the amount exactly; the variant without Flow reads direction from From and To")
    func variants() throws {
        let m = try run("transfers-multiplier.csv")
        #expect(m.issues.isEmpty)
        #expect(m.export?.name == "transfers with Multiplier")
        #expect(m.rows.map(\.volume) == [try amount("20.48267794", "PRCL"), try amount("1.5", "PRCL")])
        let noFlow = try run("transfers-without-flow.csv")
        #expect(noFlow.issues.isEmpty)
        #expect(noFlow.export?.name == "transfers (without Flow) with Multiplier")
        #expect(noFlow.rows.map(\.direction) == [.outgoing, .incoming])
        #expect(noFlow.rows.map(\.volume) == [try amount("37915.622276", "PRCL"), try amount("22938.580737", "PRCL")])
    }

    @Test("the 2021-2022 transactions export: padded names, the fee once per transaction and only when the wallet sent, token changes without volume, other types skipped")
    func legacy() throws {
        let r = try run("transactions-2022.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transactions (2021-2022)")
        #expect(r.rows.map(\.line) == [2, 3, 4, 5])
        #expect(r.rows.map(\.direction) == [.outgoing, .outgoing, .incoming, .incoming])
        #expect(r.rows.map(\.fee) == [try amount("0.000005", "SOL"), nil, nil, nil])
        #expect(r.rows[0].volume == (try amount("1.25", "SOL")))
        #expect(r.rows[1].volume == nil && r.rows[1].token?.symbol == "USDC" && r.rows[1].leg == "token:\(usdc):out:12.5")
        #expect(r.rows[3].volume == (try amount("1250.5", "SOL")))
        #expect(r.skipped.map(\.line) == [6])
        #expect(r.skipped.first?.reason == "Type 'Unknown' is neither SolTransfer nor TokenChange")
        // Thousands separators are refused in strict mode.
        let strict = try run("transactions-2022.csv", separators: .rejected)
        #expect(strict.issues.map(\.line) == [5])
    }

    @Test("bad rows are all reported at their line and column; nothing is read from them")
    func badRows() throws {
        let r = try run("bad-rows.csv")
        #expect(r.rows.isEmpty)
        #expect(r.issues.map { "\($0.line):\($0.column)" } == ["2:1", "3:90", "3:224", "4:135", "5:227", "5:242"])
        let text = r.issues.map(\.problem.description)
        #expect(text[0] == "Signature '0xabc' is not a transaction hash: expected a base58 signature of 64 bytes")
        #expect(text[1] == "Block Time 'yesterday' is not a Unix timestamp (seconds since 1970)")
        #expect(text[2] == "Amount '0.5' is not a whole number of the token's smallest units")
        #expect(text[3].hasPrefix("neither From (\(friend)) nor To (\(parclDistributor)) is the wallet \(wallet)"))
        #expect(text[4] == "Flow 'out' contradicts From and To for the wallet \(wallet): the file looks edited; re-export it")
        #expect(text[5] == "Decimals '99' is not the token's decimals, a whole number from 0 to 38")
    }

    @Test("a Solscan file is named when imported as Etherscan, and refused for an EVM wallet")
    func wrongExplorer() throws {
        let eth = try ExplorerImportOptions(wallet: "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c", chain: "ethereum")
        let r = ExplorerImportSession.read(try solscanFixture("transfers.csv"), explorers: [EtherscanImporter.self], options: eth)
        #expect(r.issues.map(\.problem) == [.otherExplorer(SolscanImporter.info, asked: [EtherscanImporter.info])])
        let all = ExplorerImportSession.read(try solscanFixture("transfers.csv"), options: eth)
        #expect(all.issues.map(\.problem) == [.chainNotServed(chain: "ethereum", family: .evm, by: SolscanImporter.info)])
    }

    @Test("a near header names the nearest Solscan export and what it misses")
    func nearHeader() throws {
        let sol = try ExplorerImportOptions(wallet: wallet, chain: "solana")
        let header = "Signature,Block Time,Human Time,Action,From,To,Amount,Flow,Value,Token Address\n"
        let r = ExplorerImportSession.read(Array(header.utf8), explorers: [SolscanImporter.self], options: sol)
        #expect(r.issues.first?.description.hasPrefix("1:1: not a known Solscan export header (closest is Solscan transfers, missing Decimals)") == true)
    }
}

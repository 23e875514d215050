// Mintscan exports (Fixtures/mintscan, written from the columns named in Fixtures/mintscan/README.md).
import Foundation
import LedgerCore
import Testing
@testable import LedgerFormats

private let wallet = "saga1ar2yq5y88kagvk48c9c2knxwvnvsswdr0te0wj"
private let friend = "saga1ehjg2d729s5qsnl4vzpx6rnr3zmu27j3t9c9ph"
private let validator = "sagavaloper1jl0uvhm59qlkp3sxhk3lwkn2d0krls09nqfw40"
private let osmo = "osmo1xf3u97sfqwf069q7zvrsahxluash58paxmekj6"

func mintscanFixture(_ name: String) throws -> [UInt8] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/mintscan").appendingPathComponent(name)
    return try [UInt8](Data(contentsOf: url))
}

private func read(_ bytes: [UInt8], wallet: String = wallet, chain: String = "saga", chunk: Int = 37,
                  separators: ExplorerImportOptions.ThousandsSeparators = .acceptedInTokenAndUsdColumns) throws -> ExplorerImportResult {
    let options = try ExplorerImportOptions(wallet: wallet, chain: chain, thousandsSeparators: separators)
    return ExplorerImportSession.read(bytes, options: options, chunkSize: chunk)
}

private func amount(_ s: String, _ symbol: String) throws -> Amount { Amount(try Quantity(parsing: s), try AssetSymbol(parsing: symbol)) }

@Suite("Mintscan import")
struct ImportMintscanTests {
    @Test("a Saga export: usaga over 10^6 exactly, dot-grouped amounts, kinds from the message type, IBC counterparties, legs")
    func saga() throws {
        let r = try read(try mintscanFixture("transactions-saga.csv"))
        #expect(r.issues.isEmpty)
        #expect(r.export?.explorer == "mintscan")
        #expect(r.export?.notes.first?.contains("no denom, fee or status column") == true)
        #expect(r.rows.map(\.line) == Array(2...9))
        #expect(r.rows.map(\.direction) == [.incoming, .outgoing, .incoming, .outgoing, .outgoing, .outgoing, .incoming, .outgoing])
        #expect(r.rows.map(\.kind) == [.other, .stake, .stake, .other, .other, .bridge, .bridge, .governance])
        #expect(r.rows[0].volume == (try amount("22", "SAGA")))       // 22.000.000 usaga
        #expect(r.rows[1].volume == (try amount("10", "SAGA")))
        #expect(r.rows[1].counterparty == validator)
        #expect(r.rows[2].volume == (try amount("0.012345", "SAGA")))
        #expect(r.rows[3].txHash == r.rows[4].txHash)
        #expect(r.rows[3].leg == "send:out:1.5" && r.rows[4].leg == "send:out:0.000001")
        #expect(r.rows[5].counterparty == osmo && r.rows[6].counterparty == osmo)
        #expect(r.rows[7].volume == nil && r.rows[7].counterparty == nil && r.rows[7].leg == "vote:out:0")
        #expect(r.rows.allSatisfy { $0.fee == nil && !$0.failed && $0.chain == "saga" && $0.source == "import:mintscan" })
        #expect(r.rows[0].txHash == "628b49d96dcde97a430dd4f597705899e09a968f793491e4b704cae33a40dc02")
        #expect(r.rows[2].at == (try Instant(parsing: "2024-12-26T19:36:19Z")))
        #expect(r.rows[0].method == "Receive")
    }

    @Test("every chunk size reads the same rows")
    func chunking() throws {
        let bytes = try mintscanFixture("transactions-saga.csv")
        let whole = try read(bytes, chunk: 1 << 20)
        for chunk in [1, 5, 64] {
            #expect(try read(bytes, chunk: chunk).rows == whole.rows)
        }
    }

    @Test("Dymension: adym at 18 decimals, exactly")
    func dymension() throws {
        let r = try read(try mintscanFixture("transactions-dymension.csv"), wallet: "dym1ar2yq5y88kagvk48c9c2knxwvnvsswdrr9vmv6",
                         chain: "dymension")
        #expect(r.issues.isEmpty)
        #expect(r.rows.map(\.volume) == [try amount("1.5", "DYM"), try amount("1.000000000000000001", "DYM")])
    }

    @Test("columns are found by name in any order and case; others are read past")
    func columnOrder() throws {
        let text = """
            Timestamp,TxHash,Amount,Memo,To,From,Type
            2024-12-27 08:00:00,A2F1A68A3CF7BAB14245BA34E6A348B6822ACEB4A9EC7AD04A86C2C93CA1A28A,1500000,hello,\(friend),\(wallet),Send

            """
        let r = try read(Array(text.utf8))
        #expect(r.issues.isEmpty)
        #expect(r.rows.first?.volume == (try amount("1.5", "SAGA")))
        #expect(r.rows.first?.direction == .outgoing)
    }

    @Test("bad rows: each fault located, nothing read")
    func badRows() throws {
        let r = try read(try mintscanFixture("bad-rows.csv"))
        let found = r.issues.map { "\($0.line):\($0.column) \($0.problem)" }
        #expect(r.issues.map(\.line) == [2, 3, 4, 5, 6], "\(found)")
        #expect(found[0].contains("not a transaction hash"))
        #expect(found[1].hasPrefix("3:") && found[1].contains("whole number of saga's base units"))
        #expect(found[2].contains("26/12/2024 19:36"))
        #expect(found[3].contains("is the wallet \(wallet)"))
        #expect(found[4].contains("saga1ehjg2d729s5qsnl4vzpx6rnr3zmu27j3t9c9pq") && found[4].contains("bech32"))
    }

    @Test("--strict-numbers refuses the dot grouping; a chain without sourced decimals is refused at the header")
    func refusals() throws {
        let strict = try read(try mintscanFixture("transactions-saga.csv"), separators: .rejected)
        #expect(strict.issues.map(\.line) == [2, 7])
        let osmosis = try read(try mintscanFixture("transactions-saga.csv"), wallet: "osmo1xf3u97sfqwf069q7zvrsahxluash58paxmekj6",
                               chain: "osmosis")
        #expect(osmosis.issues.count == 1)
        #expect(osmosis.issues.first?.line == 1)
        #expect(osmosis.issues.first.map { "\($0.problem)" }?.contains("no source for the decimals of OSMO") == true)
    }

    @Test("detection: the six columns make a Mintscan export; five say which is missing")
    func detection() {
        #expect(MintscanImporter.detect(["type", "from", "to", "txhash", "amount", "timestamp"]) == .recognised)
        #expect(MintscanImporter.detect([" Type", "FROM", "to", "TxHash", "amount", "timestamp", "fee"]) == .recognised)
        #expect(MintscanImporter.detect(["type", "from", "to", "txhash", "amount"])
            == .unrecognised(closeness: 5, hint: "closest is Mintscan transactions, missing timestamp"))
        #expect(MintscanImporter.detect(["Txhash", "Blockno"]) == .unrecognised(closeness: 1, hint: nil))
    }
}

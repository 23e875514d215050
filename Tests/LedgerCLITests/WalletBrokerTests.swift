import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore
import Testing

@Suite("wallet custody (broker)")
struct WalletBrokerTests {
    @Test("set, read back, cleared; kept by the ledger document and restore")
    func brokerRoundTrip() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-broker-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let now = Instant(seconds: 1_735_646_400)
        func evm(_ s: String) throws -> ParsedAddress { try AddressRules.parse(s, chain: nil) }
        let db = try LedgerDatabase(path: dir.appendingPathComponent("l.sqlite").path)
        _ = try db.addWallet(label: "cex", address: try evm("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), group: nil, now: now)
        _ = try db.addWallet(label: "hot", address: try evm("0xde709f2102306220921060314715629080e2fb77"), group: nil, now: now)
        #expect(try db.wallet(labelled: "cex").broker == nil)
        #expect(try db.setWalletBroker("CEX", "Coinbase").broker == "Coinbase")
        #expect(try db.wallets().map(\.broker) == ["Coinbase", nil])

        let document = LedgerDocument(try db.snapshot())
        let copy = try LedgerDatabase(path: dir.appendingPathComponent("copy.sqlite").path)
        try copy.restore(try document.snapshot(file: "ledger.json", now: now), now: now)
        #expect(try copy.wallet(labelled: "cex").broker == "Coinbase")
        #expect(try copy.wallet(labelled: "hot").broker == nil)

        #expect(try db.setWalletBroker("cex", nil).broker == nil)
        #expect(try db.wallet(labelled: "cex").broker == nil)
    }
}

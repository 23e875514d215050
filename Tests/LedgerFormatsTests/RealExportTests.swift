// The real exports of Fixtures/etherscan/real (where each comes from: its SOURCES.md), each imported
// as the CLI imports it (thousands separators accepted in token and USD columns), with its row count
// and three rows checked against values read by hand from the file (the tables at the end of
// SOURCES.md): hash, UTC time, the other side, the value, the fee when the wallet paid it, the status.
import Foundation
import LedgerCore
import Testing
@testable import LedgerFormats

private func read(_ name: String, wallet: String, chain: String = "ethereum", chunk: Int = 97) throws -> ExplorerImportResult {
    let options = try ExplorerImportOptions(wallet: wallet, chain: chain, unlisted: .evm,
                                            thousandsSeparators: .acceptedInTokenAndUsdColumns)
    return ExplorerImportSession.read(try fixture("real/" + name), explorers: [EtherscanImporter.self], options: options,
                                      chunkSize: chunk)
}

private func q(_ s: String) throws -> Quantity { try Quantity(parsing: s) }
private func amount(_ s: String, _ symbol: String) throws -> Amount { Amount(try q(s), try AssetSymbol(parsing: symbol)) }
private func utc(_ s: String) throws -> Instant { try Instant(parsing: s + "Z") }

/// Data row `n` of the file (1 = the first row after the header; no file here has a line break
/// inside a field, so it is on line n + 1).
private func row(_ r: ExplorerImportResult, _ n: Int) throws -> ImportedRow {
    try #require(r.rows.first { $0.line == n + 1 }, "row \(n)")
}

@Suite("Real Etherscan-family exports: normal transactions")
struct RealNormalExportTests {
    @Test("2017 (V3 with Method, CRLF): transfers in and out; the fee only on the wallet's own")
    func normal2017() throws {
        let r = try read("etherscan-normal-2017-1.csv", wallet: "0xf98c96b5d10faafc2324847c82305bd5fd7e5ad3")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transactions (V3)")
        #expect(r.rows.count == 9)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xbed75f8508fff302e3d6bd6ecb006f33c27d4d17013d9d93f129cb14896df07c")
        #expect(r1.at == (try utc("2017-09-09T11:58:09")))
        #expect(r1.direction == .incoming && r1.counterparty == "0x75e7f640bf6968b6f32c47a3cd82c3c2c9dcae68")
        #expect(try r1.volume == (try amount("0.09", "ETH")) && r1.fee == nil && !r1.failed && r1.method == "Transfer")
        let r3 = try row(r, 3)
        #expect(r3.txHash == "0xfbc404ce56a5b591c989551f39a8b7a5009b022873645d78acee1f8305bd4e34")
        #expect(r3.at == (try utc("2017-09-09T13:32:35")))
        #expect(r3.direction == .outgoing && r3.counterparty == "0x1c6db129a338e9a39a559a856175605dada4bdcd")
        #expect(try r3.volume == (try amount("0.1", "ETH")) && r3.fee == (try amount("0.00042102", "ETH")))
        let r9 = try row(r, 9)
        #expect(r9.txHash == "0xa6cb206757f26bc188607946af4a6d49f81ace2cf328eb2c36290b0083cc4770")
        #expect(r9.at == (try utc("2020-11-04T01:23:22")))
        #expect(r9.counterparty == "0x003dc32fe920a4aaeed12dc87e145f030aa753f3")
        #expect(try r9.volume == (try amount("0.468064038", "ETH")) && r9.fee == (try amount("0.0003213", "ETH")))
    }

    @Test("2017-2019 (V3, LF): an undecoded selector, a failed transfer kept with its fee")
    func normal2017Failed() throws {
        let r = try read("etherscan-normal-2017-2.csv", wallet: "0x003dc32fe920a4aaeed12dc87e145f030aa753f3")
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 28)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xb41d6819932845278e7c451400f1778a952b35c6358dc51b49436438753f5113")
        #expect(r1.at == (try utc("2017-10-07T13:46:18")))
        #expect(r1.direction == .incoming && r1.counterparty == "0xf98c96b5d10faafc2324847c82305bd5fd7e5ad3")
        #expect(try r1.volume == (try amount("0.5", "ETH")) && r1.fee == nil)
        let r8 = try row(r, 8)
        #expect(r8.txHash == "0xf1a177149770890fef9c7cd9e68b0f04e82c06fd37197f9d00bce43722e4daff")
        #expect(r8.at == (try utc("2017-10-28T22:05:46")))
        #expect(r8.counterparty == "0x27d233fa6032e848a016092d70493b2a5f13a95f" && r8.volume == nil)
        #expect(try r8.fee == (try amount("0.009453992", "ETH")) && r8.method == "0xdb8ecf34" && r8.kind == .other)
        let r26 = try row(r, 26)
        #expect(r26.txHash == "0x92ce04a67578af1e5e5dea54a35c0775e5fb3e36e7f619de28274e3ad6657fa0")
        #expect(r26.at == (try utc("2018-10-29T16:27:43")))
        #expect(r26.failed && r26.failure == "Out of gas")
        #expect(try r26.volume == nil && r26.fee == (try amount("0.000147", "ETH")))
        #expect(r26.counterparty == "0x1c6db129a338e9a39a559a856175605dada4bdcd")
    }

    @Test("2019 (V1, 15 columns, 16 fields a row): contract creations are deploys with their fee")
    func normal2019Creations() throws {
        let r = try read("etherscan-normal-2019-1.csv", wallet: "0x46cf7ddb8bc751f666f691a4f96aa45e88d55d11", chunk: 5)
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transactions (V1)")
        #expect(r.rows.count == 12)
        #expect(r.rows.filter { $0.kind == .deploy }.count == 9)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xc849dff13fa7592514e5134952fcb3272884d938b6ca983d9613f290aad2f8b0")
        #expect(r1.at == (try utc("2019-01-18T08:20:38")))
        #expect(r1.direction == .incoming && r1.counterparty == "0xff7ff3d95f96e6a16fef521776faf547cce26fba")
        #expect(try r1.volume == (try amount("2", "ETH")) && r1.fee == nil)
        let r2 = try row(r, 2)
        #expect(r2.txHash == "0xd3a9594c276e7ebab96894e1ccac52ce61d723cf186f4d09d4b90ddbe39d2d51")
        #expect(r2.at == (try utc("2019-01-18T15:04:00")))
        #expect(r2.kind == .deploy && r2.kindEvidence == .contractCreation && r2.direction == .outgoing)
        #expect(r2.counterparty == "0xc558c42a674b78f970de707c65fda53ba5fbaea1")
        #expect(try r2.fee == (try amount("0.01574794", "ETH")) && r2.volume == nil)
        let r10 = try row(r, 10)
        #expect(r10.txHash == "0x21159ee726f374aefb09b1862c03123d8572e465ec0d56f9146847d1fe5c436d")
        #expect(r10.at == (try utc("2019-01-18T15:15:10")))
        #expect(r10.kind == .other && r10.counterparty == "0x314159265dd8dbb310642f98f50c066173c1259b")
        #expect(r10.fee == (try amount("0.000127924", "ETH")))
    }

    @Test("2021 (V1, trailing field), the export of a contract: calls in, failed ones kept, no fee of ours")
    func normal2021() throws {
        let r = try read("etherscan-normal-2021-1.csv", wallet: "0xe5ecfb44bccd7a585fa7f4a8e02c450e525af2e4")
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 13)
        #expect(r.rows.allSatisfy { $0.direction == .incoming && $0.fee == nil })
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0x627f21f23bc8821dfb1f6bdce44cdcf6325bd22c3419f8105331bb2da6687eb6")
        #expect(r1.at == (try utc("2021-01-01T00:34:50")))
        #expect(r1.counterparty == "0x2ba117929c3c53ac7c38ad870321573c740cf139" && r1.volume == nil && !r1.failed)
        let r4 = try row(r, 4)
        #expect(r4.txHash == "0x6c3dbf18a0c1f49f4a05a7883f205da1da3a596ba871642da70f57ed01f283a9")
        #expect(r4.at == (try utc("2021-01-01T03:22:16")))
        #expect(r4.counterparty == "0x9293c35d6e1524609b7221a1c9a8d52dc81ba62c" && r4.failed && r4.failure == "Reverted")
        let r13 = try row(r, 13)
        #expect(r13.txHash == "0xca13a3ec7a7eca2cf4cdd3cd322adf31cea1927ca26f8d40924c5116d7852a28")
        #expect(r13.at == (try utc("2021-01-02T15:02:10")))
        #expect(r13.counterparty == "0xdce47d8a99adbf07c9da0c40c3ecb03cca111cc0" && r13.failed)
    }

    @Test("2022 (header ending `, \"\"`): the contract's own creation, paid by its creator; Stake calls")
    func normal2022() throws {
        let r = try read("etherscan-normal-2022-1.csv", wallet: "0x08d3f2cae4eacdcbfb0f7ffad07a6d00fc36db6e")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transactions (V2)")
        #expect(r.rows.count == 20)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xf01b13f966afde1f9a3dbb5beb5cd53b3ce482fdb4197d5357f14efc7c0a4ebc")
        #expect(r1.at == (try utc("2022-10-17T15:58:23")))
        #expect(r1.kind == .deploy && r1.kindEvidence == .contractCreation && r1.direction == .incoming)
        #expect(r1.counterparty == "0x3b29edf2e6ada78b95492e0d0617d643a5ee55d3" && r1.fee == nil && r1.method == "0x61014034")
        let r2 = try row(r, 2)
        #expect(r2.txHash == "0xdc2a0e580a9d690813d130a431120150fe09693fcdb16e72d9de9608ed94643d")
        #expect(r2.at == (try utc("2022-10-17T17:40:35")))
        #expect(r2.kind == .stake && r2.counterparty == "0x78e869870e425a4d78bc18c46be9a6b9b8417cb5" && r2.fee == nil)
        let r9 = try row(r, 9)
        #expect(r9.txHash == "0x954521a872f70760906d9c332478b724819a3ca94343fe3db63443bb237d23d2")
        #expect(r9.at == (try utc("2022-10-18T15:25:23")))
        #expect(r9.method == "Withdraw" && r9.counterparty == "0x30a20b0281df39e6337c3cbe5865e6fdcdcce3f1" && r9.volume == nil)
    }

    @Test("2022 (16 header columns, 17 fields a row): an NFT contract's creation and its paid mints")
    func normal2022Mints() throws {
        let r = try read("etherscan-normal-2022-2.csv", wallet: "0x9c99d7f09d4a7e23ea4e36aec4cb590c5bbdb0e2", chunk: 3)
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 15)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xdf5f58d9154df0d499537ad67ecd643212219f0daf8e247570d38c590b2d067d")
        #expect(r1.at == (try utc("2022-02-12T01:44:39")))
        #expect(r1.kind == .deploy && r1.direction == .incoming && r1.counterparty == "0xb19bd96932bda3d66a4ede9ee69d77d909203b9f")
        let r11 = try row(r, 11)
        #expect(r11.txHash == "0xa55454540c337a8553db3b07d99d7b40e3fd8f086b5aa5725f3af1b82db16737")
        #expect(r11.at == (try utc("2022-02-13T02:58:33")))
        #expect(try r11.counterparty == "0xcea525ee12e751379e3b0e8fe4a737e8a8d15622" && r11.volume == (try amount("0.05", "ETH")))
        #expect(r11.method == "_pre Sale Mint" && r11.fee == nil)
        let r15 = try row(r, 15)
        #expect(r15.txHash == "0xc8446e8c11a833bea57a5c4329ca9a60e71cbb9c390bc36eb36a3615b48ee5ff")
        #expect(r15.at == (try utc("2022-02-13T03:00:04")))
        #expect(try r15.counterparty == "0xc3d5fe1d0cf4be04bcd97748d7ea83572503fe89" && r15.volume == (try amount("0.05", "ETH")))
    }
}

@Suite("Real Etherscan-family exports: internal transactions")
struct RealInternalExportTests {
    @Test("2017 form (no ParentTx columns, US dates, Status 0): one refund transaction, each payout a leg")
    func internal2017() throws {
        let r = try read("etherscan-internal-2017-1.csv", wallet: "0x8668ef4534ec8716dede42807084a526ff4904e2")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "internal transactions (2017)")
        #expect(r.rows.count == 12)
        let hash = "0xce5c730420aaee42260ffbcaf7e27f87f321f30f60af03c7b8aa6e0d0150cca7"
        #expect(r.rows.allSatisfy { $0.txHash == hash && $0.direction == .outgoing && $0.fee == nil && !$0.failed })
        #expect(Set(r.rows.compactMap(\.leg)).count == 12)
        let at = try utc("2017-09-10T14:49:45")
        let r1 = try row(r, 1)
        #expect(r1.at == at && r1.counterparty == "0x4a8ff07120e7138b14cf77f8f95decde38c6c710")
        #expect(try r1.volume == (try amount("0.38", "ETH")) && r1.leg == "internal:out:0.38")
        let r5 = try row(r, 5)
        #expect(try r5.at == at && r5.counterparty == "0xef45c7c1b45cb969feffded9338143eeff256ea0" && r5.volume == (try amount("10", "ETH")))
        let r12 = try row(r, 12)
        #expect(try r12.at == at && r12.counterparty == "0x630df293de7b9c6f383e3798f02d54a10c85883f" && r12.volume == (try amount("50", "ETH")))
    }

    @Test("ParentTx form (17 columns, 18 fields a row): payouts in, a router refund")
    func internal2018() throws {
        let r = try read("etherscan-internal-2018-1.csv", wallet: "0x003dc32fe920a4aaeed12dc87e145f030aa753f3")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "internal transactions")
        #expect(r.rows.count == 13)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0x8e94d2b8ac7c7582b108c928d54b5eb0f1eb9cebf99b4bae0db7ea2123bbf813")
        #expect(r1.at == (try utc("2018-09-26T19:16:26")))
        #expect(r1.direction == .incoming && r1.counterparty == "0x30f938fed5de6e06a9a7cd2ac3517131c317b1e7")
        #expect(r1.volume == (try amount("2.079696004929649789", "ETH")))
        let r12 = try row(r, 12)
        #expect(r12.txHash == "0xe8e8d4ec95387fbb74c08819c240e3808e2758ab5dfc4aa170a8c5fa24f22092")
        #expect(r12.at == (try utc("2020-10-10T12:34:32")))
        #expect(r12.counterparty == "0x7a250d5630b4cf539739df2c5dacb4c659f2488d" && r12.kind == .swap && r12.projectSlug == "uniswap")
        #expect(r12.volume == (try amount("0.010232200469249041", "ETH")))
        let r13 = try row(r, 13)
        #expect(r13.txHash == "0x08b2c382e628ece6ba6c01edc5cbd2daa714401ae873abba5fd359608811cfe5")
        #expect(r13.at == (try utc("2022-04-18T23:55:54")))
        #expect(try r13.counterparty == "0xd1917932a7db6af687b523d5db5d7f5c2734763f" && r13.volume == (try amount("0.000265949", "ETH")))
    }

    @Test("an address with no internal transactions: the header alone, nothing to import")
    func headerOnly() throws {
        let r = try read("etherscan-internal-headeronly-1.csv", wallet: "0xf98c96b5d10faafc2324847c82305bd5fd7e5ad3")
        #expect(r.issues.isEmpty && r.rows.isEmpty)
        #expect(r.export?.name == "internal transactions")
    }
}

@Suite("Real Etherscan-family exports: token transfers")
struct RealTokenExportTests {
    @Test("2017-2019 (V2/V3): N/A prices read as none, thousands separators, a spam name")
    func erc20From2017() throws {
        let r = try read("etherscan-erc20-2017-1.csv", wallet: "0x003dc32fe920a4aaeed12dc87e145f030aa753f3")
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 25)
        let r2 = try row(r, 2)
        #expect(r2.txHash == "0x3ed0901b17c4f6107c2ff43859ce50a66d0ca7ff78dd010a7df764ddef21d3c9")
        #expect(r2.at == (try utc("2017-11-27T20:31:30")))
        #expect(r2.direction == .incoming && r2.counterparty == "0x0000000000000000000000000000000000000000")
        #expect(try r2.volume == (try amount("777", "INSP")) && r2.volumeUsd == nil)
        #expect(r2.token?.contract == "0x52903256dd18d85c2dc4a6c999907c9793ea61e3")
        let r4 = try row(r, 4)
        #expect(r4.txHash == "0x35b1d2ef648a40dfa7492dfd188c30257565a205b6559c18955e9598c23c70d8")
        #expect(r4.at == (try utc("2018-01-07T13:02:04")))
        #expect(r4.counterparty == "0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be")
        #expect(try r4.volume == (try amount("3067.671", "MANA")) && r4.volumeUsd == (try q("709.50")))
        #expect(r4.token?.contract == "0x0f5d2fb29fb7d3cfee444a200298f468908cc942")
        let r25 = try row(r, 25)
        #expect(r25.txHash == "0x06b2dda7d199578d9930b991574b773b68ae28c80bc855277ed3c52233abf8ab")
        #expect(r25.at == (try utc("2019-03-20T03:55:58")))
        #expect(r25.token?.symbol == "findtherabbit.me" && r25.leg?.hasSuffix(":in:1553054158") == true)
        #expect(r25.token?.contract == "0x2ff2b86c156583b1135c584fd940a1996fa4230b" && r25.volumeUsd == nil)
    }

    @Test("2021 (V1, 9 columns, 10 fields a row): one transaction of five legs, separators")
    func erc20From2021() throws {
        let r = try read("etherscan-erc20-2021-1.csv", wallet: "0xaf5a05ebe2d24c5c6a6be222f824a8a0c170daec")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "ERC-20 token transfers (V1)")
        #expect(r.rows.count == 18)
        let five = r.rows.filter { $0.txHash == "0x12dcb1e95b7f3e043140dbde11e6c0830737b2a5bda6c905085ce6429913cdd8" }
        #expect(five.count == 5 && Set(five.compactMap(\.leg)).count == 5)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0x979b1e0df01ccf2d6e94d5a78f2c14f2554683a97892feb5a12d991dd40709c2")
        #expect(r1.at == (try utc("2021-04-08T10:38:53")))
        #expect(r1.direction == .incoming && r1.counterparty == "0x2807f0330b5a0347bd890896cb30c11bcb3cf04d")
        #expect(r1.volume == (try amount("190720.883372992770398294", "BPT")))
        #expect(r1.token?.contract == "0xc1c70266ef3dc680e55c5a1c451f664446a9849d")
        let r3 = try row(r, 3)
        #expect(r3.txHash == "0xbdc660a53bff6299c7c0ddc5ef0489aae37427ae2e385a99389b818b82f93df1")
        #expect(r3.at == (try utc("2021-04-24T08:01:51")))
        #expect(r3.direction == .outgoing && r3.counterparty == "0x9e55244eb98e7861bbd9623f30f3b9fd8eebe64c")
        #expect(try r3.volume == (try amount("110.3715", "BAL")) && r3.token?.contract == "0xba100000625a3754423978a60c9317c58a424e3d")
        let r18 = try row(r, 18)
        #expect(r18.txHash == "0x30ba1e29c87977205f01e97a7d107fe6b47c7df214a7d804054a3a44508d547b")
        #expect(r18.at == (try utc("2021-07-08T22:58:44")))
        #expect(try r18.counterparty == "0x28c6c06298d514db089934071355e5743bf21d60" && r18.volume == (try amount("562847.93", "MANA")))
    }

    @Test("2022 (header ending `,\"\"`): N/A and dollar prices, an outgoing transfer")
    func erc20From2022() throws {
        let r = try read("etherscan-erc20-2022-1.csv", wallet: "0x08d3f2cae4eacdcbfb0f7ffad07a6d00fc36db6e")
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 20)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xdc2a0e580a9d690813d130a431120150fe09693fcdb16e72d9de9608ed94643d")
        #expect(r1.at == (try utc("2022-10-17T17:40:35")))
        #expect(r1.direction == .incoming && r1.counterparty == "0x78e869870e425a4d78bc18c46be9a6b9b8417cb5")
        #expect(try r1.volume == (try amount("1.21257325320729421", "80psdnOCEAN-20OCEAN")) && r1.volumeUsd == nil)
        #expect(r1.token?.contract == "0xf8c4cd95c7496cb7c8d97202cf7e5b8da2204c2b")
        let r9 = try row(r, 9)
        #expect(r9.txHash == "0x954521a872f70760906d9c332478b724819a3ca94343fe3db63443bb237d23d2")
        #expect(r9.at == (try utc("2022-10-18T15:25:23")))
        #expect(r9.direction == .outgoing && r9.counterparty == "0x30a20b0281df39e6337c3cbe5865e6fdcdcce3f1")
        #expect(r9.volume == (try amount("4252.87966950795109546", "80psdnOCEAN-20OCEAN")))
        let r13 = try row(r, 13)
        #expect(r13.txHash == "0x3b66dbae6ca62952ab438fcc26318ce6904f48463bfd317bb6a0521fb1487e16")
        #expect(r13.at == (try utc("2022-10-28T18:39:47")))
        #expect(r13.counterparty == "0x83304d9141c01f4dc27639f0efd0ac78efc74a38")
        #expect(try r13.volume == (try amount("288.560927295567261599", "OCEAN")) && r13.volumeUsd == (try q("52.29")))
        #expect(r13.token?.contract == "0x967da4048cd07ab37855c090aaf366e4ce1b9f48")
    }
}

@Suite("Real Etherscan-family exports: page data, token pages, other chains")
struct RealPageDataExportTests {
    @Test("BscScan page data (no final newline): contract creations with the new contract in To, fees in BNB")
    func bscScanPageData() throws {
        let r = try read("bscscan-txlist-pagedata-2026-1.csv", wallet: "0xd699ebc6930f593f0725d2a7dc58acc65b41a08e", chain: "bsc")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transaction list (export-transaction-list)")
        #expect(r.rows.count == 40)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0xc83e3042e211f49e15a107023bc92e5e51fc4978676e5ddcc7759b58ff20d96a")
        #expect(r1.at == (try utc("2026-04-06T04:45:19")))
        #expect(r1.kind == .deploy && r1.kindEvidence == .contractCreation && r1.method == "0x60a03461")
        #expect(try r1.counterparty == "0x12fedd29e71f66157e985aa1aaae434253e39a22" && r1.fee == (try amount("0.00004545", "BNB")))
        let r6 = try row(r, 6)
        #expect(r6.txHash == "0x723ad73cae9c7ccfa43a07df973e8ffae3aa160b30bb0f3f69144fb68a918cbb")
        #expect(r6.at == (try utc("2026-02-20T08:07:42")))
        #expect(r6.kind == .deploy && r6.method == "Deploy" && r6.counterparty == "0x375401aaab20b0827cfc7dbe822e352738d390a9")
        #expect(try r6.fee == (try amount("0.00015929", "BNB")) && r6.volume == nil)
        let r40 = try row(r, 40)
        #expect(r40.txHash == "0xbce319c8ae344a60c34b1c08c097d8c1806c102cdc2207335ecb8f9953932b59")
        #expect(r40.at == (try utc("2026-02-19T09:50:35")))
        #expect(r40.direction == .incoming && r40.counterparty == "0xcd4eb82cfc16d5785b4f7e3bfc255e735e79f39c")
        #expect(try r40.volume == (try amount("0.05", "BNB")) && r40.volumeUsd == (try q("31.09")) && r40.fee == nil)
    }

    @Test("page-data token transfers: checksummed addresses, Token as 'Name (SYMBOL)', separators")
    func tokenPageData() throws {
        let r = try read("etherscan-tokentransfers-pagedata-2025-1.csv", wallet: "0xe453b6ba7d8a4b402DFf9C1b2Da18226c5c2A9D3")
        #expect(r.issues.isEmpty)
        #expect(r.rows.count == 15)
        let r1 = try row(r, 1)
        #expect(r1.txHash == "0x4e0b3cdc58ae30fbdd36d1ec890a3f81c86e62056ba0cae5982f2ae57ab66de5")
        #expect(r1.at == (try utc("2025-07-23T12:02:47")))
        #expect(r1.direction == .incoming && r1.counterparty == "0x9c6f88eca61661adc78535ed8a97a6f99b581453")
        #expect(try r1.volume == (try amount("82542769229.90364658", "XIAOBAI")) && r1.volumeUsd == (try q("113.00")))
        #expect(r1.token?.name == "XiaoBai")
        let r8 = try row(r, 8)
        #expect(r8.txHash == "0x85a314299e4edc624a2b2fdad91456d9a9d0aa8662700de3c427ddbfc5bfadcb")
        #expect(r8.at == (try utc("2025-07-17T03:17:11")))
        #expect(r8.counterparty == "0x1ca5aa5b1dd8d948bb0971a5fb1762fe172e0040")
        #expect(try r8.volume == (try amount("200", "USDC")) && r8.volumeUsd == (try q("199.97")))
        let r15 = try row(r, 15)
        #expect(r15.txHash == "0x019ddfdc7440a68011994965af911bf7c18805302a2944d36c45d39b8f932782")
        #expect(r15.at == (try utc("2025-07-14T01:45:47")))
        #expect(try r15.volume == (try amount("302", "USDC")) && r15.volumeUsd == (try q("301.96")))
    }

    @Test("a block's page data is no wallet's export: each row not the wallet's is named, the wallet's is read")
    func blockPageData() throws {
        // Three wallets of the block, each the sender of one row (read by hand: rows 1, 6 and 30).
        let cases: [(wallet: String, row: Int, hash: String, to: String, volume: Amount?, fee: String, failed: Bool)] = [
            ("0xba369bd77a346babcd282cb1a015194e8ec54542", 1, "0xbd26ed15a569d3e814ef46d34a9700c3f60b21a2f62ca32f14261d6ddea1a13e",
             "0x8d99372612e8cfe7163b1a453831bc40eaeb3cf3", nil, "0.0018602", false),
            ("0xcbd6832ebc203e49e2b771897067fce3c58575ac", 6, "0xf7632ef18904489e280c4661f71804a1cf64e1dc73542aa83b9740a673d19e9a",
             "0x20fda4bfe05b0b71fcbde2e1b4d09a37e69efaa7", try amount("0.644136", "ETH"), "0.00036656", false),
            ("0x1d4b6f842bde68869a91c18cff8542edab87f184", 30, "0xd5c1692302fd53e53e2185deec53ae5ae46cb78aa509f6ce0ced6894dcd92264",
             "0x0c109cc0b9502e02246f882077a9fbb511b8cb1f", nil, "0.00065721", true),
        ]
        for c in cases {
            let r = try read("etherscan-txlist-pagedata-2024-1.csv", wallet: c.wallet)
            #expect(r.rows.count == 1, "\(c.row)")
            #expect(r.issues.count == 40 && r.issues.allSatisfy { if case .notThisWallet = $0.problem { true } else { false } })
            let one = try row(r, c.row)
            #expect(one.txHash == c.hash && one.counterparty == c.to && one.volume == c.volume)
            #expect(try one.at == (try utc("2024-10-12T16:19:11")) && one.fee == (try amount(c.fee, "ETH")))
            #expect(one.failed == c.failed)
            if c.failed { #expect(one.failure == "Error in Main Txn : execution reverted") }
        }
    }

    @Test("token pages (2017, 2022, Polygonscan, ApeChain) and NFT exports are refused, saying what to export")
    func refused() throws {
        let pages = ["etherscan-tokenpage-2017-1.csv", "etherscan-tokenpage-2022-1.csv", "polygonscan-tokenpage-2025-1.csv",
                     "apescan-tokenpage-2025-1.csv"]
        for name in pages {
            let r = try read(name, wallet: "0x9952f869f12a7af92ab86b275cfa231c868aad23")
            #expect(r.rows.isEmpty)
            #expect(r.issues.map(\.description) == [
                "1:1: this is a single-token page export (it names no token), which airledger cannot import yet: export normal transactions, internal transactions or ERC-20 token transfers instead",
            ], "\(name)")
        }
        let nft = try read("unknownscan-nft-2025-1.csv", wallet: "0x13f5620fccb28af63e237cc1fdf1eba235a2c016")
        #expect(nft.issues.map(\.problem) == [.unsupportedExport("an NFT (ERC-721/1155) transfer export",
                                                                  instead: EtherscanImporter.readableExports)])
    }

    @Test("every real file reads the same in any chunk size")
    func chunking() throws {
        let wallets = ["etherscan-normal-2019-1.csv": "0x46cf7ddb8bc751f666f691a4f96aa45e88d55d11",
                       "etherscan-internal-2017-1.csv": "0x8668ef4534ec8716dede42807084a526ff4904e2",
                       "etherscan-erc20-2021-1.csv": "0xaf5a05ebe2d24c5c6a6be222f824a8a0c170daec"]
        for (name, wallet) in wallets {
            let whole = try read(name, wallet: wallet, chunk: 1 << 20)
            for chunk in [1, 2, 7] {
                #expect(try read(name, wallet: wallet, chunk: chunk).rows == whole.rows, "\(name) \(chunk)")
            }
        }
    }
}

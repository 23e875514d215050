import Foundation
import LedgerCore
import Testing
@testable import LedgerFormats

private let wallet = "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"
private let scrollGateway = "0x7f2b8c31f88b6006c382775eea88297ec1e3e905"
private let friend = "0x00436d6667153c8eefdb2a493353a81581b277ef"

private func run(_ name: String, chain: String = "ethereum",
                 separators: ExplorerImportOptions.ThousandsSeparators = .rejected,
                 chunk: Int = 61) throws -> ExplorerImportResult {
    let options = try ExplorerImportOptions(wallet: wallet, chain: chain, thousandsSeparators: separators)
    return ExplorerImportSession.read(try fixture(name), explorers: [EtherscanImporter.self], options: options, chunkSize: chunk)
}

private func q(_ s: String) throws -> Quantity { try Quantity(parsing: s) }
private func amount(_ s: String, _ symbol: String) throws -> Amount { Amount(try q(s), try AssetSymbol(parsing: symbol)) }

@Suite("Etherscan import: good files")
struct ImportEtherscanGoodFileTests {
    @Test("V1: registry bridge, incoming transfer, approval to a known contract, contract creation")
    func transactionsV1() throws {
        let r = try run("transactions-v1.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.transactionsV1.description)
        #expect(r.rows.map(\.kind) == [.bridge, .other, .other, .deploy])
        #expect(r.rows.map(\.line) == [2, 3, 4, 5])
        let bridge = r.rows[0]
        #expect(bridge.projectSlug == "scroll")
        #expect(bridge.kindEvidence == .registry)
        #expect(bridge.knownContract?.name == "Scroll L1 ETH Gateway")
        #expect(bridge.at == Instant(seconds: 1_686_600_011))
        #expect(bridge.volume == (try amount("0.5", "ETH")))
        #expect(bridge.volumeUsd == (try q("871.185")))
        #expect(bridge.fee == (try amount("0.00231", "ETH")))
        #expect(bridge.feeUsd == (try q("4.21")))
        #expect(bridge.direction == .outgoing)
        #expect(bridge.counterparty == scrollGateway)
        #expect(bridge.chain == "ethereum")
        #expect(bridge.txHash.count == 66 && bridge.txHash == bridge.txHash.lowercased())
        let incoming = r.rows[1]
        #expect(incoming.direction == .incoming)
        #expect(incoming.fee == nil && incoming.feeUsd == nil)
        #expect(incoming.volume == (try amount("0.1", "ETH")))
        #expect(incoming.counterparty == friend)
        #expect(incoming.projectSlug == nil)
        #expect(r.rows[2].projectSlug == "uniswap")
        #expect(r.rows[3].kindEvidence == .contractCreation)
        #expect(r.rows[3].volume == nil)
    }

    @Test("V2: router swap, Mint by method, an Error(0) row kept as failed with its fee")
    func transactionsV2() throws {
        let r = try run("transactions-v2.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.transactionsV2.description)
        #expect(r.rows.map(\.kind) == [.swap, .mint, .mint, .other])
        #expect(r.rows.map(\.projectSlug) == ["uniswap", nil, nil, nil])
        // The registry decides; a fallback project places only the rows it does not know.
        #expect(r.rows.map { $0.project(fallback: "farm") } == ["uniswap", "farm", "farm", "farm"])
        #expect(r.rows[0].activity(walletLabel: "hot", fallbackProject: "farm")?.projectSlug == "uniswap")
        #expect(r.rows[1].kindEvidence == .method)
        let failed = r.rows[2]
        #expect(failed.failed)
        #expect(failed.failure == "out of gas")
        #expect(failed.volume == nil)
        #expect(failed.fee == (try amount("0.000412", "ETH")))
        #expect(r.rows[3].kindEvidence == .none)
        #expect(r.rows.filter(\.failed).count == 1)
    }

    @Test("V3 with PrivateNote: Deposit ETH is a bridge, a claim call to a known distributor, a vote")
    func transactionsV3() throws {
        let r = try run("transactions-v3-private-note.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.transactionsV3.description)
        #expect(r.rows.map(\.kind) == [.bridge, .other, .governance])
        #expect(r.rows[1].projectSlug == "uniswap")
        #expect(r.rows[1].knownContract?.kind == .claim)
        #expect(r.rows[1].probableClaim == nil) // the call itself is not tokens received
        #expect(r.rows[1].fee == (try amount("0.00402", "ETH")))
    }

    @Test("V4 as documented, the same file with CRLF and a BOM, and a note with a newline inside")
    func transactionsV4() throws {
        let r = try run("transactions-v4.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.transactionsV4.description)
        #expect(r.rows.map(\.kind) == [.other, .other, .liquidity, .bridge])
        #expect(r.rows[0].fee == nil) // incoming: the sender paid
        #expect(r.rows[0].volume == (try amount("0.0380605", "ETH")))
        #expect(r.rows[1].fee == (try amount("0.0001", "ETH")))
        #expect(r.rows[2].projectSlug == "uniswap")
        #expect(r.rows[3].counterparty == scrollGateway) // mixed case in the file
        #expect(r.rows[3].projectSlug == "scroll")

        let crlf = try run("transactions-v4-crlf-bom.csv", chunk: 2)
        #expect(crlf.issues.isEmpty)
        #expect(crlf.rows == r.rows)

        let note = try run("transactions-v4-multiline-note.csv", chunk: 5)
        #expect(note.issues.isEmpty)
        #expect(note.export?.name == EtherscanVariant.transactionsV4.description)
        #expect(note.rows.map(\.line) == [2, 4])
        #expect(note.rows.map(\.kind) == [.bridge, .other])
    }

    @Test("internal transactions: Status 0 is success; a bridge payout; a failed one")
    func internalTransactions() throws {
        let r = try run("internal-transactions.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.internalTransactions.description)
        #expect(r.rows.map(\.kind) == [.swap, .bridge, .other])
        #expect(r.rows.map(\.direction) == [.incoming, .incoming, .incoming])
        #expect(r.rows[1].volume == (try amount("0.4", "ETH")))
        #expect(r.rows[1].projectSlug == "scroll")
        #expect(r.rows[1].volumeUsd == (try q("1404.02")))
        #expect(r.rows.map(\.failed) == [false, false, true])
        #expect(r.rows[2].failure == "Reverted")
        #expect(r.rows.allSatisfy { $0.fee == nil })
    }

    @Test("token transfers V1: tokens from the UNI distributor are a probable claim")
    func tokenTransfersV1() throws {
        let r = try run("token-transfers-v1.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.tokenTransfersV1.description)
        let claim = try #require(r.rows[0].probableClaim)
        #expect(claim.amount == (try amount("400", "UNI")))
        #expect(claim.evidence == .knownDistributor)
        #expect(claim.distributor == "0x090d4613473dee047c3f2706764f49e0821d256e")
        #expect(r.rows[0].projectSlug == "uniswap")
        // Recorded as an activity like any row (as a claim too only on request): the registry's project.
        #expect(r.rows[0].activity(walletLabel: "hot")?.projectSlug == "uniswap")
        #expect(r.rows[0].activity(walletLabel: "hot")?.volume == nil) // the claim's amount, not farming volume
        #expect(r.rows[0].activity(walletLabel: "hot")?.note == "probable airdrop claim: 400 UNI from UNI airdrop MerkleDistributor")
        #expect(r.rows[1].volume == (try amount("125.5", "USDC")))
        #expect(r.rows[1].token?.contract == "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")
        #expect(r.rows[1].probableClaim == nil)
    }

    @Test("token transfers V2 on Arbitrum: the ARB claim, a spam token kept without volume, a router swap")
    func tokenTransfersV2() throws {
        let r = try run("token-transfers-v2.csv", chain: "arbitrum")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.tokenTransfersV2.description)
        #expect(r.rows[0].probableClaim?.amount == (try amount("1250", "ARB")))
        #expect(r.rows[0].volumeUsd == (try q("1562.5")))
        #expect(r.rows[0].projectSlug == "arbitrum")
        #expect(r.rows[1].volume == nil)
        #expect(r.rows[1].token?.symbol == "Visit arb-claim.example to claim")
        #expect(r.rows[1].probableClaim == nil)
        #expect(r.rows[2].kind == .swap)
        #expect(r.rows[2].fee == nil)
    }

    @Test("token transfers V4 on Scroll and the private-tag form on Arbitrum")
    func tokenTransfersV4AndTags() throws {
        let r = try run("token-transfers-v4.csv", chain: "scroll")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == EtherscanVariant.tokenTransfersV4.description)
        #expect(r.rows[0].probableClaim?.amount == (try amount("402.14", "SCR")))
        #expect(r.rows[0].projectSlug == "scroll")
        #expect(r.rows[1].kind == .bridge)
        #expect(r.rows[1].volume == (try amount("100", "SCR")))

        let t = try run("token-transfers-private-tags.csv", chain: "arbitrum")
        #expect(t.issues.isEmpty)
        #expect(t.export?.name == EtherscanVariant.tokenTransfersV4.description + " with private tags")
        #expect(t.rows.first?.probableClaim?.amount == (try amount("1250", "ARB")))
    }

    @Test("export-transaction-list: units stripped, USD '-' and '$', checksummed wallet case")
    func transactionList() throws {
        let strict = try run("transaction-list.csv")
        #expect(strict.export?.name == EtherscanVariant.transactionList.description)
        #expect(strict.issues.map(\.description) == [
            "4:256: Value (USD) '$3,140.25' has thousands separators, refused here (in strict mode, or in a column explorers never group): remove them, or import without --strict-numbers to accept grouping in token and USD columns",
        ])
        let r = try run("transaction-list.csv", separators: .acceptedInTokenAndUsdColumns)
        #expect(r.issues.isEmpty)
        #expect(r.rows.map(\.kind) == [.other, .other, .bridge])
        #expect(r.rows[0].direction == .outgoing)
        #expect(r.rows[0].volume == (try amount("0.0001", "ETH")))
        #expect(r.rows[0].volumeUsd == nil)
        #expect(r.rows[0].fee == (try amount("0.00000012", "ETH")))
        #expect(r.rows[0].at == (try Instant(parsing: "2026-03-19T17:17:52Z")))
        #expect(r.rows[1].volume == nil)
        #expect(r.rows[1].kindEvidence == .method)
        #expect(r.rows[2].volumeUsd == (try q("3140.25")))
        #expect(r.rows[2].projectSlug == "scroll")
    }

    @Test("token list export: amounts with separators; a Claim from an unknown sender")
    func tokenTransactionList() throws {
        let strict = try run("token-transaction-list.csv")
        #expect(strict.export?.name == EtherscanVariant.tokenTransactionList.description)
        #expect(strict.issues.map { "\($0.line):\($0.column)" } == ["2:234", "3:217", "3:225"])
        let r = try run("token-transaction-list.csv", separators: .acceptedInTokenAndUsdColumns)
        #expect(r.issues.isEmpty)
        #expect(r.rows[0].volume == (try amount("82542769229.90364658", "XIAOBAI")))
        #expect(r.rows[0].token?.name == "XiaoBai")
        #expect(r.rows[0].token?.contract == nil)
        #expect(r.rows[0].probableClaim == nil)
        let claim = try #require(r.rows[1].probableClaim)
        #expect(claim.amount == (try amount("1500", "SOME")))
        #expect(claim.evidence == .claimMethod)
        #expect(r.rows[1].volumeUsd == (try q("1230")))
    }

    @Test("an activity is built for the wallet with the row's project, or the caller's")
    func activityDraft() throws {
        let r = try run("transactions-v2.csv")
        let swap = try #require(r.rows[0].activity(walletLabel: "hot"))
        #expect(swap.projectSlug == "uniswap")
        #expect(swap.walletLabel == "hot")
        #expect(swap.kind == .swap)
        #expect(swap.source == "import:etherscan")
        #expect(swap.txHash == r.rows[0].txHash)
        #expect(swap.note == "Uniswap V2 Router02")
        #expect(r.rows[1].activity(walletLabel: "hot") == nil) // no project known
        #expect(r.rows[1].activity(walletLabel: "hot", fallbackProject: "zora")?.projectSlug == "zora")
        #expect(r.rows[2].activity(walletLabel: "hot", fallbackProject: "zora")?.failed == true)
    }
}

@Suite("Etherscan import: bad files")
struct ImportEtherscanBadFileTests {
    @Test("a wrong header is one issue listing the known headers")
    func wrongHeader() throws {
        let r = try run("bad-wrong-header.csv")
        #expect(r.rows.isEmpty)
        #expect(r.issues.count == 1)
        let issue = try #require(r.issues.first)
        #expect(issue.line == 1 && issue.column == 1)
        let text = issue.formatted(file: "bad-wrong-header.csv")
        #expect(text.hasPrefix("bad-wrong-header.csv:1:1: not a known Etherscan export header: found Hash,Block,"))
        for v in EtherscanVariant.allCases { #expect(text.contains(v.exampleHeader)) }
    }

    @Test("a near-miss header names the column that differs")
    func nearHeader() throws {
        let r = try run("bad-wrong-header-near.csv")
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.description.contains("closest is transactions (V4): column 5 is 'Sender', expected 'From'") == true)
    }

    @Test("a truncated last line: too few fields, said to be cut short; earlier rows are still read")
    func truncated() throws {
        let r = try run("bad-truncated.csv")
        #expect(r.rows.count == 2)
        #expect(r.issues == [ImportIssue(line: 4, column: 213,
                                         problem: .fieldCount(expected: 16, found: 9, lastLineUnterminated: true))])
        #expect(r.issues[0].description.contains("truncated"))
        let q = try run("bad-truncated-in-quote.csv")
        #expect(q.issues == [ImportIssue(line: 4, column: 81, problem: .csv(.unterminatedQuote))])
    }

    @Test("amounts with thousands separators are bad rows by default, accepted on request")
    func thousands() throws {
        let r = try run("bad-thousands.csv", chain: "scroll")
        #expect(r.issues.map { "\($0.line):\($0.column)" } == ["2:205", "2:215"])
        #expect(r.issues.first.map { "\($0.problem)" }?.contains("'1,234.5' has thousands separators") == true)
        let ok = try run("bad-thousands.csv", chain: "scroll", separators: .acceptedInTokenAndUsdColumns)
        #expect(ok.issues.isEmpty)
        #expect(ok.rows[0].probableClaim?.amount == (try amount("1234.5", "SCR")))
    }

    @Test("non-UTF-8 bytes are reported at their line and column")
    func nonUTF8() throws {
        let r = try run("bad-non-utf8.csv", chain: "scroll")
        #expect(r.issues == [ImportIssue(line: 2, column: 261, problem: .csv(.invalidUTF8(byte: 0xE9)))])
        #expect(r.rows.count == 1)
    }

    @Test("an empty file is one issue")
    func empty() throws {
        let r = try run("empty.csv")
        #expect(r.issues == [ImportIssue(line: 1, column: 1, problem: .emptyFile(expected: "an Etherscan-family CSV export"))])
        #expect(r.export == nil)
    }

    @Test("every bad row is reported, not just the first")
    func collected() throws {
        let r = try run("bad-rows.csv")
        #expect(r.rows.count == 1)
        #expect(r.issues.map { "\($0.line):\($0.column)" } == ["2:1", "3:81", "3:213", "5:116"])
        #expect(r.issues.map(\.problem) == [
            .badHash(column: "Transaction Hash", value: "0x1e48e7f960a7daccd1e40c3d8b0a6e0e5b6ac7", expected: "0x and 64 hex digits"),
            .badTimestamp(column: "UnixTimestamp", value: "17376314x9"),
            .badAmount(column: "Value_OUT(ETH)", error: .malformed("1e-3")),
            .notThisWallet(wallet: wallet, from: friend, to: "0x2554af092f826cecc5463780ce4efa2590a7d378"),
        ])
        #expect(r.issues[3].description.contains("Check --wallet"))
    }

    @Test("a file in another chain's ticker is refused at the header")
    func wrongChain() throws {
        let r = try run("bad-wrong-chain.csv")
        #expect(r.issues.count == 1)
        #expect(r.issues.first?.problem == .tickerMismatch(file: "BNB", chain: "ethereum", chainTicker: "ETH"))
        let ok = try run("bad-wrong-chain.csv", chain: "bsc")
        #expect(ok.issues.isEmpty)
        #expect(ok.rows.first?.fee == (try amount("0.0001", "BNB")))
    }

    @Test("options refuse a wallet that is not an address of the chain, an unknown chain, a chain the explorer does not serve")
    func options() throws {
        #expect(throws: ExplorerOptionsError.self) { try ExplorerImportOptions(wallet: "hot", chain: "ethereum") }
        #expect(throws: ExplorerOptionsError.unknownChain("ethereun")) { try ExplorerImportOptions(wallet: wallet, chain: "ethereun") }
        #expect(ExplorerOptionsError.unknownChain("ethereun").description.contains("Did you mean 'ethereum'?"))
        let upper = try ExplorerImportOptions(wallet: wallet.uppercased().replacingOccurrences(of: "0X", with: "0x"), chain: "Polygon")
        #expect(upper.gasToken?.code == "POL")
        #expect(upper.wallet == wallet)
        try upper.check(servedBy: EtherscanImporter.self)
        // A chain airledger does not list, built by the caller: its own gas token.
        let ape = try ExplorerImportOptions(wallet: wallet, chain: Chain("apechain", .evm, gas: ["APE"]))
        #expect(ape.gasToken?.code == "APE" && ape.chain.name == "apechain" && !ape.chainIsListed)
        #expect(upper.chainIsListed)
        let sol = try ExplorerImportOptions(wallet: "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", chain: "solana")
        #expect(throws: ExplorerOptionsError.chainNotServed("solana", by: EtherscanImporter.info)) { try sol.check(servedBy: EtherscanImporter.self) }
        #expect(ExplorerOptionsError.chainNotServed("solana", by: EtherscanImporter.info).description
                .hasPrefix("'solana' is not an EVM chain: Etherscan-family exports come from EVM chains (ethereum, arbitrum,"))
    }

    @Test("progress counts bytes, records and rows")
    func progress() throws {
        let bytes = try fixture("transactions-v4.csv")
        var session = ExplorerImportSession(explorers: [EtherscanImporter.self], options: try ExplorerImportOptions(wallet: wallet, chain: "ethereum"))
        var events = 0
        session.feed(bytes[0..<100]) { _ in events += 1 }
        #expect(session.progress.bytesRead == 100)
        #expect(session.progress.percent(ofTotalBytes: 200) == 50)
        session.feed(bytes[100...]) { _ in events += 1 }
        session.finish { _ in events += 1 }
        #expect(session.progress.rows == 4)
        #expect(session.progress.records == 4)
        #expect(session.progress.bytesRead == bytes.count)
        #expect(events == 5) // header + 4 rows
        #expect(session.export == ExplorerExport(explorer: "etherscan", name: "transactions (V4)"))
    }
}

@Suite("Import field parsing")
struct ImportFieldParsingTests {
    @Test("the fast decimal path gives exactly what Quantity(parsing:) gives")
    func decimals() throws {
        let cases = ["0", "0.0", "1", "0.00015288924231", "3338.70", "0.000000000000000001", "123456789012345678",
                     "1234567890123456789", "82542769229.90364658", "0.10", "007.5",
                     "12345678901234567890123456789.123456789", "0.00000000000000000000000000000000000001"]
        for c in cases {
            guard case .value(let fast) = FieldBytes.decimal(Array(c.utf8)[...]) else {
                Issue.record("\(c) did not parse")
                continue
            }
            let slow = try Quantity(parsing: c)
            #expect(fast == slow, "\(c)")
            #expect(fast.description == slow.description, "\(c)")
        }
    }

    @Test("the grammar stays strict")
    func strictGrammar() {
        for bad in ["1e-3", "-1", ".5", "1.", "0x10", "1.2.3", "1 000", "+1", "NaN", "1,23", "12,3456", "1,234,56"] {
            if case .value = FieldBytes.decimal(Array(bad.utf8)[...], grouping: true) { Issue.record("\(bad) was accepted") }
        }
        if case .grouped = FieldBytes.decimal(Array("1,234.5".utf8)[...]) {} else { Issue.record("1,234.5 not flagged") }
        if case .value(let q) = FieldBytes.decimal(Array("$1,234.00".utf8)[...], dollar: true, grouping: true) {
            #expect(q.description == "1234")
        } else {
            Issue.record("$1,234.00 not read")
        }
        if case .empty = FieldBytes.decimal(Array("-".utf8)[...], dollar: true) {} else { Issue.record("'-' not empty") }
        if case .malformed(.tooPrecise) = FieldBytes.decimal(Array("1234567890123456789012345678901234567890".utf8)[...]) {} else {
            Issue.record("40 digits accepted")
        }
    }

    @Test("hex hashes and addresses are checked and lower-cased")
    func hex() {
        #expect(FieldBytes.hex(Array("0xAbCdEf0123456789abcdef0123456789ABCDEF01".utf8)[...], hexDigits: 40)
                == "0xabcdef0123456789abcdef0123456789abcdef01")
        #expect(FieldBytes.hex(Array("0xzz".utf8)[...], hexDigits: 2) == nil)
        #expect(FieldBytes.hex(Array("0x12".utf8)[...], hexDigits: 40) == nil)
    }
}

/// Shapes no real file was found for, written from their documented format (Fixtures/etherscan/README.md
/// says where each comes from).
@Suite("Etherscan import: documented shapes without a real file")
struct ImportEtherscanDocumentedShapeTests {
    @Test("a classic BscScan export (2021 header, trailing field, CRLF): BNB amounts and fees, a creation")
    func bscScan() throws {
        let r = try run("bscscan-transactions-v1.csv", chain: "bsc", chunk: 4)
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transactions (V1)")
        #expect(r.rows.map(\.kind) == [.other, .other, .deploy])
        #expect(try r.rows[0].volume == (try amount("0.5", "BNB")) && r.rows[0].fee == nil)
        #expect(try r.rows[1].volume == (try amount("0.2", "BNB")) && r.rows[1].fee == (try amount("0.000105", "BNB")))
        #expect(try r.rows[1].feeUsd == (try q("0.0276")) && r.rows[1].volumeUsd == (try q("52.58948")))
        #expect(try r.rows[2].fee == (try amount("0.0123", "BNB")) && r.rows[2].counterparty?.count == 42)
        #expect(try run("bscscan-transactions-v1.csv").issues.map(\.problem)
                == [.tickerMismatch(file: "BNB", chain: "ethereum", chainTicker: "ETH")])
        // The internal export keeps "ParentTxETH_Value" beside Value_IN(BNB): not a second ticker.
        let payout = try run("bscscan-internal.csv", chain: "bsc")
        #expect(payout.issues.isEmpty)
        #expect(payout.rows.first?.volume == (try amount("0.75", "BNB")))
        #expect(payout.rows.first?.leg == "internal:in:0.75")
    }

    @Test("a Polygonscan export in MATIC: read in the chain's gas token (MATIC is now POL); a failed row")
    func polygonScan() throws {
        let r = try run("polygonscan-transactions-v3.csv", chain: "polygon")
        #expect(r.issues.isEmpty)
        #expect(try r.rows[0].volume == (try amount("25", "POL")) && r.rows[0].fee == (try amount("0.0021", "POL")))
        #expect(r.rows[1].failed && r.rows[1].failure == "execution reverted" && r.rows[1].volume == nil)
        #expect(r.rows[1].fee == (try amount("0.0017", "POL")))
    }

    @Test("private tags and a note on a normal export are read past, never stored")
    func privateTags() throws {
        let r = try run("transactions-private-tags.csv")
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "transactions (V4) with private tags")
        #expect(r.rows.map(\.kind) == [.bridge, .other])
        #expect(try r.rows[0].projectSlug == "scroll" && r.rows[0].volume == (try amount("0.4", "ETH")))
        #expect(try r.rows[0].fee == (try amount("0.00102", "ETH")) && r.rows[0].counterparty == scrollGateway)
        #expect(try r.rows[1].direction == .incoming && r.rows[1].volume == (try amount("0.05", "ETH")) && r.rows[1].fee == nil)
        let activity = try #require(r.rows[0].activity(walletLabel: "hot"))
        #expect(activity.note == "Scroll L1 ETH Gateway")
    }

    @Test("the page-data internal export: legs as the classic internal export writes them")
    func internalList() throws {
        let r = try run("internal-transaction-list.csv", separators: .acceptedInTokenAndUsdColumns)
        #expect(r.issues.isEmpty)
        #expect(r.export?.name == "internal transaction list (page data)")
        #expect(r.rows.map(\.kind) == [.bridge, .swap, .other])
        #expect(try r.rows[0].volume == (try amount("0.45600614", "ETH")) && r.rows[0].volumeUsd == (try q("1522.46")))
        #expect(r.rows[0].leg == "internal:in:0.45600614" && r.rows[0].projectSlug == "scroll")
        #expect(r.rows[0].at == (try Instant(parsing: "2025-01-25T09:30:11Z")))
        #expect(try r.rows[2].direction == .outgoing && r.rows[2].volume == (try amount("0.01", "ETH")) && r.rows[2].volumeUsd == nil)
        #expect(r.rows.allSatisfy { $0.fee == nil })
    }

    @Test("page data writing 'Create: NAME' in To: a deploy with its fee and no counterparty address")
    func createName() throws {
        let r = try run("transaction-list-create.csv", separators: .acceptedInTokenAndUsdColumns)
        #expect(r.issues.isEmpty)
        #expect(r.rows.map(\.kind) == [.deploy, .other])
        #expect(r.rows[0].kindEvidence == .contractCreation && r.rows[0].counterparty == nil)
        #expect(try r.rows[0].fee == (try amount("0.0042", "ETH")) && r.rows[0].direction == .outgoing)
        #expect(try r.rows[1].volume == (try amount("0.1", "ETH")) && r.rows[1].counterparty == friend)
    }

    @Test("the page-data export of a token's page is refused with what to export instead")
    func tokenPageList() throws {
        let r = try run("token-page-list.csv")
        #expect(r.issues.map(\.description) == [
            "1:1: this is a single-token page export (page data: it names no token), which airledger cannot import yet: export normal transactions, internal transactions or ERC-20 token transfers instead",
        ])
    }

    @Test("a chain airledger does not list: its gas token from the header, or given, or asked for")
    func unlistedChain() throws {
        func options(_ chain: String, gas: String? = nil) throws -> ExplorerImportOptions {
            try ExplorerImportOptions(wallet: wallet, chain: chain, gasToken: gas, unlisted: .evm)
        }
        func read(_ name: String, _ o: ExplorerImportOptions) throws -> ExplorerImportResult {
            ExplorerImportSession.read(try fixture(name), explorers: [EtherscanImporter.self], options: o)
        }
        let ape = try options("ApeChain")
        #expect(ape.chain.name == "apechain" && ape.chain.family == .evm && !ape.chainIsListed && ape.gasToken == nil)
        let r = try read("apechain-transactions-v4.csv", ape)
        #expect(r.issues.isEmpty)
        #expect(try r.rows[0].volume == (try amount("12.5", "APE")) && r.rows[0].chain == "apechain")
        #expect(r.rows[1].fee == (try amount("0.00041", "APE")))
        #expect(r.export?.notes == ["'apechain' is not a chain airledger lists: its rows are recorded as an EVM chain of that name, gas token APE (named by the header: Value_IN(APE))"])
        let given = try read("apechain-transactions-v4.csv", try options("apechain", gas: "ape"))
        #expect(given.issues.isEmpty && given.export?.notes.first?.hasSuffix("gas token APE (given)") == true)
        #expect(try read("apechain-transactions-v4.csv", try options("apechain", gas: "BNB")).issues.map(\.problem)
                == [.tickerMismatch(file: "APE", chain: "apechain", chainTicker: "BNB")])
        // The page-data list names its token in each Amount, not in the header: asked for.
        let list = try read("transaction-list.csv", ape)
        #expect(list.issues.map(\.problem) == [.gasTokenUnknown(chain: "apechain")])
        #expect(list.issues.first?.description.contains("pass --gas-token SYMBOL") == true)
        // Token transfers need no gas token.
        let tokens = try read("token-transfers-v4.csv", ape)
        #expect(tokens.issues.isEmpty && tokens.rows.count == 2)
        #expect(tokens.export?.notes.first?.hasSuffix("(this export has no amounts in its gas token)") == true)
        // A listed chain stays listed, without a note.
        #expect(try read("transactions-v4.csv", try options("ethereum")).export?.notes == [])
    }

    @Test("chain names: a likely typo, a name not written as one, a gas token that is not the listed chain's")
    func chainNames() throws {
        #expect(throws: ExplorerOptionsError.likelyTypo("ethereun", suggestion: "ethereum")) {
            try ExplorerImportOptions(wallet: wallet, chain: "ethereun", unlisted: .evm)
        }
        #expect(ExplorerOptionsError.likelyTypo("ethereun", suggestion: "ethereum").description
                == "unknown chain 'ethereun'. Did you mean 'ethereum'? If 'ethereun' is a chain airledger does not list, name its gas token too (--gas-token SYMBOL)")
        #expect(try ExplorerImportOptions(wallet: wallet, chain: "ethereun", gasToken: "ETH", unlisted: .evm).chain.name == "ethereun")
        #expect(throws: ExplorerOptionsError.notAChainName("Arbitrum Nova")) {
            try ExplorerImportOptions(wallet: wallet, chain: "Arbitrum Nova", unlisted: .evm)
        }
        #expect(throws: ExplorerOptionsError.gasTokenOfListedChain(chain: "ethereum", given: "BNB", gasTokens: ["ETH"])) {
            try ExplorerImportOptions(wallet: wallet, chain: "ethereum", gasToken: "BNB", unlisted: .evm)
        }
        #expect(throws: ExplorerOptionsError.badGasToken("$$")) {
            try ExplorerImportOptions(wallet: wallet, chain: "apechain", gasToken: "$$", unlisted: .evm)
        }
        #expect(throws: ExplorerOptionsError.unknownChain("apechain")) { try ExplorerImportOptions(wallet: wallet, chain: "apechain") }
        #expect(try ExplorerImportOptions(wallet: wallet, chain: "zksync", gasToken: "ZK").gasToken?.code == "ETH")
    }

    @Test("what real exports write around the rows: a trailing field, a nameless column, N/A, US dates")
    func tolerances() throws {
        func read(_ text: String) throws -> ExplorerImportResult {
            ExplorerImportSession.read(Array(text.utf8), explorers: [EtherscanImporter.self],
                                       options: try ExplorerImportOptions(wallet: wallet, chain: "ethereum"))
        }
        let header = "\"Txhash\",\"UnixTimestamp\",\"DateTime\",\"From\",\"To\",\"Value\",\"ContractAddress\",\"TokenName\",\"TokenSymbol\""
        let row = "\"0x979b1e0df01ccf2d6e94d5a78f2c14f2554683a97892feb5a12d991dd40709c2\",\"1617878333\",\"4/8/2021 10:38:53 AM\",\"\(friend)\",\"\(wallet)\",\"5\",\"0xc1c70266ef3dc680e55c5a1c451f664446a9849d\",\"Balancer Pool Token\",\"BPT\""
        #expect(try read(header + "\n" + row + ",\"\"\n").rows.count == 1)          // one more, empty
        #expect(try read(header + ", \"\"\n" + row + ",\"\"\n").rows.count == 1)   // the header names it ` ""`
        #expect(try read(header + ",\"\"\n" + row + "\n").rows.count == 1)         // named, but absent
        #expect(try read(header + "\n" + row + ",\"x\"\n").issues.map(\.problem)
                == [.fieldCount(expected: 9, found: 10, lastLineUnterminated: false)])
        #expect(EtherscanImporter.isNotAvailable(Array(" N/A ".utf8)[...]) && EtherscanImporter.isNotAvailable(Array("n/a".utf8)[...]))
        #expect(!EtherscanImporter.isNotAvailable(Array("NA".utf8)[...]))
        #expect(EtherscanImporter.usDateTime("9/11/2017 2:26:41 PM") == (try Instant(parsing: "2017-09-11T14:26:41Z")))
        #expect(EtherscanImporter.usDateTime("12/1/2017 12:05:00 AM") == (try Instant(parsing: "2017-12-01T00:05:00Z")))
        #expect(EtherscanImporter.usDateTime("12/1/2017 12:05:00 PM") == (try Instant(parsing: "2017-12-01T12:05:00Z")))
        for bad in ["13/1/2017 1:00:00 PM", "9/11/17 2:26:41 PM", "9/11/2017 14:26:41", "9/11/2017 2:26 PM", "2017-09-11 14:26:41"] {
            #expect(EtherscanImporter.usDateTime(bad) == nil, "\(bad)")
        }
    }

    @Test("creation code is told from a function selector by its first bytes")
    func initCode() {
        for code in ["0x60806040", "0x60a03461", "0x60808060", "0x61014034", "0x60803460", "0x60c06040"] {
            #expect(EtherscanImporter.isInitCode(Array(code.utf8)[...]), "\(code)")
        }
        for selector in ["0xa9059cbb", "0x095ea7b3", "0x1562655c", "0x29d89b98", "0x22b830a5", "0x6080604", "Transfer", "0x60006040"] {
            #expect(!EtherscanImporter.isInitCode(Array(selector.utf8)[...]), "\(selector)")
        }
        #expect(EtherscanImporter.isCreateName(Array("Create: Ethereum2".utf8)[...]))
        #expect(EtherscanImporter.isCreateName(Array("create: X".utf8)[...]))
        #expect(!EtherscanImporter.isCreateName(Array("Creator: X".utf8)[...]) && !EtherscanImporter.isCreateName(Array("Create:".utf8)[...]))
    }
}

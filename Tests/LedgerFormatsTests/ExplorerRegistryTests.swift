// The explorer extension point, exercised with a second explorer written here the way a new one is
// written: one type conforming to `ExplorerImporter`. Its made-up format is Solana-shaped on purpose
// (base58 signatures and addresses, fees in SOL, one row giving a SOL leg and a token leg), so the
// protocol is shown to hold what the Solscan, Voyager, Mintscan and Subscan importers will need.
import LedgerCore
import Testing
@testable import LedgerFormats

/// "Signature,Block Time,From,To,SOL,Token,Token Amount,Fee (SOL)": a row moves SOL, a token, or both.
struct ToyScanImporter: ExplorerImporter {
    static let columns = ["Signature", "Block Time", "From", "To", "SOL", "Token", "Token Amount", "Fee (SOL)"]
    static let info = ExplorerInfo(
        id: "toyscan", family: "ToyScan", name: "ToyScan", sites: "ToyScan", exports: "account transfers",
        chainFamilies: [.solana], chain: .wallet,
        headers: [KnownHeader(export: "account transfers", header: columns.joined(separator: ","))])

    static func detect(_ header: [String]) -> HeaderDetection {
        if header == columns { return .recognised }
        if header.first == "Signature", header.contains("NFT") { return .unsupported("a ToyScan NFT export", instead: "account transfers") }
        let matched = zip(header, columns).filter { $0 == $1 }.count
        return .unrecognised(closeness: matched, hint: matched > 0 ? "closest is ToyScan account transfers" : nil)
    }

    let options: ExplorerImportOptions
    let gas: AssetSymbol
    var exportName: String { "account transfers" }

    init(header: CSVStreamRow, options: ExplorerImportOptions) throws(ImportIssue) {
        // A chain airledger does not list may come without a gas token, and this header names none.
        guard let gas = options.gasToken else {
            throw ImportIssue(line: header.line, column: 1, problem: .gasTokenUnknown(chain: options.chain.name))
        }
        // Fees are read in the chain's gas token: the network-fee rule of the core says it may be.
        do { try options.chain.checkNetworkFee(in: gas) } catch {
            throw ImportIssue(line: header.line, column: 8, problem: .badUnit(column: "Fee (SOL)", value: "SOL", expected: "\(error)"))
        }
        self.options = options
        self.gas = gas
    }

    mutating func read(_ record: CSVStreamRow) -> ExplorerRecord {
        var issues: [ImportIssue] = []
        func issue(_ c: Int, _ p: ImportProblem) { issues.append(ImportIssue(line: record.line, column: record.column(ofField: c), problem: p)) }
        func quantity(_ c: Int) -> Quantity? {
            let text = record.string(c)
            guard !text.isEmpty else { return nil }
            do { return try Quantity(parsing: text) } catch {
                issue(c, .badAmount(column: Self.columns[c], error: error))
                return nil
            }
        }
        var hash = ""
        do { hash = try AddressRules.validateTxHash(record.string(0), family: .solana) } catch {
            issue(0, .badHash(column: "Signature", value: record.string(0), expected: "a base58 signature of 64 bytes"))
        }
        let at = FieldBytes.integer(record.field(1)).map { Instant(seconds: $0) }
        let from = record.string(2), to = record.string(3)
        let direction: ImportedRow.Direction = from == options.wallet ? (to == options.wallet ? .selfTransfer : .outgoing) : .incoming
        if from != options.wallet && to != options.wallet { issue(2, .notThisWallet(wallet: options.wallet, from: from, to: to)) }
        let sol = quantity(4), tokenAmount = quantity(6), fee = quantity(7)
        guard issues.isEmpty, let at else { return .issues(issues) }
        let way = direction == .incoming ? "in" : "out"
        func row(_ volume: Amount, leg: String, fee: Amount?, token: ImportedRow.Token?) -> ImportedRow {
            ImportedRow(line: record.line, source: Self.info.source, kind: .other, kindEvidence: .none, at: at,
                        chain: options.chain.name, txHash: hash, direction: direction, volume: volume, volumeUsd: nil,
                        fee: fee, feeUsd: nil, failed: false, failure: nil, counterparty: direction == .incoming ? from : to,
                        projectSlug: nil, knownContract: nil, method: nil, token: token, probableClaim: nil, leg: leg)
        }
        var rows: [ImportedRow] = []
        // The fee once per record, on its first leg, and only when the wallet sent it.
        var paid = direction == .incoming ? nil : fee.map { Amount($0, gas) }
        if let sol, sol.isPositive {
            rows.append(row(Amount(sol, gas), leg: "sol:\(way):\(sol)", fee: paid, token: nil))
            paid = nil
        }
        if let tokenAmount, tokenAmount.isPositive, let symbol = try? AssetSymbol(parsing: record.string(5)) {
            let token = ImportedRow.Token(contract: nil, name: symbol.code, symbol: symbol.code)
            rows.append(row(Amount(tokenAmount, symbol), leg: "token:\(symbol):\(way):\(tokenAmount)", fee: paid, token: token))
        }
        switch rows.count {
        case 0: return .skipped(reason: "moves neither SOL nor a token")
        case 1: return .row(rows[0])
        default: return .rows(rows)
        }
    }
}

private let solWallet = "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"
private let friend = "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN"
private let signatures = [
    "4gXrHw1dqafC4Vo2RTmHpRK3d3x8aYXLg81BtsMBWrWgQu9n45JWDMTM5yGhR1Ug1Reo4sFi4apJe9Zmoexx9Tc9",
    "3U1tFA9PdfkqMUAM3bDBW7stNbRSUFmxuc4LBu2chsgaGHSafbB1i3oLREKrtbGRTRH9YeDrV2GnbhYLofE6rW3S",
    "61jhZxXCPK6r56ysBwpUmMQojRHD23BKBa7cNzaP3YGxEEHzAX3ba7QTuJv7ZvvJjfRUfFsTTbZvUxo6ENKdfqbf",
]
private let toyFile = ToyScanImporter.columns.joined(separator: ",") + "\n"
    + "\(signatures[0]),1718000000,\(solWallet),\(friend),0.5,JUP,120.25,0.000005\n"
    + "\(signatures[1]),1718000100,\(friend),\(solWallet),,JUP,7,0.000005\n"
    + "\(signatures[2]),1718000200,\(solWallet),\(friend),,,,0.000005\n"

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
private let evmWallet = "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"

@Suite("Explorer registry and protocol")
struct ExplorerRegistryTests {
    let both: [any ExplorerImporter.Type] = [EtherscanImporter.self, ToyScanImporter.self]

    @Test("the registry lists the Etherscan family; ids are unique and lower case; every explorer knows its headers")
    func registry() {
        let ids = Explorers.all.map { $0.info.id }
        #expect(ids.contains("etherscan"))
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(Explorers.named("etherscan")?.info == EtherscanImporter.info)
        #expect(Explorers.named("nope") == nil)
        for e in Explorers.all {
            #expect(!e.info.headers.isEmpty)
            #expect(e.info.source == "import:" + e.info.id)
            // Each explorer recognises its own documented headers, and no other explorer claims them.
            for h in e.info.headers {
                let names = h.header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                #expect(e.detect(names) == .recognised, "\(e.info.id): \(h.export)")
                for other in Explorers.all where other.info.id != e.info.id {
                    #expect(other.detect(names) != .recognised, "\(other.info.id) claims \(e.info.id)'s \(h.export)")
                }
            }
        }
    }

    @Test("a second explorer is detected from its header; one record gives two legs, a skipped record is counted with its reason")
    func secondExplorer() throws {
        let options = try ExplorerImportOptions(wallet: solWallet, chain: "solana")
        let r = ExplorerImportSession.read(bytes(toyFile), explorers: both, options: options, chunkSize: 7)
        #expect(r.issues.isEmpty)
        #expect(r.export == ExplorerExport(explorer: "toyscan", name: "account transfers"))
        #expect(r.rows.map(\.line) == [2, 2, 3])
        #expect(r.rows.map(\.leg) == ["sol:out:0.5", "token:JUP:out:120.25", "token:JUP:in:7"])
        #expect(r.rows[0].fee == Amount(try Quantity(parsing: "0.000005"), try AssetSymbol(parsing: "SOL")))
        #expect(r.rows[1].fee == nil) // the fee once per transaction
        #expect(r.rows[2].fee == nil) // received: the sender paid
        #expect(r.rows.allSatisfy { $0.txHash.count == 88 && $0.source == "import:toyscan" && $0.chain == "solana" })
        #expect(r.skipped.map(\.line) == [4])
        #expect(r.skipped.map(\.reason) == ["moves neither SOL nor a token"])
        let activity = try #require(r.rows[0].activity(walletLabel: "sol", fallbackProject: "parcl"))
        #expect(activity.source == "import:toyscan")
        #expect(activity.leg == "sol:out:0.5")

        var session = ExplorerImportSession(explorers: both, options: options)
        session.feed(bytes(toyFile)) { _ in }
        session.finish { _ in }
        #expect(session.progress.records == 3)
        #expect(session.progress.rows == 3)
        #expect(session.progress.skipped == 1)
    }

    @Test("a file of another registered explorer is named, not called unknown")
    func otherExplorer() throws {
        let sol = try ExplorerImportOptions(wallet: solWallet, chain: "solana")
        let asEtherscan = ExplorerImportSession.read(bytes(toyFile), explorers: [EtherscanImporter.self], others: both, options: sol)
        #expect(asEtherscan.issues == [ImportIssue(line: 1, column: 1, problem: .otherExplorer(ToyScanImporter.info, asked: [EtherscanImporter.info]))])
        #expect(asEtherscan.issues.first?.description == "1:1: this is a ToyScan CSV export (import it as toyscan), not an Etherscan-family one")
        #expect(asEtherscan.rows.isEmpty)
        let eth = try ExplorerImportOptions(wallet: evmWallet, chain: "ethereum")
        let asToy = ExplorerImportSession.read(try fixture("transactions-v4.csv"), explorers: [ToyScanImporter.self], others: both,
                                               options: eth, chunkSize: 100)
        #expect(asToy.issues.map(\.problem) == [.otherExplorer(EtherscanImporter.info, asked: [ToyScanImporter.info])])
    }

    @Test("an explorer whose files are not for the options' chain family stops at the header")
    func chainFamily() throws {
        let eth = try ExplorerImportOptions(wallet: evmWallet, chain: "ethereum")
        let r = ExplorerImportSession.read(bytes(toyFile), explorers: both, options: eth)
        #expect(r.issues.map(\.problem) == [.chainNotServed(chain: "ethereum", family: .evm, by: ToyScanImporter.info)])
        #expect(r.issues.first?.description == "1:1: this is a ToyScan CSV export, for Solana (SVM) chains, but ethereum is an EVM chain")
        #expect(r.rows.isEmpty)
    }

    @Test("unknown, unsupported and empty files name every explorer asked for")
    func unknownAmongSeveral() throws {
        let sol = try ExplorerImportOptions(wallet: solWallet, chain: "solana")
        let unknown = ExplorerImportSession.read(bytes("Signature,When,Who\n"), explorers: both, options: sol)
        let text = try #require(unknown.issues.first?.description)
        #expect(text.hasPrefix("1:1: not a known explorer export header (closest is ToyScan account transfers): found Signature,When,Who\nknown headers:\nEtherscan (CurrentValue may carry a price; From and To may be followed by a _PrivateTag column; any may end with PrivateNote):\n  transactions (V1): "))
        #expect(text.contains("\nToyScan:\n  account transfers: Signature,Block Time,From,To,SOL,Token,Token Amount,Fee (SOL)"))
        let nft = ExplorerImportSession.read(bytes("Signature,NFT,Owner\n"), explorers: both, options: sol)
        #expect(nft.issues.map(\.description) == ["1:1: this is a ToyScan NFT export, which airledger cannot import yet: export account transfers instead"])
        let empty = ExplorerImportSession.read([], explorers: both, options: sol)
        #expect(empty.issues.map(\.problem) == [.emptyFile(expected: "an explorer CSV export (Etherscan-family, ToyScan)")])
    }

    @Test("CSV problems and repeated headers are handled by the session for every explorer")
    func sessionRules() throws {
        let sol = try ExplorerImportOptions(wallet: solWallet, chain: "solana")
        let lines = toyFile.split(separator: "\n").map(String.init)
        let joined = toyFile + lines[0] + "\n" + lines[1] + "\n" + "\(signatures[0]),\"17180\n"
        let r = ExplorerImportSession.read(bytes(joined), explorers: [ToyScanImporter.self], options: sol)
        #expect(r.rows.map(\.line) == [2, 2, 3, 6, 6])
        #expect(r.issues == [ImportIssue(line: 7, column: 90, problem: .csv(.unterminatedQuote))])
    }
}

// The real exports of Fixtures/etherscan/real through the import command, in process on a real
// SQLite file: each wallet's files land whole, the summary line accounts for every row, a second
// import adds nothing, and a file that is not the wallet's writes nothing.
import Foundation
@testable import LedgerCLI
import LedgerFormats
import Testing

@Suite("Real exports through `import etherscan` (in process)")
struct RealImportTests {
    static let folder = Binary.packageRoot.appendingPathComponent("Fixtures/etherscan/real")

    /// File, wallet address, chain, rows in the file.
    static let files: [(file: String, wallet: String, chain: String, rows: Int)] = [
        ("etherscan-normal-2017-1.csv", "0xf98c96b5d10faafc2324847c82305bd5fd7e5ad3", "ethereum", 9),
        ("etherscan-normal-2017-2.csv", "0x003dc32fe920a4aaeed12dc87e145f030aa753f3", "ethereum", 28),
        ("etherscan-normal-2019-1.csv", "0x46cf7ddb8bc751f666f691a4f96aa45e88d55d11", "ethereum", 12),
        ("etherscan-normal-2021-1.csv", "0xe5ecfb44bccd7a585fa7f4a8e02c450e525af2e4", "ethereum", 13),
        ("etherscan-normal-2022-1.csv", "0x08d3f2cae4eacdcbfb0f7ffad07a6d00fc36db6e", "ethereum", 20),
        ("etherscan-normal-2022-2.csv", "0x9c99d7f09d4a7e23ea4e36aec4cb590c5bbdb0e2", "ethereum", 15),
        ("etherscan-internal-2017-1.csv", "0x8668ef4534ec8716dede42807084a526ff4904e2", "ethereum", 12),
        ("etherscan-internal-2018-1.csv", "0x003dc32fe920a4aaeed12dc87e145f030aa753f3", "ethereum", 13),
        ("etherscan-internal-headeronly-1.csv", "0xf98c96b5d10faafc2324847c82305bd5fd7e5ad3", "ethereum", 0),
        ("etherscan-erc20-2017-1.csv", "0x003dc32fe920a4aaeed12dc87e145f030aa753f3", "ethereum", 25),
        ("etherscan-erc20-2021-1.csv", "0xaf5a05ebe2d24c5c6a6be222f824a8a0c170daec", "ethereum", 18),
        ("etherscan-erc20-2022-1.csv", "0x08d3f2cae4eacdcbfb0f7ffad07a6d00fc36db6e", "ethereum", 20),
        ("bscscan-txlist-pagedata-2026-1.csv", "0xd699ebc6930f593f0725d2a7dc58acc65b41a08e", "bsc", 40),
        ("etherscan-tokentransfers-pagedata-2025-1.csv", "0xe453b6ba7d8a4b402DFf9C1b2Da18226c5c2A9D3", "ethereum", 15),
    ]

    @Test("every wallet's real export imports whole, is accounted for row by row, and adds nothing the second time")
    func importTwice() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")  // the exports run to 2026-04
        defer { ledger.remove() }
        try ledger.ok("init")
        var labels: [String: String] = [:]
        for f in Self.files where labels[f.wallet.lowercased()] == nil {
            let label = "w\(labels.count)"
            try ledger.ok("wallet", "add", f.wallet, "--label", label)
            labels[f.wallet.lowercased()] = label
        }
        var total = 0
        for f in Self.files {
            let path = Self.folder.appendingPathComponent(f.file).path
            let label = labels[f.wallet.lowercased()] ?? ""
            let first = try ledger.ok("import", "etherscan", path, "--wallet", label, "--chain", f.chain, "--project", "zksync")
            let rows = "\(f.rows) row\(f.rows == 1 ? "" : "s")"
            #expect(first.contains("\n\(rows): \(f.rows) imported, 0 already present, 0 skipped;"), "\(f.file): \(first)")
            let again = try ledger.ok("import", "etherscan", path, "--wallet", label, "--chain", f.chain, "--project", "zksync")
            #expect(again.contains("\n\(rows): 0 imported, \(f.rows) already present, 0 skipped;"), "\(f.file): \(again)")
            total += f.rows
        }
        let csv = try ledger.ok("activity", "--format", "csv")
        #expect(csv.split(separator: "\n").count == total + 1)
    }

    @Test("without a project for the rows the registry does not know, they are skipped and counted with the reason")
    func skippedCounted() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")  // the exports run to 2026-04
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "0x003dc32fe920a4aaeed12dc87e145f030aa753f3", "--label", "w")
        let out = try ledger.ok("import", "etherscan", Self.folder.appendingPathComponent("etherscan-internal-2018-1.csv").path,
                                "--wallet", "w", "--chain", "ethereum")
        // One row is the Uniswap router's refund (the registry knows it); the other twelve are not placed.
        #expect(out.contains("\n13 rows: 1 imported, 0 already present, 12 skipped;"))
        #expect(out.contains("\nskipped 12 rows with no known project: pass --project SLUG to keep them"))
    }

    @Test("a block's page data is not the wallet's export: every other row is named, nothing is written")
    func notTheWallet() throws {
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")  // the exports run to 2026-04
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "0xcbd6832ebc203e49e2b771897067fce3c58575ac", "--label", "w")
        let path = Self.folder.appendingPathComponent("etherscan-txlist-pagedata-2024-1.csv").path
        let r = try ledger.run("import", "etherscan", path, "--wallet", "w", "--chain", "ethereum", "--project", "zksync")
        #expect(r.status == 65)
        #expect(r.stderr.contains("error: 40 problems in \(path): nothing was imported"))
        #expect(try ledger.ok("activity", "--format", "csv").split(separator: "\n").count == 1)
    }

    @Test("--gas-token parses, and names the gas token of a chain airledger does not list")
    func gasToken() throws {
        let c = try Airledger.parseAsRoot(["import", "etherscan", "f.csv", "--wallet", "hot", "--chain", "apechain", "--gas-token", "APE"])
        let command = try #require(c as? ExplorerImportCommand<EtherscanImporter>)
        #expect(command.gasToken == "APE" && command.chain == "apechain")
        let ledger = try InProcess(now: "2026-06-01T00:00:00Z")  // the exports run to 2026-04
        defer { ledger.remove() }
        try ledger.ok("init")
        try ledger.ok("wallet", "add", "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c", "--label", "hot")
        let list = Binary.packageRoot.appendingPathComponent("Fixtures/etherscan/transaction-list.csv").path
        let r = try ledger.run("import", "etherscan", list, "--wallet", "hot", "--chain", "apechain", "--gas-token", "ETH",
                               "--project", "zksync", "--dry-run")
        #expect(r.status == 0)
        #expect(r.stderr.contains("note: 'apechain' is not a chain airledger lists: its rows are recorded as an EVM chain of that name, gas token ETH (given)"))
        let wrong = try ledger.run("import", "etherscan", list, "--wallet", "hot", "--chain", "ethereum", "--gas-token", "BNB")
        #expect(wrong.status == 65 && wrong.stderr.contains("ethereum charges fees in ETH, not BNB"))
    }
}

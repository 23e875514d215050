// The explorer import commands, in process: one subcommand per registered explorer, made from the
// registry, listed in `import --help`; parsing keeps `import etherscan FILE --wallet W --chain C` as it was.
import ArgumentParser
@testable import LedgerCLI
import LedgerFormats
import Testing

@Suite("Import commands (in process)")
struct ImportCommandTests {
    @Test("import --help lists every registered explorer, from the registry")
    func help() {
        let help = Airledger.helpMessage(for: ImportCommand.self, columns: 200)
        for e in Explorers.all {
            #expect(help.contains("  \(e.info.id)  \(e.info.family) exports of \(e.info.familyNames) chains"), "\(e.info.id)")
            #expect(help.contains("\(e.info.id)") && help.contains("Import \(e.info.aFile) (\(e.info.exports))"), "\(e.info.id)")
        }
        let etherscan = Airledger.helpMessage(for: ExplorerImportCommand<EtherscanImporter>.self, columns: 200)
        #expect(etherscan.contains(EtherscanImporter.info.sites))
        #expect(etherscan.contains("--project <project>"))
    }

    @Test("each registered explorer parses as its own subcommand with the same options")
    func parse() throws {
        let c = try Airledger.parseAsRoot(["import", "etherscan", "f.csv", "--wallet", "hot", "--chain", "base", "--project", "Zora",
                                           "--dry-run", "--claims", "--strict-numbers"])
        let command = try #require(c as? ExplorerImportCommand<EtherscanImporter>)
        #expect(command.file == "f.csv" && command.wallet == "hot" && command.chain == "base" && command.project == "Zora")
        #expect(command.dryRun && command.claims && command.strictNumbers)
        for e in Explorers.all {
            #expect(throws: (any Error).self) { try Airledger.parseAsRoot(["import", e.info.id, "--wallet", "hot"]) }
        }
    }

    @Test("an explorer that serves many chains needs --chain: a usage error, as before")
    func chainRequired() {
        #expect(EtherscanImporter.info.chain == .named)
        do {
            _ = try Airledger.parseAsRoot(["import", "etherscan", "f.csv", "--wallet", "hot"])
            Issue.record("parsed without --chain")
        } catch {
            #expect(Airledger.exitCode(for: error).rawValue == 64)
            #expect(Airledger.message(for: error).contains("--chain"))
        }
    }
}

// Compiles data files into a module as strings: Sources/LedgerCore/Reference/Data into LedgerCore,
// Fixtures/demo into LedgerCLI (the demo's sample ledger), so a binary copied alone still has them.
import Foundation
import PackagePlugin

@main
struct EmbedReferenceData: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let source = target as? SourceModuleTarget else { return [] }
        let dataDir = target.name == "LedgerCLI"
            ? context.package.directoryURL.appending(path: "Fixtures/demo")
            : source.directoryURL.appending(path: "Reference/Data")
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDir.path)
            .filter { !$0.hasPrefix(".") }
            .sorted()
        let inputs = files.map { dataDir.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "ReferenceData.swift")
        let pairs = zip(files, inputs).map { name, url in "\(Self.identifier(for: name))=\(url.path)" }
        return [
            .buildCommand(
                displayName: "Embedding reference data into \(target.name)",
                executable: try context.tool(named: "EmbedTool").url,
                arguments: [output.path] + pairs,
                inputFiles: inputs,
                outputFiles: [output]
            ),
        ]
    }

    /// "watchlist-2024.csv" -> "watchlist2024Csv"; "bip39-english.txt" -> "bip39EnglishTxt".
    static func identifier(for file: String) -> String {
        let parts = file.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard let first = parts.first else { return "unnamed" }
        return first.lowercased() + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerPostgres
import LedgerStore

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the ledger with SQLite's online backup (consistent while in use; mode 0600).")
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "Where to write the copy.") var path: String
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
        let db = try ledger.open()
        try db.backup(to: path, overwrite: force)
        Out.data("backed up \(db.path) to \(path)")
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the ledger.",
        subcommands: [Ledger.self])

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the whole ledger as JSON (wallets, projects, activity, points, claims, trades, transfers, allocations, prices).")
        @OptionGroup var ledger: LedgerOptions
        @Option(name: .shortAndLong, help: "Output file, or - for stdout (the default).") var output: String?
        @Flag(help: "Replace an existing file.") var force = false

        func run() throws {
            let doc: LedgerDocument
            switch try ledger.location() {
            case .file: doc = LedgerDocument(try ledger.open().snapshot())
            case .postgres(let url):
                // The server builds the document from its rows; it is checked as a ledger file is.
                let json = try PostgresLedger(url: url, appVersion: LedgerDatabase.appVersion)
                    .document(format: LedgerDocument.formatName, version: LedgerDocument.formatVersion)
                doc = LedgerDocument(try LedgerDocument.decode(Data(json.utf8), file: url.description).snapshot(file: url.description, now: Out.now))
            }
            let data = doc.encoded()
            if let o = output, o != "-" {
                try OutputFile.write(data, to: o, force: force)
                Out.note("wrote \(o): \(doc.wallets.count) wallets, \(doc.activities.count) activities, \(doc.movements.count) claims/trades/transfers, \(doc.prices.count) prices")
            } else {
                Out.data(String(decoding: data, as: UTF8.self))
            }
        }
    }
}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import explorer exports, spreadsheets or a whole ledger file.",
        discussion: "Explorer exports, one subcommand per explorer (the export is detected from its header):\n"
            + Explorers.all.map { e in
                "  \(e.info.id)  \(e.info.family) exports of \(e.info.familyNames) chains"
                    + (e.info.chain == .named ? " (--chain names the chain)" : " (the wallet's chain)")
            }.joined(separator: "\n"),
        subcommands: Explorers.all.map { explorerImportCommand($0) } + [Activities.self, Claims.self, Trades.self, Ledger.self])

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Restore a ledger JSON file (from `export ledger`) into a new, empty ledger: all or nothing.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var file: String

        func run() throws {
            let data = try OutputFile.read(file, atMost: LedgerDocument.maxFileSize, what: "ledger file")
            let snapshot = try LedgerDocument.decode(data, file: file).snapshot(file: file, now: Out.now)
            let db = try ledger.open(create: true)
            try db.restore(snapshot, now: Out.now)
            Out.data("imported \(file) into \(db.path): \(snapshot.wallets.count) wallets, \(snapshot.projects.count) projects, \(snapshot.activities.count) activities, \(snapshot.movements.count) claims/trades/transfers, \(snapshot.prices.count) prices")
        }
    }
}

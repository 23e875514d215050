import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats

/// `airledger report`: the farm as one self-contained HTML page of charts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the farm as one HTML page of charts: holdings value, costs and returns, activity, deadlines, the tax year, the backtest.",
        discussion: """
            The page works offline: inline CSS and SVG, no script, no network. Each chart has its numbers beside it. \
            -o - writes to stdout; a file is written atomically with mode 0600, and an existing one is replaced only with --force.
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file, or - for stdout.", valueName: "file")) var output = "report.html"
    @Option(help: "The tax year shown (default: the current year).") var year: Int?
    @Option(help: "Only this wallet's holdings, projects, activity and deadlines.") var wallet: String?
    @Flag(help: "Replace an existing file.") var force = false

    func validate() throws {
        if let y = year, !(1970...9999).contains(y) {
            throw ValidationError("--year \(y) is out of range: give a four-digit year such as 2024")
        }
    }

    func run() throws {
        let db = try ledger.open()
        let now = Out.now
        let options = ReportInputs.Options(wallet: try wallet.map { try db.wallet(labelled: $0) }, year: year ?? now.day.year, now: now)
        let snapshot = try ReportSnapshot.read(db, options)
        let document = try ReportInputs.report(snapshot, options).document()
        let html = ReportPage.render(document)
        guard output != "-" else { return Out.data(html) }
        try OutputFile.write(Data(html.utf8), to: output, force: force)
        let figures = document.sections.map(\.figures.count).reduce(0, +)
        Out.note("wrote \(output): \(document.sections.count) sections, \(figures) chart\(figures == 1 ? "" : "s"); open it in a browser")
    }
}

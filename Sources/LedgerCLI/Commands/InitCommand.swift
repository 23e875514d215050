import ArgumentParser
import LedgerCore
import LedgerStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the ledger (safe to run again) and load the bundled 2024 watchlist of 16 projects.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let db = try ledger.open(create: true)
        let projects = try Watchlist.bundled()
        let added = try db.loadWatchlist(projects, now: Out.now)
        Out.data("ledger: \(db.path)")
        Out.data("watchlist: \(added) project\(added == 1 ? "" : "s") added, \(projects.count - added) already present")
    }
}

import ArgumentParser
import LedgerCore
import LedgerStore

/// `airledger changes`: the change journal, newest first.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "The change journal: every write, newest first, with its command line and the rows it touched.",
        discussion: "Each write command records one change in the same transaction as its work. `airledger undo` reverts them.")
    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption
    @Option(help: "Show at most this many (default 20; 0 for all).") var limit: Int = 20

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit \(limit): give a count of 0 or more (0 shows all)") }
    }

    func run() throws {
        let cs = try ledger.open().changes(limit: limit == 0 ? nil : limit)
        Out.data(Listing([
            .init("change", "Change", numeric: true), .init("at", "When"), .init("rows", "Rows", numeric: true),
            .init("undoneAt", "Undone"), .init("command", "Command"),
        ], rows: cs.map { c in
            [.i(Int(c.id)), .s(c.at.description), .i(c.rows), .s(c.undoneAt?.description), .s(c.command)]
        }).render(output.format))
    }
}

/// `airledger undo [N]`, `airledger undo --change ID`.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Revert the last N changes (default 1), or one change by number, exactly.",
        discussion: """
            The last N standing changes are reverted newest first, in one transaction: the ledger is then as it was \
            before them (`airledger export ledger` gives the same bytes). --change ID reverts one older change alone, \
            refused when a later change touched the same entries (undo that one first) or when the ledger would no \
            longer hold together (a sale left short). `airledger changes` lists the changes and their numbers.
            """)
    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "How many of the latest changes to revert.") var count: Int = 1
    @Option(help: "Revert this change (its number in `airledger changes`) alone.") var change: Int64?
    @Flag(name: .customLong("dry-run"), help: "Show what would be reverted; write nothing.") var dryRun = false

    func validate() throws {
        if count < 1 { throw ValidationError("undo \(count): give a count of 1 or more") }
    }

    func run() throws {
        let undone = try ledger.open().undo(count: count, change: change, dryRun: dryRun, now: Out.now)
        for c in undone {
            Out.data("\(dryRun ? "would undo" : "undid") change \(c.id) of \(c.at) (\(c.rows) row\(c.rows == 1 ? "" : "s")): \(c.command)")
        }
        if dryRun { Out.note("dry run: nothing was changed") }
    }
}

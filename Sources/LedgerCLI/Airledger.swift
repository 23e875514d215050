// LedgerCLI: swift-argument-parser commands, renderers and the environment (clock, tty, paths).
// Commands stay thin: parse, build a request, call the core or the store, render.
import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

public struct Airledger: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "airledger",
        abstract: "A local-first ledger for airdrop farmers: log activity, record claims, estimate value, export taxes.",
        discussion: """
            The ledger is one SQLite file: --db PATH, else $AIRLEDGER_DB, else $XDG_DATA_HOME/airledger/ledger.sqlite, \
            else ~/.local/share/airledger/ledger.sqlite. Start with `airledger init`, or try `airledger demo`.
            Exit codes: 0 ok, 64 usage, 65 bad input data, 1 anything else.
            """,
        version: LedgerDatabase.appVersion,
        subcommands: [
            InitCommand.self, WalletCommand.self, ProjectCommand.self,
            LogCommand.self, ActivityCommand.self, PointsCommand.self, AllocationCommand.self, DeadlinesCommand.self,
            ClaimCommand.self, BuyCommand.self, SellCommand.self, TransferCommand.self, HistoryCommand.self, PriceCommand.self,
            PortfolioCommand.self, BenchmarksCommand.self, EstimateCommand.self, CheckCommand.self, ValueCommand.self,
            TaxCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self, BackupCommand.self, DemoCommand.self,
        ]
    )

    public init() {}

    /// Parses and runs one command line with `context`; returns the exit code.
    public static func run(arguments: [String], context: CLIContext) -> Int32 {
        // `airledger --db PATH <command>`: a leading --db applies to the command (same as its own --db).
        var arguments = arguments
        var context = context
        if let first = arguments.first, first == "--db" || first.hasPrefix("--db=") {
            if first == "--db" {
                guard arguments.count >= 2 else {
                    context.stderr("error: --db needs a path, e.g. --db ~/ledgers/main.sqlite\n")
                    return 64
                }
                context.environment["AIRLEDGER_DB"] = arguments[1]
                arguments.removeFirst(2)
            } else {
                context.environment["AIRLEDGER_DB"] = String(first.dropFirst(5))
                arguments.removeFirst()
            }
        }
        return CLIContext.$current.withValue(context) {
            var command: ParsableCommand
            do {
                command = try parseAsRoot(arguments)
            } catch {
                let code = exitCode(for: error).rawValue
                let text = fullMessage(for: error)
                if code == 0 {
                    context.stdout(text.hasSuffix("\n") ? text : text + "\n")
                } else {
                    context.stderr("error: " + (text.hasPrefix("Error: ") ? String(text.dropFirst(7)) : text) + "\n")
                }
                return code
            }
            do {
                try command.run()
                return 0
            } catch {
                if let exit = error as? ExitCode { return exit.rawValue }
                // Errors of the argument parser itself (help requests, validation) go back to it.
                if error is CleanExit || error is ValidationError || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") {
                    let code = exitCode(for: error).rawValue
                    let text = fullMessage(for: error)
                    if code == 0 { context.stdout(text + "\n") } else { context.stderr("error: " + text + "\n") }
                    return code
                }
                let e = CLIError.from(error)
                context.stderr("error: \(e.message)\n")
                return e.exitCode
            }
        }
    }

    /// The process entry point used by main.swift.
    public static func mainWithExitCode() -> Never {
        setlocale(LC_ALL, "C")
        let code = run(arguments: Array(CommandLine.arguments.dropFirst()), context: .process)
        Foundation.exit(code)
    }
}

// LedgerCLI: swift-argument-parser commands, renderers and the environment (clock, tty, paths).
// Commands stay thin: parse, build a request, call the core or the store, render.
import ArgumentParser
import Foundation
import LedgerCore
import LedgerPostgres
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
            ClaimCommand.self, BuyCommand.self, SellCommand.self, TransferCommand.self, HistoryCommand.self, PriceCommand.self, AssetCommand.self,
            RemoveCommand.self, EditCommand.self, ChangesCommand.self, UndoCommand.self,
            PortfolioCommand.self, BenchmarksCommand.self, EstimateCommand.self, CheckCommand.self, ValueCommand.self,
            TaxCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self, BackupCommand.self, LedgerCommand.self, DemoCommand.self,
        ]
    )

    public init() {}

    /// Parses and runs one command line with `context`; returns the exit code. When stdout could not be
    /// written (a full disk, `>&-`, a reader that went away), the command ends with exit 1 and a message
    /// on stderr saying what failed and whether the ledger was changed.
    public static func run(arguments: [String], context: CLIContext) -> Int32 {
        let writesBefore = LedgerDatabase.committedWrites
        let code = runCommand(arguments: arguments, context: context)
        guard let failure = context.stdoutFailure() else { return code }
        let recorded = LedgerDatabase.committedWrites > writesBefore
            ? "the change was recorded in the ledger (see it with a listing command)"
            : "nothing was changed in the ledger"
        context.stderr("error: the output could not be written to standard output: \(failure); \(recorded)\n")
        return code == 0 ? ExitStatus.failure : code
    }

    static func runCommand(arguments: [String], context: CLIContext) -> Int32 {
        // `airledger --db PATH <command>`: a leading --db applies to the command (same as its own --db).
        var arguments = arguments
        var context = context
        if let first = arguments.first, first == "--db" || first.hasPrefix("--db=") {
            if first == "--db" {
                guard arguments.count >= 2 else {
                    context.stderr("error: --db needs a path, e.g. --db ~/ledgers/main.sqlite\n")
                    return 64
                }
                context.ledgerPath = arguments[1]
                arguments.removeFirst(2)
            } else {
                context.ledgerPath = String(first.dropFirst(5))
                arguments.removeFirst()
            }
        }
        // A PostgreSQL URL's password is masked too: the journal records this line.
        context.commandLine = PostgresURL.masking(SecretDetector.masking((["airledger"] + arguments).map(shellWord).joined(separator: " ")))
        return CLIContext.$current.withValue(context) {
            // Secrets: found in the raw arguments before the parser can quote one, reported with the
            // parsed field's name when the command parses (else with the argument's position).
            func refuse(_ e: SecretError) -> Int32 {
                context.stderr("error: \(ErrorReport.message(for: e))\n")
                return ErrorReport.exitCode(for: e)
            }
            let early = SecretScreen.firstSecret(in: arguments)
            var command: ParsableCommand
            do {
                command = try parseAsRoot(arguments)
                try SecretScreen.screen(command: command)
                if let early { return refuse(early) }
                try SecretScreen.screenText(command: command)
            } catch let e as SecretError {
                return refuse(e)
            } catch let e as TextError {
                context.stderr("error: \(e.description)\n")
                return ExitStatus.dataError
            } catch {
                if let early { return refuse(early) }
                // "-1" reads as an option to the parser, whose words ("Missing value") would hide it.
                if let i = arguments.firstIndex(where: Self.isNegativeNumber) {
                    let flag = i > 0 && arguments[i - 1].hasPrefix("--") ? " (for \(arguments[i - 1]))" : ""
                    context.stderr("error: '\(arguments[i])'\(flag) is a negative number: no value airledger takes on the command line can be negative (amounts, prices, fees, probabilities, counts and years are zero or more); give the value without the minus sign, or check it\n")
                    return ExitStatus.dataError
                }
                let code = exitCode(for: error).rawValue
                // The parser's own words may quote an argument: never a secret.
                let text = SecretDetector.masking(fullMessage(for: error))
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

    /// "-1", "-0.1", "-.5": a negative number given where the parser expected a value.
    static func isNegativeNumber(_ s: String) -> Bool {
        guard s.hasPrefix("-"), s.count > 1 else { return false }
        let rest = s.dropFirst()
        return rest.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") } && rest.contains(where: \.isNumber)
    }

    /// The process entry point used by main.swift.
    public static func mainWithExitCode() -> Never {
        setlocale(LC_ALL, "C")
        StandardStream.prepareProcess()
        let code = run(arguments: Array(CommandLine.arguments.dropFirst()), context: .process)
        Foundation.exit(code)
    }
}

/// A word of a command line as a shell would need it typed: quoted when it holds anything but
/// letters, digits and `-_./:=@,+%`.
func shellWord(_ s: String) -> String {
    let plain = !s.isEmpty && s.unicodeScalars.allSatisfy { c in
        (c.value < 128 && (CharacterSet.alphanumerics.contains(c))) || "-_./:=@,+%".unicodeScalars.contains(c)
    }
    return plain ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

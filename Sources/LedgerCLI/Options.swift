import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

/// `--db PATH`: the ledger file. Else $AIRLEDGER_DB, else $XDG_DATA_HOME/airledger/ledger.sqlite,
/// else ~/.local/share/airledger/ledger.sqlite.
struct LedgerOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The ledger file (default: $AIRLEDGER_DB, else $XDG_DATA_HOME/airledger/ledger.sqlite, else ~/.local/share/airledger/ledger.sqlite).", valueName: "path"))
    var db: String?

    static func defaultPath(environment env: [String: String]) -> String {
        if let p = env["AIRLEDGER_DB"], !p.isEmpty { return p }
        if let x = env["XDG_DATA_HOME"], !x.isEmpty { return x + "/airledger/ledger.sqlite" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/airledger/ledger.sqlite"
    }

    var path: String {
        let p = db ?? Self.defaultPath(environment: CLIContext.current.environment)
        return p.hasPrefix("~/") ? NSHomeDirectory() + String(p.dropFirst()) : p
    }

    func open() throws -> LedgerDatabase {
        try LedgerDatabase(path: path)
    }
}

struct FormatOption: ParsableArguments {
    @Option(name: .long, help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}

extension OutputFormat: ExpressibleByArgument {}
extension Project.Status: ExpressibleByArgument {}
extension Activity.Kind: ExpressibleByArgument {}
extension Movement.Kind: ExpressibleByArgument {}

extension Project.Category: ExpressibleByArgument {
    public init?(argument: String) { self.init(loose: argument) }
}

/// Parses the common "--at TIME" option: default now; more than a day in the future is refused.
func parseTime(_ text: String?, now: Instant) throws -> Instant {
    guard let t = text else { return now }
    let at = try Instant(parsing: t)
    if at.seconds > now.seconds + 86_400 { throw TimeError.inFuture(t, now: now.description) }
    return at
}

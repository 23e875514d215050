import ArgumentParser
import Foundation
import LedgerCore
import LedgerPostgres
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

    /// Where the ledger is: a SQLite file, or a PostgreSQL server (issue 18) when --db or
    /// AIRLEDGER_DB is a `postgres://` URL.
    enum Location {
        case file(String)
        case postgres(PostgresURL)
    }

    /// The --db value or AIRLEDGER_DB when it is a PostgreSQL URL, parsed (PG* environment, .pgpass).
    func location() throws -> Location {
        let ctx = CLIContext.current
        let given = db ?? ctx.ledgerPath ?? ctx.environment["AIRLEDGER_DB"].flatMap { $0.isEmpty ? nil : $0 }
        if let g = given, PostgresURL.isPostgres(g) {
            return .postgres(try PostgresURL(parsing: g, environment: ctx.environment))
        }
        return .file(try path())
    }

    /// The ledger's path: --db (or a leading `airledger --db`), else the environment's. A relative
    /// AIRLEDGER_DB is refused: it would name another ledger in every folder the user works in.
    func path() throws -> String {
        let ctx = CLIContext.current
        let p: String
        if let given = db ?? ctx.ledgerPath, PostgresURL.isPostgres(given) {
            throw Self.notOnPostgres(given)
        }
        if db == nil, ctx.ledgerPath == nil, let e = ctx.environment["AIRLEDGER_DB"], PostgresURL.isPostgres(e) {
            throw Self.notOnPostgres(e)
        }
        if let given = db ?? ctx.ledgerPath {
            // SQLite's names for a database that is not a file: nothing would be kept, and ':memory:'
            // would otherwise be a file of that name in the current folder.
            if given == ":memory:" || given.isEmpty || given.hasPrefix("file:") {
                throw CLIError.usage("--db '\(given)' is not a file path: airledger keeps the ledger in a file (an in-memory database would vanish when the command ends); give a path such as --db ~/ledgers/main.sqlite")
            }
            p = given
        } else {
            if let e = ctx.environment["AIRLEDGER_DB"], !e.isEmpty, !e.hasPrefix("/"), !e.hasPrefix("~/") {
                throw CLIError.usage("AIRLEDGER_DB is a relative path ('\(e)'): it would name a different ledger in every folder. Set it to an absolute path, e.g. export AIRLEDGER_DB=\"$PWD/\(e)\", or give --db \(e)")
            }
            p = Self.defaultPath(environment: ctx.environment)
        }
        return p.hasPrefix("~/") ? (ctx.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()) + String(p.dropFirst()) : p
    }

    /// A command that has no PostgreSQL path yet, given a PostgreSQL URL: said plainly, URL masked.
    static func notOnPostgres(_ url: String) -> CLIError {
        let shown = (try? PostgresURL(parsing: url, environment: CLIContext.current.environment).description) ?? PostgresURL.masking(url)
        return CLIError.usage("this command does not run on a PostgreSQL ledger yet (\(shown)): on a server, airledger so far copies a ledger "
            + "(`airledger ledger copy`) and exports it (`airledger export ledger --db URL`); run the command on a SQLite copy "
            + "(`airledger ledger copy --db URL --to FILE.sqlite`)")
    }

    /// Opens the ledger, which must exist unless `create` (only `init`, `demo --keep` and
    /// `import ledger` create one).
    func open(create: Bool = false) throws -> LedgerDatabase {
        let db = try LedgerDatabase(path: try path(), mode: create ? .create : .existing)
        db.changeSource = ChangeSource(command: Out.ctx.commandLine, now: Out.now)
        return db
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

/// Parses the common "--at TIME" option: default now; before 2009-01-03 or more than a day in the
/// future is refused (`Instant.checkPlausible`).
func parseTime(_ text: String?, now: Instant) throws -> Instant {
    guard let t = text else { return now }
    let at = try Instant(parsing: t)
    try at.checkPlausible(now: now, text: t)
    return at
}

/// A tax or report year: from 2009 (the first year any crypto asset existed) to next year (a year
/// may be planned ahead; a year of one or four digits beyond is a typo).
func checkYear(_ year: Int, flag: String = "--year") throws {
    let last = Out.now.day.year + 1
    guard (2009...last).contains(year) else {
        throw CLIError.data("\(flag) \(year) is not a year airledger can report: give a year from 2009 (the first year of any blockchain) to \(last), e.g. \(flag) \(last - 2)")
    }
}

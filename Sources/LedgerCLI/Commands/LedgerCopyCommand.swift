import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerPostgres
import LedgerStore

/// `airledger ledger copy`: a ledger moves between a SQLite file and a PostgreSQL server through the
/// ledger document (`export ledger`), in one transaction on the receiving side, and is read back and
/// compared byte for byte before it is kept.
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Move a whole ledger between a SQLite file and a PostgreSQL server.",
        subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the ledger (--db) to a PostgreSQL server or back to a new SQLite file, verified byte for byte.",
            discussion: """
                airledger ledger copy --db ledger.sqlite --to postgres://USER@HOST:5432/DB
                airledger ledger copy --db postgres://USER@HOST:5432/DB --to copy.sqlite
                The receiving ledger must be empty (a new database, or a file that does not exist yet). The copy is one \
                transaction; before it is kept, the ledger is read back and its `export ledger` document compared with the \
                one sent: any difference keeps nothing. A password is never printed: give it in ~/.pgpass or PGPASSWORD. \
                A server other than loopback is reached over TLS unless the URL says sslmode=disable.
                """)
        @OptionGroup var ledger: LedgerOptions
        @Option(help: ArgumentHelp("Where the copy goes: a postgres:// URL, or a new .sqlite file when --db is a server.", valueName: "url-or-path"))
        var to: String

        func run() throws {
            let source = try ledger.location()
            let env = Out.ctx.environment
            switch source {
            case .file(let path):
                guard PostgresURL.isPostgres(to) else {
                    throw CLIError.usage("--to '\(to)' is a file and --db '\(path)' is a file: copy a file with `airledger backup \(to)`; ledger copy moves a ledger to or from a postgres:// URL")
                }
                let target = try PostgresURL(parsing: to, environment: env)
                try copy(from: path, to: target)
            case .postgres(let url):
                if PostgresURL.isPostgres(to) {
                    throw CLIError.usage("--db and --to are both PostgreSQL servers: copy between servers with pg_dump and pg_restore, or copy through a file (--to FILE.sqlite, then --db FILE.sqlite --to URL)")
                }
                try copy(from: url, to: to)
            }
        }

        func copy(from path: String, to target: PostgresURL) throws {
            let db = try LedgerDatabase(path: path, mode: .existing)
            let doc = LedgerDocument(try db.snapshot())
            let sent = doc.encoded()
            let shown = target.description, now = Out.now
            // PostgreSQL's text holds every character but NUL; SQLite's holds NUL too. Said before connecting.
            let text = String(decoding: sent, as: UTF8.self)
            if let r = text.range(of: "\\u0000") {
                let line = text[..<r.lowerBound].filter { $0 == "\n" }.count + 1
                let excerpt = text[text.lineRange(for: r)].trimmingCharacters(in: .whitespacesAndNewlines)
                throw CLIError.data("line \(line) of the ledger's `export ledger` document holds a NUL character (\\u0000), which PostgreSQL text cannot hold: "
                    + "\(excerpt). Edit that text (airledger edit) and copy again; nothing was sent")
            }
            _ = try PostgresLedger(url: target, appVersion: LedgerDatabase.appVersion).copyIn(
                document: String(decoding: sent, as: UTF8.self), format: LedgerDocument.formatName, version: LedgerDocument.formatVersion
            ) { back in
                try LedgerCopyCheck.same(sent: sent, back: Data(back.utf8), from: shown, now: now)
            }
            Out.data("copied \(path) to \(shown): " + LedgerCopyCheck.summary(doc) + "; read back byte-identical (export ledger)")
        }

        func copy(from url: PostgresURL, to path: String) throws {
            let fm = FileManager.default
            if fm.fileExists(atPath: path) {
                throw CLIError.usage("--to '\(path)' exists: a ledger is copied into a new file only; name another file or move that one away")
            }
            let shown = url.description
            let json = try PostgresLedger(url: url, appVersion: LedgerDatabase.appVersion)
                .document(format: LedgerDocument.formatName, version: LedgerDocument.formatVersion)
            let doc = try LedgerDocument.decode(Data(json.utf8), file: shown)
            let snapshot = try doc.snapshot(file: shown, now: Out.now)
            let sent = LedgerDocument(snapshot).encoded()
            // Restored into a file beside the target, read back, and only then copied into place: a
            // failed copy leaves no file.
            let temp = path + ".partial-\(getpid())"
            try? fm.removeItem(atPath: temp)
            do {
                let db = try LedgerDatabase(path: temp, mode: .create)
                db.changeSource = ChangeSource(command: Out.ctx.commandLine, now: Out.now)
                try db.restore(snapshot, now: Out.now)
                try LedgerCopyCheck.same(sent: sent, back: LedgerDocument(try db.snapshot()).encoded(), from: path, now: Out.now)
                // SQLite's online backup writes the file whole (its WAL folded in) and renames it into place.
                try db.backup(to: path, overwrite: false)
                for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: temp + suffix) }
            } catch {
                for suffix in ["", "-wal", "-shm", "-journal"] { try? fm.removeItem(atPath: temp + suffix) }
                throw CLIError(message: "the copy to \(path) was not kept: " + ErrorReport.message(for: error), exitCode: ErrorReport.exitCode(for: error))
            }
            Out.data("copied \(shown) to \(path): " + LedgerCopyCheck.summary(doc) + "; read back byte-identical (export ledger)")
        }
    }
}

enum LedgerCopyCheck {
    static func summary(_ d: LedgerDocument) -> String {
        "\(d.wallets.count) wallets, \(d.projects.count) projects, \(d.activities.count) activities, \(d.pointsReadings.count) points readings, "
            + "\(d.movements.count) claims/trades/transfers, \(d.allocations.count) allocations, \(d.prices.count) prices"
    }

    /// The document read back, decoded and checked as a ledger file, must encode to the bytes sent.
    static func same(sent: Data, back: Data, from: String, now: Instant) throws {
        let doc = try LedgerDocument.decode(back, file: from)
        let again = LedgerDocument(try doc.snapshot(file: from, now: now)).encoded()
        guard again != sent else { return }
        let a = String(decoding: sent, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: again, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        let sentLine = line < a.count ? String(a[line]) : "(end)", backLine = line < b.count ? String(b[line]) : "(end)"
        throw CLIError.failure("the ledger read back from \(from) differs from the one sent at line \(line + 1) of `export ledger`: "
            + "sent \(sentLine.trimmingCharacters(in: .whitespaces)), read back \(backLine.trimmingCharacters(in: .whitespaces))")
    }
}

// In-process runs of the command tree: `Airledger.run` with a captured context (output, clock,
// environment), as swift-argument-parser tests its commands, on a real SQLite file.
import Foundation
import LedgerCore
@testable import LedgerCLI

struct InProcess {
    struct Result { var stdout: String; var stderr: String; var status: Int32 }

    /// A fresh folder holding the ledger; removed by `remove()`.
    let dir: URL
    var db: String { dir.appendingPathComponent("ledger.sqlite").path }
    var now: String

    init(now: String = "2024-12-31T12:00:00Z") throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-inprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        self.now = now
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }

    /// Runs one command line (arguments as the shell would pass them) against this ledger.
    func run(_ arguments: String...) throws -> Result { try run(arguments: arguments) }

    func run(arguments: [String]) throws -> Result {
        final class Captured: @unchecked Sendable {
            let lock = NSLock()
            var out = "", err = ""
            func add(out s: String) { lock.lock(); out += s; lock.unlock() }
            func add(err s: String) { lock.lock(); err += s; lock.unlock() }
        }
        let captured = Captured()
        let clock = try Instant(parsing: now)
        let context = CLIContext(
            environment: ["AIRLEDGER_DB": db, "TZ": "UTC", "NO_COLOR": "1", "HOME": dir.path],
            now: { clock }, stdout: { captured.add(out: $0) }, stderr: { captured.add(err: $0) }, stderrIsTTY: false)
        let status = Airledger.run(arguments: arguments, context: context)
        return Result(stdout: captured.out, stderr: captured.err, status: status)
    }

    /// Runs a command that must succeed, returning its stdout.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        let r = try run(arguments: arguments)
        guard r.status == 0 else { throw Failure(message: "airledger \(arguments.joined(separator: " ")) exited \(r.status): \(r.stderr)") }
        return r.stdout
    }

    struct Failure: Error, CustomStringConvertible { var message: String; var description: String { message } }
}

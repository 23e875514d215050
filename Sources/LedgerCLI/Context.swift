import Foundation
import LedgerCore

/// What a command may learn from the outside world: the clock, environment variables, whether stderr
/// is a terminal, and where output goes. Injected so in-process tests and goldens are deterministic.
public struct CLIContext: Sendable {
    public var environment: [String: String]
    public var now: @Sendable () -> Instant
    public var stdout: @Sendable (String) -> Void
    public var stderr: @Sendable (String) -> Void
    public var stderrIsTTY: Bool
    /// Why writing to stdout failed (a full disk, a closed descriptor, a reader that went away), or nil
    /// when every write went through. Checked when the command ends.
    public var stdoutFailure: @Sendable () -> String?
    /// A leading `airledger --db PATH`: the ledger for the command, as its own --db would be.
    public var ledgerPath: String?
    /// The command line as the change journal records it (secrets masked).
    public var commandLine = "airledger"

    public init(environment: [String: String], now: @escaping @Sendable () -> Instant,
                stdout: @escaping @Sendable (String) -> Void, stderr: @escaping @Sendable (String) -> Void,
                stderrIsTTY: Bool, stdoutFailure: @escaping @Sendable () -> String? = { nil }) {
        self.environment = environment; self.now = now; self.stdout = stdout; self.stderr = stderr
        self.stderrIsTTY = stderrIsTTY; self.stdoutFailure = stdoutFailure
    }

    /// The real process: `AIRLEDGER_NOW` (ISO-8601) fixes the clock for transcripts.
    public static var process: CLIContext {
        let env = ProcessInfo.processInfo.environment
        let fixed = env["AIRLEDGER_NOW"].flatMap { try? Instant(parsing: $0) }
        return CLIContext(
            environment: env,
            now: { fixed ?? Instant(Date()) },
            stdout: { s in StandardStream.output.write(s) },
            stderr: { s in StandardStream.error.write(s) },
            stderrIsTTY: isatty(2) == 1,
            stdoutFailure: { StandardStream.output.failedErrno.map(StandardStream.reason) })
    }

    @TaskLocal public static var current: CLIContext = .process

}

/// Shorthands for commands.
enum Out {
    static var ctx: CLIContext { CLIContext.current }
    static func data(_ s: String) { ctx.stdout(s.hasSuffix("\n") || s.isEmpty ? s : s + "\n") }
    static func note(_ s: String) { ctx.stderr(s.hasSuffix("\n") ? s : s + "\n") }
    static func warn(_ s: String) { note("warning: " + s) }
    static var now: Instant { ctx.now() }
    /// A progress line rewritten in place, only when stderr is a terminal (never in logs or pipes).
    static var progress: (@Sendable (String) -> Void)? {
        let c = ctx
        guard c.stderrIsTTY else { return nil }
        return { @Sendable s in c.stderr("\r\u{1B}[K" + s) }
    }
    /// Clears the progress line.
    static func progressDone() { if ctx.stderrIsTTY { ctx.stderr("\r\u{1B}[K") } }
}

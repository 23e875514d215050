import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Tell the whole story on a temporary ledger with sample data: activity, claims, value, taxes.",
        discussion: "Each step is a real airledger command, printed before its output. The ledger is deleted afterwards unless --keep PATH is given; the farm report (an HTML page) is always kept and its path printed.")

    @Option(help: "Keep the demo ledger at this path (must not exist yet).") var keep: String?
    @Option(help: "Write the demo's farm report (HTML) to this path (must not exist yet). Default: beside --keep's ledger, else in the temporary folder.")
    var report: String?

    /// The demo's clock: fixed, so the story reads the same every time.
    static let clock = "2024-12-31T12:00:00Z"

    func run() throws {
        let fm = FileManager.default
        // The demo's sample files (compiled in from Fixtures/demo) go to a temporary folder: $DEMO.
        let dir = NSTemporaryDirectory() + "airledger-demo-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700]) } catch {
            throw CLIError.failure("cannot create a temporary folder for the demo: \(error.localizedDescription)")
        }
        defer { try? fm.removeItem(atPath: dir) }
        for file in ReferenceData.files where file.name != "story.txt" {
            guard fm.createFile(atPath: dir + "/" + file.name, contents: Data(file.text.utf8)) else {
                throw CLIError.failure("cannot write the demo's sample file \(file.name) to \(dir)")
            }
        }
        let reportPath = report ?? keep.map(Self.reportPath(besideLedger:))
            ?? NSTemporaryDirectory() + "airledger-demo-report-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).html"
        guard !fm.fileExists(atPath: reportPath) else {
            throw CLIError.usage("--report \(reportPath): that file already exists; choose a new path with --report FILE")
        }
        let path: String
        if let k = keep {
            guard !fm.fileExists(atPath: k) else { throw CLIError.usage("--keep \(k): that file already exists; choose a new path") }
            path = k
        } else {
            path = dir + "/ledger.sqlite"
        }

        let outer = CLIContext.current
        var env = outer.environment
        env["NO_COLOR"] = "1"
        let now = (try? Instant(parsing: Self.clock)) ?? outer.now()
        let write: @Sendable (String) -> Void = { outer.stdout($0.replacingOccurrences(of: dir, with: "$DEMO")) }
        var ctx = CLIContext(environment: env, now: { now }, stdout: write, stderr: write, stderrIsTTY: false)
        ctx.ledgerPath = path

        for line in ReferenceData.storyTxt.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if text.hasPrefix("## ") { outer.stdout("\n== " + text.dropFirst(3) + " ==\n"); continue }
            if text.hasPrefix("#") { outer.stdout(String(text.dropFirst(text.hasPrefix("# ") ? 2 : 1)) + "\n"); continue }
            outer.stdout("\n$ airledger \(text.replacingOccurrences(of: "$REPORT", with: reportPath))\n")
            let args = try Self.words(text).map {
                $0.replacingOccurrences(of: "$DEMO", with: dir).replacingOccurrences(of: "$REPORT", with: reportPath)
            }
            let code = Airledger.run(arguments: args, context: ctx)
            guard code == 0 else {
                throw CLIError.failure("the demo step `airledger \(text)` failed with exit code \(code)")
            }
        }
        outer.stdout("\nThe farm report is at \(reportPath): open it in a browser.")
        outer.stdout("\n" + (keep.map { "The demo ledger is kept at \($0)." } ?? "The demo ledger was temporary and has been deleted; run `airledger demo --keep demo.sqlite` to keep it.") + "\n")
    }

    /// `demo.sqlite` -> `demo-report.html`, in the same folder.
    static func reportPath(besideLedger ledger: String) -> String {
        let url = URL(fileURLWithPath: ledger)
        let stem = url.deletingPathExtension().lastPathComponent
        return url.deletingLastPathComponent().appendingPathComponent(stem + "-report.html").path
    }

    /// Splits a demo line into words: spaces separate, double quotes group.
    static func words(_ line: String) throws -> [String] {
        var out: [String] = [], cur = "", inQuotes = false, has = false
        for c in line {
            if c == "\"" { inQuotes.toggle(); has = true; continue }
            if c == " " && !inQuotes {
                if has { out.append(cur); cur = ""; has = false }
                continue
            }
            cur.append(c); has = true
        }
        guard !inQuotes else { throw CLIError.failure("demo script: unbalanced quotes in `\(line)`") }
        if has { out.append(cur) }
        return out
    }
}

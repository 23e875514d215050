// End-to-end transcripts: each file in Fixtures/cli/ is a session typed into a shell against a fresh
// temporary ledger, run with the real built binary. `$ ` lines are commands (run by /bin/sh in the
// session's folder with `airledger` on PATH), then the expected stdout, `! ` lines for stderr and
// `[exit N]` for a non-zero status; `### ` lines are comments. The runner rebuilds the whole file from the real run and compares;
// with RECORD_GOLDENS=1 it rewrites the file instead (review the diff).
import Foundation
import Testing

enum Binary {
    /// The `airledger` executable built next to this test bundle.
    static var url: URL {
        let candidates = [
            Bundle.main.executableURL?.deletingLastPathComponent(),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            packageRoot.appendingPathComponent(".build/debug"),
        ].compactMap { $0 }
        for dir in candidates {
            let u = dir.appendingPathComponent("airledger")
            if FileManager.default.isExecutableFile(atPath: u.path) { return u }
        }
        return packageRoot.appendingPathComponent(".build/debug/airledger")
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    struct Result { var stdout: String; var stderr: String; var status: Int32 }

    /// Runs a shell command line in `dir` with the session environment.
    static func shell(_ line: String, in dir: URL, environment: [String: String]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", line]
        p.currentDirectoryURL = dir
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        // Read both pipes concurrently so a large output cannot block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      status: p.terminationStatus)
    }

    /// A fresh session: its own folder and ledger, UTC, no colour, a fixed clock.
    static func session(now: String = "2024-12-31T12:00:00Z") throws -> (dir: URL, env: [String: String]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var env: [String: String] = [:]
        env["PATH"] = url.deletingLastPathComponent().path + ":/usr/bin:/bin"
        env["HOME"] = dir.path
        env["AIRLEDGER_DB"] = dir.appendingPathComponent("ledger.sqlite").path
        env["AIRLEDGER_NOW"] = now
        env["TZ"] = "UTC"
        env["NO_COLOR"] = "1"
        env["LC_ALL"] = "C"
        env["FIXTURES"] = packageRoot.appendingPathComponent("Fixtures").path
        return (dir, env)
    }
}

struct Transcript {
    static let folder = Binary.packageRoot.appendingPathComponent("Fixtures/cli")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".txt") }.sorted()
    }

    /// Replays the commands of `text` and returns the transcript the real run produces.
    static func replay(_ text: String) throws -> String {
        // `### clock: TIME` sets the session's fixed clock (default 2024-12-31T12:00:00Z), for files
        // whose fixtures are dated after it (times more than a day ahead are refused).
        let clock = text.split(separator: "\n").first { $0.hasPrefix("### clock: ") }.map { String($0.dropFirst(11)) }
        let (dir, env) = try clock.map { try Binary.session(now: $0) } ?? Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("$ ") {
                let command = String(line.dropFirst(2))
                out += "$ \(command)\n"
                let r = try Binary.shell(command, in: dir, environment: env)
                let fixtures = Binary.packageRoot.appendingPathComponent("Fixtures").path
                func clean(_ s: some StringProtocol) -> String {
                    String(s).replacingOccurrences(of: dir.path, with: "$SESSION").replacingOccurrences(of: fixtures, with: "$FIXTURES")
                }
                out += clean(r.stdout)
                if !r.stdout.isEmpty && !r.stdout.hasSuffix("\n") { out += "\n[no newline at end]\n" }
                for l in r.stderr.split(separator: "\n", omittingEmptySubsequences: true) {
                    out += "! " + clean(l) + "\n"
                }
                if r.status != 0 { out += "[exit \(r.status)]\n" }
            } else if line.hasPrefix("### ") {
                out += line + "\n"
            }
        }
        return out
    }
}

@Suite("CLI transcripts (built binary, fresh ledger)")
struct TranscriptTests {
    @Test("transcript", arguments: Transcript.names)
    func transcript(_ name: String) throws {
        let url = Transcript.folder.appendingPathComponent(name)
        let expected = try String(contentsOf: url, encoding: .utf8)
        let actual = try Transcript.replay(expected)
        if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            // Like swift-argument-parser's snapshots: a recording run fails, so no run both writes and passes.
            if actual != expected { Issue.record("re-recorded transcript \(name): review `git diff Fixtures/cli/\(name)` line by line, then run the tests again without RECORD_GOLDENS") }
            return
        }
        #expect(actual == expected, "transcript \(name) differs; run RECORD_GOLDENS=1 swift test and review the diff")
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            if let i = zip(a, e).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                Issue.record("first difference at line \(i + 1):\n expected: \(e[i])\n actual:   \(a[i])")
            }
        }
    }

    @Test("the transcripts folder is not empty")
    func hasTranscripts() {
        #expect(Transcript.names.count >= 3)
    }
}

import Foundation
import Testing

@Suite("The binary on its own")
struct StandaloneTests {
    @Test("a copy of the binary alone in another folder still works: reference data is compiled in")
    func copiedBinary() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("bin/airledger")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        var e = env
        e["PATH"] = "/usr/bin:/bin"
        let r = try Binary.shell("'\(copy.path)' init && '\(copy.path)' project list --format csv | wc -l && '\(copy.path)' demo | tail -1",
                                 in: dir, environment: e)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("16 projects added"))
        #expect(r.stdout.contains("\n17\n"))
        #expect(r.stdout.contains("has been deleted"))
    }

    @Test("every command in the README's quick start works as shown")
    func readmeQuickStart() throws {
        let readme = try String(contentsOf: Binary.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "## Quick start"), let open = readme.range(of: "```sh\n", range: start.upperBound..<readme.endIndex),
              let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex) else {
            Issue.record("README has no Quick start sh block")
            return
        }
        let commands = readme[open.upperBound..<close.lowerBound].split(separator: "\n").map(String.init)
            .filter { $0.hasPrefix("airledger ") }
        #expect(commands.count >= 5)
        let (dir, env) = try Binary.session(now: "2024-12-31T12:00:00Z")
        defer { try? FileManager.default.removeItem(at: dir) }
        for c in commands {
            let line = c.components(separatedBy: "   #").first ?? c
            let r = try Binary.shell(line, in: dir, environment: env)
            #expect(r.status == 0, "README command failed: \(line)\n\(r.stderr)")
        }
    }

    @Test("the demo tells the story and exits 0")
    func demo() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.shell("airledger demo --keep kept.sqlite && airledger --db kept.sqlite wallet list --format csv", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        for step in ["$ airledger activity summary", "$ airledger portfolio", "$ airledger claim starknet"] {
            #expect(r.stdout.contains(step))
        }
        #expect(r.stdout.contains("argent,0x"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("kept.sqlite").path))
    }
}

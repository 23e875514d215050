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

    /// The `airledger` lines of the ```sh blocks of README.md and docs/manual.md, block by block.
    static func readmeBlocks() throws -> [(title: String, commands: [String])] {
        let text = try ["README.md", "docs/manual.md"].map {
            try String(contentsOf: Binary.packageRoot.appendingPathComponent($0), encoding: .utf8)
        }.joined(separator: "\n")
        var blocks: [(String, [String])] = []
        var title = "", inBlock = false, current: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("## ") { title = line }
            if line == "```sh" { inBlock = true; current = []; continue }
            if inBlock && line == "```" { inBlock = false; blocks.append((title, current)); continue }
            // airledger commands, and the mkdir -p that prepares a folder they write into.
            if inBlock, line.hasPrefix("airledger ") || line.hasPrefix("mkdir -p ") { current.append(line.components(separatedBy: "  #").first ?? line) }
        }
        return blocks
    }

    @Test("every airledger command in README and docs/manual.md works as shown: the quick start on a new ledger, the rest on the demo's")
    func readmeCommands() throws {
        let blocks = try Self.readmeBlocks()
        let quick = blocks.filter { $0.title == "## Quick start" }.flatMap(\.commands)
        let rest = blocks.filter { $0.title != "## Quick start" }.flatMap(\.commands)
        #expect(quick.count >= 5 && rest.count >= 10)
        for (setup, commands) in [("true", quick), ("airledger demo --keep ledger.sqlite > /dev/null", rest)] {
            var (dir, env) = try Binary.session()
            defer { try? FileManager.default.removeItem(at: dir) }
            // The commands that fetch prices (`price fetch`, `--fetch-prices`) are answered by the local
            // price server: a test never reaches the internet.
            let server = try PriceServer(dir: dir)
            env["AIRLEDGER_DEFILLAMA_URL"] = server.url
            env["AIRLEDGER_HTTP_INTERVAL_MS"] = "0"
            try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("Fixtures"),
                                                       withDestinationURL: Binary.packageRoot.appendingPathComponent("Fixtures"))
            let s = try Binary.shell(setup, in: dir, environment: env)
            #expect(s.status == 0, "\(s.stderr)")
            for c in commands {
                let r = try Binary.shell(c, in: dir, environment: env)
                #expect(r.status == 0, "README command failed: \(c)\n\(r.stderr)")
            }
            let fetching = commands.filter { $0.contains("price fetch") || $0.contains("--fetch-prices") }
            #expect(fetching.isEmpty || !server.requests.isEmpty, "the README's fetching commands asked the local server")
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
        // The demo writes the farm report beside the kept ledger and says where.
        let page = dir.appendingPathComponent("kept-report.html")
        #expect(r.stdout.contains("The farm report is at \(page.path): open it in a browser."), "\(r.stdout.suffix(400))")
        let html = try String(contentsOf: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("<svg") && html.contains("Holdings value over time") && html.contains("starknet"))
        let mode = try FileManager.default.attributesOfItem(atPath: page.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // A second run must not overwrite an existing report: refused before any step runs.
        let again = try Binary.shell("airledger demo --keep other.sqlite --report kept-report.html", in: dir, environment: env)
        #expect(again.status == 64)
        #expect(again.stderr.contains("--report kept-report.html: that file already exists"), "\(again.stderr)")
        #expect(!again.stdout.contains("$ airledger"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("other.sqlite").path))
    }
}

import Foundation
import Testing

/// docs/man/airledger.1 is generated from the command tree by swift-argument-parser's manual generator;
/// this test fails when a command or option of the built binary (its `--experimental-dump-help`) is
/// missing from it, or the page names a command the binary no longer has.
@Suite("man page is current")
struct ManPageTests {
    static let regenerate = "regenerate it: swift package --allow-writing-to-package-directory generate-manual --product airledger "
        + "--date 2026-12-01 --output-directory docs/man (or run the built .build/debug/generate-manual-tool .build/debug/airledger --date 2026-12-01 -o docs/man)"

    @Test func everyCommandAndOptionIsInTheManPage() throws {
        let page = try String(contentsOf: Binary.packageRoot.appendingPathComponent("docs/man/airledger.1"), encoding: .utf8)
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dump = try Binary.shell("airledger --experimental-dump-help", in: dir, environment: env)
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        let command = try #require(root["command"] as? [String: Any])
        var commands = 0
        func visit(_ c: [String: Any], path: String) {
            for a in c["arguments"] as? [[String: Any]] ?? [] where a["shouldDisplay"] as? Bool ?? true {
                for n in a["names"] as? [[String: Any]] ?? [] where n["kind"] as? String == "long" {
                    let name = n["name"] as? String ?? ""
                    #expect(page.contains("Fl -\(name)") || page.contains(", -\(name)"), "\(path): --\(name) is not in docs/man/airledger.1; \(Self.regenerate)")
                }
            }
            for s in c["subcommands"] as? [[String: Any]] ?? [] {
                let name = s["commandName"] as? String ?? ""
                if s["shouldDisplay"] as? Bool ?? true {
                    commands += 1
                    #expect(page.contains(".It Em \(name)\n"), "\(path) \(name) is not in docs/man/airledger.1; \(Self.regenerate)")
                }
                visit(s, path: path + " " + name)
            }
        }
        visit(command, path: "airledger")
        let listed = page.components(separatedBy: "\n.It Em ").count - 1
        #expect(listed == commands, "docs/man/airledger.1 lists \(listed) commands, the binary has \(commands); \(Self.regenerate)")
    }
}

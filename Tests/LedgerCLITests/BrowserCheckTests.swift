// The report in a real browser: Debian's chromium, headless, driven by Tests/browser/check_report.py
// (DevTools protocol on a pipe). Skipped, saying so, only when chromium is not installed.
import Foundation
import Testing

enum Chromium {
    static let path: String? = {
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + ["/usr/bin"]
        for name in ["chromium", "chromium-browser"] {
            for d in dirs where FileManager.default.isExecutableFile(atPath: d + "/" + name) { return d + "/" + name }
        }
        return nil
    }()

    static let script = Binary.packageRoot.appendingPathComponent("Tests/browser/check_report.py").path

    static func check(_ page: String, in dir: URL, extra: String = "") throws -> Binary.Result {
        try Binary.shell("python3 '\(script)' '\(page)' --chromium '\(path ?? "chromium")' \(extra)", in: dir,
                         environment: ["PATH": "/usr/bin:/bin", "HOME": dir.path])
    }
}

@Suite("Report in a real browser", .enabled(if: Chromium.path != nil, "chromium is not installed (apt-get install -y chromium): the browser check is skipped"))
struct BrowserCheckTests {
    @Test("the demo's report renders to PNG and PDF with no console error, no outside resource and every chart drawn")
    func demoReport() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try Binary.shell("airledger demo --keep demo.sqlite > /dev/null && airledger --db demo.sqlite report --year 2024 -o report.html",
                                    in: dir, environment: env)
        #expect(demo.status == 0, "\(demo.stderr)")
        let r = try Chromium.check("report.html", in: dir, extra: "--png report.png --pdf report.pdf")
        #expect(r.status == 0, "browser check failed:\n\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("8 figures"), "\(r.stdout)")
        let png = try Data(contentsOf: dir.appendingPathComponent("report.png"))
        let pdf = try Data(contentsOf: dir.appendingPathComponent("report.pdf"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]) && png.count > 10_000)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
    }

    @Test("the check fails on a blank chart, a console error, a blocked or missing resource")
    func checkCanFail() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = #"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100">"#
        let blank = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <title>t</title></head><body><figure id="blank"><div class="chart">\(svg)<rect width="300" height="100" fill="#FFFFFF"/></svg></div></figure>
            <img src="https://example.invalid/logo.png" alt=""></body></html>
            """
        let broken = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
            <figure id="drawn"><div class="chart">\(svg)<rect width="300" height="100" fill="#0072B2"/><circle cx="200" cy="50" r="20" fill="#000"/></svg></div></figure>
            <img src="missing.png" alt=""><script>console.error("boom")</script></body></html>
            """
        try Data(blank.utf8).write(to: dir.appendingPathComponent("blank.html"))
        try Data(broken.utf8).write(to: dir.appendingPathComponent("broken.html"))
        let b = try Chromium.check("blank.html", in: dir)
        #expect(b.status == 1)
        #expect(b.stderr.contains("figure blank: its chart region is blank"))
        #expect(b.stderr.contains("violates the following Content Security Policy"))
        let k = try Chromium.check("broken.html", in: dir)
        #expect(k.status == 1)
        #expect(k.stdout.contains("figure drawn") && k.stdout.contains(": ok"))
        #expect(k.stderr.contains("console error: boom"))
        #expect(k.stderr.contains("ERR_FILE_NOT_FOUND"))
    }
}

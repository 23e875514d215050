// `tax export --to`: the help, the parser and the dispatch read the one table of exports.
import Foundation
@testable import LedgerCLI
import LedgerFormats
import Testing

@Suite("tax export formats from the table")
struct TaxExportHelpTests {
    @Test("help lists every registered export with its summary")
    func help() throws {
        let l = try InProcess()
        defer { l.remove() }
        let text = try l.ok("tax", "export", "--help")
        #expect(text.contains("OVERVIEW: Write a tax file: form8949, form8949-import, txf, income, koinly,\ncointracker, beancount, hledger or json."))
        for e in TaxExport.all {
            let firstWords = e.summary.split(separator: " ").prefix(3).joined(separator: " ")
            #expect(text.contains("  \(e.name)" + String(repeating: " ", count: max(1, 18 - e.name.count)) + "- " + firstWords),
                    "help lacks \(e.name)")
        }
    }

    @Test("every registered export is accepted by --to and written; an unknown one lists them all")
    func dispatch() throws {
        let l = try InProcess()
        defer { l.remove() }
        try l.ok("init")
        for e in TaxExport.all {
            let r = try l.run("tax", "export", "--year", "2024", "--to", e.name)
            #expect(r.status == 0, "\(e.name): \(r.stderr)")
            #expect(!r.stdout.isEmpty)
        }
        let json = try l.ok("tax", "export", "--year", "2024", "--to", "json")
        #expect(json.hasPrefix("{\n  \"year\": 2024,\n"))
        let bad = try l.run("tax", "export", "--year", "2024", "--to", "bogus")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("The value 'bogus' is invalid for '--to <to>'. Please provide one of the following:\n"
                                    + TaxExport.all.map { "  - \($0.name)\n" }.joined()))
    }
}

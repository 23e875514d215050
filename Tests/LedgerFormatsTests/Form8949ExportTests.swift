import Foundation
import LedgerCore
import LedgerFormats
import Testing

/// A hot wallet in self-custody and an exchange account ("cex", held at a broker) across 2025-2027:
/// every Form 8949 box of the digital-asset years appears once at least.
enum BrokerFixture {
    static let brokers = ["cex": "Coinbase"]

    static func build() throws -> TaxExportFixture.Builder {
        var b = TaxExportFixture.Builder()
        try b.add(.claim, "100 ZK", "hot", at: "2025-03-01T10:00:00Z", price: "0.20", project: "zksync", tx: "0xb1")
        try b.add(.transfer, "100 ZK", "hot", to: "cex", at: "2025-04-01T10:00:00Z", price: "0.25", tx: "0xb2")
        try b.add(.buy, "10 ETH", "cex", at: "2025-06-01T10:00:00Z", price: "2000", tx: "0xb3")
        try b.add(.buy, "1 ETH", "hot", at: "2026-01-05T10:00:00Z", price: "3300", tx: "0xb4")
        try b.add(.buy, "5 ETH", "cex", at: "2026-02-01T10:00:00Z", price: "3000", tx: "0xb5")
        try b.add(.buy, "2 SOL", "cex", at: "2026-01-10T10:00:00Z", price: "150", tx: "0xb6")
        try b.add(.sell, "1 ETH", "hot", at: "2026-02-05T10:00:00Z", price: "3400", tx: "0xb7")
        // 4 ETH of the 2025 lot, held under a year: short-term, acquired before 2026: not covered.
        try b.add(.sell, "4 ETH", "cex", at: "2026-03-01T10:00:00Z", price: "3500", fee: "2", tx: "0xb8")
        // 6 ETH of the 2025 lot (long, not covered), 1 of the 2026 lot (short, covered).
        try b.add(.sell, "7 ETH", "cex", at: "2026-07-01T10:00:00Z", price: "3000", tx: "0xb9")
        // Claimed in the hot wallet, moved to the exchange: the broker does not know its basis.
        try b.add(.sell, "100 ZK", "cex", at: "2026-08-01T10:00:00Z", price: "0.10", tx: "0xba")
        // Bought in the account in 2026, sold over a year later: long-term, covered.
        try b.add(.sell, "2 SOL", "cex", at: "2027-02-01T10:00:00Z", price: "180", tx: "0xbb")
        return b
    }

    static func report(_ year: Int) throws -> TaxReport {
        let b = try build()
        return try TaxEngine.report(year: year, movements: b.movements, activities: [], policy: .default(forYear: year))
    }
}

@Suite("Form 8949 boxes, the importable CSV and TXF")
struct Form8949ExportTests {
    @Test("boxes: C/F up to 2024, I/L self-custody, H/K at a broker, G/J for lots bought there from 2026")
    func boxes() throws {
        let r26 = try BrokerFixture.report(2026)
        let boxes = Form8949Boxes(r26, brokers: BrokerFixture.brokers)
        let seen = r26.disposals.map { "\($0.amount) \($0.walletLabel) \(boxes.box($0).rawValue)" }
        #expect(seen == ["1 ETH hot I", "4 ETH cex H", "6 ETH cex K", "1 ETH cex G", "100 ZK cex K"])
        let r27 = try BrokerFixture.report(2027)
        #expect(r27.disposals.map { Form8949Boxes(r27, brokers: BrokerFixture.brokers).box($0) } == [.J])
        // Without the broker every sale is self-custody.
        #expect(Set(r26.disposals.map { Form8949Boxes(r26, brokers: [:]).box($0) }) == [.I, .L])
        // Before 2025 a broker changes nothing: C / F.
        let r24 = try TaxExportFixture.report(2024)
        #expect(Set(r24.disposals.map { Form8949Boxes(r24, brokers: ["hot": "X", "cold": "Y"]).box($0) }) == [.C, .F])
    }

    @Test func goldens() throws {
        let r = try BrokerFixture.report(2026)
        try expectGolden(Form8949CSV.render(r, brokers: BrokerFixture.brokers), "form8949-2026-broker.csv")
        try expectGolden(Form8949Import.render(r, brokers: BrokerFixture.brokers), "form8949-import-2026-broker.csv")
        try expectGolden(Form8949Import.render(try TaxExportFixture.report(2024)), "form8949-import-2024.csv")
        let day = try #require(CivilDate(year: 2027, month: 2, day: 14))
        try expectGolden(TXF.render(r, brokers: BrokerFixture.brokers, exportedOn: day), "txf-2026-broker.txf")
        try expectGolden(TXF.render(try TaxExportFixture.report(2024), exportedOn: day), "txf-2024.txf")
    }

    @Test("each box has its own rows and totals in the readable file, and they add up")
    func readableTotalsPerBox() throws {
        let text = try Form8949CSV.render(try BrokerFixture.report(2026), brokers: BrokerFixture.brokers)
        let rows = try CSV.parse(text).filter { $0.fields.first?.hasPrefix("#") == false }.dropFirst()
        #expect(Set(rows.map { $0.fields[1] }) == ["G", "H", "I", "K"])
        for box in ["G", "H", "I", "K"] {
            let lines = rows.filter { $0.fields[1] == box }
            let total = try #require(lines.last)
            #expect(total.fields[2] == "Totals")
            for column in [5, 6, 9] {
                #expect(try Quantity(parsing: total.fields[column]) == (try lines.dropLast().map { try Quantity(parsing: $0.fields[column]) }.sum()))
            }
        }
        #expect(text.contains("# Held at a broker (Form 1099-DA): cex (Coinbase)\n"))
    }

    @Test("the importable CSV: one header row with the importers' names, no comment, no totals, a row per lot fraction")
    func importable() throws {
        let r = try TaxExportFixture.report(2024)
        let text = try Form8949Import.render(r)
        let rows = try CSV.parse(text)
        #expect(rows.first?.fields == ["Description", "Date Acquired", "Date Sold", "Proceeds", "Cost Basis", "Adjustment Code",
                                       "Adjustment Amount", "Gain or Loss", "Box"])
        #expect(rows.count == 1 + r.disposals.count)
        #expect(!text.contains("#") && !text.contains("Totals"))
        for row in rows.dropFirst() {
            #expect(try Quantity(parsing: row.fields[7]) == (try Quantity(parsing: row.fields[3]) - Quantity(parsing: row.fields[4])))
        }
        // An empty year is the header alone.
        let empty = try TaxEngine.report(year: 2020, movements: [], activities: [], policy: .default)
        #expect(try Form8949Import.render(empty) == CSV.row(Form8949Import.header))
    }

    /// Example 2A of the TXF specification V042 (section VIII), a short-term and a long-term sale,
    /// booked by airledger from a buy and a sell each. The spec's example goes to Copy A (321/323:
    /// basis reported on Form 1099-B); sales without a broker form are Copy C (712/714), and the spec
    /// writes "$1,000.00" where "$1000.00" is the same amount without a separator; airledger writes
    /// asset symbols in capitals (REEBOK).
    @Test("TXF: the records of the specification's example 2A, with the refnums of box C and F")
    func txfSpecificationExample() throws {
        var b = TaxExportFixture.Builder()
        try b.add(.buy, "200 Reebok", "w", at: "2011-01-05T12:00:00Z", price: "5", tx: "t1")
        try b.add(.buy, "400 WalMart", "w", at: "2010-08-05T12:00:00Z", price: "10", tx: "t2")
        try b.add(.sell, "200 Reebok", "w", at: "2011-10-01T12:00:00Z", price: "10", tx: "t3")
        try b.add(.sell, "400 WalMart", "w", at: "2011-09-05T12:00:00Z", price: "3", tx: "t4")
        let r = try TaxEngine.report(year: 2011, movements: b.movements, activities: [], policy: .default)
        let day = try #require(CivilDate(year: 2011, month: 10, day: 27))
        let ours = try TXF.render(r, exportedOn: day, program: "My Software")
        // Section VIII, example 2A, as published (record format 4).
        let spec = """
            V042
            AMy Software
            D 10/27/2011
            ^
            TD
            N321
            C1
            L1
            P200 Reebok
            D01/05/2011
            D10/01/2011
            $1,000.00
            $2,000.00
            ^
            TD
            N323
            C1
            L1
            P400 WalMart
            D08/05/2010
            D09/05/2011
            $4,000.00
            $1,200.00
            ^

            """
        let expected = spec.replacingOccurrences(of: "N321", with: "N712").replacingOccurrences(of: "N323", with: "N714")
            .replacingOccurrences(of: "$1,", with: "$1").replacingOccurrences(of: "$2,", with: "$2").replacingOccurrences(of: "$4,", with: "$4")
            .replacingOccurrences(of: "Reebok", with: "REEBOK").replacingOccurrences(of: "WalMart", with: "WALMART")
        #expect(ours == expected)
    }

    @Test("TXF: every record has the fields of record format 4 in order; refnums follow the box")
    func txfStructure() throws {
        let r = try BrokerFixture.report(2026)
        let day = try #require(CivilDate(year: 2027, month: 1, day: 2))
        let text = try TXF.render(r, brokers: BrokerFixture.brokers, exportedOn: day)
        var records = text.components(separatedBy: "^\n")
        #expect(records.removeLast() == "")
        #expect(records.removeFirst() == "V042\nAairledger\nD 01/02/2027\n")
        #expect(records.count == r.disposals.count)
        let refnums = records.map { rec -> String in
            let lines = rec.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == 9)
            #expect(lines.map { String($0.prefix(1)) } == ["T", "N", "C", "L", "P", "D", "D", "$", "$"])
            return String(lines[1])
        }
        // G, H, I (short) then K (long): 321, 711, 712, 713 x2.
        #expect(refnums == ["N321", "N711", "N712", "N713", "N713"])
        #expect(TXF.notes(year: 2024).isEmpty && TXF.notes(year: 2025).count == 1)
    }
}

import Foundation
@testable import LedgerCore
import Testing

@Suite("farming fees")
struct FarmingFeesTests {
    /// Around both ends of the year, every 15 minutes, in zones east and west of UTC and with half- and
    /// quarter-hour offsets: the year test agrees with the instant's day in the zone (`Instant.day(in:)`).
    @Test("an activity is in the year when its day in the policy's zone is", arguments: [
        "UTC", "Asia/Tokyo", "Pacific/Kiritimati", "Pacific/Pago_Pago", "America/St_Johns", "Asia/Kathmandu", "Europe/Berlin",
    ])
    func yearByZone(_ zone: String) throws {
        let tz = try #require(TimeZone(identifier: zone))
        let fees = try FarmingFees(year: 2024, timeZone: tz)
        for edge in ["2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z"] {
            let e = try Instant(parsing: edge)
            for step in stride(from: -2 * 96, through: 2 * 96, by: 1) {
                let at = e.adding(seconds: Int64(step) * 900 - 1)
                #expect(fees.contains(at) == (at.day(in: tz).year == 2024), "\(zone) \(at)")
            }
        }
        #expect(fees.contains(try Instant(parsing: "2024-07-01T00:00:00Z")))
        #expect(!fees.contains(try Instant(parsing: "2023-06-01T00:00:00Z")))
        #expect(!fees.contains(try Instant(parsing: "2025-06-01T00:00:00Z")))
    }

    @Test("counted fees add exactly; a fee without a USD value is counted apart; no fee adds nothing")
    func counts() throws {
        var fees = try FarmingFees(year: 2024, timeZone: .gmt)
        let at = try Instant(parsing: "2024-05-01T00:00:00Z")
        try fees.add(project: "scroll", at: at, usd: try Quantity(parsing: "0.1"), hasFee: true, count: 3)
        try fees.add(project: "scroll", at: at, usd: try Quantity(parsing: "0.05"), hasFee: true)
        try fees.add(project: "linea", at: at, usd: .zero, hasFee: true)
        try fees.add(project: "linea", at: at, usd: nil, hasFee: true, count: 2)
        try fees.add(project: "zksync", at: at, usd: nil, hasFee: false)
        try fees.add(project: "zksync", at: try Instant(parsing: "2023-05-01T00:00:00Z"), usd: try Quantity(parsing: "7"), hasFee: true)
        #expect(fees.byProject == ["scroll": try Quantity(parsing: "0.35"), "linea": .zero])
        #expect(fees.unpriced == 2)
        #expect(throws: TaxError.badYear(0)) { _ = try FarmingFees(year: 0, timeZone: .gmt) }
    }
}

import Foundation
import LedgerCore
import Testing

/// The reference scenarios (Fixtures/tax/scenarios, copied from the shared tax-scenarios folder):
/// every scenario x method x year must reproduce every figure of its expected file to the cent.
struct TaxScenarioTests {
    struct ScenarioFile: Decodable {
        struct Event: Decodable {
            var id: String, type: String, date: String, asset: String, amount: String
            var usd_price: String?, fee_usd: String?, fee_amount: String?
            var wallet: String?, from_wallet: String?, to_wallet: String?
        }
        var name: String
        var events: [Event]
    }

    struct ExpectedFile: Decodable {
        struct Term: Decodable { var proceeds: String, costBasis: String, gain: String }
        struct Year: Decodable { var income: String, shortTerm: Term, longTerm: Term, disposals: Int }
        var methods: [String: [String: Year]]
    }

    static var scenarioNames: [String] {
        let dir = taxFixtures().appendingPathComponent("scenarios")
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return files.filter { $0.hasSuffix(".expected.json") }.map { String($0.dropLast(".expected.json".count)) }.sorted()
    }

    /// Scenario events as ledger movements: ids in file order, so ties in time keep file order.
    static func ledger(_ s: ScenarioFile) throws -> TaxLedger {
        var l = TaxLedger()
        for e in s.events {
            let amount = "\(e.amount) \(e.asset)"
            switch e.type {
            case "airdrop":
                try l.claim(amount, into: e.wallet ?? "", at: e.date, price: e.usd_price, project: "scenario", tx: e.id)
            case "buy":
                try l.buy(amount, into: e.wallet ?? "", at: e.date, price: e.usd_price ?? "", fee: e.fee_usd, tx: e.id)
            case "sell":
                try l.sell(amount, from: e.wallet ?? "", at: e.date, price: e.usd_price ?? "", fee: e.fee_usd, tx: e.id)
            case "transfer":
                try l.transfer(amount, from: e.from_wallet ?? "", to: e.to_wallet ?? "", at: e.date,
                               feeUnits: e.fee_amount, price: e.usd_price, tx: e.id)
            default:
                Issue.record("unknown event type \(e.type) in \(s.name)")
            }
        }
        return l
    }

    static func load<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
        let url = taxFixtures().appendingPathComponent("scenarios/\(name)")
        return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
    }

    /// Same to the cent: both sides rounded half away from zero to 2 places.
    static func cents(_ a: Quantity, _ expected: String) -> Bool {
        a.rounded(scale: 2) == q(expected).rounded(scale: 2)
    }

    @Test func allScenariosAreFound() {
        #expect(Self.scenarioNames.count == 6)
    }

    @Test(arguments: scenarioNames)
    func scenarioMatchesReference(_ name: String) throws {
        let scenario = try Self.load(ScenarioFile.self, "\(name).json")
        let expected = try Self.load(ExpectedFile.self, "\(name).expected.json")
        let ledger = try Self.ledger(scenario)
        #expect(expected.methods.count == 3)
        for (methodName, years) in expected.methods.sorted(by: { $0.key < $1.key }) {
            let method = try #require(BookingMethod(rawValue: methodName))
            for (yearText, want) in years.sorted(by: { $0.key < $1.key }) {
                let year = try #require(Int(yearText))
                let r = try ledger.report(year, method)
                let at = "\(name) \(methodName) \(year)"
                #expect(Self.cents(r.incomeTotal, want.income), "\(at): income \(r.incomeTotal) != \(want.income)")
                for (got, exp, term) in [(r.shortTerm, want.shortTerm, "shortTerm"), (r.longTerm, want.longTerm, "longTerm")] {
                    #expect(Self.cents(got.proceeds, exp.proceeds), "\(at) \(term) proceeds \(got.proceeds) != \(exp.proceeds)")
                    #expect(Self.cents(got.costBasis, exp.costBasis), "\(at) \(term) basis \(got.costBasis) != \(exp.costBasis)")
                    #expect(Self.cents(got.gain, exp.gain), "\(at) \(term) gain \(got.gain) != \(exp.gain)")
                }
                #expect(r.disposalEvents == want.disposals, "\(at): \(r.disposalEvents) disposal events != \(want.disposals)")
                // Lot fractions add up to the totals exactly (no rounding anywhere in the engine).
                let st = r.disposals.filter { $0.term == .short }
                #expect(try st.map(\.proceeds).sum() == r.shortTerm.proceeds)
                let total = try r.total
                #expect(try total.gain == total.proceeds - total.costBasis)
            }
        }
    }
}

import Foundation
import Testing

/// Amounts beyond what a quantity holds, through the built binary: an error naming the values and
/// nothing written, never a rounded holding.
@Suite("Amounts that cannot be held exactly (built binary)")
struct ExactAmountTests {
    @Test("a claim that would take a balance past 38 digits is refused and the ledger keeps the first")
    func balanceOverflow() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        func run(_ line: String) throws -> Binary.Result { try Binary.shell(line, in: dir, environment: env) }
        let big = "99999999999999999999999999999999999999"
        #expect(try run("airledger init && airledger wallet add 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed --label main").status == 0)
        #expect(try run("airledger claim zksync --wallet main --amount '\(big) ZK' --at 2024-01-01 --price-usd 1").status == 0)

        let second = try run("airledger claim zksync --wallet main --amount '1.5 ZK' --at 2024-01-02 --price-usd 1")
        #expect(second.status == 65)
        #expect(second.stderr.contains("\(big) + 1.5 cannot be held exactly"), "\(second.stderr)")
        #expect(second.stdout.isEmpty)

        let history = try run("airledger history --format csv")
        #expect(history.stdout.split(separator: "\n").count == 2, "\(history.stdout)")  // header and the first claim
        let portfolio = try run("airledger portfolio --format csv")
        #expect(portfolio.status == 0)
        #expect(portfolio.stdout.contains("ZK,\(big),\(big),"), "\(portfolio.stdout)")
    }

    @Test("a figure past 38 digits is refused where it is typed, with the reason")
    func typedOverflow() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Binary.shell("airledger init > /dev/null && airledger wallet add 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed --label main "
                                 + "> /dev/null && airledger claim zksync --wallet main --amount '0.000000000000000000000000000000000000001 ZK'",
                                 in: dir, environment: env)
        #expect(r.status == 65)
        #expect(r.stderr.contains("'0.000000000000000000000000000000000000001' has more than 38 digits after the decimal point"), "\(r.stderr)")
    }
}

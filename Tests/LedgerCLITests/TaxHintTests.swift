import Foundation
import Testing

/// The commands a tax error prints in backquotes run as printed: each is taken from stderr and run
/// unchanged (its price fetch answered by the local price server), and then the summary works.
@Suite("tax error hints run as printed", .serialized, .timeLimit(.minutes(2)))
struct TaxHintTests {
    @Test func missingPriceHintsRun() throws {
        var (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        let server = try PriceServer(dir: dir)
        env["AIRLEDGER_DEFILLAMA_URL"] = server.url
        env["AIRLEDGER_HTTP_INTERVAL_MS"] = "0"
        env["AIRLEDGER_HTTP_BACKOFF_MS"] = "20"
        let setup = try Binary.shell("""
            airledger init && airledger wallet add 0x1111111111111111111111111111111111111111 --label w1 --chain ethereum \
            && airledger wallet add 0x2222222222222222222222222222222222222222 --label w2 --chain ethereum \
            && airledger claim starknet --wallet w1 --amount '100 OP' --at 2024-03-23T13:05:00Z \
            && airledger buy --wallet w1 --amount '1 ETH' --price-usd 3000 --at 2024-01-02 \
            && airledger transfer --from w1 --to w2 --amount '0.5 ETH' --fee '0.001 ETH' --at 2024-04-01T10:00:00Z
            """, in: dir, environment: env)
        #expect(setup.status == 0, "\(setup.stderr)")
        let failed = try Binary.shell("airledger tax summary --year 2024", in: dir, environment: env)
        #expect(failed.status == 65)
        // Every `command` in the message.
        let hints = failed.stderr.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .filter { $0.offset % 2 == 1 }.map { String($0.element) }
        #expect(hints == ["airledger price fetch OP", "airledger price fetch ETH"], "\(failed.stderr)")
        for hint in hints {
            let r = try Binary.shell(hint, in: dir, environment: env)
            #expect(r.status == 0, "\(hint): \(r.stderr)")
        }
        let fixed = try Binary.shell("airledger tax summary --year 2024", in: dir, environment: env)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }
}

// Which project an imported explorer row is booked to, with the real binary: the registry of known
// contracts decides; `--project` only places the rows the registry does not know.
import Foundation
import Testing

@Suite("Explorer import: the project of each row (built binary)")
struct ImportProjectTests {
    let wallet = "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"

    /// (txHash, project) of every activity, from `activity --format csv`.
    func projects(_ dir: URL, _ env: [String: String]) throws -> [String: String] {
        let r = try Binary.shell("airledger activity --format csv", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        var byTx: [String: String] = [:]
        let lines = r.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let p = header.firstIndex(of: "project"), let t = header.firstIndex(of: "txHash") else {
            Issue.record("no project/txHash columns in \(r.stdout)")
            return [:]
        }
        for fields in lines.dropFirst() where fields.count > max(p, t) { byTx[fields[t]] = fields[p] }
        return byTx
    }

    @Test("--project places only the rows the registry does not know: the Scroll gateway stays scroll, the Uniswap router uniswap")
    func registryWinsOverProject() throws {
        var (dir, env) = try Binary.session()
        // The fixture's rows run to 2025-01-23; the session's clock (2024-12-31) would refuse them as future.
        env["AIRLEDGER_NOW"] = "2025-06-01T00:00:00Z"
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try Binary.shell("airledger init >/dev/null && airledger wallet add \(wallet) --label hot 2>/dev/null", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        r = try Binary.shell("airledger import etherscan \"$FIXTURES/etherscan/transactions-v4.csv\" --wallet hot --chain ethereum --project zksync",
                             in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        let byTx = try projects(dir, env)
        #expect(byTx.count == 4)
        // Deposit ETH to the Scroll L1 gateway (in the registry as a scroll bridge).
        #expect(byTx["0x3eaab9352c2b5c5d3119fa914923f5d8f3f4c542cd2cc525abd7aec3f54e3afd"] == "scroll")
        // Add Liquidity ETH on the Uniswap V2 router (in the registry as uniswap).
        #expect(byTx["0x5092fa9b6a408a9635e558ba216a15d05fb1b968225275d8b52014a4a8262b08"] == "uniswap")
        // A transfer in from a friend and an approval of an unknown contract: --project places them.
        #expect(byTx["0xe464bea9a0fd0064a15832fa947b2f89c879897005be60313411d816e7520463"] == "zksync")
        #expect(byTx["0x7ede891dfe6e7e9f4d212834c038cfcd22323476a02b2c148a55501c52898a06"] == "zksync")
    }
}

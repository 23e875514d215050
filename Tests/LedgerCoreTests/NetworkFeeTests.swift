import LedgerCore
import Testing

@Suite("The network-fee rule")
struct NetworkFeeTests {
    private func activity(chain: String?, fee: String?) throws -> Activity {
        Activity(projectSlug: "scroll", walletLabel: "hot", kind: .swap, at: Instant(seconds: 1_700_000_000), chain: chain,
                 fee: try fee.map { try Amount(parsing: $0) })
    }

    @Test("a fee is paid in one of the chain's gas tokens", arguments: [
        ("arbitrum", "0.001 ETH"), ("zksync", "0.5 ZK"), ("zksync", "0.0001 eth"), ("polygon", "0.2 POL"),
        ("polygon", "0.2 MATIC"), ("starknet", "1 STRK"), ("celestia", "0.002 TIA"), ("solana", "0.000005 SOL"),
    ])
    func accepted(chain: String, fee: String) throws {
        let c = try #require(Chains.named(chain))
        try c.checkNetworkFee(in: try Amount(parsing: fee).asset)
        try activity(chain: chain, fee: fee).checkNetworkFee(walletChain: try #require(Chains.named("ethereum")))
    }

    @Test("a fee in another token is refused, naming the chain's gas tokens")
    func refused() throws {
        let ethereum = try #require(Chains.named("ethereum"))
        #expect(throws: NetworkFeeError.notAGasToken(asset: "ETHH", chain: "arbitrum", gasTokens: ["ETH"])) {
            try self.activity(chain: "arbitrum", fee: "0.001 ETHH").checkNetworkFee(walletChain: ethereum)
        }
        #expect(throws: NetworkFeeError.notAGasToken(asset: "ETH", chain: "polygon", gasTokens: ["POL", "MATIC"])) {
            try self.activity(chain: "polygon", fee: "0.001 ETH").checkNetworkFee(walletChain: ethereum)
        }
        let e = NetworkFeeError.notAGasToken(asset: "USDC", chain: "zksync", gasTokens: ["ETH", "ZK"])
        #expect(e.description == "unknown fee symbol 'USDC' on zksync: network fees there are paid in ETH or ZK.")
    }

    @Test("without a chain of its own, the activity's fee is checked on the wallet's chain; no fee, nothing to check")
    func walletChain() throws {
        let bsc = try #require(Chains.named("bsc"))
        try activity(chain: nil, fee: "0.001 BNB").checkNetworkFee(walletChain: bsc)
        #expect(throws: NetworkFeeError.notAGasToken(asset: "ETH", chain: "bsc", gasTokens: ["BNB"])) {
            try self.activity(chain: nil, fee: "0.001 ETH").checkNetworkFee(walletChain: bsc)
        }
        try activity(chain: "arbitrum", fee: nil).checkNetworkFee(walletChain: bsc)
    }
}

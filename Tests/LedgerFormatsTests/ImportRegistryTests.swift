import LedgerCore
import Testing

@Suite("Known contracts and method names")
struct ImportRegistryTests {
    @Test("the bundled registry loads all 227 contracts")
    func bundled() throws {
        let parsed = try KnownContracts(parsingCSV: Reference.knownContractsCSV)
        #expect(parsed.all.count == 227)
        #expect(KnownContracts.bundled.all.count == 227)
        #expect(Set(parsed.all.map(\.kind)) == Set(KnownContract.Kind.allCases))
        #expect(parsed.all.allSatisfy { ($0.chain == "solana" || $0.address == $0.address.lowercased()) && !$0.source.isEmpty })
    }

    @Test("lookups ignore address case and need the right chain")
    func lookup() {
        let r = KnownContracts.bundled
        let gateway = r.lookup(chain: "ethereum", address: "0x7F2B8C31F88B6006C382775EEA88297EC1E3E905")
        #expect(gateway?.projectSlug == "scroll")
        #expect(gateway?.kind == .bridge)
        #expect(gateway?.kind.activityKind == .bridge)
        #expect(gateway?.confidence == .high)
        #expect(r.lookup(chain: "arbitrum", address: "0x7f2b8c31f88b6006c382775eea88297ec1e3e905") == nil)
        #expect(r.lookup(chain: "Ethereum", address: "0x7a250d5630b4cf539739df2c5dacb4c659f2488d")?.kind.activityKind == .swap)
        #expect(r.lookup(chain: "ethereum", address: "0x090d4613473dee047c3f2706764f49e0821d256e")?.kind == .claim)
        #expect(r.contracts(on: "scroll").count == 17)
        #expect(KnownContract.Confidence.low < .high)
    }

    @Test("Starknet felts match with or without leading zeros")
    func starknet() {
        let r = KnownContracts.bundled
        let padded = r.lookup(chain: "starknet", address: "0x06793d9e6ed7182978454c79270e5b14d2655204ba6565ce9b0aa8a3c3121025")
        let short = r.lookup(chain: "starknet", address: "0x6793d9e6ed7182978454c79270e5b14d2655204ba6565ce9b0aa8a3c3121025")
        #expect(padded != nil)
        #expect(padded == short)
        #expect(padded?.kind == .claim)
    }

    @Test("Solana programs are base58 and case-sensitive; the Avail bridge and Parcl's distributor are known")
    func nonEVM() {
        let r = KnownContracts.bundled
        let parcl = r.lookup(chain: "solana", address: "5nRBuSmpA98JgrznGYEAFTvQAA7hCdFkVKS9e41N8mBQ")
        #expect(parcl?.projectSlug == "parcl" && parcl?.kind == .claim)
        #expect(parcl?.address == "5nRBuSmpA98JgrznGYEAFTvQAA7hCdFkVKS9e41N8mBQ")
        #expect(r.lookup(chain: "solana", address: "5nrbusmpa98jgrzngyeaftvqaa7hcdfkvks9e41n8mbq") == nil)
        #expect(r.lookup(chain: "ethereum", address: "0x054FD961708D8E2B9C10A63F6157C74458889F0A")?.projectSlug == "avail")
    }

    @Test("a registry row of a non-EVM chain must be a valid address of that chain")
    func nonEVMRowsChecked() {
        #expect(throws: KnownContractsError.badRow(line: 2, message: "'5nRBuSmpA98JgrznGYEAFTvQAA7hCdFkVKS9e41N8mB0' is not a solana address in its canonical form")) {
            try KnownContracts(parsingCSV: "chain,address,project,kind,name,confidence,source\nsolana,5nRBuSmpA98JgrznGYEAFTvQAA7hCdFkVKS9e41N8mB0,x,claim,n,high,s\n")
        }
    }

    @Test("a broken registry file is refused with its line")
    func badRegistry() {
        #expect(throws: KnownContractsError.badRow(line: 2, message: "unknown kind 'bridgey'")) {
            try KnownContracts(parsingCSV: "chain,address,project,kind,name,confidence,source\nethereum,0x00000000000000000000000000000000000000aa,x,bridgey,n,high,s\n")
        }
        #expect(throws: KnownContractsError.badHeader(expected: "chain,address,project,kind,name,confidence,source")) {
            try KnownContracts(parsingCSV: "a,b\n")
        }
    }

    @Test("method names map to activity kinds", arguments: [
        ("Bridge", Activity.Kind.bridge), ("Deposit ETH", .bridge), ("depositETH", .bridge), ("Bridge ETH To", .bridge),
        ("Swap Exact ETH For Tokens", .swap), ("Swap Exact Tokens For Tokens Supporting Fee On Transfer Tokens", .swap),
        ("Exact Input Single", .swap), ("Add Liquidity", .liquidity), ("Add Liquidity ETH", .liquidity),
        ("Remove Liquidity With Permit", .liquidity), ("Mint", .mint), ("Public Mint", .mint), ("Stake", .stake),
        ("Unstake", .stake), ("Vote", .governance), ("Cast Vote", .governance), ("Delegate", .governance),
        ("Supply", .lend), ("Borrow", .lend), ("Claim", .other), ("Claim Tokens", .other),
    ])
    func methodKinds(method: String, kind: Activity.Kind) {
        #expect(MethodNames.kind(of: method) == kind)
    }

    @Test("generic and unknown methods say nothing; claims are claims")
    func genericMethods() {
        for m in ["Transfer", "Approve", "Multicall", "Execute", "0x3593564c", "", "Set Approval For All", "Deposit"] {
            #expect(MethodNames.meaning(of: m) == nil, "\(m)")
        }
        #expect(MethodNames.meaning(of: "Claim Rewards") == .claim)
        #expect(MethodNames.meaning(of: "claimAirdrop") == .claim)
    }
}

/// Decoded method names as explorers show them ("Swap Exact ETH For Tokens", "Deposit ETH", "Claim")
/// mapped to activity kinds. Used when the registry does not know the contract. Matching ignores case,
/// spaces and punctuation, so "swapExactETHForTokens" and "Swap Exact ETH For Tokens" are the same.
/// Generic calls (Transfer, Approve, Multicall, Execute, a bare 0x selector) map to nothing.
public enum MethodNames {
    /// What a method name says the call was.
    public enum Meaning: Sendable, Hashable {
        /// A qualifying activity of this kind.
        case activity(Activity.Kind)
        /// A claim call (airdrop or rewards): an `other` activity whose fee is a cost, and a sign that
        /// tokens received in the same transaction are a claim.
        case claim
    }

    /// The meaning of `method`, or nil when the name is generic or unknown.
    public static func meaning(of method: String) -> Meaning? {
        var key = ""
        key.reserveCapacity(method.utf8.count)
        for b in method.utf8 {
            switch b {
            case 0x41...0x5A: key.unicodeScalars.append(Unicode.Scalar(b | 0x20))
            case 0x61...0x7A, 0x30...0x39: key.unicodeScalars.append(Unicode.Scalar(b))
            default: continue
            }
        }
        guard !key.isEmpty else { return nil }
        if key.hasPrefix("0x"), key.count == 10 { return nil } // an undecoded 4-byte selector
        if let exact = exactNames[key] { return exact }
        for (prefix, meaning) in prefixes where key.hasPrefix(prefix) { return meaning }
        return nil
    }

    /// The activity kind `method` implies, or nil (claims are `other`).
    public static func kind(of method: String) -> Activity.Kind? {
        switch meaning(of: method) {
        case .activity(let k): k
        case .claim: .other
        case nil: nil
        }
    }

    private static let exactNames: [String: Meaning] = [
        // Bridges (official L1<->L2 bridges and common aggregator entry points).
        "depositeth": .activity(.bridge), "depositethto": .activity(.bridge), "depositerc20": .activity(.bridge),
        "depositerc20to": .activity(.bridge), "deposittransaction": .activity(.bridge),
        "outboundtransfer": .activity(.bridge), "outboundtransfercustomrefund": .activity(.bridge),
        "requestl2transaction": .activity(.bridge), "requestl2transactiondirect": .activity(.bridge),
        "requestl2transactiontwobridges": .activity(.bridge), "withdrawtol1": .activity(.bridge),
        "sendtol1": .activity(.bridge), "withdraweth": .activity(.bridge), "finalizewithdrawal": .activity(.bridge),
        "finalizeethwithdrawal": .activity(.bridge), "proveandfinalizewithdrawal": .activity(.bridge),
        "relaymessagewithproof": .activity(.bridge), "sendmessage": .activity(.bridge),
        "sendtoinjective": .activity(.bridge), "swapandbridge": .activity(.bridge), "sendfrom": .activity(.bridge),
        "depositv3": .activity(.bridge),
        "sendtokens": .activity(.bridge),
        // Swaps.
        "exactinput": .activity(.swap), "exactinputsingle": .activity(.swap), "exactoutput": .activity(.swap),
        "exactoutputsingle": .activity(.swap), "unoswap": .activity(.swap), "unoswapto": .activity(.swap),
        "uniswapv3swap": .activity(.swap), "uniswapv3swapto": .activity(.swap), "sellethfortoken": .activity(.swap),
        "selltokenforeth": .activity(.swap), "transformerc20": .activity(.swap), "fillorder": .activity(.swap),
        "fillotcorder": .activity(.swap), "clipperswap": .activity(.swap),
        // Liquidity.
        "increaseliquidity": .activity(.liquidity), "decreaseliquidity": .activity(.liquidity),
        "collect": .activity(.liquidity), "joinpool": .activity(.liquidity), "exitpool": .activity(.liquidity),
        "addliquidity": .activity(.liquidity), "removeliquidity": .activity(.liquidity),
        // Lending.
        "supply": .activity(.lend), "borrow": .activity(.lend), "repay": .activity(.lend),
        "depositcollateral": .activity(.lend), "withdrawcollateral": .activity(.lend),
        "supplywithpermit": .activity(.lend), "repaywithpermit": .activity(.lend), "lend": .activity(.lend),
        // Governance.
        "vote": .activity(.governance), "castvote": .activity(.governance),
        "castvotewithreason": .activity(.governance), "castvotebysig": .activity(.governance),
        "castvotewithreasonandparams": .activity(.governance), "delegate": .activity(.governance),
        "delegatebysig": .activity(.governance), "propose": .activity(.governance),
        // Deployment.
        "deploy": .activity(.deploy), "createcontract": .activity(.deploy), "create2": .activity(.deploy),
    ]

    /// Checked in order after the exact names: the first prefix that matches wins.
    private static let prefixes: [(String, Meaning)] = [
        ("claim", .claim),
        ("bridge", .activity(.bridge)),
        ("swap", .activity(.swap)),
        ("addliquidity", .activity(.liquidity)),
        ("removeliquidity", .activity(.liquidity)),
        ("unstake", .activity(.stake)),
        ("restake", .activity(.stake)),
        ("stake", .activity(.stake)),
        ("delegatestake", .activity(.stake)),
        ("mint", .activity(.mint)),
        ("safemint", .activity(.mint)),
        ("publicmint", .activity(.mint)),
        ("purchase", .activity(.mint)),
        ("castvote", .activity(.governance)),
        ("vote", .activity(.governance)),
    ]
}

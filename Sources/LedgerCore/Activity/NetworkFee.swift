/// The network-fee rule, in one place for every way an activity comes in (`log`, spreadsheet imports,
/// explorer imports): a fee given as an amount was paid in one of the tokens the chain charges network
/// fees in (`Chain.gasTokens`). A fee in another token is almost always a typo ("ETHH") or the volume's
/// token typed in the wrong field; a paymaster that took another token is recorded by the fee's USD value.
extension Chain {
    /// Refuses `asset` as a network fee on this chain when it is not one of its gas tokens.
    public func checkNetworkFee(in asset: AssetSymbol) throws(NetworkFeeError) {
        guard !gasTokens.contains(asset.code) else { return }
        throw .notAGasToken(asset: asset.code, chain: name, gasTokens: gasTokens)
    }
}

extension Activity {
    /// Applies the network-fee rule to this activity's fee (none: nothing to check) on the chain it
    /// names, or on `walletChain` (the wallet's own chain) when it names none airledger knows.
    public func checkNetworkFee(walletChain: Chain) throws(NetworkFeeError) {
        guard let fee else { return }
        let chain = self.chain.flatMap { Chains.named($0) } ?? walletChain
        try chain.checkNetworkFee(in: fee.asset)
    }
}

public enum NetworkFeeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `asset` is not one of `gasTokens`, the tokens `chain` charges network fees in.
    case notAGasToken(asset: String, chain: String, gasTokens: [String])

    public var description: String {
        switch self {
        case .notAGasToken(let asset, let chain, let gasTokens):
            "unknown fee symbol '\(asset)' on \(chain): network fees there are paid in \(gasTokens.joined(separator: " or "))."
        }
    }
}

import LedgerCore

/// One explorer export row (or one leg of a row) read into an activity draft, the same for every
/// explorer (`ExplorerImporter`). It has no wallet label and maybe no project yet: the caller adds them
/// (`activity(walletLabel:fallbackProject:)`) and writes all rows of a file in one transaction.
public struct ImportedRow: Sendable, Hashable {
    public enum Direction: String, Sendable, Hashable {
        /// The wallet sent it (and paid its fee, if any).
        case outgoing
        /// The wallet received it; the sender paid the fee, so `fee` is nil.
        case incoming
        /// From and To are both the wallet.
        case selfTransfer
    }

    /// Why the row has its kind.
    public enum KindEvidence: String, Sendable, Hashable {
        /// The counterparty is in the known-contracts registry (`knownContract`).
        case registry
        /// The Method column names it.
        case method
        /// The transaction created a contract.
        case contractCreation
        /// Nothing said more than `other`.
        case none
    }

    /// A token the file names (token-transfer exports).
    public struct Token: Sendable, Hashable {
        /// The token's contract (EVM, lower case), mint (Solana) or denom (Cosmos); nil when the export
        /// does not give it (Etherscan's newer list export).
        public var contract: String?
        public var name: String
        /// The symbol as written; `volume` is nil when it is not a usable asset symbol (spam tokens).
        public var symbol: String
    }

    /// Tokens received from an airdrop distributor: most likely a claim. The row is recorded as an
    /// activity like any other; as a claim too only when the user asks (`--claims`).
    public struct ProbableClaim: Sendable, Hashable {
        public enum Evidence: String, Sendable, Hashable {
            /// The sender is a `claim` contract in the registry.
            case knownDistributor
            /// The transaction's method is a claim ("Claim", "Claim Tokens"), the sender unknown.
            case claimMethod
        }
        public var amount: Amount
        /// The distributor's address.
        public var distributor: String
        public var evidence: Evidence
    }

    /// 1-based line of the row in the file.
    public var line: Int
    /// What recorded it: "import:etherscan" (`ExplorerInfo.source`).
    public var source: String
    public var kind: Activity.Kind
    public var kindEvidence: KindEvidence
    public var at: Instant
    public var chain: String
    /// In the chain family's canonical form (`AddressRules.validateTxHash`): EVM lower-case "0x" + 64 hex.
    public var txHash: String
    public var direction: Direction
    /// Value moved (native or token), nil when zero, failed, or the token symbol is unusable.
    public var volume: Amount?
    /// USD value of `volume` as the file states it (or value x the file's historical price).
    public var volumeUsd: Quantity?
    /// Fee in a gas token of the chain (the native one, `ExplorerImportOptions.gasToken`, unless the file
    /// names another the chain charges fees in); nil for incoming rows and exports without fees.
    public var fee: Amount?
    /// Fee in USD when the file gives it.
    public var feeUsd: Quantity?
    /// The transaction failed (Status not success): kept, since it cost gas.
    public var failed: Bool
    /// The status or error text of a failed transaction ("Error(0)", "out of gas").
    public var failure: String?
    /// The other side, canonical for the chain family (EVM lower case): To or the created contract for
    /// outgoing rows, From for incoming.
    public var counterparty: String?
    /// From the registry of known contracts; nil when it does not know the counterparty (the caller's
    /// fallback then decides: `project(fallback:)`).
    public var projectSlug: String?
    public var knownContract: KnownContract?
    /// The Method column as written.
    public var method: String?
    public var token: Token?
    public var probableClaim: ProbableClaim?
    /// Which part of its transaction the row is (nil: the transaction itself, from a normal export;
    /// "internal:in:0.5" or "token:<contract>:in:1200" for rows of the other exports). See `Activity.leg`.
    public var leg: String?

    /// The project the row is booked to: the registry's when it knows the counterparty (`projectSlug`),
    /// else `fallback` (the user's `--project`, meant for rows the registry does not know), else none.
    public func project(fallback: String?) -> String? { projectSlug ?? fallback }

    /// The activity this row records for `walletLabel`, in `project(fallback:)`; nil when no project is
    /// known (pass a fallback). A probable claim is an activity too, so every row of a file is in the
    /// ledger, but without volume: tokens received from a distributor are not farming volume, and the
    /// amount is the claim's, recorded apart on request (the note says it).
    public func activity(walletLabel: String, fallbackProject: String? = nil) -> Activity? {
        guard let project = project(fallback: fallbackProject) else { return nil }
        var note = knownContract?.name ?? method
        if let claim = probableClaim {
            note = "probable airdrop claim: \(claim.amount)" + (knownContract.map { " from \($0.name)" } ?? "")
        }
        let claimed = probableClaim != nil
        return Activity(projectSlug: project, walletLabel: walletLabel, kind: kind, at: at, chain: chain,
                        txHash: txHash, volume: claimed ? nil : volume, volumeUsd: claimed ? nil : volumeUsd,
                        fee: fee, feeUsd: feeUsd, note: note, source: source, failed: failed,
                        counterparty: counterparty, leg: leg)
    }
}

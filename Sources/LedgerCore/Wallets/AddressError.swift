/// Why an address (or tx hash) was refused. Every message names the offending value and says how to
/// fix it, except `.secret`, which never repeats any part of the input. The fixes here hold wherever
/// the value came from (a ledger file, a command line): they name no command-line flag; the CLI words
/// its own fix where giving the chain is the way out (see LedgerCLI's ErrorReport).
public enum AddressError: Error, Equatable, Sendable, CustomStringConvertible {
    case empty
    /// The input looks like a secret. The input itself is deliberately not kept.
    case secret(SecretKind)
    /// An xpub/ypub/zpub...: public, but a key from which addresses are derived, not an address.
    case extendedPublicKey(String)
    /// No chain was given and the input matches no known address shape.
    case unrecognized(String)
    /// 0x + 1..64 hex (not 40): Starknet, Aptos, Sui and Movement all write addresses this way.
    case needsChain(String)
    /// The value does not have the shape of an address of `chain`.
    case malformed(String, chain: String, problem: String, expected: String)
    /// Mixed-case EVM address whose case pattern is not its EIP-55 checksum.
    case evmChecksum(String)
    /// Base58Check or Bech32 checksum does not match: a character is wrong.
    case checksumMismatch(String, chain: String, encoding: String)
    /// Bech32 where Bech32m is required or the reverse (BIP-350); `witnessVersion` nil for Cosmos.
    case wrongChecksumVariant(String, witnessVersion: Int?, expected: String, found: String)
    /// Bech32 text mixing upper and lower case.
    case mixedCase(String, chain: String)
    /// The address belongs to another chain than the one given.
    case chainMismatch(String, given: String, detected: String)
    /// A bech32 address whose prefix is not the given Cosmos chain's (and not another known chain's).
    case wrongPrefix(String, chain: String, expected: String, found: String)
    /// A bech32 address with a prefix of no chain airledger knows.
    case unknownPrefix(String, prefix: String)
    /// A Cosmos validator operator (valoper) or consensus (valcons) address.
    case validatorAddress(String, kind: String)
    /// An SS58 address with the generic Substrate prefix 42 and no --chain: it names no network.
    case genericSubstrate(String)
    /// An SS58 address whose prefix is no chain airledger knows (no --chain given).
    case unknownSS58Prefix(String, prefix: UInt16)
    /// An SS58 address whose prefix is neither the given chain's nor the generic 42, nor a known chain's.
    case ss58PrefixMismatch(String, chain: String, expected: UInt16, found: UInt16)
    /// A Starknet felt outside [0x2, 2^251 - 256).
    case outOfRange(String, chain: String, rule: String)
    /// A transaction hash that does not fit the family's shape.
    case badTxHash(String, family: ChainFamily, expected: String)

    public var description: String {
        switch self {
        case .empty:
            return "the address is empty: paste the public address shown on your wallet's receive screen"
        case .secret(let kind):
            return Self.secretWarning(kind)
                + (kind == .hexPrivateKey
                    ? " (Starknet, Aptos, Sui and Movement addresses are also 64 hex digits: for one of those, say which chain it is on.)"
                    : "")
        case .extendedPublicKey(let value):
            return "\(Self.shown(value)) is an extended public key (xpub/ypub/zpub...), from which a wallet derives many addresses, "
                + "not an address itself: add one of the receive addresses your wallet shows instead"
        case .unrecognized(let value):
            return "\(Self.shown(value)) is not an address airledger recognises (EVM 0x + 40 hex, Bitcoin, Cosmos bech32, Solana, Tron, "
                + "Substrate SS58, Starknet or Move 0x + hex): check for a missing or extra character, or say which chain it is on to get a precise error"
        case .needsChain(let value):
            return "\(Self.shown(value)) could be a Starknet, Aptos, Sui or Movement address, which are all written 0x + hex: "
                + "say which chain it is on"
        case .malformed(let value, let chain, let problem, let expected):
            return "\(Self.shown(value)) is not a valid \(chain) address: \(problem); \(expected). "
                + "Copy the address again from your wallet's receive screen"
        case .evmChecksum(let value):
            return "\(Self.shown(value)) fails its EIP-55 checksum (one letter's case is wrong, so a character may be mistyped): "
                + "copy the address again from your wallet, or write it all in lower case to skip the check"
        case .checksumMismatch(let value, let chain, let encoding):
            return "\(Self.shown(value)) fails its \(encoding) checksum, so at least one character is wrong: "
                + "copy the \(chain) address again from your wallet rather than retyping it"
        case .wrongChecksumVariant(let value, let version, let expected, let found):
            if let version {
                return "\(Self.shown(value)) has a \(found) checksum, but a segwit version \(version) address must use \(expected) (BIP-350): "
                    + "it was produced by outdated or faulty software, or mistyped; copy it again from your wallet"
            }
            return "\(Self.shown(value)) has a \(found) checksum, but Cosmos addresses use \(expected): copy it again from your wallet"
        case .mixedCase(let value, let chain):
            return "\(Self.shown(value)) mixes upper and lower case, which bech32 forbids: copy the \(chain) address again, "
                + "or write it all in lower case"
        case .chainMismatch(let value, let given, let detected):
            return "\(Self.shown(value)) is an address on \(detected), not on \(given): record it on \(detected), "
                + "or paste your \(given) address instead"
        case .wrongPrefix(let value, let chain, let expected, let found):
            return "\(Self.shown(value)) starts with '\(found)1', but \(chain) addresses start with '\(expected)1': "
                + "paste your \(chain) address, or give the chain this address belongs to"
        case .unknownPrefix(let value, let prefix):
            return "\(Self.shown(value)) is a bech32 address with prefix '\(prefix)', which is no chain airledger knows: "
                + "check the address, or give its chain"
        case .validatorAddress(let value, let kind):
            return "\(Self.shown(value)) is a \(kind) address, not a wallet: use the account address your wallet shows "
                + "(the same prefix without 'valoper'/'valcons')"
        case .genericSubstrate(let value):
            return "\(Self.shown(value)) is a generic Substrate address (SS58 prefix 42), valid on any Substrate chain: "
                + "say which network it is for (\(Self.substrateChains.map(\.name).joined(separator: ", ")))"
        case .unknownSS58Prefix(let value, let prefix):
            return "\(Self.shown(value)) is a Substrate address for network prefix \(prefix), which is no chain airledger knows "
                + "(\(Self.substrateChains.map { "\($0.name) \($0.ss58Prefix.map(String.init) ?? "?")" }.joined(separator: ", "))): "
                + "add the address your wallet shows for one of those, or its generic 5... form with its chain"
        case .ss58PrefixMismatch(let value, let chain, let expected, let found):
            return "\(Self.shown(value)) is a Substrate address for network prefix \(found), but \(chain) addresses use prefix \(expected) "
                + "(or the generic 42): copy the address your wallet shows for \(chain)"
        case .outOfRange(let value, let chain, let rule):
            return "\(Self.shown(value)) is not a valid \(chain) address: \(rule). Copy the address again from your wallet"
        case .badTxHash(let value, let family, let expected):
            return "\(Self.shown(value)) is not a valid \(family.rawValue == "evm" ? "EVM" : family.rawValue) transaction hash: \(expected). "
                + "Copy the hash from the block explorer's transaction page"
        }
    }

    /// Why a secret is refused and what to do now; never any part of the input.
    public static func secretWarning(_ kind: SecretKind) -> String {
        "refused: the input looks like \(kind), which is a secret that controls your funds. "
            + "Never type or paste a secret into any tool, airledger included: it only needs the public address "
            + "(shown on your wallet's receive screen). Nothing was stored. If you pasted it by mistake, "
            + "clear your clipboard and shell history; if it may have been exposed, move the funds to a new wallet."
    }

    public static var substrateChains: [Chain] { Chains.all.filter { $0.family == .substrate } }

    /// The value in quotes; shortened when long, and never shown when it spans several words
    /// (an address is one token; several words could be part of a recovery phrase).
    public static func shown(_ value: String) -> String {
        if value.contains(where: { $0.isWhitespace }) { return "the input (\(value.count) characters)" }
        if value.count > 100 { return "'\(value.prefix(12))...\(value.suffix(6))' (\(value.count) characters)" }
        return "'\(value)'"
    }
}

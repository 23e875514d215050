/// Substrate wallet addresses (SS58, see SS58.swift): which forms are wallets, and which network.
///
/// Decisions:
/// - Only 32-byte account ids are wallets. A 33-byte payload is an ECDSA public key: its account is
///   the BLAKE2b-256 hash of the key, and wallets show that hashed account, so the key is refused
///   with a pointer to the address. 1-, 2-, 4- and 8-byte payloads are account indices (the indices
///   pallet), which the chain can reassign to another account: refused too.
/// - The network comes from the prefix: 0 polkadot, 2 kusama, 1221 peaq (the SS58 registry). 42 is
///   the generic Substrate prefix, "intended to be valid on all Substrate networks"
///   (https://docs.substrate.io/reference/address-formats/). It is Avail's own format (Avail has no
///   registry entry and keeps 42), and wallets (Polkadot{.js}, subkey) show any account in it, so
///   without --chain a 42 address names no network and the user is asked which.
/// - With --chain, the chain's own prefix is accepted, and so is 42 (the same account id, so the
///   same account), stored in the chain's own format so one account has one stored form per chain.
///   Any other prefix is refused, naming both: an address written for kusama was meant for kusama,
///   even though the same key also has a polkadot account. That sits between the libraries:
///   sp-core's `from_ss58check` accepts any registered prefix and Polkadot{.js} `decodeAddress` any
///   prefix at all, while Polkadot{.js} `checkAddress(address, prefix)` accepts only that prefix.
/// - The canonical (stored and shown) form is the SS58 text under the chain's own prefix.
extension AddressRules {
    /// The generic Substrate prefix.
    static let genericSS58Prefix: UInt16 = 42

    /// Inference: does base58 text decoding to `bytes` have an SS58 shape? Account-id lengths (35 to
    /// 38 bytes) always do (nothing else decodes to those); the short account-index lengths only
    /// when their checksum matches, so a short typo is "unrecognised", not an SS58 error.
    static func looksLikeSS58(bytes: [UInt8], text: String) -> Bool {
        if (35...38).contains(bytes.count) { return true }
        guard bytes.count <= 11, case .success = SS58.decode(text) else { return false }
        return true
    }

    /// `given == nil`: the network follows the prefix (42 asks for one).
    static func parseSubstrate(_ text: String, chain given: Chain?) throws(AddressError) -> ParsedAddress {
        let name = given?.name ?? "Substrate"
        let expected = "a Substrate account address is SS58: base58, usually 47 to 49 characters "
            + "(polkadot's start with 1, generic ones with 5)"
        let decoded: SS58.Decoded
        switch SS58.decode(text) {
        case .success(let value):
            decoded = value
        case .failure(.notBase58):
            if let given, let evm = Chains.named(given.name + "-evm"), evm.family == .evm,
               let hex = Hex.body(afterPrefixOf: text), hex.utf8.count == 40, Hex.isHex(hex) {
                throw .chainMismatch(text, given: given.name, detected: evm.name)
            }
            throw .malformed(text, chain: name, problem: "it contains characters outside base58 (0, O, I and l never occur)", expected: expected)
        case .failure(.reservedPrefix):
            throw .malformed(text, chain: name, problem: "its address type is one SS58 reserves (46, 47, or a first byte of 128 or more)", expected: expected)
        case .failure(.badLength(let count)):
            throw .malformed(text, chain: name, problem: "it decodes to \(count) bytes, not the 35 or 36 of an account address", expected: expected)
        case .failure(.badChecksum(let prefix, _)):
            let inferred = prefix == genericSS58Prefix ? nil : Chains.withSS58Prefix(prefix)?.name
            throw .checksumMismatch(text, chain: given?.name ?? inferred ?? name, encoding: "SS58")
        }

        switch decoded.payload.count {
        case 32: break
        case 33:
            throw .malformed(text, chain: name, problem: "it holds a 33-byte ECDSA public key, not a 32-byte account id",
                             expected: "an ECDSA account's address is the hash of that key; add the account address your wallet shows")
        default:
            throw .malformed(text, chain: name, problem: "it is a \(decoded.payload.count)-byte account index, which the chain can reassign to another account",
                             expected: "add the full account address (47 to 49 characters) your wallet shows")
        }

        guard let given else {
            if decoded.prefix == genericSS58Prefix { throw .genericSubstrate(text) }
            guard let chain = Chains.withSS58Prefix(decoded.prefix) else { throw .unknownSS58Prefix(text, prefix: decoded.prefix) }
            return ParsedAddress(chain: chain, canonical: canonical(decoded.payload, prefix: decoded.prefix, fallback: text))
        }
        let own = given.ss58Prefix ?? genericSS58Prefix
        if decoded.prefix == own {
            return ParsedAddress(chain: given, canonical: canonical(decoded.payload, prefix: own, fallback: text))
        }
        if decoded.prefix == genericSS58Prefix {
            let stored = canonical(decoded.payload, prefix: own, fallback: text)
            return ParsedAddress(chain: given, canonical: stored, warnings: [
                "\(text) is in the generic Substrate format (SS58 prefix 42); it is stored as \(stored), "
                    + "the same account in \(given.name)'s own format (prefix \(own))",
            ])
        }
        if let other = Chains.withSS58Prefix(decoded.prefix) {
            throw .chainMismatch(text, given: given.name, detected: other.name)
        }
        throw .ss58PrefixMismatch(text, chain: given.name, expected: own, found: decoded.prefix)
    }

    /// The SS58 text of a 32-byte account under `prefix`; `fallback` cannot happen (both were checked).
    private static func canonical(_ account: [UInt8], prefix: UInt16, fallback: String) -> String {
        SS58.encode(account, prefix: prefix) ?? fallback
    }
}

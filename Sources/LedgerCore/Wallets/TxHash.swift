/// Transaction hash shapes per family, and their canonical (stored) form: lower-case hex where hex.
extension AddressRules {
    /// Validates a transaction hash for `family` and returns its canonical form.
    /// - EVM: 0x + 64 hex (0x added if missing). Starknet: 0x + 1..64 hex, zero-padded to 64.
    /// - Move: Aptos 0x + 64 hex, or Sui base58 of a 32-byte digest (unchanged).
    /// - Bitcoin, Tron: 64 hex without 0x. Cosmos: 64 hex, either case.
    /// - Solana: base58 of a 64-byte signature (unchanged).
    /// - Substrate: the extrinsic hash, 0x + 64 hex (BLAKE2b-256; 0x added if missing), as Subscan shows it.
    public static func validateTxHash(_ hash: String, family: ChainFamily) throws(AddressError) -> String {
        let text = SecretDetector.trimmed(hash)
        let prefixed = Hex.body(afterPrefixOf: text)
        func fail(_ expected: String) -> AddressError { .badTxHash(text, family: family, expected: expected) }
        func is64Hex(_ s: Substring) -> Bool { s.utf8.count == 64 && Hex.isHex(s) }

        switch family {
        case .evm:
            let hex = prefixed ?? Substring(text)
            guard is64Hex(hex) else { throw fail("an EVM transaction hash is 0x followed by 64 hex digits") }
            return "0x" + hex.lowercased()
        case .starknet:
            guard let hex = prefixed, (1...64).contains(hex.utf8.count), Hex.isHex(hex) else {
                throw fail("a Starknet transaction hash is 0x followed by 1 to 64 hex digits")
            }
            return "0x" + String(repeating: "0", count: 64 - hex.utf8.count) + hex.lowercased()
        case .move:
            if let hex = prefixed {
                guard is64Hex(hex) else { throw fail("an Aptos/Movement transaction hash is 0x followed by 64 hex digits") }
                return "0x" + hex.lowercased()
            }
            guard Base58.isBase58(text), Base58.decode(text)?.count == 32 else {
                throw fail("a Move transaction hash is 0x + 64 hex (Aptos, Movement) or a base58 digest of 32 bytes (Sui)")
            }
            return text
        case .bitcoin, .tron, .cosmos:
            let name = family == .bitcoin ? "a Bitcoin" : family == .tron ? "a Tron" : "a Cosmos"
            if let hex = prefixed, is64Hex(hex) {
                throw fail("\(name) transaction hash is 64 hex digits without 0x; drop the 0x")
            }
            guard is64Hex(Substring(text)) else { throw fail("\(name) transaction hash is 64 hex digits") }
            return text.lowercased()
        case .substrate:
            let hex = prefixed ?? Substring(text)
            guard is64Hex(hex) else { throw fail("a Substrate extrinsic hash is 0x followed by 64 hex digits") }
            return "0x" + hex.lowercased()
        case .solana:
            guard Base58.isBase58(text), Base58.decode(text)?.count == 64 else {
                throw fail("a Solana transaction signature is the base58 form of 64 bytes (87 or 88 characters)")
            }
            return text
        }
    }
}

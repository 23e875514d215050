import Testing
@testable import LedgerCore

/// SS58 addresses (Substrate): the codec against published vectors, then the wallet rules (which
/// forms are wallets, which network, refusals naming both chains, secrets).
///
/// Sources of the vectors:
/// - [pjs] polkadot-js/common packages/util-crypto/src/address/{encode,decode,check}.spec.ts
///   (https://github.com/polkadot-js/common, commit 22aab4a4e62944a2cf8c885f50be2c1b842813ec).
/// - [docs] https://docs.substrate.io/reference/address-formats/ (subkey inspect examples).
/// - [zkv] zkVerify FAQ, docs/10-faq.md (https://github.com/zkVerify/zkverify-docs): the same
///   account converted from prefix 42 to 251 with ss58.org.
/// - [calc] computed here with an independent implementation (Python hashlib.blake2b plus the
///   polkadot-js byte layout), not published: only where no published vector has that prefix.
@Suite("SS58 addresses")
struct SS58Tests {
    static let aliceSr = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d"
    static let aliceEd = "d172a74cda4c865912c32ba0a80a57ae69abae410e5ccb59dee84e2f4432db4f"
    static func chain(_ name: String) -> Chain? { Chains.named(name) }

    // MARK: Codec

    /// (address, payload hex, prefix)
    static let codec: [(String, String, UInt16)] = [
        ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", aliceSr, 42),   // [pjs] Alice sr25519
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", aliceSr, 0),    // [pjs] Polkadot
        ("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F", aliceSr, 2),     // [pjs] Kusama
        ("5GoKvZWG5ZPYL1WUovuHW3zJBWBP5eT8CbqjdRY4Q6iMaQua", aliceEd, 42),   // [pjs] Alice ed25519
        ("yGHU8YKprxHbHdEv7oUK4rzMZXtsdhcXVG2CAMyC9WhzhjH2k", aliceEd, 255), // [pjs] two-byte prefix
        ("5DA4D4GL5iakrn22h5uKoevgvo18Pqj5BcdEUv8etEDPdijA", "3050f8456519829fe03302da802d22d3233a5f4037b9a3e2bcc403ccfcb2d735", 42),
        ("cLtA6nCDyvwKcEHH4QkZDSHMhS9s78BvUJUsKUbUAn1Jc2SCF", "08e8969768fc14399930d4b8d693f68a2ff6c6a597325d6946095e5e9d9d1b0e", 65),
        ("cTGShekJ1L1UKFZR9xmv9UTJod7vqjFAPo4sDhXih2c3y1yLS", "04a047d52fe542484c69bc528990cfeaf3a663dded0638ee1b51cf78bacd1072", 66),
        ("cnVRwXfAnz3RSVQyBUC8f8McrK3YBX2QYd4WoctpeSC6VTJYm", "ae640d53cfa815f4a6a50ae70235cd7d9d134d0f1c3a4ccd118e321dfb6ab51f", 69),
        ("xw5g1Eec8LT99pZLZMaTWwrwvNtfM6vrSuZeVbtEszCDUwByg", "5c64f1151f0ce4358c27238fb20c88e7c899825436f565410724c8c2c5add869", 252),
        ("yGF4JP7q5AK46d1FPCEm9sYQ4KooSjHMpyVAjLnsCSWVafPnf", "66cd6cf085627d6c85af1aaf2bd10cf843033e929b4e3b1c2ba8e4aa46fe111b", 255),
        ("mHm8k9Emsvyfp3piCauSH684iA6NakctF8dySQcX94GDdrJrE", "44d5a3ac156335ea99d33a83c57c7146c40c8e2260a8a4adf4e7a86256454651", 4242),
        ("r6Gr4gaMP8TsjhFbqvZhv3YvnasugLiRJpzpRHifsqqG18UXa", "88f01441682a17b52d6ae12d1a5670cf675fd254897efabaa5069eb3a701ab73", 14269),
        // [pjs] 33-byte ECDSA public keys (decoded, never accepted as wallets).
        ("4pbsSkWcBaYoFHrKJZp5fDVUKbqSYD9dhZZGvpp3vQ5ysVs5ybV", "035676109c54b9a16d271abeb4954316a40a32bcce023ac14c8e26e958aa68fba9", 200),
        ("KWCv1L3QX9LDPwY4VzvLmarEmXjVJidUzZcinvVnmxAJJCBou", "03b9dc646dd71118e5f7fda681ad9eca36eb3ee96f344f582fbe7b5bcdebb13077", 42),
        // [docs] subkey inspect output.
        ("5Gv8YYFu8H1btvmrJy9FjjAWfb99wrhV3uhPFoNEr918utyR", "d6a3105d6768e956e9e5d41050ac29843f98561410d3a47f9dd5b3b227ab8746", 42),
        ("12bzRJfh7arnnfPPUZHeJUaE62QLEwhK48QnH9LXeK2m1iZU", "46ebddef8cd9bb167dc30878d7113b7e168e6f0646beffd77d69d39bad76b47a", 0),
        // [zkv] one account under 42 and 251.
        ("5Ey6TCDTYLKu1BwUWdZPDpC8RPhkCwRLdUDah7Da1wyKWhSU", "806d4a5638a76e32fa6f559e4c7e9fe832f460af8811c22aaeb714b6ee65d56b", 42),
        ("xpi72tyvr2adaKPnMdsm5v4UcKZnimzJTQ6kPvgEabf2qcwFA", "806d4a5638a76e32fa6f559e4c7e9fe832f460af8811c22aaeb714b6ee65d56b", 251),
        // [pjs] account indices: one byte under 42 and 2, then 2, 4 and 8 bytes under 2.
        ("F7NZ", "01", 42), ("g4b", "01", 2), ("3xygo", "0001", 2), ("zswfoZa", "01020304", 2),
        ("848Gh2GcGaZia", "2a2c0a0000000000", 2),
        // [calc] Alice sr25519 under peaq's 1221 (no published peaq vector was found).
        ("rtJTr5eursuiFBfbWhE281jk2xHeoLpaBzNs6eWa33FicWoJ9", aliceSr, 1221),
    ]

    @Test("decode and encode published vectors", arguments: codec)
    func roundTrip(address: String, payload: String, prefix: UInt16) throws {
        let decoded = try SS58.decode(address).get()
        #expect(decoded.prefix == prefix)
        #expect(Hex.encode(decoded.payload) == payload)
        #expect(SS58.encode(try #require(Hex.decode(payload)), prefix: prefix) == address)
    }

    /// [pjs] decode.spec.ts / check.spec.ts failures, and reserved types built by hand.
    @Test func codecFailures() throws {
        #expect(SS58.decode("5GoKvZWG5ZPYL1WUovuHW3zJBWBP5eT8CbqjdRY4Q6iMa9cj") == .failure(.badChecksum(prefix: 42, payloadLength: 32)))
        #expect(SS58.decode("5GoKvZWG5ZPYL1WUovuHW3zJBWBP5eT8CbqjdRY4Q6iMaDwU") == .failure(.badChecksum(prefix: 42, payloadLength: 32)))
        #expect(SS58.decode("y9EMHt34JJo4rWLSaxoLGdYXvjgSXEd4zHUnQgfNzwES8b") == .failure(.badLength(34)))
        #expect(SS58.decode("5EnxIUmEbw8DkENKiYuZ1DwQuMoB2UWEQJZZXrTsxoz7SpgG") == .failure(.notBase58))
        #expect(SS58.decode("F3opIRbN5ZbjJNU511Kj2TLuzFcDq9BGduA9TgiECafpg29") == .failure(.notBase58))
        #expect(SS58.decode("") == .failure(.notBase58))
        // First byte 128 or more, and prefixes 46 and 47, are reserved (with valid checksums).
        let account = try #require(Hex.decode(Self.aliceSr))
        for head in [[UInt8(0x80)], [UInt8(0xFF)], SS58.prefixBytes(46), SS58.prefixBytes(47)] {
            let body = head + account
            let text = Base58.encode(body + SS58.checksum(body, payloadLength: 32))
            #expect(SS58.decode(text) == .failure(.reservedPrefix), "\(head)")
        }
        // [pjs] encodeAddress refuses 46, 47 and 16384 ("Out of range ss58Format specified").
        for prefix: UInt16 in [46, 47, 16384] { #expect(SS58.encode(account, prefix: prefix) == nil) }
        #expect(SS58.encode(Array(account.prefix(31)), prefix: 0) == nil)
    }

    // MARK: Chains

    @Test func substrateChainsCarryRegistryPrefixesAndGasTokens() throws {
        let expected: [(String, UInt16, String, Int)] = [
            ("polkadot", 0, "DOT", 10), ("kusama", 2, "KSM", 12), ("avail", 42, "AVAIL", 18), ("peaq", 1221, "PEAQ", 18),
        ]
        for (name, prefix, gas, decimals) in expected {
            let chain = try #require(Self.chain(name))
            #expect(chain.family == .substrate && chain.ss58Prefix == prefix)
            #expect(chain.gasTokens == [gas] && chain.gasDecimals == decimals)
            #expect(Chains.withSS58Prefix(prefix) == chain)
        }
        let peaqEVM = try #require(Self.chain("peaq-evm"))
        #expect(peaqEVM.family == .evm && peaqEVM.gasTokens == ["PEAQ"] && peaqEVM.gasDecimals == 18)
        #expect(Chains.names.count == Set(Chains.names).count)
    }

    // MARK: Wallet addresses

    /// (input, --chain or nil, expected chain, canonical)
    static let valid: [(String, String?, String, String)] = [
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", nil, "polkadot", "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"),
        ("12bzRJfh7arnnfPPUZHeJUaE62QLEwhK48QnH9LXeK2m1iZU", nil, "polkadot", "12bzRJfh7arnnfPPUZHeJUaE62QLEwhK48QnH9LXeK2m1iZU"),
        ("12bzRJfh7arnnfPPUZHeJUaE62QLEwhK48QnH9LXeK2m1iZU", "polkadot", "polkadot", "12bzRJfh7arnnfPPUZHeJUaE62QLEwhK48QnH9LXeK2m1iZU"),
        ("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F", nil, "kusama", "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"),
        // [pjs] check.spec.ts: a valid Kusama address.
        ("FJaco77EJ99VtBmVFibuBJR3x5Qq9KQrgQJvWjqScCcCCae", "kusama", "kusama", "FJaco77EJ99VtBmVFibuBJR3x5Qq9KQrgQJvWjqScCcCCae"),
        ("rtJTr5eursuiFBfbWhE281jk2xHeoLpaBzNs6eWa33FicWoJ9", nil, "peaq", "rtJTr5eursuiFBfbWhE281jk2xHeoLpaBzNs6eWa33FicWoJ9"),
        // Avail's own format is the generic 42.
        ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "avail", "avail", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"),
        ("  \"5Gv8YYFu8H1btvmrJy9FjjAWfb99wrhV3uhPFoNEr918utyR\"\n", "avail", "avail", "5Gv8YYFu8H1btvmrJy9FjjAWfb99wrhV3uhPFoNEr918utyR"),
        // The generic form is accepted on any Substrate chain and stored in the chain's own format.
        ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "polkadot", "polkadot", "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5"),
        ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "kusama", "kusama", "HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F"),
        ("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "peaq", "peaq", "rtJTr5eursuiFBfbWhE281jk2xHeoLpaBzNs6eWa33FicWoJ9"),
    ]

    @Test("valid SS58 wallets parse to their chain and canonical form", arguments: valid)
    func parsesValid(input: String, chainName: String?, expectedChain: String, canonical: String) throws {
        let given = try chainName.map { try #require(Self.chain($0)) }
        let parsed = try AddressRules.parse(input, chain: given)
        #expect(parsed.chain.name == expectedChain)
        #expect(parsed.canonical == canonical)
        #expect(try AddressRules.parse(parsed.canonical, chain: parsed.chain).canonical == canonical)
        #expect(AddressRules.display(canonical: canonical, family: .substrate) == canonical)
        #expect(SecretDetector.detect(input, chain: parsed.chain) == nil)
    }

    @Test func genericFormOnAnotherChainIsReencodedWithAWarning() throws {
        let parsed = try AddressRules.parse("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", chain: Self.chain("polkadot"))
        #expect(parsed.warnings == [
            "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY is in the generic Substrate format (SS58 prefix 42); "
                + "it is stored as 15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5, the same account in polkadot's own format (prefix 0)",
        ])
        #expect(try AddressRules.parse("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", chain: nil).warnings.isEmpty)
    }

    @Test func genericFormWithoutAChainAsksForOne() {
        let input = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"
        #expect(throws: AddressError.genericSubstrate(input)) { try AddressRules.parse(input, chain: nil) }
        // Given a chain of another family, the same question is the useful answer.
        #expect(throws: AddressError.genericSubstrate(input)) { try AddressRules.parse(input, chain: Self.chain("ethereum")) }
        let message = AddressError.genericSubstrate(input).description
        #expect(message.contains(input) && message.contains("polkadot, kusama, avail, peaq"))
    }

    @Test("an SS58 address of another network names both", arguments: [
        ("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F", "polkadot", "kusama"),
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", "kusama", "polkadot"),
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", "avail", "polkadot"),
        ("rtJTr5eursuiFBfbWhE281jk2xHeoLpaBzNs6eWa33FicWoJ9", "polkadot", "peaq"),
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5", "ethereum", "polkadot"),
        ("HNZata7iMYWmk5RvZRTiAsSDhV8366zq2YGb3tLH5Upf74F", "solana", "kusama"),
        // Other families given a Substrate chain.
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "polkadot", "ethereum"),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "polkadot", "bitcoin"),
        ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "kusama", "solana"),
        // peaq's EVM side is its own chain.
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "peaq", "peaq-evm"),
    ])
    func networkMismatch(input: String, given: String, detected: String) throws {
        let chain = try #require(Self.chain(given))
        #expect(throws: AddressError.chainMismatch(input, given: given, detected: detected)) {
            try AddressRules.parse(input, chain: chain)
        }
        let message = AddressError.chainMismatch(input, given: given, detected: detected).description
        #expect(message.contains(given) && message.contains(detected) && message.contains(input))
    }

    @Test func prefixOfNoKnownChain() throws {
        let two = "yGF4JP7q5AK46d1FPCEm9sYQ4KooSjHMpyVAjLnsCSWVafPnf"  // prefix 255
        let one = "cLtA6nCDyvwKcEHH4QkZDSHMhS9s78BvUJUsKUbUAn1Jc2SCF"   // prefix 65
        #expect(throws: AddressError.unknownSS58Prefix(two, prefix: 255)) { try AddressRules.parse(two, chain: nil) }
        #expect(throws: AddressError.unknownSS58Prefix(one, prefix: 65)) { try AddressRules.parse(one, chain: nil) }
        #expect(throws: AddressError.ss58PrefixMismatch(two, chain: "polkadot", expected: 0, found: 255)) {
            try AddressRules.parse(two, chain: Self.chain("polkadot"))
        }
        #expect(throws: AddressError.ss58PrefixMismatch(one, chain: "peaq", expected: 1221, found: 65)) {
            try AddressRules.parse(one, chain: Self.chain("peaq"))
        }
        let mismatch = AddressError.ss58PrefixMismatch(two, chain: "polkadot", expected: 0, found: 255).description
        #expect(mismatch.contains(two) && mismatch.contains("polkadot") && mismatch.contains("prefix 0") && mismatch.contains("prefix 255"))
        let unknown = AddressError.unknownSS58Prefix(two, prefix: 255).description
        #expect(unknown.contains(two) && unknown.contains("255") && unknown.contains("polkadot 0, kusama 2, avail 42, peaq 1221"))
    }

    /// (input, --chain or nil, what the message must say besides the input)
    static let invalid: [(String, String?, String)] = [
        // [pjs] checksum failures, with and without a chain.
        ("5GoKvZWG5ZPYL1WUovuHW3zJBWBP5eT8CbqjdRY4Q6iMa9cj", nil, "SS58 checksum"),
        ("5GoKvZWG5ZPYL1WUovuHW3zJBWBP5eT8CbqjdRY4Q6iMaDwU", "avail", "SS58 checksum"),
        // One character changed in a published Polkadot address.
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp6", nil, "SS58 checksum"),
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp6", "polkadot", "SS58 checksum"),
        // [pjs] wrong length (34 bytes), non-base58 characters.
        ("y9EMHt34JJo4rWLSaxoLGdYXvjgSXEd4zHUnQgfNzwES8b", "kusama", "34 bytes"),
        ("5EnxIUmEbw8DkENKiYuZ1DwQuMoB2UWEQJZZXrTsxoz7SpgG", "avail", "outside base58"),
        ("5EnxIUmEbw8DkENKiYuZ1DwQuMoB2UWEQJZZXrTsxoz7SpgG", nil, "not an address airledger recognises"),
        // A dropped character still decodes to 35 bytes here, so the checksum catches it.
        ("15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp", "polkadot", "SS58 checksum"),
        // 33-byte ECDSA keys and account indices are not wallets.
        ("KWCv1L3QX9LDPwY4VzvLmarEmXjVJidUzZcinvVnmxAJJCBou", "avail", "33-byte ECDSA public key"),
        ("KWCv1L3QX9LDPwY4VzvLmarEmXjVJidUzZcinvVnmxAJJCBou", nil, "33-byte ECDSA public key"),
        ("F7NZ", "avail", "account index"),
        ("g4b", nil, "account index"),
        ("848Gh2GcGaZia", "polkadot", "account index"),
    ]

    @Test("invalid SS58 addresses are refused, naming the value", arguments: invalid)
    func refusesInvalid(input: String, chainName: String?, mustSay: String) throws {
        let given = try chainName.map { try #require(Self.chain($0)) }
        do {
            let parsed = try AddressRules.parse(input, chain: given)
            Issue.record("accepted \(input) as \(parsed.chain.name) \(parsed.canonical)")
        } catch {
            if case .secret = error { Issue.record("\(input) was taken for a secret") }
            #expect(error.description.contains("'\(input)'"))
            #expect(error.description.contains(mustSay), "\(error.description)")
        }
    }

    // MARK: Secrets on Substrate chains

    /// [docs] the subkey example's phrase and secret seed: given where an address belongs, they are
    /// refused as secrets and never echoed.
    static let subkeyPhrase = "caution juice atom organ advance problem want pledge someone senior holiday very"
    static let subkeySeed = "0xc8fa03532fb22ee1f7f6908b9c02b4e72483f0dbd66e4cd456b8f34c6230b849"
    /// The shape of a Polkadot{.js} account backup (keyring `toJson`); the encrypted part is made up.
    static let polkadotJSBackup = """
        {"encoded":"bm90IGEgcmVhbCBrZXkgYnV0IHRoZSBzaGFwZSBvZiBvbmU=","encoding":{"content":["pkcs8","sr25519"],\
        "type":["scrypt","xsalsa20-poly1305"],"version":"3"},"address":"5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",\
        "meta":{"name":"farm"}}
        """

    @Test("secrets are refused on Substrate chains and never echoed", arguments: [
        (subkeyPhrase, "polkadot", SecretKind.mnemonic), (subkeyPhrase, nil, .mnemonic),
        (subkeySeed, "avail", .hexPrivateKey), (subkeySeed, nil, .hexPrivateKey), (String(subkeySeed.dropFirst(2)), "peaq", .hexPrivateKey),
        (polkadotJSBackup, nil, .keystoreJSON), (polkadotJSBackup, "kusama", .keystoreJSON),
    ] as [(String, String?, SecretKind)])
    func refusesSecrets(input: String, chainName: String?, kind: SecretKind) throws {
        let chain = try chainName.map { try #require(Self.chain($0)) }
        #expect(throws: AddressError.secret(kind)) { try AddressRules.parse(input, chain: chain) }
        let message = AddressError.secret(kind).description
        let chars = Array(input)
        for start in 0...(chars.count - 10) {
            #expect(!message.contains(String(chars[start..<(start + 10)])))
        }
    }

    // MARK: Transaction hashes

    @Test func extrinsicHashes() throws {
        let hash = "0x" + String(repeating: "aB", count: 32)
        #expect(try AddressRules.validateTxHash(hash, family: .substrate) == hash.lowercased())
        #expect(try AddressRules.validateTxHash(String(hash.dropFirst(2)), family: .substrate) == hash.lowercased())
        for bad in [String(hash.dropLast()), "14490804-2", "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY"] {
            #expect(throws: AddressError.self) { try AddressRules.validateTxHash(bad, family: .substrate) }
        }
    }
}

import Testing
@testable import LedgerCore

/// Every vector of address-vectors.md, valid and invalid, plus inference, mismatches and tx hashes.
@Suite("Address rules")
struct AddressRulesTests {
    static func chain(_ name: String) -> Chain? { Chains.named(name) }

    /// (input, --chain or nil, expected chain, expected canonical)
    static let valid: [(String, String?, String, String)] = [
        // §2.1 EVM: ERC-55 test cases (all caps, all lower, normal).
        ("0x52908400098527886E0F7030069857D2E4169EE7", nil, "ethereum", "0x52908400098527886e0f7030069857d2e4169ee7"),
        ("0x8617E340B3D01FA5F11F306F4090FD50E238070D", nil, "ethereum", "0x8617e340b3d01fa5f11f306f4090fd50e238070d"),
        ("0xde709f2102306220921060314715629080e2fb77", nil, "ethereum", "0xde709f2102306220921060314715629080e2fb77"),
        ("0x27b1fdb04752bbc536007a920d24acb045561c26", nil, "ethereum", "0x27b1fdb04752bbc536007a920d24acb045561c26"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", nil, "ethereum", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
        ("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", nil, "ethereum", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
        ("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", nil, "ethereum", "0xdbf03b407c01e7cd3cbea99509d93f8dddc8c6fb"),
        ("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", nil, "ethereum", "0xd1220a0cf47c7b9be7a2e6ba89f429762e7b9adb"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "arbitrum", "arbitrum", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"),
        ("  \"0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359\"\n", "base", "base", "0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359"),
        // §2.2 Solana.
        ("11111111111111111111111111111111", nil, "solana", "11111111111111111111111111111111"),
        ("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA", nil, "solana", "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"),
        ("So11111111111111111111111111111111111111112", nil, "solana", "So11111111111111111111111111111111111111112"),
        ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", nil, "solana", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"),
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", nil, "solana", "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN"),
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", "solana", "solana", "JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN"),
        ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "eclipse", "eclipse", "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v"),
        // §2.3 Bitcoin: Base58Check (key_io_valid.json) and computed testnet ones.
        ("1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo", nil, "bitcoin", "1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo"),
        ("36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm", nil, "bitcoin", "36j4NfKv6Akva9amjWrLG6MuSQym1GuEmm"),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", nil, "bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bitcoin", "bitcoin", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"),
        ("mfcHP2WMCVLsVZA8yrovmhMgxNFW9r98xw", nil, "bitcoin-testnet", "mfcHP2WMCVLsVZA8yrovmhMgxNFW9r98xw"),
        ("2MsLZ5FqqYpjM1Q1W4X81zMVZTF9gdbhVwd", "bitcoin-testnet", "bitcoin-testnet", "2MsLZ5FqqYpjM1Q1W4X81zMVZTF9gdbhVwd"),
        // §2.3 Bitcoin segwit (BIP-350 valid list).
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", nil, "bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bitcoin", "bitcoin", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", nil, "bitcoin-testnet",
         "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", nil, "bitcoin",
         "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
        ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", nil, "bitcoin", "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs"),
        // §2.4 Cosmos (payload 0x01..0x14; one 32-byte payload).
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", nil, "cosmos", "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu"),
        ("osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5helwsw", nil, "osmosis", "osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5helwsw"),
        ("kujira1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5w2wxtk", nil, "kujira", "kujira1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5w2wxtk"),
        ("celestia1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5wgawu3", nil, "celestia", "celestia1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5wgawu3"),
        ("dym1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5dlqcrj", nil, "dymension", "dym1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5dlqcrj"),
        // ZetaChain's Cosmos accounts (bech32_prefix "zeta": cosmos/chain-registry zetachain/chain.json).
        ("zeta1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5fxztuv", nil, "zetachain", "zeta1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5fxztuv"),
        ("inj1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc54tm65y", nil, "injective", "inj1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc54tm65y"),
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqqlvp8l", nil, "cosmos",
         "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqqlvp8l"),
        ("celestia1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5wgawu3", "celestia", "celestia", "celestia1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5wgawu3"),
        ("OSMO1QYPQXPQ9QCRSSZG2PVXQ6RS0ZQG3YYC5HELWSW", "osmosis", "osmosis", "osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5helwsw"),
        // §2.5 Starknet (chain must be given).
        ("0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf", "starknet", "starknet",
         "0x0000090591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf"),
        ("0x0000090591D9fA3EfC87067d95a643f8455E0b8190eb8Cb7bFd39e4fb7571fDF", "starknet", "starknet",
         "0x0000090591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf"),
        ("0x2", "starknet", "starknet", "0x0000000000000000000000000000000000000000000000000000000000000002"),
        ("0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeff", "starknet", "starknet",
         "0x07fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeff"),
        // §2.6 Move chains.
        ("0x1", "aptos", "aptos", "0x1"),
        ("0xA", "movement", "movement", "0xa"),
        ("0x0000000000000000000000000000000000000000000000000000000000000001", "aptos", "aptos", "0x1"),
        ("0xEEFF357E3C1A3E0E5B6F6A9E5C3D7B1A2F4E6D8C0B9A7F5E3D1C2B4A69788796", "aptos", "aptos",
         "0xeeff357e3c1a3e0e5b6f6a9e5c3d7b1a2f4e6d8c0b9a7f5e3d1c2b4a69788796"),
        ("0x0000000000000000000000000000000000000000000000000000000000000002", "sui", "sui",
         "0x0000000000000000000000000000000000000000000000000000000000000002"),
        ("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", "movement", "movement",
         "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"),
        // §2.7 Tron.
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", nil, "tron", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"),
        ("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb", nil, "tron", "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb"),
        ("TA4Y62o6YC2Zsck9rZVGTvqW1AQ7X9zTnj", "tron", "tron", "TA4Y62o6YC2Zsck9rZVGTvqW1AQ7X9zTnj"),
    ]

    @Test("valid addresses parse to the right chain and canonical form", arguments: valid)
    func parsesValid(input: String, chainName: String?, expectedChain: String, canonical: String) throws {
        let given = try chainName.map { try #require(Self.chain($0)) }
        let parsed = try AddressRules.parse(input, chain: given)
        #expect(parsed.chain.name == expectedChain)
        #expect(parsed.canonical == canonical)
        // Idempotent: the canonical form parses to itself.
        #expect(try AddressRules.parse(parsed.canonical, chain: parsed.chain).canonical == canonical)
        // No valid address is mistaken for a secret on its own chain.
        #expect(SecretDetector.detect(input, chain: parsed.chain) == nil)
    }

    /// (input, --chain or nil): each must throw (and never as a secret).
    static let invalid: [(String, String?)] = [
        // §2.1 EVM negatives.
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", nil),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "ethereum"),
        ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", "ethereum"),
        ("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "ethereum"),
        ("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", nil),
        ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg", "ethereum"),
        ("0X5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED", "ethereum"),
        // §2.2 Solana: 31 bytes; a character outside base58.
        ("1111111111111111111111111111111", "solana"),
        ("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt10", "solana"),
        // §2.3 Bitcoin base58: bad checksum; unknown version byte.
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", nil),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "bitcoin"),
        ("LKKHMBjCU89fyFNgSRprDoD8Jb25N8uWvd", "bitcoin"),
        // §2.3 BIP-350 invalid list, with and without --chain.
        ("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", nil),
        ("tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", "bitcoin"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", nil),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", "bitcoin"),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", nil),
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", "bitcoin"),
        ("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", nil),
        ("BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", "bitcoin"),
        ("bc1pw5dgrnzv", nil),
        ("bc1pw5dgrnzv", "bitcoin"),
        ("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", nil),
        ("BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", "bitcoin"),
        ("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", nil),
        ("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", "bitcoin-testnet"),
        ("bc1gmk9yu", nil),
        ("bc1gmk9yu", "bitcoin"),
        // BIP-173's pre-BIP-350 v1+ examples (Bech32-encoded) are invalid now.
        ("BC1SW50QA3JX3S", nil),
        ("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx", nil),
        // §2.4 Cosmos: bad checksum, mixed case, wrong prefix for the chain, unknown prefix.
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xv", nil),
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xv", "cosmos"),
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5LZV7XU", nil),
        ("osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5helwsw", "cosmos"),
        ("celestia1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5wgawu3", "dymension"),
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", "ethereum"),
        // §2.5 Starknet: 0, 1, the bound itself, the field prime, 65 hex, no 0x, non-hex.
        ("0x0", "starknet"),
        ("0x1", "starknet"),
        ("0x7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00", "starknet"),
        ("0x800000000000011000000000000000000000000000000000000000000000001", "starknet"),
        ("0x00000090591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf", "starknet"),
        ("90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf", "starknet"),
        ("0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdg", "starknet"),
        // Starknet/Move shapes without a chain: ask which.
        ("0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf", nil),
        ("0x1", nil),
        // §2.6 Move: 63 hex; short non-special form; Sui has no short form; 0x0 is not a wallet.
        ("0xeeff357e3c1a3e0e5b6f6a9e5c3d7b1a2f4e6d8c0b9a7f5e3d1c2b4a6978879", "aptos"),
        ("0x10", "aptos"),
        ("0x2", "sui"),
        ("0x0", "aptos"),
        ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "sui"),
        ("eeff357e3c1a3e0e5b6f6a9e5c3d7b1a2f4e6d8c0b9a7f5e3d1c2b4a69788796", "aptos"),
        // §2.7 Tron: bad checksum, 33 chars, a Bitcoin address.
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", nil),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "tron"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6", "tron"),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "tron"),
        // Nothing at all, or garbage.
        ("", nil),
        ("   ", "ethereum"),
        ("hello", nil),
        ("xpub6P1s2PuUdvzC5dmu6umhnfhoPe1W13VWAs3j7XKcnYewLWemVcHBYnFmTXaCQ1G4QYo5xrtZudhxWcv5kYDgJWTMEkJqgLwKuPEjUpE1RCF", nil),
        ("zpub72gPdjFJwJ59nEA8mdLxCqtojaJPtHUW166AgK7PYZQhSiHDzvcJnua3VwVNPpZuDq2hTp5gpxR4HC9DBw3htypYyRhgrAaJSqN2FyUyVKe", "bitcoin"),
    ]

    @Test("invalid addresses are refused with a message naming the value", arguments: invalid)
    func refusesInvalid(input: String, chainName: String?) throws {
        let given = try chainName.map { try #require(Self.chain($0)) }
        do {
            let parsed = try AddressRules.parse(input, chain: given)
            Issue.record("accepted \(input) as \(parsed.chain.name) \(parsed.canonical)")
        } catch {
            if case .secret = error { Issue.record("\(input) was taken for a secret: \(error)") }
            let trimmed = SecretDetector.trimmed(input)
            // Long values are shortened in messages; their start is always shown.
            if !trimmed.isEmpty { #expect(error.description.contains(trimmed.count > 100 ? String(trimmed.prefix(12)) : trimmed)) }
        }
    }

    // MARK: Specific errors

    @Test func badEIP55ChecksumSaysSo() {
        #expect(throws: AddressError.evmChecksum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")) {
            try AddressRules.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", chain: nil)
        }
        let message = AddressError.evmChecksum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD").description
        #expect(message.contains("EIP-55") && message.contains("lower case"))
    }

    @Test func bech32InsteadOfBech32mIsNamed() {
        #expect(throws: AddressError.wrongChecksumVariant(
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", witnessVersion: 0, expected: "Bech32", found: "Bech32m")
        ) { try AddressRules.parse("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", chain: nil) }
        #expect(throws: AddressError.wrongChecksumVariant(
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", witnessVersion: 1, expected: "Bech32m", found: "Bech32")
        ) { try AddressRules.parse("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", chain: nil) }
    }

    @Test func mixedCaseBech32IsNamed() {
        let input = "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq"
        #expect(throws: AddressError.mixedCase(input, chain: "bitcoin")) { try AddressRules.parse(input, chain: nil) }
    }

    @Test("an address of another chain names both chains", arguments: [
        ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "ethereum", "bitcoin"),
        ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "solana", "ethereum"),
        ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "bitcoin", "bitcoin-testnet"),
        ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "bitcoin-testnet", "bitcoin"),
        ("osmo1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5helwsw", "cosmos", "osmosis"),
        ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "solana", "tron"),
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN", "tron", "solana"),
        ("cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", "ethereum", "cosmos"),
    ])
    func chainMismatch(input: String, given: String, detected: String) throws {
        let chain = try #require(Self.chain(given))
        #expect(throws: AddressError.chainMismatch(input, given: given, detected: detected)) {
            try AddressRules.parse(input, chain: chain)
        }
        let message = AddressError.chainMismatch(input, given: given, detected: detected).description
        #expect(message.contains(given) && message.contains(detected) && message.contains(input))
    }

    @Test func cosmosValidatorAddressesAreRefusedWithAHint() throws {
        let payload = try #require(Bech32.convertBits((1...20).map { UInt8($0) }, from: 8, to: 5, pad: true))
        for hrp in ["cosmosvaloper", "cosmosvalcons", "osmovaloper"] {
            let address = Bech32.encode(hrp: hrp, data: payload, encoding: .bech32)
            #expect(throws: AddressError.self) { try AddressRules.parse(address, chain: nil) }
            do {
                _ = try AddressRules.parse(address, chain: nil)
            } catch {
                guard case .validatorAddress = error else { Issue.record("\(address): \(error)"); continue }
                #expect(error.description.contains("not a wallet"))
            }
        }
    }

    @Test func cosmosRejectsBech32mAndWrongPayloadLengths() throws {
        let twenty = try #require(Bech32.convertBits((1...20).map { UInt8($0) }, from: 8, to: 5, pad: true))
        // The documented vector really is this encoding of bytes 0x01..0x14.
        #expect(Bech32.encode(hrp: "cosmos", data: twenty, encoding: .bech32) == "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu")
        let bech32m = Bech32.encode(hrp: "cosmos", data: twenty, encoding: .bech32m)
        #expect(throws: AddressError.wrongChecksumVariant(bech32m, witnessVersion: nil, expected: "Bech32", found: "Bech32m")) {
            try AddressRules.parse(bech32m, chain: nil)
        }
        for count in [19, 21, 31, 33] {
            let data = try #require(Bech32.convertBits((1...count).map { UInt8($0) }, from: 8, to: 5, pad: true))
            let address = Bech32.encode(hrp: "celestia", data: data, encoding: .bech32)
            #expect(throws: AddressError.self) { try AddressRules.parse(address, chain: Self.chain("celestia")) }
        }
        let unknown = Bech32.encode(hrp: "foochain", data: twenty, encoding: .bech32)
        #expect(throws: AddressError.self) { try AddressRules.parse(unknown, chain: nil) }
        #expect(throws: AddressError.self) { try AddressRules.parse(unknown, chain: Self.chain("cosmos")) }
    }

    @Test func shortHexWithoutChainAsksForOne() {
        let input = "0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf"
        #expect(throws: AddressError.needsChain(input)) { try AddressRules.parse(input, chain: nil) }
        // The core's text names no flag (a ledger file has no --chain); the CLI words that fix.
        let message = AddressError.needsChain(input).description
        #expect(message.contains("Starknet, Aptos, Sui or Movement") && message.contains("say which chain") && !message.contains("--"))
    }

    // MARK: Warnings

    @Test func singleCaseEVMAddressWarnsThatNoChecksumWasChecked() throws {
        #expect(try AddressRules.parse("0xde709f2102306220921060314715629080e2fb77", chain: nil).warnings.count == 1)
        #expect(try AddressRules.parse("0x52908400098527886E0F7030069857D2E4169EE7", chain: nil).warnings.count == 1)
        #expect(try AddressRules.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", chain: nil).warnings.isEmpty)
    }

    @Test func keyLookalikesOnStarknetAndMoveWarn() throws {
        let move = try AddressRules.parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", chain: Self.chain("sui"))
        #expect(move.warnings.contains { $0.contains("private key") })
        let stark = try AddressRules.parse("0x01" + String(repeating: "ab", count: 31), chain: Self.chain("starknet"))
        #expect(stark.warnings.contains { $0.contains("private key") })
        #expect(try AddressRules.parse("0x1", chain: Self.chain("aptos")).warnings.isEmpty)
    }

    @Test func starknetChecksum() throws {
        // starknet.js getChecksumAddress docstring vector.
        #expect(AddressRules.starknetChecksum(paddedLowerHex: "0000090591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf")
            == "0x0000090591D9fA3EfC87067d95a643f8455E0b8190eb8Cb7bFd39e4fb7571fDF")
        // keccakBn('0xabc'): starknet keccak = Keccak-256 masked to 250 bits.
        var hash = Keccak256.hash([0x0A, 0xBC])
        hash[0] &= 0x03
        #expect(Hex.encode(hash) == "011cf08aac85935e32397f410e48217a127b6855d41b1e3877eb4179c0904b77")
        let starknet = try #require(Self.chain("starknet"))
        let good = try AddressRules.parse("0x0000090591D9fA3EfC87067d95a643f8455E0b8190eb8Cb7bFd39e4fb7571fDF", chain: starknet)
        #expect(good.warnings.allSatisfy { !$0.contains("checksum") })
        let flipped = try AddressRules.parse("0x0000090591d9fA3EfC87067d95a643f8455E0b8190eb8Cb7bFd39e4fb7571fDF", chain: starknet)
        #expect(flipped.warnings.contains { $0.contains("checksum") })
    }

    @Test func futureSegwitVersionWarns() throws {
        #expect(try AddressRules.parse("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", chain: nil).warnings.count == 1)
        #expect(try AddressRules.parse("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", chain: nil).warnings.isEmpty)
    }

    // MARK: Display

    @Test("EVM display is the EIP-55 form", arguments: [
        "0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ])
    func display(checksummed: String) {
        #expect(AddressRules.display(canonical: checksummed.lowercased(), family: .evm) == checksummed)
    }

    @Test func displayLeavesOtherFamiliesAlone() {
        #expect(AddressRules.display(canonical: "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", family: .bitcoin)
            == "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
        #expect(AddressRules.display(canonical: "0x1", family: .move) == "0x1")
        #expect(AddressRules.display(canonical: "not-an-address", family: .evm) == "not-an-address")
    }
}

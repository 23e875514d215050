import Testing
@testable import LedgerCore

/// Secrets pasted where an address belongs are refused, and never echoed (address-vectors.md §2.8).
@Suite("Secret detection")
struct SecretDetectorTests {
    static let hexKey = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
    static func words(_ word: String, _ count: Int, last: String) -> String {
        (Array(repeating: word, count: count - 1) + [last]).joined(separator: " ")
    }
    static let abandonAbout = words("abandon", 12, last: "about")
    static let solanaJSON = "[" + (0..<64).map { String(($0 * 37 + 11) % 256) }.joined(separator: ",") + "]"
    static let keystore = """
        {"address":"5aaeb6053f3e94c9b9a09f33669435e7ef1beaed","crypto":{"cipher":"aes-128-ctr",\
        "ciphertext":"d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c","kdf":"scrypt"},\
        "id":"3198bc9c-6672-5ab3-d995-4942343ae5b6","version":3}
        """

    /// (input, --chain or nil, expected kind)
    static let secrets: [(String, String?, SecretKind)] = [
        // 32-byte hex: refused on EVM/Bitcoin/Cosmos/Solana/Tron and with no chain.
        ("0x" + hexKey, "ethereum", .hexPrivateKey),
        ("0x" + hexKey, nil, .hexPrivateKey),
        (hexKey, nil, .hexPrivateKey),
        (hexKey.uppercased(), "arbitrum", .hexPrivateKey),
        ("0x" + hexKey, "bitcoin", .hexPrivateKey),
        (hexKey, "cosmos", .hexPrivateKey),
        ("0x" + hexKey, "solana", .hexPrivateKey),
        (hexKey, "tron", .hexPrivateKey),
        // On Starknet a 64-digit value not starting with 0 is above 2^251: never an address.
        ("0x" + hexKey, "starknet", .hexPrivateKey),
        ("  '0x\(hexKey)'  ", "base", .hexPrivateKey),
        // BIP-39 phrases: checksum-valid vectors, and abandon x12 (bad checksum) refused anyway.
        (abandonAbout, nil, .mnemonic),
        (abandonAbout, "ethereum", .mnemonic),
        (abandonAbout, "aptos", .mnemonic),
        (words("zoo", 12, last: "wrong"), nil, .mnemonic),
        ("legal winner thank year wave sausage worth useful legal winner thank yellow", nil, .mnemonic),
        (words("abandon", 24, last: "art"), "solana", .mnemonic),
        (words("abandon", 12, last: "abandon"), nil, .mnemonic),
        (words("abandon", 15, last: "ability"), nil, .mnemonic),
        (words("abandon", 18, last: "ability"), nil, .mnemonic),
        (words("abandon", 21, last: "ability"), nil, .mnemonic),
        (abandonAbout.uppercased(), nil, .mnemonic),
        (abandonAbout.replacingOccurrences(of: " ", with: "\n"), nil, .mnemonic),
        (abandonAbout.replacingOccurrences(of: " ", with: ", "), nil, .mnemonic),
        ("\"\(abandonAbout)\"", nil, .mnemonic),
        ((1...12).map { "\($0). \($0 == 12 ? "about" : "abandon")" }.joined(separator: " "), nil, .mnemonic),
        (words("aban", 12, last: "abou"), nil, .mnemonic),
        // Fragments: >= 8 tokens, >= 75 % BIP-39 words.
        ("abandon ability able about above absent absorb abstract", nil, .mnemonicFragment),
        ("abandon ability able about above absent xyzzy qwrtzx", nil, .mnemonicFragment),
        (words("abandon", 13, last: "about"), "ethereum", .mnemonicFragment),
        // WIF (key_io_valid.json isPrivkey) and computed testnet ones.
        ("5JuW2AMDYu4xVwRG9DZW18VbzQrGcd5RCgb99sS6ehJsNQXu5b9", nil, .wifPrivateKey),
        ("L5nJeqKmpHp4P7F8ZYyjwc5a7P4d8EabuGAzfGJk7yC1BJyzNaEd", "bitcoin", .wifPrivateKey),
        ("cMcfH8sRgBgDMfpBNG6H3haaxLkaYXgqMRef8Nev6tWyBSNr6c3n", "bitcoin-testnet", .wifPrivateKey),
        ("91bMubQfDW9tHTvHPwd5zhuvTavpvpHGwULQbJ98xFqvxsUsWbZ", nil, .wifPrivateKey),
        // A mistyped WIF is still a key.
        ("L5nJeqKmpHp4P7F8ZYyjwc5a7P4d8EabuGAzfGJk7yC1BJyzNaEe", nil, .wifPrivateKey),
        // BIP-32 extended private keys.
        ("xprvAA2WctNaoZRts9hRztEhRXm4qcB1bameoe88K8v1ED7xTiKcx4xvzywHcLRvJq7TzpM64QmeEsxVuBNHrsj8YesBijzTq28GyXMVikeYvxE", nil, .extendedPrivateKey),
        ("tprv8rhTQDgvCqFyTxvxfT6CbBP49jbDq6of9C3FBZLTiBcSFK4hwSJgWjJjXWbaKCVnNFss4WPQQEYJN2v2z655Mi8nFPCmVNrKtd6vAPjyFEm", "bitcoin-testnet", .extendedPrivateKey),
        ("zprvAoh3EDiR6vWrZk5ffbowqhx5BYTuUpkedsAZsvhmzDsiZux5TPJ4F7FZekM6JeRJp6ahZMxmACfbfkbRJGZA98EPTRPJzqmFWyUnVvnHeJ1", "bitcoin", .extendedPrivateKey),
        // Solana 64-byte secret key: base58 (bytes 1...64) and the CLI's JSON array.
        ("2Ana1pUpv2ZbMVkwF5FXapYeBEjdxDatLn7nvJkhgTSXbs59SyZSx866bXirPgj8QQVB57uxHJBG1YFvkRbFj4T", nil, .solanaSecretKey),
        ("2Ana1pUpv2ZbMVkwF5FXapYeBEjdxDatLn7nvJkhgTSXbs59SyZSx866bXirPgj8QQVB57uxHJBG1YFvkRbFj4T", "solana", .solanaSecretKey),
        (solanaJSON, nil, .solanaSecretKey),
        (solanaJSON.replacingOccurrences(of: ",", with: ", "), "solana", .solanaSecretKey),
        // Sui and Aptos key formats.
        ("suiprivkey1qzwant3kaegmjy4qxex93s0jzvemekkjmyv3r2sjwgnv2y479pgsywhveae", "sui", .suiPrivateKey),
        ("ed25519-priv-0x" + hexKey, "aptos", .aptosPrivateKey),
        ("secp256k1-priv-0x" + hexKey, nil, .aptosPrivateKey),
        // Web3 keystore JSON.
        (keystore, nil, .keystoreJSON),
        (keystore.replacingOccurrences(of: "\"crypto\"", with: "\"Crypto\""), "ethereum", .keystoreJSON),
    ]

    @Test("secrets are refused and never echoed", arguments: secrets)
    func refusesSecret(input: String, chainName: String?, kind: SecretKind) throws {
        let chain = try chainName.map { try #require(Chains.named($0)) }
        #expect(SecretDetector.detect(input, chain: chain) == kind)
        #expect(throws: AddressError.secret(kind)) { try AddressRules.parse(input, chain: chain) }

        let message = AddressError.secret(kind).description
        #expect(message.contains("secret") && message.contains("public address"))
        // No part of the input: no 10-character window of it appears in the message.
        let chars = Array(SecretDetector.trimmed(input))
        if chars.count >= 10 {
            for start in 0...(chars.count - 10) {
                let window = String(chars[start..<(start + 10)])
                #expect(!message.contains(window), "message repeats '\(window)'")
            }
        }
    }

    @Test("the brief's must-fail secrets")
    func mustFail() throws {
        let ethereum = try #require(Chains.named("ethereum"))
        #expect(throws: AddressError.secret(.hexPrivateKey)) {
            try AddressRules.parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318", chain: ethereum)
        }
        #expect(throws: AddressError.secret(.mnemonic)) { try AddressRules.parse(Self.abandonAbout, chain: nil) }
    }

    @Test func hexValueOnStarknetAndMoveIsAcceptedOnlyWithTheChainGiven() throws {
        let value = "0x05" + String(Self.hexKey.dropFirst(2))
        for name in ["starknet", "aptos", "sui", "movement"] {
            let chain = try #require(Chains.named(name))
            #expect(SecretDetector.detect(value, chain: chain) == nil)
            let parsed = try AddressRules.parse(value, chain: chain)
            #expect(parsed.canonical == value)
            #expect(!parsed.warnings.isEmpty)
        }
        #expect(throws: AddressError.secret(.hexPrivateKey)) { try AddressRules.parse(value, chain: nil) }
    }

    @Test("ordinary addresses are not taken for secrets", arguments: [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5z5tpwxqergd3c8g7rusqqlvp8l",
        "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t",
        "0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf",
        "xpub6P1s2PuUdvzC5dmu6umhnfhoPe1W13VWAs3j7XKcnYewLWemVcHBYnFmTXaCQ1G4QYo5xrtZudhxWcv5kYDgJWTMEkJqgLwKuPEjUpE1RCF",
        "my main wallet", "[1, 2, 3]", "",
    ])
    func notSecrets(input: String) {
        #expect(SecretDetector.detect(input, chain: nil) == nil)
    }

    @Test func bip39ListIsComplete() {
        #expect(SecretDetector.bip39Words.count == 2048)
        #expect(SecretDetector.bip39Words.contains("abandon") && SecretDetector.bip39Words.contains("zoo"))
        #expect(SecretDetector.bip39Prefixes.count == SecretDetector.bip39Words.filter { $0.count >= 4 }.count)
    }

    @Test func everyKindHasAMessageWithoutInput() {
        for kind in SecretKind.allCases {
            let message = AddressError.secret(kind).description
            #expect(message.contains(kind.description))
            #expect(message.contains("never") || message.contains("Never"))
        }
    }
}

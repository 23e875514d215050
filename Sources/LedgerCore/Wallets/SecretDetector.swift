import Foundation

/// The kinds of secret a user might paste where an address belongs. airledger never stores, prints or
/// echoes a secret: it only needs public addresses.
public enum SecretKind: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 32-byte hex (with or without 0x): a secp256k1/ed25519 private key (or a tx hash).
    case hexPrivateKey
    /// 12/15/18/21/24 BIP-39 words (checksum not required: a typo still leaves a secret).
    case mnemonic
    /// At least 8 words, three quarters of them BIP-39 words: part of a recovery phrase.
    case mnemonicFragment
    /// Bitcoin WIF private key (Base58Check version 0x80 / 0xef).
    case wifPrivateKey
    /// BIP-32 extended private key (xprv, tprv, yprv, zprv, ...).
    case extendedPrivateKey
    /// Solana 64-byte secret key (base58 or a JSON array of 64 numbers).
    case solanaSecretKey
    /// Sui private key (`suiprivkey1...`).
    case suiPrivateKey
    /// Aptos AIP-80 private key (`ed25519-priv-0x...`, `secp256k1-priv-0x...`).
    case aptosPrivateKey
    /// Encrypted keystore JSON: Web3 secret storage ("crypto" and "ciphertext") or a Polkadot{.js}
    /// account backup ("encoded" and "encoding").
    case keystoreJSON

    public var description: String {
        switch self {
        case .hexPrivateKey: "a 32-byte hex value (a private key, or a transaction hash)"
        case .mnemonic: "a BIP-39 recovery phrase (seed words)"
        case .mnemonicFragment: "part of a BIP-39 recovery phrase (seed words)"
        case .wifPrivateKey: "a Bitcoin WIF private key"
        case .extendedPrivateKey: "a BIP-32 extended private key (xprv/tprv/yprv/zprv)"
        case .solanaSecretKey: "a Solana secret key (64 bytes: base58 or a JSON array of numbers)"
        case .suiPrivateKey: "a Sui private key (Bech32 export from a Sui wallet)"
        case .aptosPrivateKey: "an Aptos private key (AIP-80 format)"
        case .keystoreJSON: "an encrypted wallet keystore file (Web3 secret storage or a Polkadot{.js} account backup JSON)"
        }
    }
}

/// Recognises secrets by shape (address-vectors.md §2.8), before any address parsing.
/// It errs on the side of refusing: a false alarm costs a retype, a stored secret costs the wallet.
public enum SecretDetector {
    /// The kind of secret `input` looks like, or nil. On Starknet and Move chains a 64-hex value is a
    /// valid address shape, so it is let through only when that chain was given explicitly (and, on
    /// Starknet, only when it starts with 0: a Starknet address is below 2^251).
    public static func detect(_ input: String, chain: Chain?) -> SecretKind? {
        let text = trimmed(input)
        guard !text.isEmpty else { return nil }
        let lower = text.lowercased()

        if lower.contains("ciphertext") && lower.contains("\"crypto\"") { return .keystoreJSON }
        if lower.contains("\"encoded\"") && lower.contains("\"encoding\"") { return .keystoreJSON }
        if isJSONArrayOf64Numbers(text) { return .solanaSecretKey }
        if lower.hasPrefix("suiprivkey") { return .suiPrivateKey }
        if lower.hasPrefix("ed25519-priv-") || lower.hasPrefix("secp256k1-priv-") { return .aptosPrivateKey }
        if let kind = mnemonicKind(text) { return kind }

        let hex = Hex.body(afterPrefixOf: text) ?? Substring(text)
        if hex.utf8.count == 64 && Hex.isHex(hex) {
            guard let chain, chain.addressLooksLikeKey else { return .hexPrivateKey }
            // A Starknet address is below 2^251, so written with 64 digits it starts with 0.
            if chain.family == .starknet && !hex.hasPrefix("0") { return .hexPrivateKey }
            return nil
        }

        guard Base58.isBase58(text) else { return nil }
        if isExtendedPrivateKey(text) { return .extendedPrivateKey }
        if isWIF(text) { return .wifPrivateKey }
        if text.utf8.count >= 80 && text.utf8.count <= 90, Base58.decode(text)?.count == 64 { return .solanaSecretKey }
        return nil
    }

    /// Whitespace, newlines and one layer of surrounding quotes (", ', `) removed.
    static func trimmed(_ input: String) -> String {
        var text = input.trimmingCharacters(in: .whitespacesAndNewlines)
        for quote in ["\"", "'", "`", "\u{201C}", "\u{2018}"] {
            let close = quote == "\u{201C}" ? "\u{201D}" : quote == "\u{2018}" ? "\u{2019}" : quote
            if text.count >= 2 && text.hasPrefix(quote) && text.hasSuffix(close) {
                text = String(text.dropFirst().dropLast()).trimmingCharacters(in: .whitespacesAndNewlines)
                break
            }
        }
        return text
    }

    // MARK: BIP-39

    /// The 2048 English words, built once.
    static let bip39Words: Set<String> = Set(
        Reference.bip39EnglishText.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    )

    /// First four letters of the words that have at least four (unique per BIP-39).
    static let bip39Prefixes: Set<String> = Set(bip39Words.filter { $0.count >= 4 }.map { String($0.prefix(4)) })

    static func isBIP39Word(_ token: String) -> Bool {
        bip39Words.contains(token) || (token.count >= 4 && bip39Prefixes.contains(String(token.prefix(4))))
    }

    private static func mnemonicKind(_ text: String) -> SecretKind? {
        // Only multi-word input can be a phrase; an address is one token.
        guard text.contains(where: { $0.isWhitespace || $0 == "," || $0 == ";" }) else { return nil }
        let normalized = text.decomposedStringWithCompatibilityMapping.lowercased()
        // Split on whitespace and list punctuation, trim numbering and quotes off each token
        // ("1. abandon", "\"ability\","), drop tokens that were only numbering.
        let tokens = normalized
            .split { $0.isWhitespace || $0 == "," || $0 == ";" }
            .map { $0.trimmingCharacters(in: CharacterSet.letters.inverted) }
            .filter { !$0.isEmpty }
        guard tokens.count >= 8 else { return nil }
        let words = tokens.filter(isBIP39Word).count
        if [12, 15, 18, 21, 24].contains(tokens.count) && words == tokens.count { return .mnemonic }
        if words * 4 >= tokens.count * 3 { return .mnemonicFragment }
        return nil
    }

    // MARK: Keys

    private static let extendedPrivatePrefixes = ["xprv", "tprv", "yprv", "zprv", "uprv", "vprv", "Yprv", "Zprv", "Uprv", "Vprv"]
    static let extendedPublicPrefixes = ["xpub", "tpub", "ypub", "zpub", "upub", "vpub", "Ypub", "Zpub", "Upub", "Vpub"]

    /// Extended keys are 111 characters; any address on a supported chain is at most 90.
    private static func isExtendedPrivateKey(_ text: String) -> Bool {
        text.utf8.count > 90 && extendedPrivatePrefixes.contains { text.hasPrefix($0) }
    }

    static func isExtendedPublicKey(_ text: String) -> Bool {
        text.utf8.count > 90 && extendedPublicPrefixes.contains { text.hasPrefix($0) }
    }

    /// WIF: Base58Check with version 0x80 (mainnet) or 0xef (testnet); 51 chars (uncompressed, starts
    /// 5 or 9) or 52 (compressed, starts K, L or c). A 51/52-char string of that shape is refused even
    /// when its checksum fails (a mistyped key is still a key): no address is that long in base58.
    private static func isWIF(_ text: String) -> Bool {
        let count = text.utf8.count
        guard count == 51 || count == 52 else { return false }
        if case .valid(let payload) = Base58.decodeCheck(text),
           let version = payload.first, version == 0x80 || version == 0xEF {
            return true
        }
        guard let first = text.first else { return false }
        return count == 51 ? "59".contains(first) : "KLc".contains(first)
    }

    /// `[12, 34, ...]` with exactly 64 integers 0...255 (the Solana CLI keypair file).
    private static func isJSONArrayOf64Numbers(_ text: String) -> Bool {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return false }
        let items = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
        guard items.count == 64 else { return false }
        return items.allSatisfy { item in
            let t = item.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let value = Int(t) else { return false }
            return (0...255).contains(value)
        }
    }
}

/// Wallet address rules per chain family (address-vectors.md): classify, validate, canonicalise.
///
/// Invariants:
/// - Secrets are looked for first, on the raw input, and are never echoed (SecretDetector).
/// - `canonical` is the one stored form per address: EVM lower case, bech32 lower case, Starknet
///   zero-padded to 64 hex, Move lower case; base58 forms (Bitcoin legacy, Solana, Tron) as written.
/// - Pure: no I/O, no clock, no printing.
public struct ParsedAddress: Sendable, Hashable {
    public let chain: Chain
    /// Canonical stored form (EVM lower case, Starknet zero-padded to 64 hex, ...).
    public let canonical: String
    /// Warnings worth telling the user (e.g. an all-lower-case EVM address has no checksum to verify).
    public let warnings: [String]

    public init(chain: Chain, canonical: String, warnings: [String] = []) {
        self.chain = chain
        self.canonical = canonical
        self.warnings = warnings
    }
}

public enum AddressRules {
    /// Classifies and validates a wallet address. Secrets are checked first, on the raw input, and
    /// throw `AddressError.secret(kind)`, whose description never contains the input.
    ///
    /// With `chain == nil` the chain is inferred (address-vectors.md §2.9): 0x + 40 hex is Ethereum;
    /// bc1/tb1/1/3 Bitcoin (tb1/m/n/2 bitcoin-testnet); bech32 with a known Cosmos prefix that chain;
    /// T + Base58Check 0x41 Tron; base58 of 32 bytes Solana; SS58 the chain of its prefix (the
    /// generic prefix 42 asks for the chain); other 0x + 1..64 hex asks for the chain.
    /// With a chain given, that family's rules apply, and an address of another chain is an error
    /// naming both.
    public static func parse(_ input: String, chain: Chain?) throws(AddressError) -> ParsedAddress {
        if let kind = SecretDetector.detect(input, chain: chain) { throw .secret(kind) }
        let text = SecretDetector.trimmed(input)
        guard !text.isEmpty else { throw .empty }
        if SecretDetector.isExtendedPublicKey(text) { throw .extendedPublicKey(text) }
        guard let chain else { return try infer(text) }
        do {
            return try parse(text, on: chain)
        } catch {
            if case .chainMismatch = error { throw error }
            switch inferred(text) {
            case .success(let other) where other.chain != chain:
                throw .chainMismatch(text, given: chain.name, detected: other.chain.name)
            case .failure(.genericSubstrate) where chain.family != .substrate:
                throw .genericSubstrate(text)
            default:
                throw error
            }
        }
    }

    private static func inferred(_ text: String) -> Result<ParsedAddress, AddressError> {
        do { return .success(try infer(text)) } catch { return .failure(error) }
    }

    /// Display form: EVM addresses EIP-55 checksummed ("0x5aAe..."); others unchanged.
    public static func display(canonical: String, family: ChainFamily) -> String {
        guard family == .evm, let hex = Hex.body(afterPrefixOf: canonical), hex.utf8.count == 40, Hex.isHex(hex)
        else { return canonical }
        return eip55(lowerHex: hex.lowercased())
    }

    // MARK: Inference

    private static func infer(_ text: String) throws(AddressError) -> ParsedAddress {
        if let hex = Hex.body(afterPrefixOf: text) {
            if hex.utf8.count == 40 { return try parseEVM(text, chain: registry("ethereum")) }
            if (1...64).contains(hex.utf8.count) && Hex.isHex(hex) { throw .needsChain(text) }
            throw .unrecognized(text)
        }
        let lower = text.lowercased()
        if lower.hasPrefix("bc1") || lower.hasPrefix("tb1") || lower.hasPrefix("bcrt1") {
            return try parseBitcoin(text, chain: nil)
        }
        if let separator = lower.lastIndex(of: "1") {
            let hrp = String(lower[..<separator])
            if cosmosChain(prefix: hrp) != nil || validatorKind(prefix: hrp) != nil {
                return try parseCosmos(text, chain: nil)
            }
        }
        if Base58.isBase58(text), let bytes = Base58.decode(text) {
            if bytes.count == 25, let first = text.first {
                if "13mn2".contains(first) { return try parseBitcoin(text, chain: nil) }
                if first == "T" { return try parseTron(text, chain: registry("tron")) }
            }
            if bytes.count == 32 { return try parseSolana(text, chain: registry("solana")) }
            if looksLikeSS58(bytes: bytes, text: text) { return try parseSubstrate(text, chain: nil) }
        }
        throw .unrecognized(text)
    }

    private static func parse(_ text: String, on chain: Chain) throws(AddressError) -> ParsedAddress {
        switch chain.family {
        case .evm: try parseEVM(text, chain: chain)
        case .bitcoin: try parseBitcoin(text, chain: chain)
        case .cosmos: try parseCosmos(text, chain: chain)
        case .solana: try parseSolana(text, chain: chain)
        case .starknet: try parseStarknet(text, chain: chain)
        case .move: try parseMove(text, chain: chain)
        case .tron: try parseTron(text, chain: chain)
        case .substrate: try parseSubstrate(text, chain: chain)
        }
    }

    /// A registry chain by name; falls back to a bare value so a renamed registry entry cannot crash.
    private static func registry(_ name: String) -> Chain {
        Chains.named(name) ?? Chain(name, fallbackFamily(name))
    }

    private static func fallbackFamily(_ name: String) -> ChainFamily {
        switch name {
        case "bitcoin", "bitcoin-testnet": .bitcoin
        case "solana": .solana
        case "tron": .tron
        default: .evm
        }
    }

    private static func cosmosChain(prefix: String) -> Chain? {
        guard let chain = Chains.withBech32Prefix(prefix), chain.family == .cosmos else { return nil }
        return chain
    }

    private static func validatorKind(prefix: String) -> String? {
        if prefix.hasSuffix("valoper") { return "validator operator" }
        if prefix.hasSuffix("valcons") { return "validator consensus" }
        return nil
    }

    // MARK: EVM

    private static func parseEVM(_ text: String, chain: Chain) throws(AddressError) -> ParsedAddress {
        let expected = "an EVM address is 0x followed by exactly 40 hex digits"
        guard text.hasPrefix("0x") else {
            throw .malformed(text, chain: chain.name, problem: "it does not start with 0x", expected: expected)
        }
        let hex = text.dropFirst(2)
        guard hex.utf8.count == 40 else {
            throw .malformed(text, chain: chain.name, problem: "it has \(hex.utf8.count) characters after 0x", expected: expected)
        }
        guard Hex.isHex(hex) else {
            throw .malformed(text, chain: chain.name, problem: "it contains a character that is not hex (0-9, a-f)", expected: expected)
        }
        let lower = hex.lowercased()
        var warnings: [String] = []
        let hasLetters = hex.contains { $0.isLetter }
        if hex == lower || hex == hex.uppercased() {
            if hasLetters {
                warnings.append("\(text) is written in a single case, so it carries no EIP-55 checksum and a typo could not be detected: compare it with your wallet")
            }
        } else if eip55(lowerHex: lower) != "0x" + hex {
            throw .evmChecksum(text)
        }
        return ParsedAddress(chain: chain, canonical: "0x" + lower, warnings: warnings)
    }

    /// EIP-55: hex letter i is upper case when nibble i of keccak256(ascii(lowercase hex)) is >= 8.
    static func eip55(lowerHex: String) -> String {
        let ascii = Array(lowerHex.utf8)
        let hash = Keccak256.hash(ascii)
        var out: [UInt8] = Array("0x".utf8)
        for (i, c) in ascii.enumerated() {
            let nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0F
            out.append(c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f") && nibble >= 8 ? c - 32 : c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Bitcoin

    /// `chain == nil`: the network follows the address (bc -> bitcoin, tb/bcrt -> bitcoin-testnet).
    private static func parseBitcoin(_ text: String, chain given: Chain?) throws(AddressError) -> ParsedAddress {
        let name = given?.name ?? "bitcoin"
        let lower = text.lowercased()
        if lower.hasPrefix("bc1") || lower.hasPrefix("tb1") || lower.hasPrefix("bcrt1") {
            return try parseSegwit(text, given: given)
        }
        let expected = "a legacy Bitcoin address is Base58Check: 1... or 3... on mainnet, m..., n... or 2... on testnet"
        let payload: [UInt8]
        switch Base58.decodeCheck(text) {
        case .notBase58:
            if text.contains("1") {
                return try parseSegwit(text, given: given)
            }
            throw .malformed(text, chain: name, problem: "it contains characters outside base58 (0, O, I and l never occur)", expected: expected)
        case .tooShort:
            throw .malformed(text, chain: name, problem: "it is too short", expected: expected)
        case .badChecksum(let bytes):
            guard bytes.count == 21 else {
                throw .malformed(text, chain: name, problem: "it decodes to \(bytes.count + 4) bytes, not 25", expected: expected)
            }
            throw .checksumMismatch(text, chain: name, encoding: "Base58Check")
        case .valid(let bytes):
            payload = bytes
        }
        guard payload.count == 21 else {
            throw .malformed(text, chain: name, problem: "it decodes to \(payload.count + 4) bytes, not 25", expected: expected)
        }
        let testnet: Bool
        switch payload[0] {
        case 0x00, 0x05: testnet = false
        case 0x6F, 0xC4: testnet = true
        default:
            throw .malformed(text, chain: name, problem: "its version byte 0x\(Hex.encode([payload[0]])) is not a Bitcoin address version", expected: expected)
        }
        return ParsedAddress(chain: try bitcoinChain(text, testnet: testnet, given: given), canonical: text)
    }

    private static func bitcoinChain(_ text: String, testnet: Bool, given: Chain?) throws(AddressError) -> Chain {
        let actual = registry(testnet ? "bitcoin-testnet" : "bitcoin")
        if let given, given != actual {
            throw .chainMismatch(text, given: given.name, detected: actual.name)
        }
        return actual
    }

    /// BIP-173 / BIP-350 segwit addresses.
    private static func parseSegwit(_ text: String, given: Chain?) throws(AddressError) -> ParsedAddress {
        let name = given?.name ?? "bitcoin"
        let expected = "a segwit address is bc1... (mainnet) or tb1... (testnet), in one case, at most 90 characters"
        let decoded = try decodeBech32(text, chain: name, limit: 90, expected: expected)
        let testnet: Bool
        switch decoded.hrp {
        case "bc": testnet = false
        case "tb", "bcrt": testnet = true
        default:
            throw .malformed(text, chain: name, problem: "its network prefix '\(decoded.hrp)' is not bc, tb or bcrt", expected: expected)
        }
        guard let version = decoded.data.first else {
            throw .malformed(text, chain: name, problem: "its data section is empty (no witness version or program)", expected: expected)
        }
        guard version <= 16 else {
            throw .malformed(text, chain: name, problem: "its witness version \(version) is not 0 to 16", expected: expected)
        }
        guard let program = Bech32.convertBits(Array(decoded.data.dropFirst()), from: 5, to: 8, pad: false) else {
            throw .malformed(text, chain: name, problem: "its witness program has invalid padding", expected: expected)
        }
        guard (2...40).contains(program.count) else {
            throw .malformed(text, chain: name, problem: "its witness program is \(program.count) bytes, not 2 to 40", expected: expected)
        }
        if version == 0 && program.count != 20 && program.count != 32 {
            throw .malformed(text, chain: name, problem: "its version 0 witness program is \(program.count) bytes, not 20 or 32", expected: expected)
        }
        let required: Bech32.Encoding = version == 0 ? .bech32 : .bech32m
        guard decoded.encoding == required else {
            throw .wrongChecksumVariant(text, witnessVersion: Int(version), expected: required.description, found: decoded.encoding.description)
        }
        var warnings: [String] = []
        if version >= 2 {
            warnings.append("\(text.lowercased()) uses segwit version \(version), which no wallet uses yet: funds sent there may be lost; check the address")
        }
        let chain = try bitcoinChain(text, testnet: testnet, given: given)
        return ParsedAddress(chain: chain, canonical: text.lowercased(), warnings: warnings)
    }

    private static func decodeBech32(_ text: String, chain: String, limit: Int, expected: String) throws(AddressError) -> Bech32.Decoded {
        do {
            return try Bech32.decode(text, limit: limit)
        } catch {
            switch error {
            case .mixedCase: throw .mixedCase(text, chain: chain)
            case .badChecksum: throw .checksumMismatch(text, chain: chain, encoding: "Bech32")
            case .tooLong(let limit):
                throw .malformed(text, chain: chain, problem: "it is \(text.utf8.count) characters, more than \(limit)", expected: expected)
            case .invalidCharacter:
                throw .malformed(text, chain: chain, problem: "it contains a character outside the bech32 set (b, i, o and the digit 1 never occur after the separator)", expected: expected)
            case .noSeparator:
                throw .malformed(text, chain: chain, problem: "it has no '1' separator after the prefix", expected: expected)
            case .emptyHRP:
                throw .malformed(text, chain: chain, problem: "it has no prefix before the '1' separator", expected: expected)
            case .dataTooShort:
                throw .malformed(text, chain: chain, problem: "its data part is shorter than the 6-character checksum", expected: expected)
            }
        }
    }

    // MARK: Cosmos

    private static func parseCosmos(_ text: String, chain given: Chain?) throws(AddressError) -> ParsedAddress {
        let name = given?.name ?? "cosmos"
        let prefixText = given?.bech32Prefix.map { "\($0)1..." } ?? "<chain prefix>1..."
        let expected = "a Cosmos account address is \(prefixText) in bech32, carrying 20 bytes (32 for module or contract accounts)"
        let decoded = try decodeBech32(text, chain: name, limit: 120, expected: expected)
        if let kind = validatorKind(prefix: decoded.hrp) {
            throw .validatorAddress(text, kind: kind)
        }
        guard decoded.encoding == .bech32 else {
            throw .wrongChecksumVariant(text, witnessVersion: nil, expected: "Bech32", found: "Bech32m")
        }
        guard let payload = Bech32.convertBits(decoded.data, from: 5, to: 8, pad: false),
              payload.count == 20 || payload.count == 32 else {
            throw .malformed(text, chain: name, problem: "it does not carry 20 or 32 bytes", expected: expected)
        }
        let chain: Chain
        if let given {
            guard let prefix = given.bech32Prefix, decoded.hrp == prefix else {
                if let other = cosmosChain(prefix: decoded.hrp) {
                    throw .chainMismatch(text, given: given.name, detected: other.name)
                }
                throw .wrongPrefix(text, chain: given.name, expected: given.bech32Prefix ?? "?", found: decoded.hrp)
            }
            chain = given
        } else {
            guard let known = cosmosChain(prefix: decoded.hrp) else { throw .unknownPrefix(text, prefix: decoded.hrp) }
            chain = known
        }
        return ParsedAddress(chain: chain, canonical: text.lowercased())
    }

    // MARK: Solana

    private static func parseSolana(_ text: String, chain: Chain) throws(AddressError) -> ParsedAddress {
        let expected = "a Solana address is the base58 form of a 32-byte public key (32 to 44 characters)"
        guard Base58.isBase58(text), let bytes = Base58.decode(text) else {
            throw .malformed(text, chain: chain.name, problem: "it contains characters outside base58 (0, O, I and l never occur)", expected: expected)
        }
        guard bytes.count == 32 else {
            throw .malformed(text, chain: chain.name, problem: "it decodes to \(bytes.count) bytes, not 32", expected: expected)
        }
        return ParsedAddress(chain: chain, canonical: text)
    }

    // MARK: Starknet

    /// 2^251 - 256, zero-padded to 64 hex digits: addresses must be below it (starknet.js ADDR_BOUND).
    static let starknetBound = "07" + String(repeating: "f", count: 60) + "00"

    private static func parseStarknet(_ text: String, chain: Chain) throws(AddressError) -> ParsedAddress {
        let expected = "a Starknet address is 0x followed by 1 to 64 hex digits"
        guard let hex = Hex.body(afterPrefixOf: text) else {
            throw .malformed(text, chain: chain.name, problem: "it does not start with 0x", expected: expected)
        }
        guard (1...64).contains(hex.utf8.count) else {
            throw .malformed(text, chain: chain.name, problem: "it has \(hex.utf8.count) characters after 0x", expected: expected)
        }
        guard Hex.isHex(hex) else {
            throw .malformed(text, chain: chain.name, problem: "it contains a character that is not hex (0-9, a-f)", expected: expected)
        }
        let padded = String(repeating: "0", count: 64 - hex.utf8.count) + hex.lowercased()
        // Equal-length lower-case hex compares like the numbers it spells.
        guard padded < starknetBound else {
            throw .outOfRange(text, chain: chain.name, rule: "a Starknet address must be below 2^251 - 256 (0x7ff...f00)")
        }
        guard padded > String(repeating: "0", count: 63) + "1" else {
            throw .outOfRange(text, chain: chain.name, rule: "a Starknet address must be at least 0x2")
        }
        var warnings: [String] = []
        let mixedCase = hex.contains { $0.isLowercase } && hex.contains { $0.isUppercase }
        if mixedCase && starknetChecksum(paddedLowerHex: padded).dropFirst(2) != (String(repeating: "0", count: 64 - hex.utf8.count) + hex) {
            warnings.append("\(text)'s upper/lower case pattern does not match the Starknet (starknet.js) checksum: compare it with your wallet, a character may be wrong")
        }
        if hex.utf8.count == 40 {
            warnings.append("0x\(hex.lowercased()) has 40 hex digits, the shape of an EVM address: make sure it is your Starknet account address")
        }
        if hex.utf8.count == 64 {
            warnings.append(keyLookalikeWarning)
        }
        return ParsedAddress(chain: chain, canonical: "0x" + padded, warnings: warnings)
    }

    /// starknet.js `getChecksumAddress`: hash = starknet keccak (Keccak-256 masked to 250 bits) of the
    /// address's minimal big-endian bytes; hex char i is upper case when the matching hash nibble is >= 8.
    static func starknetChecksum(paddedLowerHex: String) -> String {
        var minimal = String(paddedLowerHex.drop { $0 == "0" })
        if minimal.isEmpty { minimal = "0" }
        if minimal.utf8.count % 2 == 1 { minimal = "0" + minimal }
        var hash = Keccak256.hash(Hex.decode(minimal) ?? [])
        hash[0] &= 0x03
        var out: [UInt8] = Array("0x".utf8)
        for (i, c) in paddedLowerHex.utf8.enumerated() {
            let nibble = i % 2 == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0x0F
            out.append(c >= UInt8(ascii: "a") && c <= UInt8(ascii: "f") && nibble >= 8 ? c - 32 : c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let keyLookalikeWarning =
        "a 64-hex-digit value looks exactly like a private key: make sure this is the address shown on your wallet's receive screen, never a key"

    // MARK: Move (Aptos, Sui, Movement)

    private static func parseMove(_ text: String, chain: Chain) throws(AddressError) -> ParsedAddress {
        let aptosLike = chain.name != "sui"
        let expected = aptosLike
            ? "a \(chain.name) address is 0x followed by exactly 64 hex digits (special addresses 0x1 to 0xf may be short)"
            : "a Sui address is 0x followed by exactly 64 hex digits"
        guard let hex = Hex.body(afterPrefixOf: text) else {
            throw .malformed(text, chain: chain.name, problem: "it does not start with 0x", expected: expected)
        }
        guard Hex.isHex(hex) else {
            throw .malformed(text, chain: chain.name, problem: "it contains a character that is not hex (0-9, a-f)", expected: expected)
        }
        let lower = hex.lowercased()
        if aptosLike && hex.utf8.count == 1 && lower != "0" {
            return ParsedAddress(chain: chain, canonical: "0x" + lower)
        }
        guard hex.utf8.count == 64 else {
            throw .malformed(text, chain: chain.name, problem: "it has \(hex.utf8.count) hex digits after 0x", expected: expected)
        }
        let special = aptosLike && lower.hasPrefix(String(repeating: "0", count: 63)) && !lower.hasSuffix("0")
        if special { return ParsedAddress(chain: chain, canonical: "0x" + String(lower.suffix(1))) }
        return ParsedAddress(chain: chain, canonical: "0x" + lower, warnings: [keyLookalikeWarning])
    }

    // MARK: Tron

    private static func parseTron(_ text: String, chain: Chain) throws(AddressError) -> ParsedAddress {
        let expected = "a Tron address is 34 base58 characters starting with T"
        guard text.utf8.count == 34, text.hasPrefix("T") else {
            throw .malformed(text, chain: chain.name, problem: "it is \(text.utf8.count) characters\(text.hasPrefix("T") ? "" : " and does not start with T")", expected: expected)
        }
        switch Base58.decodeCheck(text) {
        case .notBase58, .tooShort:
            throw .malformed(text, chain: chain.name, problem: "it contains characters outside base58 (0, O, I and l never occur)", expected: expected)
        case .badChecksum(let payload):
            guard payload.count == 21 else {
                throw .malformed(text, chain: chain.name, problem: "it decodes to \(payload.count + 4) bytes, not 25", expected: expected)
            }
            throw .checksumMismatch(text, chain: chain.name, encoding: "Base58Check")
        case .valid(let payload):
            guard payload.count == 21, payload[0] == 0x41 else {
                throw .malformed(text, chain: chain.name, problem: "it does not decode to 0x41 followed by 20 bytes", expected: expected)
            }
            return ParsedAddress(chain: chain, canonical: text)
        }
    }
}

import Testing
@testable import LedgerCore

/// Keccak-256 (original padding 0x01) and the other codecs behind address checksums.
@Suite("Hash and encoding primitives")
struct KeccakTests {
    static let keccakVectors: [(String, String)] = [
        ("", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
        ("abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
        ("Hello, World!", "acaf3289d7b601cbd114fb36c4d29c85bbfd5e133f14cb355c3fd8d99367964f"),
        ("Transfer(address,address,uint256)", "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"),
        ("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "d385650ce8fdc6db7ee3a091d34814dbc4ce18219ffae52182efff4034d707e5"),
        // Multi-block and block-boundary messages; expected values verified with pycryptodome
        // (Crypto.Hash.keccak, digest_bits=256).
        (String(repeating: "a", count: 135), "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"),
        (String(repeating: "a", count: 136), "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"),
        (String(repeating: "a", count: 200), "96ea54061def936c4be90b518992fdc6f12f535068a256229aca54267b4d084d"),
    ]

    @Test("Keccak-256 vectors", arguments: keccakVectors)
    func keccak(message: String, expected: String) {
        #expect(Hex.encode(Keccak256.hash(Array(message.utf8))) == expected)
        #expect(Keccak256.hash(message) == Keccak256.hash(Array(message.utf8)))
    }

    @Test func keccakOfBinaryLongerThanTwoBlocks() {
        // bytes 0...255 then 16 zero bytes (272 bytes = exactly two blocks); verified with pycryptodome.
        let message = (0...255).map { UInt8($0) } + [UInt8](repeating: 0, count: 16)
        #expect(Hex.encode(Keccak256.hash(message)) == "e3f6eabf688aa8c73c485d3daa5801a32e0a2b7099b8a65d65bcbc860e8c5ed8")
    }

    @Test func functionSelector() {
        #expect(Hex.encode(Array(Keccak256.hash("transfer(address,uint256)").prefix(4))) == "a9059cbb")
    }

    @Test func isNotNISTSHA3() {
        #expect(Hex.encode(Keccak256.hash([])) != "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func sha256(message: String, expected: String) {
        #expect(Hex.encode(SHA256.hash(Array(message.utf8))) == expected)
    }

    /// bitcoin/bitcoin src/test/data/base58_encode_decode.json
    @Test("Base58 raw vectors", arguments: [
        ("", ""), ("61", "2g"), ("626262", "a3gV"),
        ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
        ("00000000000000000000", "1111111111"), ("271f359e", "zzzzy"), ("271f35a0", "211111"),
    ])
    func base58(hex: String, encoded: String) {
        let bytes = Hex.decode(hex) ?? [0xFF]
        #expect(Base58.encode(bytes) == encoded)
        if !encoded.isEmpty { #expect(Base58.decode(encoded) == bytes) }
    }

    @Test func base58RejectsCharactersOutsideTheAlphabet() {
        for bad in ["0", "O", "I", "l", "abc!", "ä"] { #expect(Base58.decode(bad) == nil) }
    }

    @Test func base58CheckReadsBitcoinPayload() {
        #expect(Base58.decodeCheck("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
            == .valid(payload: Hex.decode("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18") ?? []))
        #expect(Base58.encodeCheck(Hex.decode("0062e907b15cbf27d5425399ebf6f0fb50ebb88f18") ?? [])
            == "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")
    }

    @Test("Bech32 generic valid strings (BIP-173/350)", arguments: [
        ("A12UEL5L", false), ("a12uel5l", false), ("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", false),
        ("A1LQFN3A", true), ("a1lqfn3a", true), ("abcdef1l7aum6echk45nj3s0wdvt2fg8x9yrzpqzd3ryx", true),
    ])
    func bech32Valid(text: String, isBech32m: Bool) throws {
        let decoded = try Bech32.decode(text)
        #expect(decoded.encoding == (isBech32m ? .bech32m : .bech32))
        #expect(Bech32.encode(hrp: decoded.hrp, data: decoded.data, encoding: decoded.encoding) == text.lowercased())
    }

    /// Segwit vectors: the decoded witness program must give the scriptPubKey listed in BIP-350.
    @Test("Segwit programs (BIP-350)", arguments: [
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "0014751e76e8199196d454941c45d1b3a323f1433bd6"),
        ("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262"),
        ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
        ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", "5210751e76e8199196d454941c45d1b3a323"),
    ])
    func segwitProgram(address: String, scriptPubKey: String) throws {
        let decoded = try Bech32.decode(address)
        let version = try #require(decoded.data.first)
        let program = try #require(Bech32.convertBits(Array(decoded.data.dropFirst()), from: 5, to: 8, pad: false))
        let opcode: UInt8 = version == 0 ? 0 : 0x50 + version
        #expect(Hex.encode([opcode, UInt8(program.count)] + program) == scriptPubKey)
    }

    @Test func bech32Failures() {
        #expect(throws: Bech32.Failure.mixedCase) { try Bech32.decode("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq") }
        #expect(throws: Bech32.Failure.badChecksum) { try Bech32.decode("a12uel5m") }
        #expect(throws: Bech32.Failure.noSeparator) { try Bech32.decode("pzry9x0s0muk") }
        #expect(throws: Bech32.Failure.emptyHRP) { try Bech32.decode("1pzry9x0s0muk") }
        #expect(throws: Bech32.Failure.dataTooShort) { try Bech32.decode("a1lqfn3") }
        #expect(throws: Bech32.Failure.tooLong(limit: 90)) {
            try Bech32.decode("an84characterslonghumanreadablepartthatcontainsthetheexcludedcharactersbioandnumber11sg7hg6")
        }
    }
}

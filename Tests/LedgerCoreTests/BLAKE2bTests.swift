import Testing
@testable import LedgerCore

/// BLAKE2b (RFC 7693), the hash behind SS58 checksums.
@Suite("BLAKE2b")
struct BLAKE2bTests {
    /// (message, BLAKE2b-512 hex)
    static let vectors: [([UInt8], String)] = [
        // RFC 7693 Appendix A: BLAKE2b-512("abc").
        (Array("abc".utf8),
         "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"),
        // https://en.wikipedia.org/wiki/BLAKE_(hash_function), "Example digests" of BLAKE2b-512.
        ([],
         "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce"),
        (Array("The quick brown fox jumps over the lazy dog".utf8),
         "a8add4bdddfd93e4877d2746e62817b116364a1fa7bc148d95090bc7333b3673f82401cf7aa2e4cb1ecd90296e3f14cb5413f8ed77be73045b13914cdcd6a918"),
        // Block boundaries (bytes 0, 1, 2, ... of these lengths): exactly one block, one byte more,
        // and one byte short of two. Expected values from Python's hashlib.blake2b (an independent
        // implementation, the reference C code).
        (Array((0..<128).map { UInt8($0) }),
         "2319e3789c47e2daa5fe807f61bec2a1a6537fa03f19ff32e87eecbfd64b7e0e8ccff439ac333b040f19b0c4ddd11a61e24ac1fe0f10a039806c5dcc0da3d115"),
        (Array((0..<129).map { UInt8($0) }),
         "f59711d44a031d5f97a9413c065d1e614c417ede998590325f49bad2fd444d3e4418be19aec4e11449ac1a57207898bc57d76a1bcf3566292c20c683a5c4648f"),
        (Array((0..<255).map { UInt8($0) }),
         "5b21c5fd8868367612474fa2e70e9cfa2201ffeee8fafab5797ad58fefa17c9b5b107da4a3db6320baaf2c8617d5a51df914ae88da3867c2d41f0cc14fa67928"),
    ]

    @Test("BLAKE2b-512 vectors", arguments: vectors)
    func blake2b512(message: [UInt8], expected: String) {
        #expect(Hex.encode(BLAKE2b.hash(message)) == expected)
    }

    /// RFC 7693 Appendix E, `blake2b_selftest`: unkeyed and keyed hashes of Fibonacci-generated inputs
    /// of 0, 3, 128, 129, 255 and 1024 bytes at digest lengths 20, 32, 48 and 64, all fed into one
    /// BLAKE2b-256 whose result is published. One test for digest lengths, keys, multi-block input
    /// and the empty message.
    @Test func rfc7693SelfTest() {
        func sequence(_ length: Int, seed: UInt32) -> [UInt8] {
            var a: UInt32 = 0xDEAD_4BAD &* seed
            var b: UInt32 = 1
            return (0..<length).map { _ in
                let t = a &+ b
                a = b
                b = t
                return UInt8(truncatingIfNeeded: t >> 24)
            }
        }
        var hashes: [UInt8] = []
        for outputLength in [20, 32, 48, 64] {
            for inputLength in [0, 3, 128, 129, 255, 1024] {
                let input = sequence(inputLength, seed: UInt32(inputLength))
                hashes += BLAKE2b.hash(input, outputLength: outputLength)
                let key = sequence(outputLength, seed: UInt32(outputLength))
                hashes += BLAKE2b.hash(input, outputLength: outputLength, key: key)
            }
        }
        #expect(Hex.encode(BLAKE2b.hash(hashes, outputLength: 32))
            == "c23a7800d98123bd10f506c61e29da5603d763b8bbad2e737f5e765a7bccd475")
    }

    /// BLAKE2b-256 is its own function, not BLAKE2b-512 cut short (the digest length is hashed in),
    /// which is why swift-crypto's BLAKE2b-256 could not serve SS58. Value from Python's hashlib.
    @Test func blake2b256IsNotATruncatedBlake2b512() {
        let abc = Array("abc".utf8)
        #expect(Hex.encode(BLAKE2b.hash(abc, outputLength: 32)) == "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319")
        #expect(BLAKE2b.hash(abc, outputLength: 32) != Array(BLAKE2b.hash(abc).prefix(32)))
    }
}

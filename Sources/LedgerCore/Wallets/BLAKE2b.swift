/// BLAKE2b (RFC 7693, https://www.rfc-editor.org/rfc/rfc7693), for SS58 address checksums: the first
/// bytes of BLAKE2b-512("SS58PRE" + prefix + account id).
///
/// Why our own: no package on this machine exposes BLAKE2b-512. swift-crypto vendors BoringSSL's
/// blake2, but only as BLAKE2b-256 in an internal target; and BLAKE2b-256 is not a truncated
/// BLAKE2b-512 (the digest length is part of the parameter block, so the two differ from the first
/// byte). The package takes no crypto dependency anyway (see SHA256.swift).
///
/// Written from RFC 7693 section 3 (G, F, padding and counter rules) with its constants (section 2.6
/// IV = SHA-512's, section 2.7 SIGMA). Digest lengths 1 to 64 bytes and keys of 0 to 64 bytes are
/// supported so the RFC's Appendix E self-test (keyed and unkeyed, 20/32/48/64-byte digests) can run.
enum BLAKE2b {
    /// The `outputLength`-byte BLAKE2b digest of `message`, keyed with `key` (unkeyed when empty).
    /// `outputLength` must be 1...64 and `key` at most 64 bytes: both are fixed by the caller's
    /// code, never by user input.
    static func hash(_ message: [UInt8], outputLength: Int = 64, key: [UInt8] = []) -> [UInt8] {
        precondition((1...64).contains(outputLength) && key.count <= 64, "BLAKE2b: digest 1...64 bytes, key at most 64")
        var h = iv
        // Parameter block word 0: digest length, key length, fanout 1, depth 1 (sequential mode).
        h[0] ^= 0x0101_0000 ^ (UInt64(key.count) << 8) ^ UInt64(outputLength)

        // A key is padded to one full block and hashed as the first block.
        var data: [UInt8] = []
        if !key.isEmpty {
            data = key + [UInt8](repeating: 0, count: blockSize - key.count)
        }
        data += message

        // Every block but the last is compressed as it comes; the last (possibly partial, possibly
        // empty when there is neither key nor message) is zero-padded and flagged final.
        var offset = 0
        var counter: UInt64 = 0
        var m = [UInt64](repeating: 0, count: 16)
        while data.count - offset > blockSize {
            load(data, at: offset, count: blockSize, into: &m)
            counter &+= UInt64(blockSize)
            compress(&h, m, counter: counter, last: false)
            offset += blockSize
        }
        let remaining = data.count - offset
        load(data, at: offset, count: remaining, into: &m)
        counter &+= UInt64(remaining)
        compress(&h, m, counter: counter, last: true)

        var digest: [UInt8] = []
        digest.reserveCapacity(64)
        for word in h {
            for byte in 0..<8 { digest.append(UInt8(truncatingIfNeeded: word >> (8 * UInt64(byte)))) }
        }
        return Array(digest.prefix(outputLength))
    }

    private static let blockSize = 128

    /// RFC 7693 section 2.6: the SHA-512 initial hash values.
    private static let iv: [UInt64] = [
        0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1,
        0x510E_527F_ADE6_82D1, 0x9B05_688C_2B3E_6C1F, 0x1F83_D9AB_FB41_BD6B, 0x5BE0_CD19_137E_2179,
    ]

    /// RFC 7693 section 2.7: message word schedule per round (rounds 10 and 11 reuse rows 0 and 1).
    private static let sigma: [[Int]] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
        [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
        [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
        [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
        [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
        [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
        [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
        [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
        [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
        [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
    ]

    /// Sixteen little-endian words from `count` bytes at `offset`, zero-padded to a full block.
    private static func load(_ data: [UInt8], at offset: Int, count: Int, into m: inout [UInt64]) {
        for i in 0..<16 { m[i] = 0 }
        for i in 0..<count {
            m[i / 8] |= UInt64(data[offset + i]) << (8 * UInt64(i % 8))
        }
    }

    @inline(__always)
    private static func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

    /// RFC 7693 section 3.2, function F. `counter` is the byte count so far (messages here are far
    /// below 2^64 bytes, so the high counter word t1 is always 0).
    private static func compress(_ h: inout [UInt64], _ m: [UInt64], counter: UInt64, last: Bool) {
        var v = h + iv
        v[12] ^= counter
        if last { v[14] = ~v[14] }
        for round in 0..<12 {
            let s = sigma[round % 10]
            mix(&v, 0, 4, 8, 12, m[s[0]], m[s[1]])
            mix(&v, 1, 5, 9, 13, m[s[2]], m[s[3]])
            mix(&v, 2, 6, 10, 14, m[s[4]], m[s[5]])
            mix(&v, 3, 7, 11, 15, m[s[6]], m[s[7]])
            mix(&v, 0, 5, 10, 15, m[s[8]], m[s[9]])
            mix(&v, 1, 6, 11, 12, m[s[10]], m[s[11]])
            mix(&v, 2, 7, 8, 13, m[s[12]], m[s[13]])
            mix(&v, 3, 4, 9, 14, m[s[14]], m[s[15]])
        }
        for i in 0..<8 { h[i] ^= v[i] ^ v[i + 8] }
    }

    /// RFC 7693 section 3.1, the mixing function G with rotations 32, 24, 16, 63.
    @inline(__always)
    private static func mix(_ v: inout [UInt64], _ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
        v[a] = v[a] &+ v[b] &+ x
        v[d] = rotr(v[d] ^ v[a], 32)
        v[c] = v[c] &+ v[d]
        v[b] = rotr(v[b] ^ v[c], 24)
        v[a] = v[a] &+ v[b] &+ y
        v[d] = rotr(v[d] ^ v[a], 16)
        v[c] = v[c] &+ v[d]
        v[b] = rotr(v[b] ^ v[c], 63)
    }
}

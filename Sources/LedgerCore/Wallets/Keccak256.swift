/// Keccak-256 as Ethereum uses it: the original Keccak submission (padding byte 0x01), not NIST
/// SHA3-256 (padding 0x06), which gives different output. Rate 136 bytes, capacity 512 bits.
/// Used for EIP-55 address checksums and for function selectors.
public enum Keccak256 {
    /// The 32-byte Keccak-256 digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var state = [UInt64](repeating: 0, count: 25)
        var padded = bytes
        padded.append(0x01)
        while padded.count % rate != 0 { padded.append(0) }
        padded[padded.count - 1] |= 0x80

        for blockStart in stride(from: 0, to: padded.count, by: rate) {
            for lane in 0..<(rate / 8) {
                var value: UInt64 = 0
                for byte in 0..<8 {
                    value |= UInt64(padded[blockStart + lane * 8 + byte]) << (8 * UInt64(byte))
                }
                state[lane] ^= value
            }
            permute(&state)
        }

        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for lane in 0..<4 {
            for byte in 0..<8 {
                digest.append(UInt8(truncatingIfNeeded: state[lane] >> (8 * UInt64(byte))))
            }
        }
        return digest
    }

    /// The digest of the UTF-8 bytes of `text` (e.g. a function signature "transfer(address,uint256)").
    public static func hash(_ text: String) -> [UInt8] { hash(Array(text.utf8)) }

    private static let rate = 136

    private static let roundConstants: [UInt64] = [
        0x0000_0000_0000_0001, 0x0000_0000_0000_8082, 0x8000_0000_0000_808A, 0x8000_0000_8000_8000,
        0x0000_0000_0000_808B, 0x0000_0000_8000_0001, 0x8000_0000_8000_8081, 0x8000_0000_0000_8009,
        0x0000_0000_0000_008A, 0x0000_0000_0000_0088, 0x0000_0000_8000_8009, 0x0000_0000_8000_000A,
        0x0000_0000_8000_808B, 0x8000_0000_0000_008B, 0x8000_0000_0000_8089, 0x8000_0000_0000_8003,
        0x8000_0000_0000_8002, 0x8000_0000_0000_0080, 0x0000_0000_0000_800A, 0x8000_0000_8000_000A,
        0x8000_0000_8000_8081, 0x8000_0000_0000_8080, 0x0000_0000_8000_0001, 0x8000_0000_8000_8008,
    ]
    /// Rho rotation amounts, in the order the pi step visits the lanes.
    private static let rotations: [UInt64] = [
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44,
    ]
    /// Pi step: the lane each step moves to.
    private static let piLanes: [Int] = [
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1,
    ]

    @inline(__always)
    private static func rotl(_ x: UInt64, _ n: UInt64) -> UInt64 { (x << n) | (x >> (64 - n)) }

    /// Keccak-f[1600]: 24 rounds of theta, rho, pi, chi, iota over 25 lanes (x + 5y).
    private static func permute(_ s: inout [UInt64]) {
        var c = [UInt64](repeating: 0, count: 5)
        var row = [UInt64](repeating: 0, count: 5)
        for round in 0..<24 {
            // Theta.
            for x in 0..<5 { c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20] }
            for x in 0..<5 {
                let d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1)
                for y in stride(from: 0, to: 25, by: 5) { s[y + x] ^= d }
            }
            // Rho and pi.
            var current = s[1]
            for i in 0..<24 {
                let j = piLanes[i]
                let next = s[j]
                s[j] = rotl(current, rotations[i])
                current = next
            }
            // Chi.
            for y in stride(from: 0, to: 25, by: 5) {
                for x in 0..<5 { row[x] = s[y + x] }
                for x in 0..<5 { s[y + x] = row[x] ^ (~row[(x + 1) % 5] & row[(x + 2) % 5]) }
            }
            // Iota.
            s[0] ^= roundConstants[round]
        }
    }
}

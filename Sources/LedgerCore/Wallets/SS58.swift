/// SS58, the address format of Substrate chains (Polkadot, Kusama, Avail, Peaq ...):
/// base58(prefix bytes + payload + checksum), Bitcoin alphabet.
///
/// Spec: https://docs.substrate.io/reference/address-formats/ (formerly the Substrate wiki page
/// "External Address Format (SS58)"); prefixes: https://github.com/paritytech/ss58-registry.
/// - Prefix 0...63 is one byte. 64...16383 is two bytes, laid out as polkadot-js `encodeAddress` and
///   sp-core write them (the spec's prose describes another bit order; the real addresses, and every
///   published vector, follow the implementations):
///   byte0 = 0b01 << 6 | (prefix & 0b1111_1100) >> 2, byte1 = prefix >> 8 | (prefix & 0b11) << 6.
///   A first byte of 128 or more is reserved; so are prefixes 46 and 47.
/// - Checksum: the first bytes of BLAKE2b-512("SS58PRE" + prefix bytes + payload): 2 bytes for
///   32- and 33-byte payloads, 1 byte for the short account-index payloads (1, 2, 4 or 8 bytes).
public enum SS58 {
    /// A decoded SS58 string whose checksum matched.
    public struct Decoded: Sendable, Hashable {
        /// The network prefix (address type), 0...16383.
        public let prefix: UInt16
        /// 32 bytes for an account id; 33 for an ECDSA public key; 1, 2, 4 or 8 for an account index.
        public let payload: [UInt8]
    }

    public enum Failure: Error, Sendable, Equatable {
        /// Empty, too long, or a character outside the base58 alphabet.
        case notBase58
        /// First byte 128...255 (reserved by the spec), or prefix 46 or 47.
        case reservedPrefix
        /// The decoded length fits no payload size (in bytes, prefix and checksum included).
        case badLength(Int)
        /// Well formed, but the checksum bytes are not BLAKE2b's: a character is wrong.
        case badChecksum(prefix: UInt16, payloadLength: Int)
    }

    /// Highest prefix two bytes can carry (14 bits).
    public static let maxPrefix: UInt16 = 16383

    public static func decode(_ text: String) -> Result<Decoded, Failure> {
        guard Base58.isBase58(text), let bytes = Base58.decode(text), let first = bytes.first else { return .failure(.notBase58) }
        guard first & 0b1000_0000 == 0 else { return .failure(.reservedPrefix) }
        let prefixLength = first & 0b0100_0000 == 0 ? 1 : 2
        guard bytes.count > prefixLength else { return .failure(.badLength(bytes.count)) }
        let prefix: UInt16 = prefixLength == 1
            ? UInt16(first)
            : UInt16(first & 0b0011_1111) << 2 | UInt16(bytes[1] >> 6) | UInt16(bytes[1] & 0b0011_1111) << 8
        guard prefix != 46 && prefix != 47 else { return .failure(.reservedPrefix) }
        let payloadLength: Int
        switch bytes.count - prefixLength {
        case 34, 35: payloadLength = bytes.count - prefixLength - 2
        case 2, 3, 5, 9: payloadLength = bytes.count - prefixLength - 1
        default: return .failure(.badLength(bytes.count))
        }
        let body = Array(bytes[..<(prefixLength + payloadLength)])
        guard Array(bytes[body.count...]) == checksum(body, payloadLength: payloadLength) else {
            return .failure(.badChecksum(prefix: prefix, payloadLength: payloadLength))
        }
        return .success(Decoded(prefix: prefix, payload: Array(body[prefixLength...])))
    }

    /// The SS58 text of `payload` under `prefix`, or nil when the prefix is out of range or reserved
    /// or the payload has no SS58 size.
    public static func encode(_ payload: [UInt8], prefix: UInt16) -> String? {
        guard prefix <= maxPrefix, prefix != 46, prefix != 47, [1, 2, 4, 8, 32, 33].contains(payload.count) else { return nil }
        let body = prefixBytes(prefix) + payload
        return Base58.encode(body + checksum(body, payloadLength: payload.count))
    }

    static func prefixBytes(_ prefix: UInt16) -> [UInt8] {
        if prefix < 64 { return [UInt8(prefix)] }
        return [
            UInt8(truncatingIfNeeded: (prefix & 0b1111_1100) >> 2) | 0b0100_0000,
            UInt8(truncatingIfNeeded: prefix >> 8) | UInt8(truncatingIfNeeded: (prefix & 0b11) << 6),
        ]
    }

    private static let context = Array("SS58PRE".utf8)

    static func checksum(_ body: [UInt8], payloadLength: Int) -> [UInt8] {
        Array(BLAKE2b.hash(context + body).prefix(payloadLength == 32 || payloadLength == 33 ? 2 : 1))
    }
}

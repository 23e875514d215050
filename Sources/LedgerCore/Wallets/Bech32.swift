/// Bech32 (BIP-173) and Bech32m (BIP-350) strings: `hrp` + "1" + base32 data + 6-char checksum.
/// The checksum constant tells the two apart: 1 for Bech32, 0x2bc830a3 for Bech32m.
enum Bech32 {
    enum Encoding: Sendable, Equatable, CustomStringConvertible {
        case bech32, bech32m
        var description: String { self == .bech32 ? "Bech32" : "Bech32m" }
        var constant: UInt32 { self == .bech32 ? 1 : 0x2BC8_30A3 }
    }

    enum Failure: Error, Equatable {
        case tooLong(limit: Int)
        case mixedCase
        case invalidCharacter
        case noSeparator
        case emptyHRP
        case dataTooShort
        case badChecksum
    }

    struct Decoded: Equatable {
        /// Lower case.
        let hrp: String
        /// 5-bit values, checksum removed.
        let data: [UInt8]
        let encoding: Encoding
    }

    static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)

    private static let charValues: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, char) in charset.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    /// Decodes and checks either variant; `limit` is 90 for segwit addresses (BIP-173).
    static func decode(_ text: String, limit: Int = 90) throws(Failure) -> Decoded {
        let bytes = Array(text.utf8)
        guard bytes.count <= limit else { throw .tooLong(limit: limit) }
        guard bytes.allSatisfy({ $0 >= 33 && $0 <= 126 }) else { throw .invalidCharacter }
        let hasLower = bytes.contains { $0 >= 0x61 && $0 <= 0x7A }
        let hasUpper = bytes.contains { $0 >= 0x41 && $0 <= 0x5A }
        guard !(hasLower && hasUpper) else { throw .mixedCase }
        let lower = bytes.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 32 : $0 }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")) else { throw .noSeparator }
        guard separator >= 1 else { throw .emptyHRP }
        guard lower.count - separator - 1 >= 6 else { throw .dataTooShort }
        let hrp = Array(lower[..<separator])
        var values: [UInt8] = []
        for c in lower[(separator + 1)...] {
            guard c < 128, charValues[Int(c)] >= 0 else { throw .invalidCharacter }
            values.append(UInt8(charValues[Int(c)]))
        }
        let check = polymod(expand(hrp) + values)
        let encoding: Encoding
        if check == Encoding.bech32.constant {
            encoding = .bech32
        } else if check == Encoding.bech32m.constant {
            encoding = .bech32m
        } else {
            throw .badChecksum
        }
        return Decoded(hrp: String(decoding: hrp, as: UTF8.self), data: Array(values.dropLast(6)), encoding: encoding)
    }

    static func encode(hrp: String, data: [UInt8], encoding: Encoding) -> String {
        let hrpBytes = Array(hrp.lowercased().utf8)
        let mod = polymod(expand(hrpBytes) + data + [0, 0, 0, 0, 0, 0]) ^ encoding.constant
        let checksum = (0..<6).map { UInt8((mod >> (5 * (5 - UInt32($0)))) & 31) }
        let chars = hrpBytes + [UInt8(ascii: "1")] + (data + checksum).map { charset[Int($0)] }
        return String(decoding: chars, as: UTF8.self)
    }

    /// Regroups bits (5 -> 8 to read a program, 8 -> 5 to write one). Nil on invalid padding.
    static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var acc = 0
        var bits = 0
        var out: [UInt8] = []
        let maxValue = (1 << to) - 1
        for value in data {
            guard Int(value) >> from == 0 else { return nil }
            acc = (acc << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((acc >> bits) & maxValue))
            }
            acc &= (1 << bits) - 1
        }
        if pad {
            if bits > 0 { out.append(UInt8((acc << (to - bits)) & maxValue)) }
        } else if bits >= from || ((acc << (to - bits)) & maxValue) != 0 {
            return nil
        }
        return out
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3B6A_57B2, 0x2650_8E6D, 0x1EA1_19FA, 0x3D42_33DD, 0x2A14_62B3]
        var chk: UInt32 = 1
        for value in values {
            let top = chk >> 25
            chk = (chk & 0x1FF_FFFF) << 5 ^ UInt32(value)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { chk ^= generator[i] }
        }
        return chk
    }
}

extension AddressRules {
    /// The human-readable prefix of `text` when it is a well-formed bech32 string whose checksum holds
    /// (any prefix: an account on another Cosmos chain, a validator's `...valoper` address), else nil.
    /// For explorer rows whose counterparty may live on another chain (IBC transfers), where the
    /// wallet's own chain rules would refuse it.
    public static func validBech32Prefix(_ text: String) -> String? {
        guard let decoded = try? Bech32.decode(text, limit: 128), decoded.encoding == .bech32 else { return nil }
        return decoded.hrp
    }
}

/// Base58 with the Bitcoin alphabet (also Solana, Tron), and Base58Check (version byte + payload +
/// first 4 bytes of double SHA-256). Leading '1' characters stand for leading zero bytes.
enum Base58 {
    static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)

    /// Digit value per ASCII code, -1 for characters outside the alphabet (0, O, I, l, ...).
    private static let digits: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (value, char) in alphabet.enumerated() { table[Int(char)] = Int8(value) }
        return table
    }()

    /// Longest text we decode: far beyond any key or address, and keeps the quadratic loop cheap.
    static let maxLength = 256

    static func isBase58(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 < 128 && digits[Int($0)] >= 0 }
    }

    /// The bytes `text` encodes, or nil if it is empty, too long or has a character outside the alphabet.
    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard !chars.isEmpty, chars.count <= maxLength else { return nil }
        var zeros = 0
        while zeros < chars.count && chars[zeros] == UInt8(ascii: "1") { zeros += 1 }
        var littleEndian: [UInt8] = []
        for char in chars[zeros...] {
            guard char < 128 else { return nil }
            let digit = digits[Int(char)]
            guard digit >= 0 else { return nil }
            var carry = Int(digit)
            for j in 0..<littleEndian.count {
                carry += Int(littleEndian[j]) * 58
                littleEndian[j] = UInt8(carry & 0xFF)
                carry >>= 8
            }
            while carry > 0 {
                littleEndian.append(UInt8(carry & 0xFF))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + littleEndian.reversed()
    }

    static func encode(_ bytes: [UInt8]) -> String {
        var zeros = 0
        while zeros < bytes.count && bytes[zeros] == 0 { zeros += 1 }
        var littleEndian: [UInt8] = []  // base-58 digits, least significant first
        for byte in bytes[zeros...] {
            var carry = Int(byte)
            for j in 0..<littleEndian.count {
                carry += Int(littleEndian[j]) << 8
                littleEndian[j] = UInt8(carry % 58)
                carry /= 58
            }
            while carry > 0 {
                littleEndian.append(UInt8(carry % 58))
                carry /= 58
            }
        }
        let chars = [UInt8](repeating: alphabet[0], count: zeros) + littleEndian.reversed().map { alphabet[Int($0)] }
        return String(decoding: chars, as: UTF8.self)
    }

    enum CheckResult: Equatable {
        case notBase58
        case tooShort
        /// Decoded, but the last 4 bytes are not the double-SHA-256 checksum of the rest.
        case badChecksum(payload: [UInt8])
        /// Version byte(s) and payload, without the checksum.
        case valid(payload: [UInt8])
    }

    static func decodeCheck(_ text: String) -> CheckResult {
        guard let bytes = decode(text) else { return .notBase58 }
        guard bytes.count > 4 else { return .tooShort }
        let payload = Array(bytes[..<(bytes.count - 4)])
        let checksum = Array(bytes[(bytes.count - 4)...])
        return checksum == Array(SHA256.hash(SHA256.hash(payload)).prefix(4))
            ? .valid(payload: payload) : .badChecksum(payload: payload)
    }

    static func encodeCheck(_ payload: [UInt8]) -> String {
        encode(payload + SHA256.hash(SHA256.hash(payload)).prefix(4))
    }
}

/// Small hex helpers for address and hash text.
enum Hex {
    static func isHexDigit(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    static func isHex(_ text: Substring) -> Bool { !text.isEmpty && text.utf8.allSatisfy(isHexDigit) }
    static func isHex(_ text: String) -> Bool { isHex(Substring(text)) }

    /// "0x" or "0X" prefix removed, or nil when there is none.
    static func body(afterPrefixOf text: String) -> Substring? {
        text.hasPrefix("0x") || text.hasPrefix("0X") ? text.dropFirst(2) : nil
    }

    static func encode(_ bytes: [UInt8]) -> String {
        let chars = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(chars[Int(b >> 4)])
            out.append(chars[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0, chars.allSatisfy(isHexDigit) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            out.append(nibble(chars[i]) << 4 | nibble(chars[i + 1]))
            i += 2
        }
        return out
    }

    static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: 0
        }
    }
}

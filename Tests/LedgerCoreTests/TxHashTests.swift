import Testing
@testable import LedgerCore

@Suite("Transaction hashes")
struct TxHashTests {
    static let hex64 = "4C0883A69102937D6231471B5DBB6204FE5129617082792AE468D01A3F362318"
    static let lower64 = hex64.lowercased()
    static let solanaSignature = "31RMWYUY89wmcrGNzzvCcU6mZHH5PP4cRyNErF6bjNDgpufJPGXxLQizVoPXajooXcgf6szskqvy5LvhJBGb6VeA"
    static let suiDigest = "USxhdMQhkMoYC52vEK6giwuQeu2F5SWuXeqS3EeyidB"

    static let valid: [(String, ChainFamily, String)] = [
        ("0x" + hex64, .evm, "0x" + lower64),
        (hex64, .evm, "0x" + lower64),
        (" 0x\(lower64)\n", .evm, "0x" + lower64),
        ("0x" + hex64, .starknet, "0x" + lower64),
        ("0x1234abc", .starknet, "0x" + String(repeating: "0", count: 57) + "1234abc"),
        ("0x" + hex64, .move, "0x" + lower64),
        (suiDigest, .move, suiDigest),
        (hex64, .bitcoin, lower64),
        (lower64, .tron, lower64),
        (hex64, .cosmos, lower64),
        (lower64, .cosmos, lower64),
        (solanaSignature, .solana, solanaSignature),
    ]

    @Test("valid tx hashes canonicalise", arguments: valid)
    func accepts(hash: String, family: ChainFamily, canonical: String) throws {
        #expect(try AddressRules.validateTxHash(hash, family: family) == canonical)
    }

    static let invalid: [(String, ChainFamily)] = [
        ("0x" + String(lower64.dropLast()), .evm),
        ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", .evm),
        ("0x" + lower64 + "0", .evm),
        ("0x" + String(lower64.dropLast()) + "g", .evm),
        ("", .evm),
        ("0x" + lower64 + "00", .starknet),
        ("1234abc", .starknet),
        ("0x", .starknet),
        ("0x" + String(lower64.dropLast()), .move),
        ("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN0", .move),
        ("0x" + lower64, .bitcoin),
        (String(lower64.dropLast()), .bitcoin),
        ("0x" + lower64, .tron),
        (lower64 + "a", .cosmos),
        (suiDigest, .solana),
        (lower64, .solana),
    ]

    @Test("invalid tx hashes are refused, naming the value", arguments: invalid)
    func refuses(hash: String, family: ChainFamily) {
        do {
            let canonical = try AddressRules.validateTxHash(hash, family: family)
            Issue.record("accepted \(hash) for \(family) as \(canonical)")
        } catch {
            guard case .badTxHash = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.description.lowercased().contains(family.rawValue))
        }
    }
}

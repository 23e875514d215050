import Testing
@testable import LedgerCore

/// `FreeText.check`: a secret anywhere in free text is refused and shown only masked; ordinary text,
/// addresses and (where the field allows) a lone transaction hash pass.
@Suite("Secrets in free text")
struct FreeTextSecretTests {
    static let hexKey = SecretDetectorTests.hexKey
    static let phrase = "legal winner thank year wave sausage worth useful legal winner thank yellow"
    static let wif = "KwDiBf89QgGbjEhKnhXJuH7LrciVrZi3qYjgd9M7rFU73sVHnoWn"
    static let xprv = "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi"

    @Test("refused wherever it sits in the text, masked", arguments: [
        (hexKey, SecretKind.hexPrivateKey, "4c08…2318"),
        ("0x" + hexKey, .hexPrivateKey, "4c08…2318"),
        ("my key is " + hexKey + ", keep it", .hexPrivateKey, "4c08…2318"),
        ("1 " + hexKey, .hexPrivateKey, "4c08…2318"),
        ("key=" + hexKey.uppercased(), .hexPrivateKey, "4C08…2318"),
        ("ed25519-priv-0x" + hexKey, .hexPrivateKey, "4c08…2318"),
        ("wif " + wif, .wifPrivateKey, "KwDi…noWn"),
        ("backup: " + xprv, .extendedPrivateKey, "xprv…MPHi"),
        (phrase, .mnemonic, "12 words"),
        ("seed words: 1. legal 2. winner 3. thank 4. year 5. wave 6. sausage 7. worth 8. useful", .mnemonicFragment, "10 words"),
    ])
    func refused(_ text: String, _ kind: SecretKind, _ masked: String) throws {
        let found = try #require(SecretDetector.find(in: text))
        #expect(found.kind == kind)
        #expect(found.masked == masked)
        #expect(!found.description.contains(Self.hexKey.prefix(8)))
        #expect(!found.description.contains("sausage"))
        #expect(throws: SecretError.self) { try FreeText.check(text, field: "--note") }
    }

    @Test("ordinary text, addresses and hashes in their own fields pass", arguments: [
        "bridged funds to the new wallet after the swap on main",
        "claim token on main wallet after bridge swap",
        "Scroll zkEVM mainnet bridge, week 12",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV",
        "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
        "1250.5 STRK",
        String(repeating: "a", count: 100_000),
    ])
    func passes(_ text: String) {
        #expect(SecretDetector.find(in: text) == nil)
    }

    @Test("the byte pre-check never passes over a value `find` refuses: fixed cases and 20,000 generated values")
    func preCheck() {
        let suiKey = "suiprivkey1qzdlfxn2qa2lj5uprl8pyhexs02sg2wrhdy7qaq50cqgnffw4c2477kg9h3"
        func check(_ text: String, _ whole: Bool) {
            if SecretDetector.find(in: text, ambiguousWholeAllowed: whole) != nil {
                #expect(SecretDetector.mayHoldSecret(Array(text.utf8), ambiguousWholeAllowed: whole), "\(text) (whole allowed: \(whole))")
            }
        }
        let fixed = [Self.hexKey, "0x" + Self.hexKey, Self.wif, Self.xprv, Self.phrase, suiKey, "ed25519-priv-0x" + Self.hexKey,
                     "send " + Self.hexKey, Self.phrase.replacingOccurrences(of: " ", with: "1"), "é " + Self.phrase]
        for text in fixed {
            #expect(SecretDetector.mayHoldSecret(Array(text.utf8), ambiguousWholeAllowed: false), "\(text)")
            check(text, true)
        }
        // Cheap fields are passed over: a tx hash, an address, a date, an amount.
        #expect(!SecretDetector.mayHoldSecret(Array(("0x" + Self.hexKey).utf8), ambiguousWholeAllowed: true))
        #expect(!SecretDetector.mayHoldSecret(Array("saga1ar2yq5y88kagvk48c9c2knxwvnvsswdr0te0wj".utf8), ambiguousWholeAllowed: true))
        #expect(!SecretDetector.mayHoldSecret(Array("2024-12-20 09:15:00".utf8), ambiguousWholeAllowed: true))
        // Generated values: pieces of every secret shape, joined by separators (a fixed seed: reproducible).
        let words = ["legal", "winner", "thank", "year", "wave", "abandon", "about", "zoo", "send", "tx", "1.", "key"]
        let pieces = words + [Self.hexKey, "0x" + Self.hexKey, Self.wif, Self.xprv, suiKey, "[1,2]", "\"crypto\"", "é", "9",
                              String(Self.xprv.prefix(52)), String(Self.wif.prefix(51)), String(Self.hexKey.prefix(40))]
        let separators = [" ", ",", "-", "", "1", "\t", ";", "."]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
        for _ in 0..<20_000 {
            var text = ""
            for i in 0..<(1 + next(14)) {
                if i > 0 { text += separators[next(separators.count)] }
                text += pieces[next(pieces.count)]
            }
            check(text, false)
            check(text, true)
        }
    }

    @Test("a lone 64-hex value is left to fields that take a hash or an address; inside text it is refused")
    func ambiguousWhole() throws {
        #expect(SecretDetector.find(in: "0x" + Self.hexKey, ambiguousWholeAllowed: true) == nil)
        #expect(SecretDetector.find(in: Self.hexKey, ambiguousWholeAllowed: true) == nil)
        #expect(SecretDetector.find(in: "tx 0x" + Self.hexKey, ambiguousWholeAllowed: true)?.kind == .hexPrivateKey)
        #expect(SecretDetector.find(in: Self.wif, ambiguousWholeAllowed: true)?.kind == .wifPrivateKey)
        #expect(SecretDetector.find(in: Self.phrase, ambiguousWholeAllowed: true)?.kind == .mnemonic)
    }

    @Test("the error names the field and shows no part of the secret beyond the mask")
    func errorText() {
        do {
            try FreeText.check("my key is " + Self.hexKey, field: "--note")
            Issue.record("not refused")
        } catch {
            #expect(error.description.hasPrefix("--note holds 4c08…2318 (64 hex characters: looks like a private key): refused, nothing was written."))
            #expect(!error.description.contains("0883a691"))
        }
    }

    @Test("masking rewrites every key-shaped token of a message")
    func masking() {
        #expect(SecretDetector.masking("The value '\(Self.hexKey)' is invalid for '--points'") == "The value '4c08…2318' is invalid for '--points'")
        #expect(SecretDetector.masking("no secret here") == "no secret here")
    }
}

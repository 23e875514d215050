import LedgerCore

/// What the beancount and hledger writers share: account names made from labels, the decimal places
/// of an amount, and each wallet's holdings after the last movement (their balance assertions).
/// The quoting differs by format and stays with each writer (`BeancountWriter` string literals,
/// `HledgerWriter.symbol`).
enum LedgerText {
    /// An account name component valid in both formats: ASCII letters and digits, other runs of
    /// characters as one "-", first letter upper case ("hot wallet" -> "Hot-wallet", "w1" -> "W1",
    /// "" -> "Unknown").
    static func accountComponent(_ text: String) -> String {
        var out = ""
        var lastDash = false
        for ch in text {
            if ch.isASCII, ch.isLetter || ch.isNumber {
                out.append(ch); lastDash = false
            } else if !out.isEmpty, !lastDash {
                out.append("-"); lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        guard let first = out.first else { return "Unknown" }
        return first.uppercased() + out.dropFirst()
    }

    /// Digits after the decimal point of `q` as written ("0.998" -> 3, "500" -> 0).
    static func decimalPlaces(_ q: Quantity) -> Int {
        let t = q.description
        return t.firstIndex(of: ".").map { t.distance(from: $0, to: t.endIndex) - 1 } ?? 0
    }

    /// Account names for labels, one per (prefix, label), distinct even when two labels clean up to
    /// the same component ("hot wallet" and "hot-wallet": `...:Hot-wallet`, `...:Hot-wallet-2`), in
    /// the order first asked for.
    struct AccountNames {
        private var named: [String: String] = [:]
        private var used: Set<String> = []

        /// The account `prefix` + the label's component, e.g. ("Assets:Crypto:", "hot") -> "Assets:Crypto:Hot".
        mutating func name(_ prefix: String, _ label: String) -> String {
            let key = prefix + "\u{0}" + label
            if let n = named[key] { return n }
            let base = prefix + LedgerText.accountComponent(label)
            var n = base, k = 2
            while used.contains(n) { n = "\(base)-\(k)"; k += 1 }
            used.insert(n)
            named[key] = n
            return n
        }
    }

    /// Units each wallet holds of each asset after `movements` (claims and buys in, sells and
    /// transfers out with their fee, transfers in), sorted by wallet label then asset.
    static func holdings(after movements: [Movement]) throws(AmountError) -> [(wallet: String, asset: AssetSymbol, units: Quantity)] {
        struct Key: Hashable { var wallet: String; var asset: String }
        var units: [Key: Quantity] = [:]
        var assets: [String: AssetSymbol] = [:]
        for m in movements {
            let a = m.amount.asset
            assets[a.code] = a
            switch m.kind {
            case .claim, .buy: try units[Key(wallet: m.walletLabel, asset: a.code), default: .zero] += m.amount.quantity
            case .sell, .transfer: try units[Key(wallet: m.walletLabel, asset: a.code), default: .zero] -= m.outgoing
            }
            if m.kind == .transfer, let to = m.toWalletLabel {
                try units[Key(wallet: to, asset: a.code), default: .zero] += m.amount.quantity
            }
        }
        return units.compactMap { k, q in assets[k.asset].map { (k.wallet, $0, q) } }
            .sorted { ($0.wallet, $0.asset.code) < ($1.wallet, $1.asset.code) }
    }
}

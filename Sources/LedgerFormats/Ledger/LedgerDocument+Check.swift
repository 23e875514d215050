import LedgerCore

/// `import ledger` validates a ledger file by the rules every other way in applies: the value parsers
/// the command line uses, the one secret check (`FreeText.check`) on every string, printable text
/// (`PlainText`), times from 2009-01-03 to a day after now, wallets and projects referred to by the
/// file itself, no duplicate wallet, project, price or allocation, a transfer between two wallets.
/// The first bad value is reported with its JSON path (`activities[3].feeUsd`); nothing is written.
struct LedgerDocumentCheck {
    let file: String
    let now: Instant

    func fail(_ path: String, _ message: String) -> LedgerDocumentError {
        LedgerDocumentError(file: file, message: "\(path): \(message)")
    }

    /// Free text: no secret, printable (notes may span lines).
    func text(_ v: String?, _ path: String, multiline: Bool = false, ambiguous: Bool = false) throws(LedgerDocumentError) {
        guard let v else { return }
        do { try FreeText.check(v, field: path, ambiguousWholeAllowed: ambiguous) } catch { throw LedgerDocumentError(file: file, message: error.description) }
        do { try PlainText.check(v, field: path, multiline: multiline) } catch { throw LedgerDocumentError(file: file, message: error.description) }
    }

    func parse<T>(_ path: String, _ body: () throws -> T) throws(LedgerDocumentError) -> T {
        do { return try body() } catch { throw fail(path, "\(error)") }
    }

    func time(_ v: String, _ path: String) throws(LedgerDocumentError) -> Instant {
        try parse(path) {
            let t = try Instant(parsing: v)
            try t.checkPlausible(now: now, text: v)
            return t
        }
    }

    func quantity(_ v: String?, _ path: String, positive: Bool = false) throws(LedgerDocumentError) -> Quantity? {
        guard let v else { return nil }
        let what = String(path.split(separator: ".").last ?? "value")
        return try parse(path) { positive ? try Quantity.positive(v, what: what) : try Quantity.nonNegative(v, what: what) }
    }

    func amount(_ v: String?, _ path: String) throws(LedgerDocumentError) -> Amount? {
        guard let v else { return nil }
        return try parse(path) { try Amount(parsing: v, what: String(path.split(separator: ".").last ?? "amount")) }
    }

    func snapshot(_ doc: LedgerDocument) throws(LedgerDocumentError) -> LedgerSnapshot {
        // Every string first, so no later message can echo a secret.
        try screen(doc)
        let (ws, labels) = try wallets(doc)
        let (ps, slugs) = try projects(doc)
        let names = Names(check: self, labels: labels, slugs: slugs)
        return LedgerSnapshot(wallets: ws, projects: ps, activities: try activities(doc, names),
                              pointsReadings: try pointsReadings(doc, names), movements: try movements(doc, names),
                              allocations: try allocations(doc, names), prices: try prices(doc))
    }

    /// The wallets and projects the file's other rows refer to, by label (any case) and slug.
    struct Names {
        let check: LedgerDocumentCheck
        let labels: [String: Int], slugs: [String: Int]
        func wallet(_ label: String, _ path: String) throws(LedgerDocumentError) -> String {
            guard labels[label.lowercased()] != nil else { throw check.fail(path, "no wallet '\(label)' among the file's wallets") }
            return label
        }
        func project(_ slug: String, _ path: String) throws(LedgerDocumentError) -> String {
            guard slugs[slug] != nil else { throw check.fail(path, "no project '\(slug)' among the file's projects") }
            return slug
        }
    }

    func wallets(_ doc: LedgerDocument) throws(LedgerDocumentError) -> ([Wallet], [String: Int]) {
        var ws: [Wallet] = []
        var labels: [String: Int] = [:], addresses: [String: Int] = [:]
        for (i, r) in doc.wallets.enumerated() {
            let w = "wallets[\(i)]"
            let label = try parse("\(w).label") { try WalletLabel.validate(r.label) }
            guard label == r.label else { throw fail("\(w).label", "'\(r.label)' has spaces around it: write '\(label)'") }
            if let j = labels[label.lowercased()] { throw fail("\(w).label", "the label '\(label)' is also wallets[\(j)]'s: labels are unique; rename one") }
            labels[label.lowercased()] = i
            guard let chain = Chains.named(r.chain) else { throw fail("\(w).chain", "unknown chain '\(r.chain)'") }
            let parsed = try parse("\(w).address") { try AddressRules.parse(r.address, chain: chain) }
            guard parsed.canonical == r.address else {
                throw fail("\(w).address", "address '\(r.address)' is not in canonical form '\(parsed.canonical)'")
            }
            let key = "\(chain.family.rawValue):\(parsed.canonical)"
            if let j = addresses[key] { throw fail("\(w).address", "the address is also wallets[\(j)]'s: each address is one wallet; remove one") }
            addresses[key] = i
            if let b = r.broker, b.trimmingCharacters(in: .whitespaces).isEmpty || b.count > 60 {
                throw fail("\(w).broker", "a broker is named by 1 to 60 characters, e.g. Coinbase")
            }
            guard let status = Wallet.Status(rawValue: r.status) else {
                throw fail("\(w).status", "'\(r.status)' is not a wallet status: use \(Wallet.Status.allCases.map(\.rawValue).joined(separator: " or "))")
            }
            ws.append(Wallet(id: 0, label: label, address: r.address, chain: chain, group: r.group, status: status,
                             createdAt: try time(r.createdAt, "\(w).createdAt"), broker: r.broker))
        }
        return (ws, labels)
    }

    func projects(_ doc: LedgerDocument) throws(LedgerDocumentError) -> ([Project], [String: Int]) {
        var ps: [Project] = []
        var slugs: [String: Int] = [:]
        for (i, r) in doc.projects.enumerated() {
            let w = "projects[\(i)]"
            let slug = try parse("\(w).slug") { try ProjectSlug.validate(r.slug) }
            guard slug == r.slug else { throw fail("\(w).slug", "'\(r.slug)' is not a slug as airledger writes it: write '\(slug)'") }
            if let j = slugs[slug] { throw fail("\(w).slug", "the project '\(slug)' is also projects[\(j)]: keep one of the two") }
            slugs[slug] = i
            guard !r.name.trimmingCharacters(in: .whitespaces).isEmpty else { throw fail("\(w).name", "the name is empty") }
            guard let st = Project.Status(rawValue: r.status) else { throw fail("\(w).status", "'\(r.status)' is not a project status: use \(Project.Status.allCases.map(\.rawValue).joined(separator: ", "))") }
            guard let cat = Project.Category(rawValue: r.category) else { throw fail("\(w).category", "'\(r.category)' is not a category: use \(Project.Category.allCases.map(\.rawValue).joined(separator: ", "))") }
            var st2024: Project.Status?
            if let s = r.status2024 {
                guard let v = Project.Status(rawValue: s) else { throw fail("\(w).status2024", "'\(s)' is not a project status") }
                st2024 = v
            }
            let token = try r.token.map { t throws(LedgerDocumentError) in try parse("\(w).token") { try AssetSymbol(parsing: t) } }
            let airdrop = try r.airdropDate.map { d throws(LedgerDocumentError) in
                try parse("\(w).airdropDate") {
                    // An announced date may be ahead; never before any blockchain.
                    let c = try CivilDate(parsing: d)
                    if c.startUTC < Instant.earliest { throw TimeError.beforeCrypto(d) }
                    return c
                }
            }
            if let t = r.techScore, !(0...100).contains(t) { throw fail("\(w).techScore", "\(t) is not a tech score from 0 to 100") }
            let probability = try quantity(r.probability, "\(w).probability")
            if let p = probability, p > Quantity(exactly: 1) { throw fail("\(w).probability", "'\(p)' is a probability: from 0 to 1") }
            let share = try quantity(r.airdropShare, "\(w).airdropShare", positive: true)
            if let s = share, s > Quantity(exactly: 1) { throw fail("\(w).airdropShare", "'\(s)' is a share of supply: from 0 to 1") }
            let recipients = try quantity(r.expectedRecipients, "\(w).expectedRecipients", positive: true)
            if let n = recipients, !n.isWhole { throw fail("\(w).expectedRecipients", "'\(n)' is a number of recipients: a whole number") }
            ps.append(Project(slug: slug, name: r.name, status: st, status2024: st2024, category: cat, token: token, airdropDate: airdrop,
                              techScore: r.techScore, raisedUsd: try quantity(r.raisedUsd, "\(w).raisedUsd"),
                              valuationUsd: try quantity(r.valuationUsd, "\(w).valuationUsd"),
                              narratives: r.narratives, competitors: r.competitors, investors: r.investors, notes: r.notes,
                              probability: probability, airdropShare: share, expectedRecipients: recipients,
                              expectedFdvUsd: try quantity(r.expectedFdvUsd, "\(w).expectedFdvUsd", positive: true),
                              pointsPool: try quantity(r.pointsPool, "\(w).pointsPool", positive: true),
                              totalPoints: try quantity(r.totalPoints, "\(w).totalPoints", positive: true),
                              totalSupply: try quantity(r.totalSupply, "\(w).totalSupply", positive: true), origin: r.origin))
        }
        return (ps, slugs)
    }

    func activities(_ doc: LedgerDocument, _ names: Names) throws(LedgerDocumentError) -> [Activity] {
        var acts: [Activity] = []
        for (i, r) in doc.activities.enumerated() {
            let w = "activities[\(i)]"
            guard let kind = Activity.Kind(rawValue: r.kind) else { throw fail("\(w).kind", "unknown kind '\(r.kind)'") }
            acts.append(Activity(projectSlug: try names.project(r.project, "\(w).project"), walletLabel: try names.wallet(r.wallet, "\(w).wallet"),
                                 kind: kind, at: try time(r.at, "\(w).at"), chain: r.chain, txHash: r.txHash,
                                 volume: try amount(r.volume, "\(w).volume"), volumeUsd: try quantity(r.volumeUsd, "\(w).volumeUsd"),
                                 fee: try amount(r.fee, "\(w).fee"), feeUsd: try quantity(r.feeUsd, "\(w).feeUsd"),
                                 points: try quantity(r.points, "\(w).points"), note: r.note, source: r.source,
                                 failed: r.failed, counterparty: r.counterparty, leg: r.leg))
        }
        return acts
    }

    func pointsReadings(_ doc: LedgerDocument, _ names: Names) throws(LedgerDocumentError) -> [PointsReading] {
        var pts: [PointsReading] = []
        for (i, r) in doc.pointsReadings.enumerated() {
            let w = "pointsReadings[\(i)]"
            pts.append(PointsReading(projectSlug: try names.project(r.project, "\(w).project"), walletLabel: try names.wallet(r.wallet, "\(w).wallet"),
                                     at: try time(r.at, "\(w).at"), points: try quantity(r.points, "\(w).points") ?? .zero))
        }
        return pts
    }

    func movements(_ doc: LedgerDocument, _ names: Names) throws(LedgerDocumentError) -> [Movement] {
        var ms: [Movement] = []
        for (i, r) in doc.movements.enumerated() {
            let w = "movements[\(i)]"
            guard let kind = Movement.Kind(rawValue: r.kind) else { throw fail("\(w).kind", "unknown kind '\(r.kind)': use claim, buy, sell or transfer") }
            guard let a = try amount(r.amount, "\(w).amount") else { throw fail("\(w).amount", "missing") }
            let from = try names.wallet(r.wallet, "\(w).wallet")
            let to = try r.toWallet.map { t throws(LedgerDocumentError) in try names.wallet(t, "\(w).toWallet") }
            switch kind {
            case .transfer:
                guard let to else { throw fail(w, "a transfer needs toWallet") }
                if to.lowercased() == from.lowercased() { throw fail("\(w).toWallet", "a transfer needs two different wallets, but both are '\(from)'") }
                if r.priceUsd != nil { throw fail("\(w).priceUsd", "a transfer has no price (it is not a sale): remove priceUsd") }
            default:
                if to != nil { throw fail("\(w).toWallet", "only a transfer has toWallet; a \(kind.rawValue) does not") }
                if r.feeQuantity != nil { throw fail("\(w).feeQuantity", "feeQuantity (units of the moved token) is for transfers; a \(kind.rawValue) has feeUsd") }
            }
            ms.append(Movement(id: Int64(i + 1), kind: kind, walletId: 0, walletLabel: from, toWalletLabel: to,
                               projectSlug: try r.project.map { p throws(LedgerDocumentError) in try names.project(p, "\(w).project") },
                               amount: a, at: try time(r.at, "\(w).at"),
                               priceUsd: try quantity(r.priceUsd, "\(w).priceUsd", positive: true),
                               priceSource: r.priceUsd == nil ? nil : "given", feeUsd: try quantity(r.feeUsd, "\(w).feeUsd"),
                               feeQuantity: try quantity(r.feeQuantity, "\(w).feeQuantity"), txHash: r.txHash))
        }
        return ms
    }

    func allocations(_ doc: LedgerDocument, _ names: Names) throws(LedgerDocumentError) -> [(allocation: Allocation, claimIndex: Int?)] {
        var als: [(allocation: Allocation, claimIndex: Int?)] = []
        var allocationKeys: [String: Int] = [:]
        for (i, r) in doc.allocations.enumerated() {
            let w = "allocations[\(i)]"
            guard let a = try amount(r.amount, "\(w).amount") else { continue }
            let p = try names.project(r.project, "\(w).project"), wl = try names.wallet(r.wallet, "\(w).wallet")
            let key = "\(p) \(wl.lowercased()) \(a.asset.code)"
            if let j = allocationKeys[key] { throw fail(w, "a second allocation of \(a.asset) for '\(wl)' on \(p) (the first is allocations[\(j)]): keep one") }
            allocationKeys[key] = i
            let deadline = try r.deadline.map { d throws(LedgerDocumentError) in
                try parse("\(w).deadline") {
                    let c = try CivilDate(parsing: d)
                    if c.startUTC < Instant.earliest { throw TimeError.beforeCrypto(d) }
                    return c
                }
            }
            if let c = r.claim {
                guard doc.movements.indices.contains(c), doc.movements[c].kind == Movement.Kind.claim.rawValue else {
                    throw fail("\(w).claim", "\(c) is not the index of a claim in movements")
                }
            }
            als.append((Allocation(projectSlug: p, walletLabel: wl, amount: a, deadline: deadline), r.claim))
        }
        return als
    }

    func prices(_ doc: LedgerDocument) throws(LedgerDocumentError) -> [PricePoint] {
        var prs: [PricePoint] = []
        var priceKeys: [String: Int] = [:]
        for (i, r) in doc.prices.enumerated() {
            let w = "prices[\(i)]"
            let sym = try parse("\(w).asset") { try AssetSymbol(parsing: r.asset) }
            let at = try time(r.at, "\(w).at")
            let key = "\(sym.code) \(at.seconds)"
            if let j = priceKeys[key] { throw fail(w, "a second price for \(sym) at \(at) (the first is prices[\(j)]): keep one") }
            priceKeys[key] = i
            guard let usd = try quantity(r.usd, "\(w).usd", positive: true) else { throw fail("\(w).usd", "missing") }
            prs.append(PricePoint(asset: sym, at: at, usd: usd, source: ["import", "defillama", "coingecko"].contains(r.source) ? r.source : "manual"))
        }
        return prs
    }

    /// The secret check and the printable-text rule on every string of the file, each named by its path.
    func screen(_ doc: LedgerDocument) throws(LedgerDocumentError) {
        for (i, r) in doc.wallets.enumerated() {
            let w = "wallets[\(i)]"
            try text(r.label, "\(w).label"); try text(r.address, "\(w).address", ambiguous: true); try text(r.chain, "\(w).chain")
            try text(r.status, "\(w).status"); try text(r.createdAt, "\(w).createdAt"); try text(r.group, "\(w).group")
            try text(r.broker, "\(w).broker")
        }
        for (i, r) in doc.projects.enumerated() {
            let w = "projects[\(i)]"
            for (k, v) in [("slug", r.slug), ("name", r.name), ("status", r.status), ("category", r.category), ("origin", r.origin),
                           ("status2024", r.status2024), ("token", r.token), ("airdropDate", r.airdropDate), ("raisedUsd", r.raisedUsd),
                           ("valuationUsd", r.valuationUsd), ("probability", r.probability), ("airdropShare", r.airdropShare),
                           ("expectedRecipients", r.expectedRecipients), ("expectedFdvUsd", r.expectedFdvUsd), ("pointsPool", r.pointsPool),
                           ("totalPoints", r.totalPoints), ("totalSupply", r.totalSupply)] {
                try text(v, "\(w).\(k)")
            }
            try text(r.notes, "\(w).notes", multiline: true)
            for (k, list) in [("narratives", r.narratives), ("competitors", r.competitors), ("investors", r.investors)] {
                for (j, v) in list.enumerated() { try text(v, "\(w).\(k)[\(j)]") }
            }
        }
        for (i, r) in doc.activities.enumerated() {
            let w = "activities[\(i)]"
            for (k, v) in [("project", r.project), ("wallet", r.wallet), ("kind", r.kind), ("at", r.at), ("source", r.source),
                           ("chain", r.chain), ("volume", r.volume), ("volumeUsd", r.volumeUsd), ("fee", r.fee), ("feeUsd", r.feeUsd),
                           ("points", r.points)] {
                try text(v, "\(w).\(k)")
            }
            try text(r.txHash, "\(w).txHash", ambiguous: true)
            try text(r.counterparty, "\(w).counterparty", ambiguous: true)
            try text(r.leg, "\(w).leg", ambiguous: true)
            try text(r.note, "\(w).note", multiline: true)
        }
        for (i, r) in doc.pointsReadings.enumerated() {
            for (k, v) in [("project", r.project), ("wallet", r.wallet), ("at", r.at), ("points", r.points)] { try text(v, "pointsReadings[\(i)].\(k)") }
        }
        for (i, r) in doc.movements.enumerated() {
            let w = "movements[\(i)]"
            for (k, v) in [("kind", r.kind), ("wallet", r.wallet), ("amount", r.amount), ("at", r.at), ("toWallet", r.toWallet),
                           ("project", r.project), ("priceUsd", r.priceUsd), ("feeUsd", r.feeUsd), ("feeQuantity", r.feeQuantity)] {
                try text(v, "\(w).\(k)")
            }
            try text(r.txHash, "\(w).txHash", ambiguous: true)
        }
        for (i, r) in doc.allocations.enumerated() {
            for (k, v) in [("project", r.project), ("wallet", r.wallet), ("amount", r.amount), ("deadline", r.deadline)] { try text(v, "allocations[\(i)].\(k)") }
        }
        for (i, r) in doc.prices.enumerated() {
            for (k, v) in [("asset", r.asset), ("at", r.at), ("usd", r.usd), ("source", r.source)] { try text(v, "prices[\(i)].\(k)") }
        }
    }
}

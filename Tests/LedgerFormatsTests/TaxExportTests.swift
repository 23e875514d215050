import Foundation
import LedgerCore
import LedgerFormats
import Testing

/// A two-wallet farming history in the ledger's own terms, used by every export golden file.
enum TaxExportFixture {
    struct Builder {
        var movements: [Movement] = []
        var activities: [Activity] = []
        var wallets: [String: Int64] = [:]

        mutating func walletId(_ label: String) -> Int64 {
            if let id = wallets[label] { return id }
            let id = Int64(wallets.count + 1)
            wallets[label] = id
            return id
        }

        mutating func add(_ kind: Movement.Kind, _ amount: String, _ wallet: String, to: String? = nil, at: String,
                          price: String?, fee: String? = nil, feeUnits: String? = nil, project: String? = nil,
                          tx: String) throws {
            let w = walletId(wallet)
            let toId = to.map { walletId($0) }
            movements.append(Movement(
                id: Int64(movements.count + 1), kind: kind, walletId: w, walletLabel: wallet, toWalletId: toId,
                toWalletLabel: to, projectSlug: project, amount: try Amount(parsing: amount),
                at: try Instant(parsing: at), priceUsd: try price.map { try Quantity(parsing: $0) },
                feeUsd: try fee.map { try Quantity(parsing: $0) },
                feeQuantity: try feeUnits.map { try Quantity(parsing: $0) }, txHash: tx))
        }
    }

    static func build() throws -> Builder {
        var b = Builder()
        try b.add(.claim, "500 ARB", "hot", at: "2023-03-15T12:00:00Z", price: "1.20", project: "arbitrum", tx: "0xa1")
        try b.add(.buy, "2 ETH", "hot", at: "2023-09-20T08:30:00Z", price: "1600", fee: "3", tx: "0xa2")
        try b.add(.buy, "100 ARB", "hot", at: "2024-01-05T10:00:00Z", price: "1.80", fee: "0.9", tx: "0xa3")
        try b.add(.claim, "1000 1INCH", "cold", at: "2024-01-10T09:15:00Z", price: "0.40", project: "1inch", tx: "0xa4")
        try b.add(.claim, "1000 STRK", "hot", at: "2024-02-20T12:00:00Z", price: "2.00", fee: "0.5",
                  project: "starknet", tx: "0xa5")
        try b.add(.buy, "300 STRK", "cold", at: "2024-03-01T16:45:00Z", price: "1.50", fee: "1.5", tx: "0xa6")
        try b.add(.transfer, "1 ETH", "hot", to: "cold", at: "2024-03-05T07:00:00Z", price: "3500",
                  feeUnits: "0.002", tx: "0xa7")
        // 550 ARB: 500 from the 2023-03-15 claim (long-term) and 50 from the 2024 buy (short-term).
        try b.add(.sell, "550 ARB", "hot", at: "2024-03-16T12:00:00Z", price: "2.00", fee: "1", tx: "0xa8")
        try b.add(.transfer, "500 STRK", "hot", to: "cold", at: "2024-04-01T00:00:00Z", price: nil, tx: "0xa9")
        try b.add(.sell, "700 STRK", "cold", at: "2024-06-01T12:00:00Z", price: "3.00", fee: "5", tx: "0xaa")
        try b.add(.sell, "1 ETH", "cold", at: "2024-09-10T12:00:00Z", price: "2400", fee: "2", tx: "0xab")
        try b.add(.sell, "500 1INCH", "cold", at: "2025-01-15T12:00:00Z", price: "0.30", tx: "0xac")
        b.activities = [
            Activity(id: 1, projectSlug: "scroll", walletLabel: "hot", kind: .bridge,
                     at: try Instant(parsing: "2024-05-02T00:00:00Z"), feeUsd: try Quantity(parsing: "1.25")),
            Activity(id: 2, projectSlug: "linea", walletLabel: "cold", kind: .swap,
                     at: try Instant(parsing: "2024-07-02T00:00:00Z"), feeUsd: try Quantity(parsing: "3")),
        ]
        return b
    }

    /// Awkward fractions: a cost per unit of 1/3, a tiny network fee, a lot moved in two transfers
    /// and sold across them, so beancount's own decimal arithmetic must still balance.
    static func fractions() throws -> Builder {
        var b = Builder()
        try b.add(.buy, "3 X", "w1", at: "2024-01-01T00:00:00Z", price: "0.3", fee: "0.1", tx: "t1")
        try b.add(.buy, "7 X", "w1", at: "2024-01-02T00:00:00Z", price: "0.123456789", fee: "0.1", tx: "t2")
        try b.add(.claim, "7 X", "w1", at: "2024-01-02T00:00:00Z", price: "0.123456789", project: "x", tx: "t3")
        try b.add(.transfer, "1 X", "w1", to: "w2", at: "2024-01-03T00:00:00Z", price: "0.7", feeUnits: "0.0000001", tx: "t4")
        try b.add(.transfer, "1.5 X", "w1", to: "w2", at: "2024-01-03T00:00:00Z", price: nil, tx: "t5")
        try b.add(.sell, "2.1 X", "w2", at: "2024-02-01T00:00:00Z", price: "0.9", fee: "0.01", tx: "t6")
        try b.add(.sell, "1.3 X", "w1", at: "2024-02-01T00:00:00Z", price: "0.9", fee: "0.01", tx: "t7")
        return b
    }

    static let prices: [PricePoint] = {
        guard let at = try? Instant(parsing: "2024-12-31T00:00:00Z"), let strk = try? AssetSymbol(parsing: "STRK"),
              let usd = try? Quantity(parsing: "0.60") else { return [] }
        return [PricePoint(asset: strk, at: at, usd: usd, source: "manual")]
    }()

    static func report(_ year: Int, _ method: BookingMethod = .fifo, basis: BasisScope = .universal,
                       airdrops: AirdropTreatment = .income) throws -> TaxReport {
        let b = try build()
        return try TaxEngine.report(year: year, movements: b.movements, activities: b.activities,
                                    policy: TaxPolicy(method: method, basis: basis, airdrops: airdrops))
    }
}

/// Compares `text` with a golden file under Fixtures/tax/golden; RECORD_GOLDENS=1 rewrites it.
func expectGolden(_ text: String, _ name: String, file: String = #filePath) throws {
    let url = URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/tax/golden/\(name)")
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let before = try? String(contentsOf: url, encoding: .utf8)
        try Data(text.utf8).write(to: url)
        // A recording run fails, so no run both writes and passes.
        if before != text { Issue.record("re-recorded \(name): review its diff line by line, then run the tests again without RECORD_GOLDENS") }
        return
    }
    let golden = try String(contentsOf: url, encoding: .utf8)
    #expect(text == golden, "\(name) differs from its golden file; re-record with RECORD_GOLDENS=1 and review the diff")
}

struct TaxExportGoldenTests {
    @Test func json() throws {
        try expectGolden(TaxJSON.render(try TaxExportFixture.report(2024)), "report-2024-fifo-universal.json")
        try expectGolden(TaxJSON.render(try TaxExportFixture.report(2024, basis: .perWallet)), "report-2024-fifo-per-wallet.json")
        try expectGolden(TaxJSON.render(try TaxExportFixture.report(2024, .hifo, airdrops: .zeroBasis)),
                         "report-2024-hifo-zero-basis.json")
    }

    @Test func form8949() throws {
        try expectGolden(Form8949CSV.render(try TaxExportFixture.report(2024)), "form8949-2024.csv")
        try expectGolden(Form8949CSV.render(try TaxExportFixture.report(2025)), "form8949-2025.csv")
    }

    @Test func income() throws {
        try expectGolden(IncomeCSV.render(try TaxExportFixture.report(2024)), "income-2024.csv")
    }

    @Test func koinlyAndCoinTracker() throws {
        let b = try TaxExportFixture.build()
        for wallet in ["hot", "cold"] {
            try expectGolden(KoinlyCSV.render(movements: b.movements, wallet: wallet), "koinly-\(wallet).csv")
            try expectGolden(CoinTrackerCSV.render(movements: b.movements, wallet: wallet), "cointracker-\(wallet).csv")
        }
        let y2024 = try HistorySelection.year(2024, timeZone: TimeZone(identifier: "UTC") ?? .gmt)
        try expectGolden(KoinlyCSV.render(movements: b.movements, wallet: "cold", selection: y2024), "koinly-cold-2024.csv")
        let claims = HistorySelection(only: .claims)
        try expectGolden(CoinTrackerCSV.render(movements: b.movements, wallet: "hot", selection: claims), "cointracker-hot-claims.csv")
    }

    @Test func beancount() throws {
        let p = TaxExportFixture.prices
        try expectGolden(BeancountWriter.render(try TaxExportFixture.report(2024), prices: p), "ledger-2024-universal.beancount")
        try expectGolden(BeancountWriter.render(try TaxExportFixture.report(2025, basis: .perWallet), prices: p),
                         "ledger-2025-per-wallet.beancount")
        try expectGolden(BeancountWriter.render(try TaxExportFixture.report(2024, .hifo, airdrops: .zeroBasis), prices: p),
                         "ledger-2024-hifo-zero-basis.beancount")
        let f = try TaxExportFixture.fractions()
        let r = try TaxEngine.report(year: 2024, movements: f.movements, activities: [],
                                     policy: TaxPolicy(method: .fifo, basis: .perWallet))
        try expectGolden(BeancountWriter.render(r), "ledger-2024-per-wallet-fractions.beancount")
    }
}

@Suite("The table of tax exports")
struct TaxExportTableTests {
    /// The golden file of each export for the 2024 report (FIFO, universal, airdrops as income).
    static let golden = [
        "form8949": "form8949-2024.csv", "form8949-import": "form8949-import-2024.csv", "txf": "txf-2024.txf",
        "income": "income-2024.csv", "koinly": "koinly-hot.csv",
        "cointracker": "cointracker-hot.csv", "beancount": "ledger-2024-universal.beancount", "hledger": "ledger-2024-universal.journal", "json": "report-2024-fifo-universal.json",
    ]

    @Test("every registered export writes its golden file through the table; a new one needs a golden")
    func dispatch() throws {
        #expect(TaxExport.all.map(\.name) == ["form8949", "form8949-import", "txf", "income", "koinly", "cointracker", "beancount", "hledger", "json"])
        #expect(Set(TaxExport.all.map(\.name)) == Set(Self.golden.keys))
        #expect(Set(TaxExport.all.map(\.name)).count == TaxExport.all.count)
        let input = TaxExport.Input(report: try TaxExportFixture.report(2024), movements: try TaxExportFixture.build().movements,
                                    prices: TaxExportFixture.prices, exportedOn: try #require(CivilDate(year: 2027, month: 2, day: 14)))
        for e in TaxExport.all {
            let golden = try #require(Self.golden[e.name], "no golden file for export '\(e.name)'")
            #expect(!e.summary.isEmpty)
            switch e.writer {
            case .report(let render): try expectGolden(try render(input), golden)
            case .history(let render): try expectGolden(try render(input.movements, "hot", HistorySelection()), golden)
            }
        }
    }

    @Test func lookUpAndWords() {
        #expect(TaxExport.named("koinly")?.name == "koinly")
        #expect(TaxExport.named("KOINLY") == nil)
        #expect(TaxExport.namesInWords == "form8949, form8949-import, txf, income, koinly, cointracker, beancount, hledger or json")
    }
}

struct TaxExportRuleTests {
    @Test func jsonIsValidDeterministicAndHasTheInterfaceKeys() throws {
        let r = try TaxExportFixture.report(2024)
        let text = TaxJSON.render(r)
        #expect(text == TaxJSON.render(try TaxExportFixture.report(2024)))
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let root = try #require(object as? [String: Any])
        for key in ["year", "policy", "income", "shortTerm", "longTerm", "disposals", "farmingCosts"] {
            #expect(root[key] != nil, "missing \(key)")
        }
        let policy = try #require(root["policy"] as? [String: Any])
        #expect(policy["method"] as? String == "fifo")
        #expect(policy["basis"] as? String == "universal")
        #expect(policy["airdrops"] as? String == "income")
        #expect(policy["timeZone"] as? String == "UTC")
        let income = try #require(root["income"] as? [String: Any])
        #expect(income["total"] as? String == r.incomeTotal.description)
        #expect(income["byAsset"] is [String: Any] && income["byProject"] is [String: Any])
        let disposals = try #require(root["disposals"] as? [[String: Any]])
        #expect(disposals.count == r.disposals.count)
        for d in disposals {
            for key in ["kind", "asset", "amount", "wallet", "acquired", "disposed", "proceeds", "costBasis", "gain", "term"] {
                #expect(d[key] is String, "disposal lacks \(key)")
            }
        }
        let costs = try #require(root["farmingCosts"] as? [String: Any])
        #expect(costs["total"] as? String == "4.75") // 1.25 + 3 on activities + 0.5 on the STRK claim
    }

    @Test(arguments: [(2023, HoldingTerm.short, "C"), (2024, .long, "F"), (2025, .short, "I"), (2026, .long, "L")])
    func form8949Box(_ year: Int, _ term: HoldingTerm, _ box: String) {
        #expect(Form8949CSV.box(year: year, term: term) == box)
    }

    @Test func form8949TotalsAddTheRoundedRows() throws {
        let r = try TaxExportFixture.report(2024)
        let rows = try CSV.parse(Form8949CSV.render(r)).filter { $0.fields.first?.hasPrefix("#") == false }.dropFirst()
        for part in ["I", "II"] {
            let lines = rows.filter { $0.fields[0] == part }
            let total = try #require(lines.last)
            #expect(total.fields[2] == "Totals")
            let sum = try lines.dropLast().map { try Quantity(parsing: $0.fields[9]) }.sum()
            #expect(try Quantity(parsing: total.fields[9]) == sum)
        }
    }

    @Test(arguments: [("STRK", "STRK"), ("1INCH", "X1INCH"), ("USDC.E", "USDC.E"), ("T", "TX"), ("USD", "XUSD"),
                      ("ZK-", "ZK"), ("A_VERY_LONG_TOKEN_SYMBOL_NAME", "A_VERY_LONG_TOKEN_SYMBOL")])
    func beancountCommodityNames(_ symbol: String, _ name: String) {
        #expect(BeancountWriter.commodityName(symbol) == name)
    }

    @Test(arguments: [("hot", "Hot"), ("w1", "W1"), ("my wallet", "My-wallet"), ("1inch", "1inch"), ("", "Unknown"),
                      ("--", "Unknown"), ("layer-zero", "Layer-zero")])
    func beancountAccountComponents(_ label: String, _ component: String) {
        #expect(BeancountWriter.accountComponent(label) == component)
    }

    /// The USD of sales pays later buys first, the rest comes from Equity:Funding, so
    /// Assets:Fiat:USD never goes negative; a sell fee is an expense posting and the gain before it is
    /// written out, a term's gain + fee postings being the report's gain; nothing is left for
    /// beancount to fill.
    @Test func beancountFundsBuysFromSalesFirstAndBooksFees() throws {
        var b = TaxExportFixture.Builder()
        try b.add(.buy, "1 ETH", "hot", at: "2024-01-01T00:00:00Z", price: "1000", tx: "b1")
        try b.add(.sell, "1 ETH", "hot", at: "2024-02-01T00:00:00Z", price: "1500", fee: "1.5", tx: "s1")
        try b.add(.buy, "2 ETH", "hot", at: "2024-03-01T00:00:00Z", price: "1000", fee: "2", tx: "b2")
        try b.add(.sell, "0.5 ETH", "hot", at: "2024-04-01T00:00:00Z", price: "1200", fee: "0.25", tx: "s2")
        try b.add(.buy, "0.1 ETH", "hot", at: "2024-05-01T00:00:00Z", price: "1100", tx: "b3")
        let r = try TaxEngine.report(year: 2024, movements: b.movements, activities: [], policy: TaxPolicy())
        let text = try BeancountWriter.render(r)
        func postings(_ account: String) throws -> [Quantity] {
            try text.split(separator: "\n").filter { $0.hasPrefix("  \(account)  ") }.map {
                try Quantity(parsing: String($0.split(separator: " ")[1]))
            }
        }
        // Fiat: +1498.5 (sale), -1498.5 of the 2002 buy, +599.75 (sale), -110 (buy); funding: 1000, 503.5.
        let fiat = try postings("Assets:Fiat:USD")
        #expect(fiat.map(\.description) == ["1498.5", "-1498.5", "599.75", "-110"])
        var balance = Quantity.zero
        for q in fiat {
            balance = try balance + q
            #expect(!balance.isNegative, "Assets:Fiat:USD goes negative: \(balance)")
        }
        #expect(try postings("Equity:Funding").map(\.description) == ["-1000", "-503.5"])
        #expect(try postings("Expenses:Fees:Trading").map(\.description) == ["1.5", "0.25"])
        // Gains before the fee: 1500 - 1000 and 600 - 500.5; minus the fees they are the report's.
        let gains = try postings("Income:CapitalGains:Short")
        #expect(gains.map(\.description) == ["-500", "-99.5"])
        #expect(try -(gains.sum()) - postings("Expenses:Fees:Trading").sum() == r.shortTerm.gain)
        #expect(text.contains("plugin \"beancount.plugins.sellgains\""))
        #expect(text.contains("option \"title\" \"airledger tax ledger 2024 (fifo, basis universal, airdrops income)\""))
        #expect(text.contains("option \"display_precision\" \"ETH:0.1\""))
        // Every posting carries its amount: the only bare account lines would be beancount-filled.
        let bare = text.split(separator: "\n").filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") && $0.split(separator: " ").count == 1 }
        #expect(bare.isEmpty, "postings left for beancount to fill: \(bare)")
    }

    /// Both ledger writers name accounts by the shared rules: two labels that clean up to the same
    /// component get distinct accounts, in the order first used, and the balance assertions list
    /// each wallet's holdings.
    @Test func ledgerWritersShareAccountNames() throws {
        var b = TaxExportFixture.Builder()
        try b.add(.claim, "10 ARB", "a.b", at: "2024-01-01T00:00:00Z", price: "1", project: "x.y", tx: "c1")
        try b.add(.claim, "20 ARB", "a-b", at: "2024-01-02T00:00:00Z", price: "1", project: "x-y", tx: "c2")
        try b.add(.transfer, "4 ARB", "a-b", to: "a.b", at: "2024-01-03T00:00:00Z", price: nil, tx: "t1")
        let r = try TaxEngine.report(year: 2024, movements: b.movements, activities: [], policy: TaxPolicy())
        let bean = try BeancountWriter.render(r), journal = try HledgerWriter.render(r)
        for text in [bean, journal] {
            for account in ["Assets:Crypto:A-b", "Assets:Crypto:A-b-2", "Income:Airdrops:X-y", "Income:Airdrops:X-y-2"] {
                #expect(text.contains(" \(account)\n"), "\(account) is not declared")
            }
        }
        #expect(bean.contains("2024-01-04 balance Assets:Crypto:A-b  14 ARB\n2024-01-04 balance Assets:Crypto:A-b-2  16 ARB\n"))
        #expect(journal.contains("    Assets:Crypto:A-b  0 ARB = 14 ARB\n    Assets:Crypto:A-b-2  0 ARB = 16 ARB\n"))
    }

    @Test func koinlyAndCoinTrackerDates() throws {
        let at = try Instant(parsing: "2024-02-20T07:05:09Z")
        #expect(KoinlyCSV.date(at) == "2024-02-20 07:05:09 UTC")
        #expect(CoinTrackerCSV.date(at) == "02/20/2024 07:05:09")
        #expect(try KoinlyCSV.render(movements: [], wallet: "hot") == "Date,Sent Amount,Sent Currency,Received Amount,Received Currency,Fee Amount,Fee Currency,Net Worth Amount,Net Worth Currency,Label,Description,TxHash\n")
        #expect(try CoinTrackerCSV.render(movements: [], wallet: "hot") == "Date,Received Quantity,Received Currency,Sent Quantity,Sent Currency,Fee Amount,Fee Currency,Tag\n")
    }

    /// Koinly and CoinTracker pair a withdrawal in one wallet with a deposit in another: every own
    /// transfer must be the withdrawal in the sender's file only and the deposit in the receiver's
    /// file only, with the same time (to the second) and tx hash; every other movement in its
    /// wallet's file once.
    @Test func ownTransfersSplitAcrossTheWalletFiles() throws {
        let b = try TaxExportFixture.build()
        let files = try ["hot", "cold"].map { w in (w, try CSV.parse(KoinlyCSV.render(movements: b.movements, wallet: w)).dropFirst().map(\.fields)) }
        let ct = try ["hot", "cold"].map { w in (w, try CSV.parse(CoinTrackerCSV.render(movements: b.movements, wallet: w)).dropFirst().map(\.fields)) }
        #expect(files.map { $0.1.count }.reduce(0, +) == b.movements.count + b.movements.filter { $0.kind == .transfer }.count)
        for m in b.movements where m.kind == .transfer {
            let tx = try #require(m.txHash)
            let date = KoinlyCSV.date(m.at)
            for (wallet, rows) in files {
                let mine = rows.filter { $0[11] == tx }
                let withdrawals = mine.filter { !$0[1].isEmpty }, deposits = mine.filter { !$0[3].isEmpty }
                #expect(withdrawals.count == (wallet == m.walletLabel ? 1 : 0), "\(tx) in \(wallet)")
                #expect(deposits.count == (wallet == m.toWalletLabel ? 1 : 0), "\(tx) in \(wallet)")
                #expect(mine.allSatisfy { $0[0] == date && $0[9].isEmpty })
                #expect(withdrawals.allSatisfy { $0[1] == m.amount.quantity.description && $0[2] == m.amount.asset.code })
            }
            for (wallet, rows) in ct {
                let mine = rows.filter { $0[0] == CoinTrackerCSV.date(m.at) && ($0[2] == m.amount.asset.code || $0[4] == m.amount.asset.code) }
                #expect(mine.filter { !$0[3].isEmpty }.count == (wallet == m.walletLabel ? 1 : 0))
                #expect(mine.filter { !$0[1].isEmpty }.count == (wallet == m.toWalletLabel ? 1 : 0))
            }
        }
        // The transfer's fee is in the token moved; the sell's in the currency recorded (USD).
        let hot = try #require(files.first?.1)
        let a7 = try #require(hot.first { $0[11] == "0xa7" })
        #expect(a7[5] == "0.002" && a7[6] == "ETH")
    }

    /// A deposit written a few seconds after its withdrawal stays after it: seconds are kept.
    @Test func secondsKeepAWithdrawalBeforeItsDeposit() throws {
        var b = TaxExportFixture.Builder()
        try b.add(.buy, "1 ETH", "a", at: "2024-01-01T07:00:00Z", price: "2000", tx: "0x1")
        try b.add(.transfer, "1 ETH", "a", to: "b", at: "2024-01-02T07:00:59Z", price: nil, tx: "0x2")
        let out = try KoinlyCSV.render(movements: b.movements, wallet: "b")
        #expect(out.contains("2024-01-02 07:00:59 UTC,,,1,ETH,"))
    }

    @Test func yearAndClaimsSelection() throws {
        let b = try TaxExportFixture.build()
        let utc = TimeZone(identifier: "UTC") ?? .gmt
        let y = try HistorySelection.year(2024, timeZone: utc)
        let rows = try CSV.parse(KoinlyCSV.render(movements: b.movements, wallet: "cold", selection: y)).dropFirst()
        #expect(!rows.isEmpty && rows.allSatisfy { $0.fields[0].hasPrefix("2024-") })
        let ny = try HistorySelection.year(2024, timeZone: TimeZone(identifier: "America/New_York") ?? utc)
        let nySince = try Instant(parsing: "2024-01-01T05:00:00Z"), nyUntil = try Instant(parsing: "2025-01-01T05:00:00Z")
        #expect(ny.since == nySince && ny.until == nyUntil)
        let claims = try CSV.parse(CoinTrackerCSV.render(movements: b.movements, wallet: "hot", selection: HistorySelection(only: .claims))).dropFirst()
        #expect(claims.count == 2 && claims.allSatisfy { $0.fields[7] == "airdrop" })
    }
}

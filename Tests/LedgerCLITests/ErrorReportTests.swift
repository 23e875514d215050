// Errors as data: the core and the store report values; the CLI words every message with its fix
// and maps every error type to its exit code in one place (ErrorReport). Checked three ways: a table
// of every case (exit code, value and fix named), in-process runs of the command tree (no command
// wraps an error), and the built binary on a ledger damaged with raw SQL.
import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore
import Testing
@testable import LedgerCLI

@Suite("Error report: one table of exit codes, every message worded with its fix")
struct ErrorReportTests {
    struct Case {
        let error: any Error
        let exit: Int32
        /// Fragments the message must contain: the value(s) and the fix.
        let mentions: [String]
    }

    static func movement(_ kind: Movement.Kind, _ amount: String, wallet: String = "hot", to: String? = nil, project: String? = nil,
                         at: String, feeUnits: String? = nil) throws -> Movement {
        Movement(kind: kind, walletId: 1, walletLabel: wallet, toWalletId: to == nil ? nil : 2, toWalletLabel: to, projectSlug: project,
                 amount: try Amount(parsing: amount), at: try Instant(parsing: at), feeQuantity: try feeUnits.map { try Quantity(parsing: $0) })
    }

    static func storeCases() throws -> [Case] {
        let at = try Instant(parsing: "2024-01-15T10:00:00Z")
        let sale = try movement(.sell, "150 ZK", at: "2024-09-02T12:00:00Z")
        return [
            Case(error: StoreError.cannotCreate(path: "x/l.sqlite", reason: .cannotCreateFolder("/r/x", reason: "Permission denied")),
                 exit: 1, mentions: ["x/l.sqlite", "cannot create the folder /r/x (Permission denied)", "--db PATH or AIRLEDGER_DB"]),
            Case(error: StoreError.cannotCreate(path: "f/l.sqlite", reason: .notAFolder("f")), exit: 1, mentions: ["f is not a folder", "--db PATH"]),
            Case(error: StoreError.cannotCreate(path: "dir", reason: .isAFolder), exit: 1, mentions: ["dir: it is a folder, not a file", "--db PATH"]),
            Case(error: StoreError.cannotCreate(path: "l.sqlite", reason: .system("Read-only file system")), exit: 1,
                 mentions: ["l.sqlite: Read-only file system", "--db PATH"]),
            Case(error: StoreError.notALedger(path: "notes.txt"), exit: 1, mentions: ["notes.txt is not an airledger ledger", "Point --db at your ledger file"]),
            Case(error: StoreError.tooNew(path: "l.sqlite", writtenBy: "9.1.0", schema: 9, ours: "0.1.0", oursSchema: 3), exit: 1,
                 mentions: ["schema version 9 (written by airledger 9.1.0)", "schema version 3, the newest this airledger 0.1.0 reads",
                            "Upgrade airledger", "nothing was changed"]),
            Case(error: StoreError.noLedger(path: "/x/l.sqlite"), exit: 1,
                 mentions: ["no ledger at /x/l.sqlite", "`airledger init`", "--db / AIRLEDGER_DB"]),
            Case(error: StoreError.foreignDatabase(path: "places.sqlite"), exit: 1,
                 mentions: ["places.sqlite is an SQLite database of another program", "nothing was changed"]),
            Case(error: StoreError.backupOntoLedger(path: "l.sqlite", destination: "link.sqlite"), exit: 1,
                 mentions: ["link.sqlite is the ledger itself (l.sqlite)", "another file"]),
            Case(error: StoreError.busy(path: "l.sqlite"), exit: 1, mentions: ["l.sqlite", "try again"]),
            Case(error: StoreError.database("disk I/O error"), exit: 1, mentions: ["database error: disk I/O error"]),
            Case(error: StoreError.unknownWallet("farm-1", suggestion: nil), exit: 65,
                 mentions: ["'farm-1'", "`airledger wallet list`", "`airledger wallet add ADDRESS --label farm-1`"]),
            Case(error: StoreError.unknownWallet("mian", suggestion: "main"), exit: 65, mentions: ["'mian'", "Did you mean 'main'?"]),
            Case(error: StoreError.unknownProject("newl2", suggestion: nil), exit: 65,
                 mentions: ["'newl2'", "`airledger project add newl2 --name NAME --status STATUS --category CATEGORY`"]),
            Case(error: StoreError.unknownProject("scrol", suggestion: "scroll"), exit: 65, mentions: ["'scrol'", "Did you mean 'scroll'?"]),
            Case(error: StoreError.duplicateWalletLabel("main"), exit: 65, mentions: ["'main'", "choose another --label"]),
            Case(error: StoreError.duplicateAddress(address: "0xabc", chain: "ethereum", label: "alt"), exit: 65,
                 mentions: ["0xabc on ethereum", "wallet 'alt'"]),
            Case(error: StoreError.duplicateProject("scroll"), exit: 65, mentions: ["'scroll'", "`airledger project set scroll ...`"]),
            Case(error: StoreError.duplicateActivity(existingId: 7, kind: .bridge, project: "scroll", wallet: "main", at: at, txHash: "0xd1"),
                 exit: 65, mentions: ["as a7 (", "bridge on scroll by 'main' at 2024-01-15T10:00:00Z, tx 0xd1", "nothing was added"]),
            Case(error: StoreError.duplicateMovement(existing: EntryId(.claim, 12), wallet: "main", amount: Amount(try Quantity(parsing: "1250"), try AssetSymbol(parsing: "STRK")),
                                                     at: at, txHash: "0x055d"),
                 exit: 65, mentions: ["this claim is already in the ledger as c12", "1250 STRK, wallet 'main', 2024-01-15T10:00:00Z, tx 0x055d", "nothing was changed"]),
            Case(error: StoreError.duplicateMovement(existing: EntryId(.buy, 3), wallet: "main", amount: Amount(try Quantity(parsing: "1"), try AssetSymbol(parsing: "ETH")),
                                                     at: at, txHash: nil),
                 exit: 65, mentions: ["this purchase is already in the ledger as b3", "nothing was changed", "--again"]),
            Case(error: StoreError.unknownEntry(EntryId(.claim, 9), actual: EntryId(.sell, 9)), exit: 65,
                 mentions: ["c9 is not a claim", "is sale s9", "nothing was changed"]),
            Case(error: StoreError.unknownEntry(EntryId(.pointsReading, 4), actual: nil), exit: 65,
                 mentions: ["no points reading pt4", "`airledger points list`"]),
            Case(error: StoreError.notAField(EntryId(.price, 2), fields: ["wallet"], allowed: ["usd", "at"]), exit: 65,
                 mentions: ["a price has no wallet", "pr2 takes --usd, --at"]),
            Case(error: StoreError.entryConflict(EntryId(.price, 2), reason: "UNIQUE constraint failed: price.asset, price.atSeconds"), exit: 65,
                 mentions: ["pr2", "UNIQUE constraint failed", "edit or remove that one first"]),
            Case(error: StoreError.breaksLaterFact(.removing, [EntryId(.buy, 3)], dependent: EntryId(.sell, 5),
                                                   cause: .insufficient(movement: sale, held: try Quantity(parsing: "120"))), exit: 65,
                 mentions: ["removing b3 would break sale s5", "cannot sell 150 ZK from wallet 'hot' on 2024-09-02: it holds 120 ZK then",
                            "edit or remove s5 first"]),
            Case(error: StoreError.unknownChange(99), exit: 65, mentions: ["no change 99", "`airledger changes`"]),
            Case(error: StoreError.alreadyUndone(7, at: "2024-12-31T12:00:00Z"), exit: 65, mentions: ["change 7 was undone already", "nothing was changed"]),
            Case(error: StoreError.nothingToUndo, exit: 65, mentions: ["no change left to undo"]),
            Case(error: StoreError.laterChangeDepends(4, later: 5), exit: 65,
                 mentions: ["change 5, made after change 4, touched the same entries", "`airledger undo --change 5`", "nothing was changed"]),
            Case(error: StoreError.undoBreaks(4, reason: "a movement row would refer to a row that no longer exists"), exit: 65,
                 mentions: ["undoing change 4 alone", "no longer exists", "nothing was changed"]),
            Case(error: StoreError.undoLeavesShort(4, dependent: EntryId(.sell, 5), cause: .insufficient(movement: sale, held: try Quantity(parsing: "120"))),
                 exit: 65, mentions: ["undoing change 4 would break sale s5", "it holds 120 ZK then", "edit or remove s5 first"]),
            Case(error: StoreError.walletInUse(label: "main", uses: [.activity(1), .pointsReadings(2), .allocations(3), .movements(4),
                                                                      .incomingTransfers(5)], ids: [EntryId(.activity, 1), EntryId(.claim, 2)]),
                 exit: 65, mentions: ["(a1, c2, ...)", "`airledger remove ID...`", "1 activity entries, 2 points readings, 3 allocations, 4 claims, trades or transfers, 5 incoming transfers",
                                      "`airledger wallet burn main`"]),
            Case(error: StoreError.sameWallet("main"), exit: 65, mentions: ["both are 'main'"]),
            Case(error: StoreError.notEmpty(path: "fresh.sqlite", table: "wallet", rows: 3), exit: 65,
                 mentions: ["fresh.sqlite is not empty (3 rows in wallet)", "--db new.sqlite"]),
            Case(error: StoreError.exists("copy.sqlite"), exit: 1, mentions: ["copy.sqlite already exists", "--force"]),
            Case(error: StoreError.duplicateInRestore(table: "price", key: ["OP", "2024-01-01T00:00:00Z"]), exit: 65,
                 mentions: ["two price entries for OP 2024-01-01T00:00:00Z", "keep one of them"]),
            Case(error: StoreError.damagedRow(table: "allocation", id: 4, column: "quantity", value: "lots"), exit: 1,
                 mentions: ["allocation row #4", "quantity is 'lots'", "restore the ledger from a backup", "sqlite3"]),
            Case(error: StoreError.damagedRow(table: "activity", id: 9, column: "feeAsset", value: nil), exit: 1,
                 mentions: ["activity row #9", "feeAsset is empty"]),
        ]
    }

    static func coreCases() throws -> [Case] {
        let claim = try movement(.claim, "1000 STRK", project: "starknet", at: "2024-02-20T12:00:00Z")
        let fee = try movement(.transfer, "0.5 SOL", to: "cold", at: "2024-03-01T00:00:00Z", feeUnits: "0.001")
        let sale = try movement(.sell, "150 ZK", at: "2024-09-02T12:00:00Z")
        let transfer = try movement(.transfer, "5 ETH", to: "cold", at: "2023-04-03T00:00:00Z", feeUnits: "0.01")
        let hex = "0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf"
        return [
            Case(error: TaxError.missingPrices([claim, fee]), exit: 65, mentions: [
                "needs 2 USD prices that are missing",
                "claim of 1000 STRK into wallet 'hot' on 2024-02-20T12:00:00Z (project starknet) has no fair market value",
                "fetch it with `airledger price fetch STRK`", "(the symbol STRK, the USD price of one STRK, then --at 2024-02-20T12:00:00Z)",
                "network fee of 0.001 SOL on the transfer of 0.5 SOL from wallet 'hot' to 'cold'",
                "`airledger price fetch SOL`", "then --at 2024-03-01T00:00:00Z)",
            ]),
            Case(error: TaxError.missingPrices([try movement(.buy, "2 OP", at: "2024-01-01T00:00:00Z")]), exit: 65,
                 mentions: ["needs a USD price that is missing", "buy of 2 OP into wallet 'hot'", "`airledger price fetch OP`", "then --at 2024-01-01T00:00:00Z)"]),
            Case(error: TaxError.insufficient(movement: sale, held: try Quantity(parsing: "120")), exit: 65,
                 mentions: ["cannot sell 150 ZK from wallet 'hot' on 2024-09-02: it holds 120 ZK then", "Record the missing claim, buy or transfer first"]),
            Case(error: TaxError.badYear(20245), exit: 65, mentions: ["tax year 20245", "a four-digit year such as 2024"]),
            Case(error: HoldingsError.insufficient(movement: transfer, held: try Quantity(parsing: "1")), exit: 65,
                 mentions: ["cannot transfer 5 ETH plus a fee of 0.01 ETH from wallet 'hot' on 2023-04-03: it holds 1 ETH then",
                            "or choose another wallet"]),
            Case(error: AddressError.needsChain(hex), exit: 65, mentions: ["'\(hex)'", "say which with --chain starknet|aptos|sui|movement"]),
            Case(error: AddressError.unrecognized("0x12"), exit: 65, mentions: ["'0x12'", "give the chain with --chain"]),
            Case(error: AddressError.chainMismatch("TR7NHq", given: "solana", detected: "tron"), exit: 65,
                 mentions: ["'TR7NHq' is an address on tron, not on solana", "use --chain tron"]),
            Case(error: AddressError.wrongPrefix("osmo1q", chain: "cosmos", expected: "cosmos", found: "osmo"), exit: 65,
                 mentions: ["'osmo1q'", "with --chain"]),
            Case(error: AddressError.unknownPrefix("foo1q", prefix: "foo"), exit: 65, mentions: ["'foo1q'", "prefix 'foo'", "with --chain"]),
            Case(error: AddressError.secret(.hexPrivateKey), exit: 65, mentions: ["refused", "Nothing was stored", "give the chain with --chain"]),
            Case(error: AddressError.secret(.mnemonic), exit: 65, mentions: ["recovery phrase", "Nothing was stored"]),
            Case(error: AddressError.evmChecksum("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"), exit: 65,
                 mentions: ["'0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'", "write it all in lower case"]),
            Case(error: AmountError.malformed("1e5"), exit: 65, mentions: ["'1e5'", "no exponent"]),
            Case(error: AmountError.notPositive("-5 ETH", what: "--volume"), exit: 65, mentions: ["--volume '-5 ETH'", "greater than zero"]),
            Case(error: AmountError.badSymbol("E$TH"), exit: 65, mentions: ["'E$TH'", "1 to 20 letters"]),
            Case(error: TimeError.inFuture("2025-01-05", now: "2024-12-31T12:00:00Z"), exit: 65, mentions: ["'2025-01-05'", "check the date"]),
            Case(error: TimeError.malformed("2024-13-01"), exit: 65, mentions: ["'2024-13-01'", "write 2024-02-20"]),
            Case(error: ChainError.unknown("arbitrm", suggestion: "arbitrum"), exit: 65, mentions: ["'arbitrm'", "Did you mean 'arbitrum'?"]),
            Case(error: ProjectError.badStatus("maybe"), exit: 65, mentions: ["'maybe'", "use one of confirmed"]),
            Case(error: WalletError.badLabel("a b"), exit: 65, mentions: ["'a b'", "use 1 to 40 letters"]),
            Case(error: CriteriaError(file: "typo.json", line: 5, column: 26, message: "unknown rule 'activeMonth': use one of bridged"),
                 exit: 65, mentions: ["typo.json:5:26: unknown rule 'activeMonth'", "use one of"]),
            Case(error: CLIError.usage("--keep x: that file already exists"), exit: 64, mentions: ["--keep x"]),
            Case(error: CLIError.failure("cannot read f.csv"), exit: 1, mentions: ["cannot read f.csv"]),
        ]
    }

    @Test("every error case: its exit code, and a message naming the value and the fix")
    func table() throws {
        for c in try Self.storeCases() + Self.coreCases() {
            let report = CLIError.from(c.error)
            #expect(report.exitCode == c.exit, "\(c.error)")
            #expect(ErrorReport.exitCode(for: c.error) == c.exit, "\(c.error)")
            for fragment in c.mentions {
                #expect(report.message.contains(fragment), "\(c.error): '\(report.message)' lacks '\(fragment)'")
            }
        }
    }

    /// Exhaustive over StoreError: a new case fails to compile here until the table has a row for it.
    static func caseName(_ e: StoreError) -> String {
        switch e {
        case .cannotCreate: "cannotCreate"
        case .notALedger: "notALedger"
        case .noLedger: "noLedger"
        case .foreignDatabase: "foreignDatabase"
        case .backupOntoLedger: "backupOntoLedger"
        case .tooNew: "tooNew"
        case .busy: "busy"
        case .database: "database"
        case .unknownWallet: "unknownWallet"
        case .unknownProject: "unknownProject"
        case .duplicateWalletLabel: "duplicateWalletLabel"
        case .duplicateAddress: "duplicateAddress"
        case .duplicateProject: "duplicateProject"
        case .duplicateActivity: "duplicateActivity"
        case .duplicateMovement: "duplicateMovement"
        case .unknownEntry: "unknownEntry"
        case .notAField: "notAField"
        case .entryConflict: "entryConflict"
        case .breaksLaterFact: "breaksLaterFact"
        case .unknownChange: "unknownChange"
        case .alreadyUndone: "alreadyUndone"
        case .nothingToUndo: "nothingToUndo"
        case .laterChangeDepends: "laterChangeDepends"
        case .undoBreaks: "undoBreaks"
        case .undoLeavesShort: "undoLeavesShort"
        case .walletInUse: "walletInUse"
        case .sameWallet: "sameWallet"
        case .notEmpty: "notEmpty"
        case .exists: "exists"
        case .duplicateInRestore: "duplicateInRestore"
        case .damagedRow: "damagedRow"
        }
    }

    @Test("the table has a row for every store error case")
    func everyStoreCase() throws {
        let named = Set(try Self.storeCases().compactMap { ($0.error as? StoreError).map(Self.caseName) })
        #expect(named.count == 31)
    }

    @Test("core and store values carry no command-line vocabulary: the CLI adds it")
    func noFlagsBelowTheCLI() {
        let hex = "0x90591d9fa3efc87067d95a643f8455e0b8190eb8cb7bfd39e4fb7571fdf"
        for e in [AddressError.needsChain(hex), .unrecognized("0x12"), .chainMismatch("TR7NHq", given: "solana", detected: "tron"),
                  .wrongPrefix("osmo1q", chain: "cosmos", expected: "cosmos", found: "osmo"), .unknownPrefix("foo1q", prefix: "foo"),
                  .secret(.hexPrivateKey)] {
            #expect(!e.description.contains("--"), "\(e.description)")
            #expect(ErrorReport.message(e).contains("--chain"))
        }
    }
}

/// Output of in-process runs, collected from the context's closures.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var out = "", err = ""
    func add(out s: String) { lock.lock(); out += s; lock.unlock() }
    func add(err s: String) { lock.lock(); err += s; lock.unlock() }
    var stdout: String { lock.lock(); defer { lock.unlock() }; return out }
    var stderr: String { lock.lock(); defer { lock.unlock() }; return err }
}

@Suite("Errors reach the user through one table (in-process and built binary)")
struct ErrorExitTests {
    /// Runs one command line in-process on the ledger at `db` with the transcripts' fixed clock.
    func run(_ arguments: [String], db: String) -> (code: Int32, stdout: String, stderr: String) {
        let captured = Captured()
        let now = Instant(seconds: 1_735_646_400) // 2024-12-31T12:00:00Z
        let context = CLIContext(environment: ["AIRLEDGER_DB": db, "NO_COLOR": "1"], now: { now },
                                 stdout: { captured.add(out: $0) }, stderr: { captured.add(err: $0) }, stderrIsTTY: false)
        let code = Airledger.run(arguments: arguments, context: context)
        return (code, captured.stdout, captured.stderr)
    }

    func tempLedger() throws -> (dir: URL, db: String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("airledger-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, dir.appendingPathComponent("ledger.sqlite").path)
    }

    @Test("a tax error and a holdings error exit 65 with the CLI's words, though no command wraps them")
    func taxAndHoldingsExit65() throws {
        let (dir, db) = try tempLedger()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run(["init"], db: db).code == 0)
        #expect(run(["wallet", "add", "0xde709f2102306220921060314715629080e2fb77", "--label", "hot"], db: db).code == 0)
        #expect(run(["claim", "zksync", "--wallet", "hot", "--amount", "100 ZK", "--at", "2024-06-17"], db: db).code == 0)
        let tax = run(["tax", "summary", "--year", "2024"], db: db)
        #expect(tax.code == 65)
        #expect(tax.stderr.contains("claim of 100 ZK into wallet 'hot' on 2024-06-17T00:00:00Z (project zksync) has no fair market value"))
        #expect(tax.stderr.contains("fetch it with `airledger price fetch ZK`, or record the price you know with price set (the symbol ZK, the USD price of one ZK, then --at 2024-06-17T00:00:00Z)"))
        let year = run(["tax", "summary", "--year", "0"], db: db)
        // The CLI checks the year first (2009 to next year), before the tax engine's own range check.
        #expect(year.code == 65 && year.stderr.hasPrefix("error: --year 0 is not a year airledger can report: give a year from 2009 (the first year of any blockchain) to "))
        let sell = run(["sell", "--wallet", "hot", "--amount", "101 ZK", "--price-usd", "1", "--at", "2024-07-01"], db: db)
        #expect(sell.code == 65 && sell.stderr.contains("cannot sell 101 ZK from wallet 'hot' on 2024-07-01: it holds 100 ZK then"))
    }

    @Test("a criteria file error exits 65 without the command wrapping it")
    func criteriaExit65() throws {
        let (dir, db) = try tempLedger()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(run(["init"], db: db).code == 0)
        #expect(run(["wallet", "add", "0xde709f2102306220921060314715629080e2fb77", "--label", "hot"], db: db).code == 0)
        let file = dir.appendingPathComponent("typo.json")
        try Data(#"{"name": "x", "minimumPoints": 1, "rules": [{"rule": "activeMonth"}]}"#.utf8).write(to: file)
        let r = run(["check", "scroll", "--wallet", "hot", "--criteria", file.path], db: db)
        #expect(r.code == 65)
        #expect(r.stderr.hasPrefix("error: \(file.path):1:") && r.stderr.contains("unknown rule 'activeMonth'"))
    }

    @Test("export ledger on a damaged allocation fails (exit 1) naming the row, and writes nothing (built binary)")
    func exportRefusesDamagedRow() throws {
        let (dir, env) = try Binary.session()
        defer { try? FileManager.default.removeItem(at: dir) }
        var r = try Binary.shell("""
            airledger init >/dev/null && airledger wallet add 0xde709f2102306220921060314715629080e2fb77 --label hot 2>/dev/null >/dev/null \
            && airledger allocation scroll --wallet hot --amount '500 SCR' >/dev/null
            """, in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        // The damage, in the test setup only: a hand edit of the file.
        r = try Binary.shell("sqlite3 ledger.sqlite \"UPDATE allocation SET quantity = 'five hundred' WHERE id = 1\"", in: dir, environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        r = try Binary.shell("airledger export ledger -o out.json", in: dir, environment: env)
        #expect(r.status == 1)
        #expect(r.stderr == "error: the ledger's allocation row #1 is damaged: its quantity is 'five hundred', which airledger cannot read. "
            + "Nothing was changed; restore the ledger from a backup (`airledger backup` makes one), or correct that row with sqlite3.\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out.json").path))
        r = try Binary.shell("airledger deadlines", in: dir, environment: env)
        #expect(r.status == 1 && r.stderr.contains("allocation row #1"))
    }
}

import ArgumentParser
import LedgerCore
import LedgerFormats
import LedgerPostgres
import LedgerStore

/// A failure the CLI words itself (a rule of one command), with its exit code: 64 usage, 65 bad
/// input data, 1 anything else.
public struct CLIError: Error, CustomStringConvertible {
    public let message: String
    public let exitCode: Int32
    public static func usage(_ m: String) -> CLIError { CLIError(message: m, exitCode: ExitStatus.usage) }
    public static func data(_ m: String) -> CLIError { CLIError(message: m, exitCode: ExitStatus.dataError) }
    public static func failure(_ m: String) -> CLIError { CLIError(message: m, exitCode: ExitStatus.failure) }
    public var description: String { message }

    /// Any error as the user sees it: `ErrorReport`'s message and exit code.
    static func from(_ error: Error) -> CLIError {
        if let e = error as? CLIError { return e }
        return CLIError(message: ErrorReport.message(for: error), exitCode: ErrorReport.exitCode(for: error))
    }
}

/// The exit codes (sysexits.h where one fits).
public enum ExitStatus {
    public static let failure: Int32 = 1
    /// EX_USAGE: the command line is wrong.
    public static let usage: Int32 = 64
    /// EX_DATAERR: the input data is wrong (a value, a file's row, a rule of the ledger).
    public static let dataError: Int32 = 65
}

/// How every error reaches the user: the one table from error type to exit code, and the wording of
/// every error the core and the store report as values, each with its fix in the CLI's terms
/// (commands and flags). A command never wraps an error to choose its code or words.
///
/// Who words what: the store's, the holdings' and the tax engine's errors are values only and are
/// worded here, whole. Value-grammar errors (amounts, times, addresses, chains, wallet and project
/// fields, criteria files) keep their core text, which names the value and how to write it and names
/// no flag, because the file readers put the same text in their `file:line:column` issues; where the
/// fix is a flag (an address's `--chain`), it is worded here.
enum ErrorReport {
    static func exitCode(for error: Error) -> Int32 {
        switch error {
        case let e as CLIError: e.exitCode
        case is PostgresURLError: ExitStatus.usage
        case let e as PostgresError:
            switch e {
            case .url: ExitStatus.usage
            case .notEmpty: ExitStatus.dataError
            case .cannotConnect, .server, .foreignDatabase, .tooNew, .verifyFailed: ExitStatus.failure
            }
        case let e as StoreError:
            switch e {
            case .cannotCreate, .notALedger, .noLedger, .foreignDatabase, .backupOntoLedger, .tooNew, .busy, .database, .exists,
                 .damagedRow: ExitStatus.failure
            case .unknownWallet, .unknownProject, .duplicateWalletLabel, .duplicateAddress, .duplicateProject, .duplicateActivity,
                 .duplicateMovement, .unknownEntry, .notAField, .entryConflict, .breaksLaterFact, .unknownChange, .alreadyUndone,
                 .nothingToUndo, .laterChangeDepends, .undoBreaks, .undoLeavesShort, .walletInUse, .sameWallet, .notEmpty, .duplicateInRestore: ExitStatus.dataError
            }
        case is TaxError, is HoldingsError, is AmountError, is TimeError, is AddressError, is ChainError, is ProjectError,
             is WalletError, is CriteriaError, is LedgerDocumentError, is SecretError, is TextError: ExitStatus.dataError
        default: ExitStatus.failure
        }
    }

    static func message(for error: Error) -> String {
        switch error {
        case let e as CLIError: e.message
        case let e as PostgresURLError: e.description
        case let e as PostgresError: e.description
        case let e as StoreError: message(e)
        case let e as TaxError: message(e)
        case let e as HoldingsError: message(e)
        case let e as AddressError: message(e)
        // Value grammar: the core's text names the value and how to write it (and no flag).
        case let e as AmountError: e.description
        case let e as TimeError: e.description
        case let e as ChainError: e.description
        case let e as ProjectError: e.description
        case let e as WalletError: e.description
        case let e as SecretError:
            "\(e.field) holds \(e.finding): refused, nothing was written. "
                + SecretFinding.advice(e.finding.kind).replacingOccurrences(of: "give it where the transaction hash goes", with: "give it with --tx")
        // Files: located issues and ledger files, worded by their readers (`file:line:column: ...`).
        case let e as CriteriaError: e.description
        case let e as LedgerDocumentError: e.description
        case let e as CustomStringConvertible: e.description
        default: "\(error)"
        }
    }

    // MARK: The store

    static func message(_ e: StoreError) -> String {
        switch e {
        case .cannotCreate(let path, let reason):
            "cannot open or create the ledger at \(path): \(text(reason)). Choose a writable location with --db PATH or AIRLEDGER_DB."
        case .notALedger(let path):
            "\(path) is not an airledger ledger (it is not a SQLite database, or it is damaged). Point --db at your ledger file, or at a new path to start one."
        case .noLedger(let path):
            "no ledger at \(path): create it with `airledger init`, or point --db / AIRLEDGER_DB at yours"
        case .foreignDatabase(let path):
            "\(path) is an SQLite database of another program, not an airledger ledger: nothing was changed. Point --db at your ledger, or at a new path with `airledger init --db PATH`."
        case .backupOntoLedger(let path, let destination):
            "\(destination) is the ledger itself (\(path)): a backup must go to another file; nothing was written"
        case .tooNew(let path, let by, let schema, let ours, let oursSchema):
            "the ledger at \(path) has schema version \(schema) (written by airledger \(by)), newer than schema version \(oursSchema), the newest this airledger \(ours) reads. Upgrade airledger to use it; nothing was changed."
        case .busy(let path):
            "the ledger at \(path) stayed locked by another airledger for over 15 minutes; try again when it finishes."
        case .database(let message):
            "database error: \(message)"
        case .unknownWallet(let label, let suggestion):
            "no wallet labelled '\(label)'"
                + (suggestion.map { ". Did you mean '\($0)'?" } ?? ". See `airledger wallet list`, or add it with `airledger wallet add ADDRESS --label \(label)`.")
        case .unknownProject(let slug, let suggestion):
            "no project '\(slug)'"
                + (suggestion.map { ". Did you mean '\($0)'?" }
                    ?? ". See `airledger project list`, or add it with `airledger project add \(slug) --name NAME --status STATUS --category CATEGORY`.")
        case .duplicateWalletLabel(let label):
            "a wallet labelled '\(label)' already exists: choose another --label"
        case .duplicateAddress(let address, let chain, let label):
            "\(address) on \(chain) is already in the ledger as wallet '\(label)'"
        case .duplicateProject(let slug):
            "a project '\(slug)' already exists: change it with `airledger project set \(slug) ...`"
        case .duplicateActivity(let id, let kind, let project, let wallet, let at, let tx):
            "this activity is already in the ledger as \(EntryId(.activity, id)) (\(kind.rawValue) on \(project) by '\(wallet)' at \(at), tx \(tx)): nothing was added"
        case .duplicateMovement(let id, let wallet, let amount, let at, let tx):
            if let tx {
                "this \(id.kind.noun) is already in the ledger as \(id) (\(amount), wallet '\(wallet)', \(at), tx \(tx)): a transaction is recorded once per wallet, kind and asset; nothing was changed"
            } else {
                "this \(id.kind.noun) is already in the ledger as \(id) (\(amount), wallet '\(wallet)', \(at)): nothing was changed. If it really happened twice, run the command again with --again"
            }
        case .unknownEntry(let id, let actual):
            if let actual {
                "\(id) is not a \(id.kind.noun): entry \(id.number) of claims, buys, sells and transfers is \(actual.kind.noun) \(actual); nothing was changed"
            } else {
                "there is no \(id.kind.noun) \(id) in the ledger: see the Id column of `airledger \(listing(id.kind))`; nothing was changed"
            }
        case .notAField(let id, let fields, let allowed):
            "\(id.kind == .activity || id.kind == .allocation ? "an" : "a") \(id.kind.noun) has no \(fields.joined(separator: ", ")) to change: \(id) takes \(allowed.map { "--" + $0 }.joined(separator: ", ")); nothing was changed"
        case .entryConflict(let id, let reason):
            "this change would give \(id) the same key as another entry (\(reason)): edit or remove that one first; nothing was changed"
        case .breaksLaterFact(let verb, let ids, let dependent, let cause):
            ids.contains(dependent)
                ? "\(verb.rawValue) \(ids.map(\.description).joined(separator: ", ")): \(message(cause)) Nothing was changed."
                : "\(verb.rawValue) \(ids.map(\.description).joined(separator: ", ")) would break \(dependent.kind.noun) \(dependent), recorded later: \(message(cause)) Nothing was changed; edit or remove \(dependent) first."
        case .unknownChange(let id):
            "there is no change \(id) in the journal: see `airledger changes`"
        case .alreadyUndone(let id, let at):
            "change \(id) was undone already (at \(at)); nothing was changed"
        case .nothingToUndo:
            "there is no change left to undo: `airledger changes` lists the journal"
        case .laterChangeDepends(let id, let later):
            "change \(later), made after change \(id), touched the same entries: undo it first (`airledger undo --change \(later)`), or undo both with `airledger undo N`; nothing was changed"
        case .undoBreaks(let id, let reason):
            "undoing change \(id) alone would leave the ledger inconsistent (\(reason)); nothing was changed"
        case .undoLeavesShort(let id, let dependent, let cause):
            "undoing change \(id) would break \(dependent.kind.noun) \(dependent): \(message(cause)) Nothing was changed; edit or remove \(dependent) first."
        case .walletInUse(let label, let uses, let ids):
            "wallet '\(label)' is still referred to by \(uses.map(text).joined(separator: ", "))"
                + (ids.isEmpty ? "" : " (\(ids.map(\.description).joined(separator: ", "))\(uses.map(count).reduce(0, +) > ids.count ? ", ..." : ""))")
                + ": remove those first with `airledger remove ID...`, or mark it with `airledger wallet burn \(label)` to keep its history"
        case .sameWallet(let label):
            "a transfer needs two different wallets, but both are '\(label)'"
        case .notEmpty(let path, let table, let rows):
            "the ledger at \(path) is not empty (\(rows) rows in \(table)): import a ledger file into a new ledger, e.g. --db new.sqlite"
        case .exists(let path):
            "\(path) already exists: choose a new file name, or pass --force to replace it"
        case .duplicateInRestore(let table, let key):
            "the ledger file holds two \(table) entries for \(key.joined(separator: " ")): keep one of them and import the file again; nothing was imported"
        case .damagedRow(let table, let id, let column, let value):
            "the ledger's \(table) row #\(id) is damaged: its \(column) is \(value.map { "'\($0)'" } ?? "empty"), which airledger cannot read. Nothing was changed; restore the ledger from a backup (`airledger backup` makes one), or correct that row with sqlite3."
        }
    }

    static func text(_ reason: StoreError.OpenFailure) -> String {
        switch reason {
        case .cannotCreateFolder(let folder, let reason): "cannot create the folder \(folder) (\(reason))"
        case .notAFolder(let path): "\(path) is not a folder"
        case .isAFolder: "it is a folder, not a file"
        case .system(let reason): reason
        }
    }

    /// The listing that shows entries of `kind` with their ids.
    static func listing(_ kind: EntryId.Kind) -> String {
        switch kind {
        case .activity: "activity"
        case .claim, .buy, .sell, .transfer: "history"
        case .allocation: "deadlines"
        case .pointsReading: "points list"
        case .price: "price list"
        }
    }

    static func count(_ use: StoreError.WalletUse) -> Int {
        switch use {
        case .activity(let n), .pointsReadings(let n), .allocations(let n), .movements(let n), .incomingTransfers(let n): n
        }
    }

    static func text(_ use: StoreError.WalletUse) -> String {
        switch use {
        case .activity(let n): "\(n) activity entries"
        case .pointsReadings(let n): "\(n) points readings"
        case .allocations(let n): "\(n) allocations"
        case .movements(let n): "\(n) claims, trades or transfers"
        case .incomingTransfers(let n): "\(n) incoming transfers"
        }
    }

    // MARK: Holdings and tax

    static func message(_ e: HoldingsError) -> String {
        switch e {
        case .insufficient(let m, let held):
            let verb = m.kind == .sell ? "sell" : "transfer"
            let what = m.kind == .transfer && (m.feeQuantity.map { !$0.isZero } ?? false)
                ? "\(m.amount.quantity) \(m.amount.asset) plus a fee of \(m.feeQuantity ?? .zero) \(m.amount.asset)"
                : "\(m.amount)"
            return "cannot \(verb) \(what) from wallet '\(m.walletLabel)' on \(m.at.day): it holds \(held) \(m.amount.asset) then. Record the missing claim, buy or transfer first, or choose another wallet."
        case .amount(let e):
            return e.description
        }
    }

    static func message(_ e: TaxError) -> String {
        switch e {
        case .missingPrices(let ms):
            let head = ms.count == 1
                ? "the tax summary needs a USD price that is missing:"
                : "the tax summary needs \(ms.count) USD prices that are missing:"
            return ([head] + ms.map { "  " + missingPriceLine($0) }).joined(separator: "\n")
        case .insufficient(let m, let held):
            return message(HoldingsError.insufficient(movement: m, held: held))
        case .badYear(let year):
            return "tax year \(year) is out of range: give a four-digit year such as 2024"
        case .amount(let e):
            return e.description
        }
    }

    static func missingPriceLine(_ m: Movement) -> String {
        let asset = m.amount.asset
        let what: String
        switch m.kind {
        case .claim:
            let project = m.projectSlug.map { " (project \($0))" } ?? ""
            what = "claim of \(m.amount) into wallet '\(m.walletLabel)' on \(m.at)\(project) has no fair market value"
        case .buy:
            what = "buy of \(m.amount) into wallet '\(m.walletLabel)' on \(m.at) has no USD price"
        case .sell:
            what = "sale of \(m.amount) from wallet '\(m.walletLabel)' on \(m.at) has no USD price"
        case .transfer:
            let fee = m.feeQuantity ?? .zero
            what = "network fee of \(fee) \(asset) on the transfer of \(m.amount) from wallet '\(m.walletLabel)' to '\(m.toWalletLabel ?? "?")' on \(m.at) has no USD price"
        }
        // The one command in backquotes runs as printed; the by-hand way is said in words (no placeholder to edit).
        return "\(what): fetch it with `airledger price fetch \(asset)`, or record the price you know with price set "
            + "(the symbol \(asset), the USD price of one \(asset), then --at \(m.at))"
    }

    // MARK: Addresses: where giving the chain (--chain) is the fix

    static func message(_ e: AddressError) -> String {
        switch e {
        case .secret(let kind):
            AddressError.secretWarning(kind)
                + (kind == .hexPrivateKey
                    ? " (Starknet, Aptos, Sui and Movement addresses are also 64 hex digits: for one of those, give the chain with --chain.)"
                    : "")
        case .unrecognized(let value):
            "\(AddressError.shown(value)) is not an address airledger recognises (EVM 0x + 40 hex, Bitcoin, Cosmos bech32, Solana, Tron, "
                + "Substrate SS58, Starknet or Move 0x + hex): check for a missing or extra character, or give the chain with --chain to get a precise error"
        case .needsChain(let value):
            "\(AddressError.shown(value)) could be a Starknet, Aptos, Sui or Movement address, which are all written 0x + hex: "
                + "say which with --chain starknet|aptos|sui|movement"
        case .chainMismatch(let value, let given, let detected):
            "\(AddressError.shown(value)) is an address on \(detected), not on \(given): use --chain \(detected), "
                + "or paste your \(given) address instead"
        case .wrongPrefix(let value, let chain, let expected, let found):
            "\(AddressError.shown(value)) starts with '\(found)1', but \(chain) addresses start with '\(expected)1': "
                + "paste your \(chain) address, or give the chain this address belongs to with --chain"
        case .unknownPrefix(let value, let prefix):
            "\(AddressError.shown(value)) is a bech32 address with prefix '\(prefix)', which is no chain airledger knows: "
                + "check the address, or give its chain with --chain"
        case .genericSubstrate(let value):
            "\(AddressError.shown(value)) is a generic Substrate address (SS58 prefix 42), valid on any Substrate chain: "
                + "say which network it is for with --chain \(AddressError.substrateChains.map(\.name).joined(separator: "|"))"
        case .unknownSS58Prefix(let value, let prefix):
            "\(AddressError.shown(value)) is a Substrate address for network prefix \(prefix), which is no chain airledger knows "
                + "(\(AddressError.substrateChains.map { "\($0.name) \($0.ss58Prefix.map(String.init) ?? "?")" }.joined(separator: ", "))): "
                + "add the address your wallet shows for one of those, or its generic 5... form with --chain"
        case .empty, .extendedPublicKey, .malformed, .ss58PrefixMismatch, .evmChecksum, .checksumMismatch, .wrongChecksumVariant, .mixedCase,
             .validatorAddress, .outOfRange, .badTxHash:
            e.description
        }
    }
}

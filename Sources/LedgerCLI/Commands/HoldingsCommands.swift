import ArgumentParser
import Foundation
import LedgerCore
import LedgerStore

struct ClaimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claim",
        abstract: "Record tokens received from an airdrop.",
        discussion: "The fair market value per token comes from --price-usd, else from the price table's latest price at or before that time within a day (--fetch-prices fetches it first when the table lacks it). A claim with no price is kept but flagged, and the tax summary refuses to guess.")

    @OptionGroup var ledger: LedgerOptions
    @Argument(help: "The project's slug.") var project: String
    @Option(help: "The wallet (label) that received the tokens.") var wallet: String
    @Option(parsing: .unconditional, help: "Tokens received, e.g. \"1250 ARB\".") var amount: String
    @Option(help: "When (default now).") var at: String?
    @Option(name: .customLong("price-usd"), parsing: .unconditional, help: "Fair market value per token in USD at receipt.") var priceUsd: String?
    @Option(help: "The claim's transaction hash.") var tx: String?
    @Option(name: .customLong("fee-usd"), parsing: .unconditional, help: "Gas paid to claim, USD.") var feeUsd: String?
    @Flag(help: "Record it even though an identical entry (same wallet, amount and time, no tx hash) exists.") var again = false
    @OptionGroup var prices: FetchPricesOption

    func run() throws {
        let db = try ledger.open()
        let now = Out.now
        let w = try db.wallet(labelled: wallet)
        let r = MovementRequest(
            kind: .claim, wallet: w.label, project: project, amount: try Amount(parsing: amount),
            at: try parseTime(at, now: now), priceUsd: try priceUsd.map { try Quantity.positive($0, what: "--price-usd") },
            feeUsd: try feeUsd.map { try Quantity.nonNegative($0, what: "--fee-usd") },
            txHash: try tx.map { try AddressRules.validateTxHash($0, family: w.chain.family) })
        // The price at the claim's time, fetched before recording when asked and not already known
        // (given with --price-usd, or in the price table within the rule's window). The project is
        // checked first: no request for a claim that would be refused.
        if prices.enabled { _ = try db.project(slug: project) }
        try prices.fetch(db, needs: r.priceUsd != nil || PriceRule(book: try db.priceBook()).price(of: r.amount.asset, at: r.at) != nil
                            ? [:] : [r.amount.asset: [r.at]], then: "the claim")
        let outcome = try db.recordMovement(r, again: again, now: now)
        // Priced by the store with the claim price rule: the given price, else the price table's.
        let m = outcome.movement
        let price = m.priceUsd
        Out.data("\(m.entryId): claimed \(m.amount) into '\(m.walletLabel)' from \(m.projectSlug ?? project) at \(m.at)"
            + (try price.map { " (fair market value \(Format.usd(try $0 * m.amount.quantity)) at \($0) USD each)" } ?? ""))
        if outcome.setProjectToken { Out.note("project \(m.projectSlug ?? project) now has token \(m.amount.asset)") }
        if outcome.claimedAllocation { Out.note("marked the matching allocation claimed") }
        if price == nil {
            Out.warn("no price for \(m.amount.asset) at \(m.at): this claim is flagged as unpriced. Fix it with `airledger price set \(m.amount.asset) USD --at \(m.at)`.")
        }
    }
}

/// Options shared by buy and sell.
struct TradeOptions: ParsableArguments {
    @OptionGroup var ledger: LedgerOptions
    @Option(help: "The wallet (label) that bought or sold.") var wallet: String
    @Option(parsing: .unconditional, help: "e.g. \"100 OP\".") var amount: String
    @Option(name: .customLong("price-usd"), parsing: .unconditional, help: "Price per token in USD.") var priceUsd: String
    @Option(name: .customLong("fee-usd"), parsing: .unconditional, help: "Fee in USD (a buy's adds to basis, a sell's reduces proceeds).") var feeUsd: String?
    @Option(help: "When (default now).") var at: String?
    @Option(help: "The transaction hash.") var tx: String?
    @Flag(help: "Record it even though an identical entry (same wallet, amount and time, no tx hash) exists.") var again = false

    func record(_ kind: Movement.Kind) throws {
        let db = try ledger.open()
        let now = Out.now
        let w = try db.wallet(labelled: wallet)
        let r = MovementRequest(
            kind: kind, wallet: w.label, amount: try Amount(parsing: amount), at: try parseTime(at, now: now),
            priceUsd: try Quantity.positive(priceUsd, what: "--price-usd"),
            feeUsd: try feeUsd.map { try Quantity.nonNegative($0, what: "--fee-usd") },
            txHash: try tx.map { try AddressRules.validateTxHash($0, family: w.chain.family) })
        let m = try laterEntryExplained(r) { try db.recordMovement(r, again: again, now: now).movement }
        let gross = try (m.priceUsd ?? .zero) * m.amount.quantity
        Out.data("\(m.entryId): \(kind == .buy ? "bought" : "sold") \(m.amount) \(kind == .buy ? "into" : "from") '\(m.walletLabel)' at \(m.at) for \(Format.usd(gross))"
            + ((m.feeUsd.map { $0.isPositive } ?? false) ? " plus a fee of \(Format.usd(m.feeUsd ?? .zero))" : ""))
    }
}

struct BuyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "buy", abstract: "Record a purchase.")
    @OptionGroup var trade: TradeOptions
    func run() throws { try trade.record(.buy) }
}

struct SellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sell", abstract: "Record a sale (refused when the wallet holds less at that time).")
    @OptionGroup var trade: TradeOptions
    func run() throws { try trade.record(.sell) }
}

struct TransferCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "transfer",
        abstract: "Record a move between two of your wallets (not a sale).",
        discussion: "A --fee paid in the moved token leaves the sender on top of the amount, and is a disposal of those units at their price then.")
    @OptionGroup var ledger: LedgerOptions
    @Option(help: "The sending wallet (label).") var from: String
    @Option(help: "The receiving wallet (label), another of yours.") var to: String
    @Option(parsing: .unconditional, help: "e.g. \"5 SOL\".") var amount: String
    @Option(parsing: .unconditional, help: "Network fee paid in the moved token, e.g. \"0.01 SOL\".") var fee: String?
    @Option(help: "When (default now).") var at: String?
    @Option(help: "The transaction hash.") var tx: String?
    @Flag(help: "Record it even though an identical entry (same wallet, amount and time, no tx hash) exists.") var again = false

    func run() throws {
        let db = try ledger.open()
        let now = Out.now
        let w = try db.wallet(labelled: from)
        let amt = try Amount(parsing: amount)
        var feeQty: Quantity?
        if let f = fee {
            let parts = f.split(separator: " ")
            if parts.count == 1, let q = try? Quantity(parsing: f) {
                feeQty = q
            } else {
                let feeAmount = try Amount(parsing: f, what: "--fee")
                guard feeAmount.asset == amt.asset else {
                    throw CLIError.data("--fee '\(f)' is in \(feeAmount.asset) but the transfer moves \(amt.asset): a fee paid in another token is not part of this transfer; log it with `airledger log ... --fee` instead")
                }
                feeQty = feeAmount.quantity
            }
            if let q = feeQty, q.isNegative { throw AmountError.negative(f, what: "--fee") }
        }
        let r = MovementRequest(kind: .transfer, wallet: w.label, toWallet: to, amount: amt, at: try parseTime(at, now: now),
                                feeQuantity: feeQty, txHash: try tx.map { try AddressRules.validateTxHash($0, family: w.chain.family) })
        let m = try laterEntryExplained(r) { try db.recordMovement(r, again: again, now: now).movement }
        Out.data("\(m.entryId): moved \(m.amount) from '\(m.walletLabel)' to '\(m.toWalletLabel ?? to)' at \(m.at)"
            + ((m.feeQuantity.map { $0.isPositive } ?? false) ? " (fee \(m.feeQuantity ?? .zero) \(m.amount.asset))" : ""))
        if m.takesTablePrice, m.priceUsd == nil {
            Out.warn("no price for \(m.amount.asset) at \(m.at): the fee is a disposal the tax summary cannot value. Add one with `airledger price set \(m.amount.asset) USD --at \(m.at)`.")
        }
    }
}

/// Runs the write of `r`; when it is refused because a *later* entry would then be short (a back-dated
/// sale or transfer), says so, naming this entry and the later one, instead of the later one alone.
func laterEntryExplained<T>(_ r: MovementRequest, _ body: () throws -> T) throws -> T {
    do { return try body() } catch HoldingsError.insufficient(let later, let held) where later.at != r.at || later.kind != r.kind || later.amount != r.amount {
        func noun(_ k: Movement.Kind) -> String { k == .sell ? "sale" : k.rawValue }
        throw CLIError.data("this \(noun(r.kind)) of \(r.amount) from '\(r.wallet)' on \(r.at.day) would leave a later entry short: "
            + "the \(noun(later.kind)) of \(later.amount) from '\(later.walletLabel)' on \(later.at.day)\(later.id > 0 ? " (\(later.entryId))" : "") "
            + "needs them, and '\(later.walletLabel)' would hold only \(held) \(later.amount.asset) then. Nothing was written: check this \(noun(r.kind))'s amount and date, or record what the later entry needs first.")
    }
}

import ArgumentParser
import LedgerCore
import LedgerStore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Claims, buys, sells and transfers in ledger order, with prices; unpriced claims flagged.")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption
    @Option(help: "Only movements in or out of this wallet.") var wallet: String?
    @Option(help: "Only this asset.") var asset: String?
    @Option(help: "Only claim, buy, sell or transfer.") var kind: Movement.Kind?

    func run() throws {
        let db = try ledger.open()
        let w = try wallet.map { try db.wallet(labelled: $0) }
        let a = try asset.map { try AssetSymbol(parsing: $0) }
        let ms = try db.movements().filter { m in
            (w == nil || m.walletId == w?.id || m.toWalletId == w?.id) && (a == nil || m.amount.asset == a) && (kind == nil || m.kind == kind)
        }
        let unpriced = ms.filter { $0.kind == .claim && $0.priceUsd == nil }
        Out.data(Listing([
            .init("id", "Id"), .init("at", "When"), .init("kind", "Kind"), .init("wallet", "Wallet"),
            .init("toWallet", "To"), .init("project", "Project"), .init("amount", "Amount", numeric: true), .init("asset", "Asset"),
            .init("priceUsd", "Price", numeric: true), .init("priceSource", "Price from"), .init("valueUsd", "Value", numeric: true),
            .init("feeUsd", "Fee USD", numeric: true), .init("feeQuantity", "Fee units", numeric: true), .init("txHash", "Tx"),
            .init("flag", "Note"),
        ], rows: try ms.map { m in
            let flag: String? = m.kind == .claim && m.priceUsd == nil ? "unpriced claim" :
                (m.kind == .transfer && (m.feeQuantity?.isPositive ?? false) && m.priceUsd == nil ? "fee unpriced" : nil)
            return [.id(m.entryId), .s(m.at.description), .s(m.kind.rawValue), .s(m.walletLabel), .s(m.toWalletLabel),
                    .s(m.projectSlug), .q(m.amount.quantity), .s(m.amount.asset.code), .q(m.priceUsd), .s(m.priceSource),
                    .usd(m.kind == .transfer ? nil : try m.priceUsd.map { try $0 * m.amount.quantity }), .usd(m.feeUsd), .q(m.feeQuantity),
                    .custom(.text(m.txHash), m.txHash.map(ActivityCommand.List.short) ?? "-"), .s(flag)]
        }, footer: unpriced.isEmpty ? [] : unpriced.map {
            "unpriced claim \($0.entryId): \($0.amount) into '\($0.walletLabel)' at \($0.at): fix with `airledger price set \($0.amount.asset) USD --at \($0.at)`"
        }).render(output.format))
    }
}

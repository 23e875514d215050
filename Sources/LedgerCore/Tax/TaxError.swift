/// Why a tax report cannot be made. Every message names the event and says how to fix it.
public enum TaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Movements whose USD price the report needs but the ledger lacks, all of them, in ledger
    /// order: claims (income and basis), buys (basis), sells (proceeds), transfer fees (disposal).
    case missingPrices([Movement])
    /// A sell or transfer needs more units than its wallet (or lot pool) holds at that time.
    case insufficient(movement: Movement, held: Quantity)
    /// The year is outside 1...9999.
    case badYear(Int)
    /// A figure that cannot be held exactly (a sum, product or split beyond 38 digits).
    case amount(AmountError)

    public var description: String {
        switch self {
        case .missingPrices(let ms):
            let head = ms.count == 1
                ? "the tax summary needs a USD price that is missing:"
                : "the tax summary needs \(ms.count) USD prices that are missing:"
            return ([head] + ms.map { "  " + TaxError.missingPriceLine($0) }).joined(separator: "\n")
        case .insufficient(let m, let held):
            return HoldingsError.insufficient(movement: m, held: held).description
        case .badYear(let y):
            return "tax year \(y) is out of range: give a four-digit year such as 2024"
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
        return "\(what): run `airledger price set \(asset) USD --at \(m.at)` with USD the price of one \(asset) in US dollars then"
    }
}

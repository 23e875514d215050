/// Why a tax report cannot be made: values naming the events, no wording (the CLI words each case
/// and its fix, see LedgerCLI's ErrorReport).
public enum TaxError: Error, Equatable, Sendable {
    /// Movements whose USD price the report needs but the ledger lacks, all of them, in ledger
    /// order: claims (income and basis), buys (basis), sells (proceeds), transfer fees (disposal).
    case missingPrices([Movement])
    /// A sell or transfer needs more units than its wallet (or lot pool) holds at that time.
    case insufficient(movement: Movement, held: Quantity)
    /// The year is outside 1...9999.
    case badYear(Int)
    /// A figure that cannot be held exactly (a sum, product or split beyond 38 digits).
    case amount(AmountError)
}

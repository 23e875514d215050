import ArgumentParser
import LedgerCore
import LedgerStore

/// A CLI failure with its exit code: 64 usage, 65 bad input data, 1 anything else.
public struct CLIError: Error, CustomStringConvertible {
    public let message: String
    public let exitCode: Int32
    public static func usage(_ m: String) -> CLIError { CLIError(message: m, exitCode: 64) }
    public static func data(_ m: String) -> CLIError { CLIError(message: m, exitCode: 65) }
    public static func failure(_ m: String) -> CLIError { CLIError(message: m, exitCode: 1) }
    public var description: String { message }

    /// Maps any error to a message and exit code.
    static func from(_ error: Error) -> CLIError {
        switch error {
        case let e as CLIError: return e
        case let e as StoreError:
            switch e {
            case .cannotCreate, .notALedger, .tooNew, .busy, .database, .exists: return .failure(e.description)
            default: return .data(e.description)
            }
        case let e as AmountError: return .data(e.description)
        case let e as TimeError: return .data(e.description)
        case let e as AddressError: return .data(e.description)
        case let e as HoldingsError: return .data(e.description)
        case let e as ProjectError: return .data(e.description)
        case let e as WalletError: return .data(e.description)
        case let e as ChainError: return .data(e.description)
        case let e as CustomStringConvertible: return .failure(e.description)
        default: return .failure("\(error)")
        }
    }
}

/// Runs a closure whose typed errors become CLIError (so commands can `try` core parsers freely).
func input<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw CLIError.from(error) }
}

import ArgumentParser
import LedgerCore
import LedgerStore

/// `--fetch-prices` on `claim`, `tax summary`, `tax export` and `portfolio`: the only way those
/// commands reach the network, and only when given. It fetches exactly the prices the command lacks
/// (as `price fetch --missing` would, narrowed to what the command shows), stores them like
/// `price fetch` (source and fetch time, never over a price the user set), then the command runs
/// offline on the ledger. What was fetched and what is still missing go to stderr: stdout stays the
/// command's data. When a fetch fails the command does not run (the assets fetched before the
/// failure are stored whole, all or nothing per asset).
struct FetchPricesOption: ParsableArguments {
    @Flag(name: .customLong("fetch-prices"),
          help: "First fetch the USD prices this command lacks (network: DefiLlama, and CoinGecko when COINGECKO_API_KEY is set) and store them, as `price fetch` does.")
    var enabled = false

    /// Fetches `needs` when the flag was given; nothing at all (no request) when it was not, or when
    /// nothing is needed. `then`: what the command would have done, named in a failure's message.
    func fetch(_ db: LedgerDatabase, needs: @autoclosure () throws -> [AssetSymbol: [Instant]], then: String) throws {
        guard enabled else { return }
        let needs = try needs()
        if needs.isEmpty {
            Out.note("prices: nothing to fetch, the ledger has every price this needs")
            return
        }
        let outcome = try PriceFetch(db: db, env: Out.ctx.environment, now: Out.now, window: PriceRule.defaultWindow,
                                     progress: Out.progress).run(needs)
        do {
            try PriceFetch.report(outcome) { Out.note("prices: " + $0) }
        } catch let e as CLIError {
            throw CLIError(message: e.message + " \(then) was not done: run it again, or without --fetch-prices to use the prices the ledger has.",
                           exitCode: e.exitCode)
        }
    }
}

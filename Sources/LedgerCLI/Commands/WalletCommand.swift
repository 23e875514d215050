import ArgumentParser
import LedgerCore
import LedgerStore

struct WalletCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wallet",
        abstract: "Add, list and manage the wallets you farm with.",
        subcommands: [Add.self, List.self, Show.self, SetCustody.self, Rename.self, Burn.self, Remove.self])

    static func listing(_ wallets: [Wallet]) -> Listing {
        Listing([
            .init("label", "Label"), .init("address", "Address"), .init("chain", "Chain"), .init("family", "Family"),
            .init("group", "Group"), .init("status", "Status"), .init("createdAt", "Added"),
        ], rows: wallets.map { w in
            [.s(w.label), .s(w.displayAddress), .s(w.chain.name), .s(w.chain.family.rawValue), .s(w.group),
             .s(w.status.rawValue), .s(w.createdAt.description)]
        })
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a wallet by its public address (never a private key or seed phrase).",
            discussion: "The chain is inferred when the address says it (EVM, Bitcoin, Cosmos prefixes, Tron, Solana, "
                + "Substrate SS58 prefixes such as Polkadot's 1... or Kusama's); otherwise give --chain. "
                + "A generic Substrate address (5...) is valid on any Substrate chain: give --chain avail, polkadot, kusama or peaq, "
                + "and it is stored in that chain's own format.")

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The wallet's public address.") var address: String
        @Option(help: "The chain, e.g. ethereum, arbitrum, solana, starknet, celestia, sui, polkadot, avail, peaq.") var chain: String?
        @Option(help: "A short name you will type in other commands (default: derived from the address).") var label: String?
        @Option(help: "A group, e.g. a farming batch.") var group: String?

        func run() throws {
            let chosen = try chain.map { try Chains.parse($0) }
            let parsed = try AddressRules.parse(address, chain: chosen)
            let name = try WalletLabel.validate(label ?? Self.defaultLabel(parsed))
            let db = try ledger.open()
            let w = try db.addWallet(label: name, address: parsed, group: group, now: Out.now)
            for warning in parsed.warnings { Out.warn(warning) }
            Out.data("added wallet '\(w.label)': \(w.displayAddress) on \(w.chain.name)")
        }

        static func defaultLabel(_ p: ParsedAddress) -> String {
            let body = p.canonical.hasPrefix("0x") ? String(p.canonical.dropFirst(2)) : p.canonical
            return "\(p.chain.name)-\(body.suffix(6).lowercased())"
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List wallets.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only wallets in this group.") var group: String?

        func run() throws {
            var ws = try ledger.open().wallets()
            if let g = group { ws = ws.filter { $0.group == g } }
            Out.data(WalletCommand.listing(ws).render(output.format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one wallet and what refers to it.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @Argument(help: "The wallet's label.") var label: String

        func run() throws {
            let db = try ledger.open()
            let w = try db.wallet(labelled: label)
            let acts = try db.activities(ActivityFilter(wallet: w.label))
            let moves = try db.movements().filter { $0.walletId == w.id || $0.toWalletId == w.id }
            let fees = try acts.compactMap(\.feeUsd).sum()
            let view = RecordView(fields: [
                ("label", "Label", .s(w.label)), ("address", "Address", .s(w.displayAddress)),
                ("chain", "Chain", .s(w.chain.name)), ("family", "Family", .s(w.chain.family.rawValue)),
                ("group", "Group", .s(w.group)), ("status", "Status", .s(w.status.rawValue)),
                ("custody", "Custody", .s(w.broker.map { "broker \($0)" } ?? "self-custody")),
                ("createdAt", "Added", .s(w.createdAt.description)),
                ("activities", "Activities", .i(acts.count)),
                ("projects", "Projects", .i(Set(acts.map(\.projectSlug)).count)),
                ("feesUsd", "Fees (USD)", .usd(fees)),
                ("movements", "Claims/trades/transfers", .i(moves.count)),
            ])
            Out.data(view.render(output.format))
        }
    }

    struct SetCustody: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Say who holds a wallet: a broker (an exchange account) or you (self-custody, the default).",
            discussion: "From tax year 2025 a broker reports a custodial wallet's sales on Form 1099-DA, so they go to "
                + "Form 8949 boxes G/H (short-term) and J/K (long-term); sales from self-custody go to boxes I and L.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The wallet's label.") var label: String
        @Option(help: "The broker holding the wallet, e.g. Coinbase: its sales are reported on Form 1099-DA.") var broker: String?
        @Flag(help: "The wallet is yours alone (no broker): sales not reported on Form 1099-DA.") var selfCustody = false

        func validate() throws {
            guard (broker != nil) != selfCustody else {
                throw ValidationError("give --broker NAME or --self-custody (one of them)")
            }
            if let b = broker, b.trimmingCharacters(in: .whitespaces).isEmpty || b.count > 60 {
                throw ValidationError("'\(b)' is not a broker name: give 1 to 60 characters, e.g. --broker Coinbase")
            }
        }

        func run() throws {
            let w = try ledger.open().setWalletBroker(label, broker?.trimmingCharacters(in: .whitespaces))
            Out.data(w.broker.map { "wallet '\(w.label)' is held at broker \($0): its sales from tax year 2025 go to Form 8949 boxes G/H/J/K" }
                     ?? "wallet '\(w.label)' is self-custody: its sales from tax year 2025 go to Form 8949 boxes I/L")
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Rename a wallet's label.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var old: String
        @Argument var new: String

        func run() throws {
            let name = try WalletLabel.validate(new)
            let w = try ledger.open().renameWallet(old, to: name)
            Out.data("renamed wallet '\(old)' to '\(w.label)'")
        }
    }

    struct Burn: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Mark a wallet as burned (flagged by a sybil filter): kept with its history, shown as burned.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var label: String
        @Flag(help: "Undo: mark the wallet active again.") var undo = false

        func run() throws {
            let w = try ledger.open().setWalletStatus(label, undo ? .active : .burned)
            Out.data("wallet '\(w.label)' is now \(w.status.rawValue)")
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a wallet nothing refers to.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var label: String

        func run() throws {
            let db = try ledger.open()
            let w: Wallet
            do { w = try db.removeWallet(label) } catch StoreError.walletInUse(let l, let uses, let ids) {
                // A burned wallet is already kept for its history: burning it is no advice.
                guard (try? db.wallet(labelled: label))?.status == .burned else { throw StoreError.walletInUse(label: l, uses: uses, ids: ids) }
                let message = ErrorReport.message(for: StoreError.walletInUse(label: l, uses: uses, ids: ids))
                let head = message.components(separatedBy: ": remove those first").first ?? message
                throw CLIError.data("\(head): it is burned already, which keeps it and its history out of your active wallets; to delete it, remove those entries first with `airledger remove ID...`")
            }
            Out.data("removed wallet '\(w.label)'")
        }
    }
}

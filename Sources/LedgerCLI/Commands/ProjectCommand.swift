import ArgumentParser
import LedgerCore
import LedgerStore

struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "List, show, add and change projects.",
        subcommands: [List.self, Show.self, Add.self, Set.self])

    /// Options shared by `project add` and `project set`.
    struct Fields: ParsableArguments {
        @Option(help: "Display name.") var name: String?
        @Option(help: "confirmed, likely, possible, speculative, launched or ended.") var status: String?
        @Option(help: "L1, L2, DeFi, infra, NFT or other.") var category: String?
        @Option(help: "Token symbol once known.") var token: String?
        @Option(parsing: .unconditional, help: "Money raised, USD.") var raised: String?
        @Option(parsing: .unconditional, help: "Last private valuation, USD.") var valuation: String?
        @Option(name: .customLong("tech-score"), help: "Tech score, 0 to 100.") var techScore: String?
        @Option(help: "Your probability of an airdrop, 0 to 1 (overrides the status default).") var probability: String?
        @Option(name: .customLong("airdrop-share"), help: "Expected airdrop share of supply, 0 to 1.") var airdropShare: String?
        @Option(help: "Expected number of recipients.") var recipients: String?
        @Option(name: .customLong("expected-fdv"), help: "Expected FDV at launch, USD.") var expectedFdv: String?
        @Option(name: .customLong("points-pool"), help: "What the points program converts into: TOKENS (with --total-supply), or a share of supply from 0 to 1.") var pointsPool: String?
        @Option(name: .customLong("total-supply"), help: "Total token supply (turns a points pool in tokens into a share).") var totalSupply: String?
        @Option(name: .customLong("total-points"), help: "Total points issued across all users.") var totalPoints: String?
        @Option(help: "Free text.") var notes: String?

        func apply(to p: inout Project) throws {
            if let v = name { p.name = v }
            if let v = status {
                guard let s = Project.Status(rawValue: v.lowercased()) else { throw ProjectError.badStatus(v) }
                p.status = s
            }
            if let v = category {
                guard let c = Project.Category(loose: v) else { throw ProjectError.badCategory(v) }
                p.category = c
            }
            if let v = token { p.token = try AssetSymbol(parsing: v) }
            if let v = raised { p.raisedUsd = try Quantity.nonNegative(v, what: "--raised") }
            if let v = valuation { p.valuationUsd = try Quantity.nonNegative(v, what: "--valuation") }
            if let v = airdropShare { p.airdropShare = try Quantity.positive(v, what: "--airdrop-share") }
            if let v = recipients {
                let n = try Quantity.positive(v, what: "--recipients")
                guard n.isWhole else { throw CLIError.data("--recipients '\(v)' is a number of recipients: give a whole number, e.g. 250000") }
                p.expectedRecipients = n
            }
            if let v = expectedFdv { p.expectedFdvUsd = try Quantity.positive(v, what: "--expected-fdv") }
            if let v = pointsPool { p.pointsPool = try Quantity.positive(v, what: "--points-pool") }
            if let v = totalPoints { p.totalPoints = try Quantity.positive(v, what: "--total-points") }
            if let v = totalSupply { p.totalSupply = try Quantity.positive(v, what: "--total-supply") }
            if let v = techScore {
                guard let n = Int(v), (0...100).contains(n) else { throw ProjectError.badTechScore(v) }
                p.techScore = n
            }
            if let v = probability {
                guard let q = try? Quantity(parsing: v), !q.isNegative, q <= Quantity(exactly: 1) else {
                    throw ProjectError.badProbability(v)
                }
                p.probability = q
            }
            if let s = airdropShare, let q = p.airdropShare, q > Quantity(exactly: 1) {
                throw CLIError.data("--airdrop-share '\(s)' is a fraction of supply from 0 to 1 (e.g. 0.1 for 10%)")
            }
            if let v = notes { p.notes = v }
            if let pool = p.pointsPool, pool > Quantity(exactly: 1) {
                if let supply = p.totalSupply, pool > supply {
                    throw CLIError.data("--points-pool \(pool) tokens is more than the total supply \(supply): check both figures")
                }
                if p.totalSupply == nil {
                    Out.warn("a points pool of \(pool) tokens needs the total supply to become a share: add --total-supply N (or give the pool as a share from 0 to 1)")
                }
            }
        }
    }

    static func listing(_ ps: [Project]) -> Listing {
        Listing([
            .init("slug", "Slug"), .init("name", "Name"), .init("status", "Status"), .init("status2024", "2024"),
            .init("category", "Category"), .init("token", "Token"), .init("airdropDate", "Airdrop"),
            .init("techScore", "Tech", numeric: true), .init("raisedUsd", "Raised", numeric: true),
            .init("valuationUsd", "Valuation", numeric: true),
        ], rows: ps.map { p in
            [.s(p.slug), .s(p.name), .s(p.status.rawValue), .s(p.status2024?.rawValue), .s(p.category.rawValue),
             .s(p.token?.code), .s(p.airdropDate?.description), .i(p.techScore), .usd(p.raisedUsd), .usd(p.valuationUsd)]
        })
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List projects.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @Option(help: "Only this status: confirmed, likely, possible, speculative, launched, ended.") var status: String?

        func run() throws {
            var ps = try ledger.open().projects()
            if let s = status {
                guard let st = Project.Status(rawValue: s.lowercased()) else { throw ProjectError.badStatus(s) }
                ps = ps.filter { $0.status == st }
            }
            Out.data(ProjectCommand.listing(ps).render(output.format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one project.")
        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var output: FormatOption
        @Argument var slug: String

        func run() throws {
            let p = try ledger.open().project(slug: slug)
            Out.data(RecordView(fields: [
                ("slug", "Slug", .s(p.slug)), ("name", "Name", .s(p.name)), ("status", "Status", .s(p.status.rawValue)),
                ("status2024", "Status in 2024", .s(p.status2024?.rawValue)), ("category", "Category", .s(p.category.rawValue)),
                ("token", "Token", .s(p.token?.code)), ("airdropDate", "Airdrop date", .s(p.airdropDate?.description)),
                ("techScore", "Tech score", .i(p.techScore)), ("raisedUsd", "Raised", .usd(p.raisedUsd)),
                ("valuationUsd", "Valuation", .usd(p.valuationUsd)),
                ("narratives", "Narratives", .s(p.narratives.isEmpty ? nil : p.narratives.joined(separator: "; "))),
                ("competitors", "Competitors", .s(p.competitors.isEmpty ? nil : p.competitors.joined(separator: "; "))),
                ("investors", "Investors", .s(p.investors.isEmpty ? nil : p.investors.joined(separator: "; "))),
                ("probability", "Probability", .q(p.probability)), ("airdropShare", "Airdrop share", .q(p.airdropShare)),
                ("expectedRecipients", "Expected recipients", .q(p.expectedRecipients)),
                ("expectedFdvUsd", "Expected FDV", .usd(p.expectedFdvUsd)), ("pointsPool", "Points pool", .q(p.pointsPool)),
                ("totalPoints", "Total points", .q(p.totalPoints)), ("totalSupply", "Total supply", .q(p.totalSupply)), ("notes", "Notes", .s(p.notes)), ("origin", "Origin", .s(p.origin)),
            ]).render(output.format))
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a project.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "Lower-case identifier, e.g. layerzero.") var slug: String
        @OptionGroup var fields: Fields

        func validate() throws {
            guard fields.name != nil, fields.status != nil, fields.category != nil else {
                throw ValidationError("project add needs --name, --status and --category")
            }
        }

        func run() throws {
            let s = try ProjectSlug.validate(slug)
            var p = Project(slug: s, name: s, status: .speculative, category: .other)
            try fields.apply(to: &p)
            let saved = try ledger.open().addProject(p, now: Out.now)
            Out.data("added project '\(saved.slug)' (\(saved.status.rawValue), \(saved.category.rawValue))")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a project's facts or estimation inputs.")
        @OptionGroup var ledger: LedgerOptions
        @Argument var slug: String
        @OptionGroup var fields: Fields

        func run() throws {
            let saved = try ledger.open().updateProject(slug, now: Out.now) { old in
                var p = old
                try fields.apply(to: &p)
                return p
            }
            Out.data("updated project '\(saved.slug)'")
        }
    }
}

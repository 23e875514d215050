import ArgumentParser
import Foundation
import LedgerCore
import LedgerFormats
import LedgerStore

/// `airledger benchmarks`: the historical airdrops the estimator compares against.
struct BenchmarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "benchmarks",
        abstract: "Historical airdrops the estimates compare against: size, recipients, launch price and value per recipient.",
        subcommands: [List.self, Show.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the benchmarks (the default), in date order.",
            discussion: "The table rounds large figures ($3.00B, 150.00M); --format json or csv gives them exactly, with confidence and sources.")
        @OptionGroup var output: FormatOption
        @Option(help: "Only this category (L1, L2, DeFi, infra, NFT, other).") var category: String?

        func run() throws {
            let all = Benchmarks.bundled
            let known = Array(Set(all.map(\.categoryText))).sorted()
            if let c = category, !known.contains(where: { $0.lowercased() == c.lowercased() }) {
                throw CLIError.data("no benchmark has category '\(c)'" + ". " + (Suggest.closest(to: c, in: known).map { "Did you mean '\($0)'? " } ?? "")
                    + "Categories: \(known.joined(separator: ", "))")
            }
            let bs = Benchmarks.filter(all, category: category)
            let exact = output.format != .table
            var cols: [Listing.Column] = [
                .init("slug", "Slug"), .init("token", "Token"), .init("date", "Date"), .init("category", "Category"),
                .init("recipients", "Recipients", numeric: true), .init("tokensAirdropped", "Airdropped", numeric: true),
                .init("shareOfSupply", "Share", numeric: true), .init("priceAtLaunchUsd", "Launch price", numeric: true),
                .init("fdvAtLaunchUsd", "FDV at launch", numeric: true), .init("totalValueAtLaunchUsd", "Total value", numeric: true),
                .init("averageValuePerRecipientUsd", "Avg/recipient", numeric: true),
                .init("medianValuePerRecipientUsd", "Median/recipient", numeric: true),
                .init("minTokens", "Min tokens", numeric: true), .init("maxTokens", "Max tokens", numeric: true),
                .init("confidence", "Conf"),
            ]
            if exact {
                cols += [.init("minValueUsd", "Min USD"), .init("maxValueUsd", "Max USD"), .init("project", "Project"),
                         .init("sources", "Sources")]
            }
            let rows: [[Listing.Cell]] = try bs.map { b in
                var r: [Listing.Cell] = [
                    .s(b.slug), .s(b.token), .s(b.date.description), .s(b.categoryText),
                    .custom(.decimal(b.recipients), try Compact.count(b.recipients)),
                    .custom(.decimal(b.tokensAirdropped), try Compact.count(b.tokensAirdropped)),
                    .custom(.decimal(b.shareOfSupply), b.shareOfSupply.map(Format.percent) ?? "-"),
                    .usd(b.priceAtLaunchUsd), .custom(.decimal(b.fdvAtLaunchUsd), try Compact.usd(b.fdvAtLaunchUsd)),
                    .custom(.decimal(b.totalValueAtLaunchUsd), try Compact.usd(b.totalValueAtLaunchUsd)),
                    .usd(b.averageValuePerRecipientUsd), .usd(b.medianValuePerRecipientUsd),
                    .custom(.decimal(b.minTokens), try Compact.count(b.minTokens)), .custom(.decimal(b.maxTokens), try Compact.count(b.maxTokens)),
                    .s(b.confidence.rawValue),
                ]
                if exact {
                    r += [.usd(b.minValueUsd), .usd(b.maxValueUsd), .s(b.project),
                          .custom(.strings(b.sources), b.sources.joined(separator: " | "))]
                }
                return r
            }
            Out.data(Listing(cols, rows: rows, footer: rows.isEmpty ? [] : [
                "\(rows.count) airdrops; values in USD at launch prices (not peaks); share = tokens airdropped / total supply",
                "'-' = not known (never guessed); sources and confidence: `airledger benchmarks show SLUG` or --format json",
            ]).render(output.format))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One benchmark with every figure, its criteria, confidence and sources.")
        @OptionGroup var output: FormatOption
        @Argument(help: "The benchmark's slug, e.g. arbitrum.") var slug: String

        func run() throws {
            let all = Benchmarks.bundled
            guard let b = all.first(where: { $0.slug == slug.lowercased() }) else {
                throw CLIError.data("no benchmark '\(slug)'" + ". " + (Suggest.closest(to: slug.lowercased(), in: all.map(\.slug)).map { "Did you mean '\($0)'? " } ?? "")
                    + "See `airledger benchmarks` for the list")
            }
            Out.data(RecordView(fields: [
                ("slug", "Slug", .s(b.slug)), ("project", "Project", .s(b.project)), ("token", "Token", .s(b.token)),
                ("chain", "Chain", .s(b.chain)), ("category", "Category", .s(b.categoryText)), ("date", "Date", .s(b.date.description)),
                ("totalSupply", "Total supply", .q(b.totalSupply)), ("tokensAirdropped", "Tokens airdropped", .q(b.tokensAirdropped)),
                ("shareOfSupply", "Share of supply", .custom(.decimal(b.shareOfSupply), b.shareOfSupply.map(Format.percent) ?? "-")),
                ("recipients", "Recipients", .q(b.recipients)), ("priceAtLaunchUsd", "Launch price USD", .q(b.priceAtLaunchUsd)),
                ("fdvAtLaunchUsd", "FDV at launch", .usd(b.fdvAtLaunchUsd)), ("totalValueAtLaunchUsd", "Total value at launch", .usd(b.totalValueAtLaunchUsd)),
                ("averageTokens", "Average tokens", .q(b.avgTokens)),
                ("averageValuePerRecipientUsd", "Average value per recipient", .usd(b.averageValuePerRecipientUsd)),
                ("medianTokens", "Median tokens", .q(b.medianTokens)),
                ("medianValuePerRecipientUsd", "Median value per recipient", .usd(b.medianValuePerRecipientUsd)),
                ("minTokens", "Min allocation", .q(b.minTokens)), ("minValueUsd", "Min allocation USD", .usd(b.minValueUsd)),
                ("maxTokens", "Max allocation", .q(b.maxTokens)), ("maxValueUsd", "Max allocation USD", .usd(b.maxValueUsd)),
                ("raisedBeforeTgeUsd", "Raised before launch", .usd(b.raisedBeforeTgeUsd)),
                ("lastPrivateValuationUsd", "Last private valuation", .usd(b.lastPrivateValuationUsd)),
                ("pointsProgram", "Points program", .custom(b.pointsProgram.map { .bool($0) } ?? .null, b.pointsProgram.map { $0 ? "yes" : "no" } ?? "-")),
                ("criteria", "Criteria", .s(b.criteriaSummary)), ("confidence", "Confidence", .s(b.confidence.rawValue)),
                ("sources", "Sources", .custom(.strings(b.sources), b.sources.isEmpty ? "-" : b.sources.joined(separator: "\n  "))),
            ]).render(output.format))
        }
    }
}

/// `airledger estimate`: what an airdrop may be worth, per wallet and in total; `--backtest` scores the estimator.
struct EstimateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "estimate",
        abstract: "Estimated value of airdrops not yet received: probability, value if it happens (low/base/high), expected value, costs, ROI.",
        discussion: """
            Without PROJECT: every project with logged activity and no claim yet. With PROJECT: that project, for your \
            wallets with activity there, else for a typical eligible wallet. Values are USD per wallet at launch prices \
            (not peaks); expected value = probability x base. --explain prints which lens gave the base, why, and every input. \
            --as-of DATE looks back: activity, points and claims after DATE are ignored, only benchmarks dated before it are \
            used, and a project that launched after DATE gets its early-2024 watchlist status. --backtest prints the \
            leave-one-out backtest of the estimator over the benchmarks.
            """)

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "A project's slug (default: every project with activity and no claim).") var project: String?
    @Option(help: "Only this wallet.") var wallet: String?
    @Flag(help: "Say which lens gave the base and why, with every input used.") var explain = false
    @Option(name: .customLong("as-of"), help: "Estimate as of this date or time (default: now).") var asOf: String?
    @Flag(help: "Print the leave-one-out backtest over the benchmarks instead.") var backtest = false

    func validate() throws {
        if backtest && (project != nil || wallet != nil || asOf != nil || explain) {
            throw ValidationError("--backtest takes no PROJECT, --wallet, --as-of or --explain: it scores the estimator on the benchmarks alone")
        }
    }

    func run() throws {
        if backtest { return Out.data(Self.backtestOutput(try Backtest.run(benchmarks: Benchmarks.bundled), format: output.format)) }
        let db = try ledger.open()
        let w = try wallet.map { try db.wallet(labelled: $0) }
        let view = try EstimationView.load(db, wallet: w, asOf: asOf)
        let projects = try project.map { slug in [try db.project(slug: slug)].map { view.projects[$0.slug] ?? $0 } } ?? view.candidates
        // Allocations carry no announcement date, so a look back (--as-of) does not mention them.
        let open = view.explicitAsOf ? [] : try db.allocations().filter { $0.claimId == nil && (w == nil || $0.walletLabel == w?.label) }
        let notes = Self.notes(projects, view: view, named: project != nil, wallet: w?.label, allocations: open)
        if output.format != .table { notes.forEach { Out.note("note: " + $0) } }
        Out.data(try Self.render(projects.map { try view.estimate($0) }, projects: view.projects, notes: notes,
                             asOf: view.explicitAsOf ? view.asOf : nil, explain: explain, format: output.format))
    }

    /// What the reader should know beside the figures: no activity, already claimed, an announced
    /// allocation, a status taken from the 2024 watchlist, a launched project, burned wallets left out.
    static func notes(_ projects: [Project], view: EstimationView, named: Bool, wallet: String?, allocations: [Allocation]) -> [String] {
        var notes: [String] = []
        for p in projects {
            if named && !view.summaries.contains(where: { $0.projectSlug == p.slug }) {
                notes.append("\(wallet.map { "'\($0)' has no" } ?? "no wallet has") activity logged on \(p.slug)\(view.explicitAsOf ? " as of \(view.asOf)" : ""): showing a typical eligible wallet")
            }
            if named, let c = view.claims.first(where: { $0.projectSlug == p.slug }) {
                notes.append("\(p.slug): already claimed \(c.amount) on \(c.at.day) by '\(c.walletLabel)': see `airledger value`")
            }
            for a in allocations where a.projectSlug == p.slug {
                notes.append("\(p.slug): '\(a.walletLabel)' has an announced allocation of \(a.amount)\(a.deadline.map { ", claim by \($0)" } ?? ""): that, not this estimate, is what it gets")
            }
            if let n = view.statusNotes[p.slug] { notes.append(n) }
            if p.status == .launched {
                notes.append("\(p.slug) launched\(p.airdropDate.map { " on \($0)" } ?? ""): this is the pre-launch estimate; record your claim, or set `project set \(p.slug) --probability 0` if you were not eligible")
            }
        }
        if !view.burnedSkipped.isEmpty { notes.append("burned wallets left out: \(view.burnedSkipped.joined(separator: ", "))") }
        return notes
    }

    // MARK: rendering

    struct Band {
        var low: Quantity, base: Quantity, high: Quantity
        init(low: Quantity, base: Quantity, high: Quantity) { self.low = low; self.base = base; self.high = high }
        init(_ b: ValueBand) { self.init(low: b.low, base: b.base, high: b.high) }
    }

    struct Row {
        var project: String, status: String, wallet: String
        var probability: Quantity, band: Band, ev: Quantity, costs: Quantity, roi: Quantity?, base: String
        var lenses: [EstimateLens]
    }

    /// Estimates are rounded to cents everywhere (as in their JSON interface): more digits would be noise.
    static func cents(_ q: Quantity?) -> Listing.Cell { .custom(.decimal(q?.rounded(scale: 2)), q.map(Format.usd) ?? "-") }

    static func rows(_ estimates: [ProjectEstimate], projects: [String: Project]) throws -> [Row] {
        var out: [Row] = []
        for e in estimates {
            let status = projects[e.projectSlug]?.status.rawValue ?? "-"
            if e.wallets.isEmpty {
                out.append(Row(project: e.projectSlug, status: status, wallet: "(typical)", probability: e.probability,
                               band: Band(e.valueIfAirdrop), ev: e.expectedValue, costs: e.costsToDate, roi: e.roi, base: e.baseLens, lenses: e.lenses))
                continue
            }
            for w in e.wallets {
                out.append(Row(project: e.projectSlug, status: status, wallet: w.walletLabel, probability: w.probability,
                               band: Band(w.valueIfAirdrop), ev: w.expectedValue, costs: w.costsToDate, roi: w.roi, base: w.baseLens, lenses: w.lenses))
            }
            if e.wallets.count > 1 {
                let band = Band(low: try e.wallets.map(\.valueIfAirdrop.low).sum(), base: try e.wallets.map(\.valueIfAirdrop.base).sum(),
                                high: try e.wallets.map(\.valueIfAirdrop.high).sum())
                out.append(Row(project: e.projectSlug, status: status, wallet: "(total)", probability: e.probability, band: band,
                               ev: e.expectedValue, costs: e.costsToDate, roi: e.roi, base: "", lenses: []))
            }
        }
        return out
    }

    static func render(_ estimates: [ProjectEstimate], projects: [String: Project], notes: [String], asOf: Instant?,
                       explain: Bool, format: OutputFormat) throws -> String {
        if format == .json { return EstimateJSON.render(estimates, explain: explain) }
        let rows = try rows(estimates, projects: projects)
        // Every lens per average recipient; a per-wallet lens (the points share) when some wallet has it.
        let shownLenses = Lens.allCases.filter { l in l.isPerAverageRecipient || rows.contains { r in r.lenses.contains { $0.lens == l && $0.valuePerWalletUsd != nil } } }
        func lensCells(_ r: Row) -> [Listing.Cell] {
            shownLenses.map { l in r.wallet == "(total)" ? .s("") : cents(r.lenses.first { $0.lens == l }?.valuePerWalletUsd) }
        }
        let valueCols: [Listing.Column] = [
            .init("project", "Project"), .init("status", "Status"), .init("wallet", "Wallet"),
            .init("probability", "Probability", numeric: true), .init("lowUsd", "Low", numeric: true),
            .init("baseUsd", "Base", numeric: true), .init("highUsd", "High", numeric: true),
            .init("expectedValueUsd", "Expected", numeric: true), .init("costsToDateUsd", "Costs", numeric: true),
            .init("roi", "ROI", numeric: true), .init("baseLens", "Base from"),
        ]
        func valueCells(_ r: Row) -> [Listing.Cell] {
            [.s(r.project), .s(r.status), .s(r.wallet), .custom(.decimal(r.probability), Format.percent(r.probability)),
             cents(r.band.low), cents(r.band.base), cents(r.band.high), cents(r.ev), cents(r.costs),
             .custom(.decimal(r.roi?.rounded(scale: 4)), r.roi.map(Format.percent) ?? "-"), .s(r.base.isEmpty ? nil : r.base)]
        }
        let lensCols = shownLenses.map { Listing.Column($0.name, $0.name, numeric: true) }
        if format == .csv {
            return Listing(valueCols + lensCols, rows: rows.filter { $0.wallet != "(total)" }.map { valueCells($0) + lensCells($0) }).render(.csv)
        }
        let ev = try estimates.map(\.expectedValue).sum(), costs = try estimates.map(\.costsToDate).sum()
        var footer: [String] = []
        if !estimates.isEmpty {
            footer.append("expected value \(Format.usd(ev)) over \(estimates.count) project\(estimates.count == 1 ? "" : "s"); costs to date \(Format.usd(costs))"
                + (costs.isPositive
                    ? "; expected ROI \(Format.percent(try (ev - costs).divided(by: costs, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)))"
                    : ""))
        }
        footer.append("USD per wallet at launch prices (not peaks); expected = probability x base; ROI = (expected - costs) / costs")
        var out = (asOf.map { "as of \($0)\n" } ?? "")
            + Listing(valueCols, rows: rows.map(valueCells), footer: footer + notes.map { "note: " + $0 }).render(.table)
        if !rows.isEmpty {
            out += "\nLenses: value per wallet if the airdrop happens (USD)\n"
            out += Listing([.init("project", "Project"), .init("wallet", "Wallet")] + lensCols,
                           rows: rows.filter { $0.wallet != "(total)" }.map { [.s($0.project), .s($0.wallet)] + lensCells($0) }).render(.table)
        } else {
            out += "no project has logged activity without a claim: log some, or name a project (`airledger estimate scroll`)\n"
        }
        if explain {
            for e in estimates {
                let own = e.wallets.filter { $0.baseLens != e.baseLens }.map { "'\($0.walletLabel)' from \($0.baseLens)" }
                out += "\n\(e.projectSlug): base from \(e.baseLens)" + (e.wallets.isEmpty || !own.isEmpty ? " for a typical eligible wallet" : "")
                    + (own.isEmpty ? "" : "; " + own.joined(separator: ", ")) + "\n" + e.explanation.map { "  " + $0 + "\n" }.joined()
            }
        }
        return out
    }

    static func backtestOutput(_ r: Backtest.Report, format: OutputFormat) -> String {
        func log(_ d: Double) -> String { String(format: "%.3f", d) }
        func score(_ s: Backtest.Score, _ w: inout JSONWriter) {
            w.beginObject()
            w.key("count"); w.int(s.count)
            w.key("medianAbsLog10"); w.string(log(s.medianAbsLog10))
            w.key("within2x"); w.int(s.within2x)
            w.key("within3x"); w.int(s.within3x)
            w.key("shareWithin2x"); w.string(s.shareWithin2x.fixed(4))
            w.key("shareWithin3x"); w.string(s.shareWithin3x.fixed(4))
            w.endObject()
        }
        let listing = Listing([
            .init("slug", "Benchmark"), .init("category", "Category"), .init("predictedUsd", "Predicted", numeric: true),
            .init("actualUsd", "Actual", numeric: true), .init("ratio", "Ratio", numeric: true),
            .init("baselineUsd", "Baseline", numeric: true), .init("baselineRatio", "Baseline ratio", numeric: true),
        ], rows: r.rows.map { row in
            [.s(row.slug), .s(row.category), .usd(row.predictedUsd), .usd(row.actualUsd),
             .custom(.decimal(row.ratio), row.ratio.fixed(2)), .usd(row.baselineUsd),
             .custom(.decimal(row.baselineRatio), row.baselineRatio.fixed(2))]
        })
        switch format {
        case .csv: return listing.render(.csv)
        case .json:
            return JSONWriter.render { w in
                w.beginObject()
                w.key("rows"); listing.write(to: &w)
                w.key("model"); score(r.model, &w)
                w.key("baseline"); score(r.baseline, &w)
                w.key("lenses")
                w.array(r.lensScores) { w, l in
                    w.beginObject()
                    w.key("name"); w.string(l.lens.name)
                    w.key("score"); score(l.score, &w)
                    w.endObject()
                }
                w.key("skipped"); w.strings(r.skipped)
                w.endObject()
            }
        case .table:
            func line(_ name: String, _ s: Backtest.Score) -> String {
                "\(name): median |log10(predicted/actual)| \(log(s.medianAbsLog10)) (x\(String(format: "%.2f", pow(10, s.medianAbsLog10))) typical error); "
                    + "within 2x \(s.within2x)/\(s.count) (\(Format.percent(s.shareWithin2x))), within 3x \(s.within3x)/\(s.count) (\(Format.percent(s.shareWithin3x)))"
            }
            var footer = [
                "leave-one-out over \(r.rows.count) benchmarks: each predicted from its pre-launch facts (category, raised, valuation) and the other rows",
                "value per average recipient at launch, USD; ratio = predicted / actual; baseline = median of the other benchmarks",
                line("estimator", r.model), line("baseline ", r.baseline),
                r.modelBeatsBaseline
                    ? "the estimator's median error is below the baseline's, and it is within 2x and 3x at least as often"
                        + (r.model.within2x == r.baseline.within2x && r.model.within3x == r.baseline.within3x ? " (equally often here: a small edge)" : "")
                    : "the estimator does NOT beat the naive baseline (lower median error, within 2x and 3x at least as often): treat estimates as rough ranges",
            ]
            footer += r.lensScores.map { line("lens \($0.lens.name) alone", $0.score) }
            footer += r.skipped.map { "skipped \($0)" }
            var l = listing
            l.footer = footer
            return l.render(.table)
        }
    }
}

/// `airledger check`: one wallet's logged activity against an airdrop's published criteria.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a wallet against airdrop criteria: each rule met or not, points, tier, tokens, cheapest next step.",
        discussion: "--criteria takes a bundled name (\(Criteria.bundledNames.joined(separator: ", "))) or the path of a JSON criteria file; the file format is in docs/manual.md (\"Criteria files\").")

    @OptionGroup var ledger: LedgerOptions
    @OptionGroup var output: FormatOption
    @Argument(help: "The project whose logged activity is scored.") var project: String
    @Option(help: "The wallet's label.") var wallet: String
    @Option(help: "A bundled criteria name or a JSON criteria file.") var criteria: String

    func run() throws {
        let c = try Self.load(criteria)
        let db = try ledger.open()
        let p = try db.project(slug: project)
        let w = try db.wallet(labelled: wallet)
        let now = Out.now
        let acts = try db.activities(ActivityFilter(project: p.slug, wallet: w.label))
        let summary = try WalletActivitySummary.summarize(projectSlug: p.slug, walletLabel: w.label, activities: acts,
                                                          readings: try db.pointsReadings(project: p.slug, wallet: w.label), now: now)
        let r = try EligibilityCheck.run(criteria: c, summary: summary, activities: acts)
        Out.data(Self.render(r, criteria: c, project: p, wallet: w.label, summary: summary, format: output.format))
    }

    /// A bundled name, else a file; an unknown name lists the bundled ones.
    static func load(_ spec: String) throws -> Criteria {
        if Criteria.bundledNames.contains(spec.lowercased()), let c = try Criteria.bundled(named: spec) { return c }
        guard FileManager.default.fileExists(atPath: spec) else {
            throw CLIError.data("no bundled criteria named '\(spec)' and no such file."
                + (Suggest.closest(to: spec.lowercased(), in: Criteria.bundledNames).map { " Did you mean '\($0)'?" } ?? "")
                + " Bundled: \(Criteria.bundledNames.joined(separator: ", ")); or give the path of a JSON criteria file (format: docs/manual.md, \"Criteria files\")")
        }
        let data = try OutputFile.read(spec, atMost: 1 << 20, what: "criteria file")
        guard let text = String(data: data, encoding: .utf8) else { throw CLIError.data("\(spec): not UTF-8 text: a criteria file is JSON") }
        return try Criteria.parse(json: text, file: spec)
    }

    static func render(_ r: CheckResult, criteria c: Criteria, project p: Project, wallet: String,
                       summary s: WalletActivitySummary, format: OutputFormat) -> String {
        let token = c.token.map { " " + $0 } ?? ""
        func outcomeCells(_ o: CheckResult.RuleOutcome, penalty: Bool) -> [Listing.Cell] {
            [.s(o.id), .s(penalty ? "penalty" : (o.required ? "required" : "rule")),
             .custom(.bool(o.met), penalty ? (o.met ? "applied" : "no") : (o.met ? "yes" : "no")),
             .i(o.points), .s(o.have), .s(o.need), .s(o.text.isEmpty ? nil : o.text)]
        }
        let listing = Listing([
            .init("id", "Rule"), .init("kind", "Kind"), .init("met", "Met"), .init("points", "Points", numeric: true),
            .init("have", "Wallet has"), .init("need", "Needs"), .init("text", "Text"),
        ], rows: r.rules.map { outcomeCells($0, penalty: false) } + r.penalties.map { outcomeCells($0, penalty: true) })
        let step = r.nextStep
        switch format {
        case .csv: return listing.render(.csv)
        case .json:
            return JSONWriter.render { w in
                w.beginObject()
                w.key("criteria"); w.string(r.criteria)
                w.key("project"); w.string(p.slug)
                w.key("wallet"); w.string(wallet)
                w.key("token"); w.string(c.token)
                w.key("rules"); listing.write(to: &w)
                w.key("rawPoints"); w.int(r.rawPoints)
                w.key("points"); w.int(r.points)
                w.key("eligible"); w.bool(r.eligible)
                w.key("tier"); w.int(r.tier)
                w.key("tokens"); w.decimal(r.tokens)
                w.key("explanation"); w.strings(r.explanation)
                w.key("nextStep")
                if let n = step {
                    w.beginObject()
                    w.key("targetPoints"); w.int(n.targetPoints)
                    w.key("targetTokens"); w.decimal(n.targetTokens)
                    w.key("rules"); w.strings(n.ruleIds)
                    w.key("actions"); w.strings(n.actions)
                    w.key("estimatedCostUsd"); w.decimal(n.estimatedCostUsd.rounded(scale: 2))
                    w.key("minimumDays"); w.int(n.minimumDays)
                    w.endObject()
                } else {
                    w.null()
                }
                w.key("notModelled"); w.strings(r.notModelled)
                w.endObject()
            }
        case .table:
            var head = "\(c.name) for '\(wallet)' on \(p.slug): \(s.entries) logged entr\(s.entries == 1 ? "y" : "ies")"
            if s.entries == 0 { head += " (log activity with `airledger log \(p.slug) --wallet \(wallet) ...`)" }
            if let cp = c.project, cp != p.slug { head += "\nnote: these criteria were published for \(cp); your \(p.slug) activity is scored as if \(p.slug) used them" }
            var footer = ["points \(r.points)" + (r.rawPoints != r.points ? " (\(r.rawPoints) before the cap of \(c.maximumPoints.map(String.init) ?? "-"))" : "")
                + " (\(c.minimumPoints) needed); eligible: \(r.eligible ? "yes" : "no")"
                + (r.tier.map { "; tier \($0)" } ?? "") + (r.tokens.map { "; tokens \($0)\(token)" } ?? "; no token table published")]
            footer += r.explanation
            if let n = step {
                footer.append("cheapest next step to \(n.targetPoints) points" + (n.targetTokens.map { " (\($0)\(token))" } ?? "")
                    + ": \(n.actions.joined(separator: "; ")); about \(Format.usd(n.estimatedCostUsd)) in fees"
                    + (n.minimumDays > 0 ? ", at least \(n.minimumDays) days" : ""))
            } else if r.eligible {
                footer.append("no next step: already at the top tier\(c.tiers.isEmpty ? " (no table published)" : "")")
            } else {
                footer.append("no next step can be priced (points rules cannot be bought)")
            }
            footer += r.notModelled.map { "not checked: \($0)" }
            var l = listing
            l.footer = footer
            return head + "\n" + l.render(.table)
        }
    }
}

/// Compact figures for wide tables (display only; JSON and CSV stay exact).
enum Compact {
    static func usd(_ q: Quantity?) throws -> String {
        guard let q else { return "-" }
        let (v, suffix) = try scaled(q)
        return suffix.isEmpty ? Format.usd(q) : "$" + v + suffix
    }

    static func count(_ q: Quantity?) throws -> String {
        guard let q else { return "-" }
        let (v, suffix) = try scaled(q)
        if !suffix.isEmpty { return v + suffix }
        guard !q.isNegative else { return q.description }
        let grouped = String(Format.usd(q).dropFirst())
        return q == q.rounded(scale: 0) ? String(grouped.prefix { $0 != "." }) : grouped
    }

    private static func scaled(_ q: Quantity) throws -> (String, String) {
        let billion = Quantity(exactly: 1_000_000_000), million = Quantity(exactly: 1_000_000)
        if q.magnitude >= billion { return (try q.divided(by: billion, scale: 2, rounding: .toNearestOrAwayFromZero).fixed(2), "B") }
        if q.magnitude >= million { return (try q.divided(by: million, scale: 2, rounding: .toNearestOrAwayFromZero).fixed(2), "M") }
        return ("", "")
    }
}

// Estimation: historical airdrops as benchmarks, wallet activity summaries, the estimate engine
// (lenses side by side), eligibility checks against criteria files, and the leave-one-out backtest.
//
// Invariants: pure functions of their inputs (no clock, no I/O); USD values and token counts are
// exact `Quantity` values, never Double (the backtest's log10 works on dimensionless ratios only);
// a missing figure stays missing (optional), it is never guessed.
import Foundation

/// One historical airdrop from `airdrop-benchmarks.csv`: what was dropped, to how many, at what
/// launch price, with the pre-launch facts (raised, last private valuation, points program) that the
/// estimator may use, and the row's sources and confidence. Any figure may be missing.
public struct Benchmark: Sendable, Hashable {
    public enum Confidence: String, Sendable, Hashable, CaseIterable {
        case high, medium, low
    }

    public let slug: String
    public let project: String
    public let token: String
    public let chain: String
    /// The category as written in the CSV ("DeFi", "L2", ...), and parsed when it is a known one.
    public let categoryText: String
    public let category: Project.Category?
    public let date: CivilDate
    public let totalSupply: Quantity?
    public let tokensAirdropped: Quantity?
    public let recipients: Quantity?
    public let priceAtLaunchUsd: Quantity?
    public let fdvAtLaunchUsd: Quantity?
    public let totalValueAtLaunchUsd: Quantity?
    public let avgTokens: Quantity?
    public let avgValueUsd: Quantity?
    public let medianTokens: Quantity?
    public let minTokens: Quantity?
    public let maxTokens: Quantity?
    /// Pre-launch facts: the only ones the backtest lets the estimator see for the row it predicts.
    public let raisedBeforeTgeUsd: Quantity?
    public let lastPrivateValuationUsd: Quantity?
    public let pointsProgram: Bool?
    public let criteriaSummary: String
    public let confidence: Confidence
    public let sources: [String]
    /// 1-based line of the row in the CSV.
    public let line: Int

    /// Share of total supply airdropped to users (tokens airdropped / total supply, to
    /// `EstimateEngine.scale` digits), e.g. 0.1162.
    public let shareOfSupply: Quantity?
    /// Average value per recipient at launch: the CSV figure, else total value / recipients (to
    /// `EstimateEngine.scale` digits), else average tokens x launch price.
    public let averageValuePerRecipientUsd: Quantity?
    /// Median value per recipient at launch (median tokens x launch price), where known.
    public let medianValuePerRecipientUsd: Quantity?
    /// Smallest and largest allocation, in USD at launch, where known.
    public let minValueUsd: Quantity?
    public let maxValueUsd: Quantity?

    public init(slug: String, project: String, token: String, chain: String = "", categoryText: String,
                date: CivilDate, totalSupply: Quantity? = nil, tokensAirdropped: Quantity? = nil,
                recipients: Quantity? = nil, priceAtLaunchUsd: Quantity? = nil, fdvAtLaunchUsd: Quantity? = nil,
                totalValueAtLaunchUsd: Quantity? = nil, avgTokens: Quantity? = nil, avgValueUsd: Quantity? = nil,
                medianTokens: Quantity? = nil, minTokens: Quantity? = nil, maxTokens: Quantity? = nil,
                raisedBeforeTgeUsd: Quantity? = nil, lastPrivateValuationUsd: Quantity? = nil,
                pointsProgram: Bool? = nil, criteriaSummary: String = "", confidence: Confidence = .medium,
                sources: [String] = [], line: Int = 0) throws(AmountError) {
        self.slug = slug; self.project = project; self.token = token; self.chain = chain
        self.categoryText = categoryText; self.category = Project.Category(loose: categoryText); self.date = date
        self.totalSupply = totalSupply; self.tokensAirdropped = tokensAirdropped; self.recipients = recipients
        self.priceAtLaunchUsd = priceAtLaunchUsd; self.fdvAtLaunchUsd = fdvAtLaunchUsd
        self.totalValueAtLaunchUsd = totalValueAtLaunchUsd; self.avgTokens = avgTokens; self.avgValueUsd = avgValueUsd
        self.medianTokens = medianTokens; self.minTokens = minTokens; self.maxTokens = maxTokens
        self.raisedBeforeTgeUsd = raisedBeforeTgeUsd; self.lastPrivateValuationUsd = lastPrivateValuationUsd
        self.pointsProgram = pointsProgram; self.criteriaSummary = criteriaSummary; self.confidence = confidence
        self.sources = sources; self.line = line

        // Derived once; a figure that cannot be held exactly is an error naming its inputs.
        if let t = tokensAirdropped, let s = totalSupply, s.isPositive {
            shareOfSupply = try t.divided(by: s, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
        } else {
            shareOfSupply = nil
        }
        if let v = avgValueUsd {
            averageValuePerRecipientUsd = v
        } else if let total = totalValueAtLaunchUsd, let r = recipients, r.isPositive {
            averageValuePerRecipientUsd = try total.divided(by: r, scale: EstimateEngine.scale, rounding: .toNearestOrAwayFromZero)
        } else if let a = avgTokens, let p = priceAtLaunchUsd {
            averageValuePerRecipientUsd = try a * p
        } else {
            averageValuePerRecipientUsd = nil
        }
        func value(of tokens: Quantity?) throws(AmountError) -> Quantity? {
            guard let t = tokens, let p = priceAtLaunchUsd else { return nil }
            return try t * p
        }
        medianValuePerRecipientUsd = try value(of: medianTokens)
        minValueUsd = try value(of: minTokens)
        maxValueUsd = try value(of: maxTokens)
    }
}

/// A bad benchmarks CSV: says where and what.
public enum BenchmarkError: Error, Equatable, Sendable, CustomStringConvertible {
    case csv(line: Int, column: Int, message: String)
    case missingColumn(String)
    case badValue(line: Int, column: Int, field: String, value: String, reason: String)

    public var description: String {
        switch self {
        case .csv(let l, let c, let m):
            "\(l):\(c): \(m)"
        case .missingColumn(let name):
            "the benchmarks CSV has no '\(name)' column: keep the header of airdrop-benchmarks.csv"
        case .badValue(let l, let c, let field, let value, let reason):
            "\(l):\(c): \(field) '\(value)' \(reason)"
        }
    }
}

/// Loading and filtering the benchmarks.
public enum Benchmarks {
    static let requiredColumns = [
        "slug", "project", "token", "chain", "category", "date", "total_supply", "tokens_airdropped",
        "recipients", "price_at_launch_usd", "fdv_at_launch_usd", "total_value_at_launch_usd", "avg_tokens",
        "avg_value_usd", "median_tokens", "min_tokens", "max_tokens", "raised_before_tge_usd",
        "last_private_valuation_usd", "points_program", "criteria_summary", "confidence", "sources",
    ]

    /// Parses the benchmarks CSV (header row with the columns of `airdrop-benchmarks.csv`; empty cells
    /// mean "not known"). The first bad cell is reported with its line and column.
    public static func load(csv text: String) throws(BenchmarkError) -> [Benchmark] {
        let records: [CSVRecord]
        do {
            records = try CSV.parse(text)
        } catch {
            switch error {
            case .unterminatedQuote(let l, let c): throw .csv(line: l, column: c, message: "a quoted field is never closed: add the closing '\"'")
            case .junkAfterQuote(let l, let c): throw .csv(line: l, column: c, message: "text after a closing quote: quote the whole field")
            }
        }
        guard let header = records.first else { throw .missingColumn("slug") }
        var index: [String: Int] = [:]
        for (i, name) in header.fields.enumerated() { index[name.trimmingCharacters(in: .whitespaces)] = i }
        for name in requiredColumns where index[name] == nil { throw .missingColumn(name) }

        var out: [Benchmark] = []
        for record in records.dropFirst() {
            func cell(_ name: String) -> (text: String, column: Int) {
                guard let i = index[name], i < record.fields.count else { return ("", 1) }
                return (record.fields[i].trimmingCharacters(in: .whitespaces), record.columns[i])
            }
            func number(_ name: String) throws(BenchmarkError) -> Quantity? {
                let c = cell(name)
                guard !c.text.isEmpty else { return nil }
                guard let q = try? Quantity(parsing: c.text) else {
                    throw .badValue(line: record.line, column: c.column, field: name, value: c.text,
                                    reason: "is not a plain decimal number (write e.g. 1250 or 0.25, or leave it empty)")
                }
                guard !q.isNegative else {
                    throw .badValue(line: record.line, column: c.column, field: name, value: c.text, reason: "must not be negative")
                }
                return q
            }
            let slug = cell("slug").text
            guard !slug.isEmpty else { throw .badValue(line: record.line, column: 1, field: "slug", value: "", reason: "is empty: every row needs a slug") }
            let dateCell = cell("date")
            guard let date = try? CivilDate(parsing: dateCell.text) else {
                throw .badValue(line: record.line, column: dateCell.column, field: "date", value: dateCell.text, reason: "is not a date: write YYYY-MM-DD")
            }
            let pointsCell = cell("points_program")
            let points: Bool?
            switch pointsCell.text.lowercased() {
            case "yes", "true": points = true
            case "no", "false": points = false
            case "": points = nil
            default:
                throw .badValue(line: record.line, column: pointsCell.column, field: "points_program", value: pointsCell.text, reason: "must be yes, no or empty")
            }
            let confCell = cell("confidence")
            guard let confidence = Benchmark.Confidence(rawValue: confCell.text.lowercased()) else {
                throw .badValue(line: record.line, column: confCell.column, field: "confidence", value: confCell.text, reason: "must be high, medium or low")
            }
            let sources = cell("sources").text
                .components(separatedBy: " | ")
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }
            let totalSupply = try number("total_supply"), tokensAirdropped = try number("tokens_airdropped")
            let recipients = try number("recipients"), priceAtLaunchUsd = try number("price_at_launch_usd")
            let fdvAtLaunchUsd = try number("fdv_at_launch_usd"), totalValueAtLaunchUsd = try number("total_value_at_launch_usd")
            let avgTokens = try number("avg_tokens"), avgValueUsd = try number("avg_value_usd")
            let medianTokens = try number("median_tokens"), minTokens = try number("min_tokens"), maxTokens = try number("max_tokens")
            let raised = try number("raised_before_tge_usd"), valuation = try number("last_private_valuation_usd")
            let row: Benchmark
            do {
                row = try Benchmark(
                    slug: slug, project: cell("project").text, token: cell("token").text, chain: cell("chain").text,
                    categoryText: cell("category").text, date: date, totalSupply: totalSupply, tokensAirdropped: tokensAirdropped,
                    recipients: recipients, priceAtLaunchUsd: priceAtLaunchUsd, fdvAtLaunchUsd: fdvAtLaunchUsd,
                    totalValueAtLaunchUsd: totalValueAtLaunchUsd, avgTokens: avgTokens, avgValueUsd: avgValueUsd,
                    medianTokens: medianTokens, minTokens: minTokens, maxTokens: maxTokens, raisedBeforeTgeUsd: raised,
                    lastPrivateValuationUsd: valuation, pointsProgram: points, criteriaSummary: cell("criteria_summary").text,
                    confidence: confidence, sources: sources, line: record.line)
            } catch {
                throw .csv(line: record.line, column: 1, message: error.description)
            }
            out.append(row)
        }
        return out
    }

    /// The benchmarks compiled into the binary (`airdrop-benchmarks.csv`). A test guarantees they
    /// parse; should they not, this is empty rather than a crash.
    public static var bundled: [Benchmark] { parsedBundle }

    private static let parsedBundle: [Benchmark] = (try? load(csv: Reference.airdropBenchmarksCSV)) ?? []

    /// Benchmarks of one category (case-insensitive, e.g. "defi"), in date order then slug.
    public static func filter(_ benchmarks: [Benchmark], category: String?) -> [Benchmark] {
        let chosen = benchmarks.filter { b in
            guard let c = category else { return true }
            return b.categoryText.lowercased() == c.lowercased()
        }
        return chosen.sorted { ($0.date, $0.slug) < ($1.date, $1.slug) }
    }
}

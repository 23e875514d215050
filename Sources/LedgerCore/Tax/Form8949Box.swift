/// The check box of Form 8949 a disposed lot fraction is reported under.
///
/// Part I (short-term) has boxes A-C for sales reported (or not) on Form 1099-B and, from tax year
/// 2025, G-I for digital assets reported (or not) on Form 1099-DA; Part II (long-term) has D-F and
/// J-L. The rule airledger applies (IRS Instructions for Form 8949, 2025; Treas. Reg. 1.6045-1 as
/// amended by T.D. 10000):
/// - tax years up to 2024: C (short) / F (long), no broker form for these assets;
/// - from 2025, a wallet with no broker (self-custody, `wallet set --self-custody`): I / L, no 1099-DA;
/// - from 2025, a wallet held at a broker (`wallet set --broker NAME`): the broker issues Form 1099-DA.
///   Basis is reported to the IRS only for covered lots: acquired in that same account on or after
///   2026-01-01 (G / J); every other lot, and every 2025 sale (proceeds only), is H / K.
public enum Form8949Box: String, Sendable, Hashable, CaseIterable, Comparable {
    case A, B, C, D, E, F, G, H, I, J, K, L

    /// The first tax year with the digital-asset boxes G-L (Form 1099-DA).
    public static let digitalAssetBoxesFromYear = 2025
    /// Lots acquired from this day in a broker's account are covered: the broker reports their basis.
    public static let coveredFrom = CivilDate(year: 2026, month: 1, day: 1)

    public var term: HoldingTerm {
        switch self {
        case .A, .B, .C, .G, .H, .I: .short
        case .D, .E, .F, .J, .K, .L: .long
        }
    }

    /// "I" (short-term) or "II" (long-term).
    public var part: String { term == .short ? "I" : "II" }

    /// What the box means, in the form's words.
    public var meaning: String {
        switch self {
        case .A, .D: "reported on Form 1099-B showing basis was reported to the IRS"
        case .B, .E: "reported on Form 1099-B showing basis was not reported to the IRS"
        case .C, .F: "not reported to you on Form 1099-B"
        case .G, .J: "reported on Form 1099-DA showing basis was reported to the IRS"
        case .H, .K: "reported on Form 1099-DA showing basis was not reported to the IRS"
        case .I, .L: "not reported to you on Form 1099-DA (self-custody)"
        }
    }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }

    /// The box of a lot fraction disposed of in tax year `year`. `brokers` maps a wallet label to
    /// its broker (custodial wallets only); `lot` is the lot consumed (its acquiring wallet decides
    /// whether a broker knows its basis).
    public static func of(_ m: LotMatch, year: Int, brokers: [String: String], lot: TaxLot?) -> Form8949Box {
        let short = m.term == .short
        guard year >= digitalAssetBoxesFromYear else { return short ? .C : .F }
        guard brokers[m.walletLabel] != nil else { return short ? .I : .L }
        let covered = coveredFrom.map { from in
            lot.map { $0.walletLabel == m.walletLabel && $0.acquired >= from } ?? false
        } ?? false
        switch (short, covered) {
        case (true, true): return .G
        case (true, false): return .H
        case (false, true): return .J
        case (false, false): return .K
        }
    }
}

/// Boxes for every disposal of one report: the lots looked up once.
public struct Form8949Boxes: Sendable {
    public let year: Int
    public let brokers: [String: String]
    private let lots: [Int: TaxLot]

    public init(_ report: TaxReport, brokers: [String: String]) {
        year = report.year
        self.brokers = brokers
        var lots: [Int: TaxLot] = [:]
        for l in report.history.lots { lots[l.id] = l }
        self.lots = lots
    }

    public func box(_ m: LotMatch) -> Form8949Box {
        Form8949Box.of(m, year: year, brokers: brokers, lot: lots[m.lotId])
    }

    /// The report's disposals grouped by box, boxes in letter order, each in ledger order.
    public func grouped(_ disposals: [LotMatch]) -> [(box: Form8949Box, rows: [LotMatch])] {
        var groups: [Form8949Box: [LotMatch]] = [:]
        for m in disposals { groups[box(m), default: []].append(m) }
        return groups.keys.sorted().map { ($0, groups[$0] ?? []) }
    }
}

import Foundation
import LedgerCore

/// The ledger as a JSON document (`export ledger` / `import ledger`): every value as text, references
/// by label and slug, keys sorted, so export -> import into an empty ledger -> export is byte-identical.
/// Read with `JSONDecoder`; written by `encoded()` (LedgerDocument+JSON.swift) with the JSON writer.
public struct LedgerDocument: Decodable, Sendable, Equatable {
    public static let formatName = "airledger-ledger"
    public static let formatVersion = 1

    public var format: String
    public var version: Int
    public var wallets: [WalletRecord]
    public var projects: [ProjectRecord]
    public var activities: [ActivityRecord]
    public var pointsReadings: [PointsRecord]
    public var movements: [MovementRecord]
    public var allocations: [AllocationRecord]
    public var prices: [PriceRecord]

    public struct WalletRecord: Decodable, Sendable, Equatable {
        public var label, address, chain, status, createdAt: String
        public var group: String?
        /// The broker holding the wallet (custodial); absent for self-custody.
        public var broker: String?
    }

    public struct ProjectRecord: Decodable, Sendable, Equatable {
        public var slug, name, status, category, origin: String
        public var status2024, token, airdropDate, raisedUsd, valuationUsd, notes: String?
        public var techScore: Int?
        public var narratives, competitors, investors: [String]
        public var probability, airdropShare, expectedRecipients, expectedFdvUsd, pointsPool, totalPoints: String?
        public var totalSupply: String?
    }

    public struct ActivityRecord: Decodable, Sendable, Equatable {
        public var project, wallet, kind, at, source: String
        public var chain, txHash, volume, volumeUsd, fee, feeUsd, points, note, counterparty: String?
        public var failed: Bool
        /// Absent for an entry that is its whole transaction (and in files from before legs existed).
        public var leg: String?
    }

    public struct PointsRecord: Decodable, Sendable, Equatable {
        public var project, wallet, at, points: String
    }

    public struct MovementRecord: Decodable, Sendable, Equatable {
        public var kind, wallet, amount, at: String
        public var toWallet, project, priceUsd, feeUsd, feeQuantity, txHash: String?
    }

    public struct AllocationRecord: Decodable, Sendable, Equatable {
        public var project, wallet, amount: String
        public var deadline: String?
        /// Index of the claim in `movements` that claimed it.
        public var claim: Int?
    }

    public struct PriceRecord: Decodable, Sendable, Equatable {
        public var asset, at, usd, source: String
    }

    public init(_ s: LedgerSnapshot) {
        format = Self.formatName
        version = Self.formatVersion
        wallets = s.wallets.map {
            WalletRecord(label: $0.label, address: $0.address, chain: $0.chain.name, status: $0.status.rawValue,
                         createdAt: $0.createdAt.description, group: $0.group, broker: $0.broker)
        }
        projects = s.projects.map { p in
            ProjectRecord(slug: p.slug, name: p.name, status: p.status.rawValue, category: p.category.rawValue, origin: p.origin,
                          status2024: p.status2024?.rawValue, token: p.token?.code, airdropDate: p.airdropDate?.description,
                          raisedUsd: p.raisedUsd?.description, valuationUsd: p.valuationUsd?.description, notes: p.notes,
                          techScore: p.techScore, narratives: p.narratives, competitors: p.competitors, investors: p.investors,
                          probability: p.probability?.description, airdropShare: p.airdropShare?.description,
                          expectedRecipients: p.expectedRecipients?.description, expectedFdvUsd: p.expectedFdvUsd?.description,
                          pointsPool: p.pointsPool?.description, totalPoints: p.totalPoints?.description,
                          totalSupply: p.totalSupply?.description)
        }
        activities = s.activities.map { a in
            ActivityRecord(project: a.projectSlug, wallet: a.walletLabel, kind: a.kind.rawValue, at: a.at.description, source: a.source,
                           chain: a.chain, txHash: a.txHash, volume: a.volume?.description, volumeUsd: a.volumeUsd?.description,
                           fee: a.fee?.description, feeUsd: a.feeUsd?.description, points: a.points?.description, note: a.note,
                           counterparty: a.counterparty, failed: a.failed, leg: a.leg)
        }
        pointsReadings = s.pointsReadings.map {
            PointsRecord(project: $0.projectSlug, wallet: $0.walletLabel, at: $0.at.description, points: $0.points.description)
        }
        movements = s.movements.map { m in
            MovementRecord(kind: m.kind.rawValue, wallet: m.walletLabel, amount: m.amount.description, at: m.at.description,
                           toWallet: m.toWalletLabel, project: m.projectSlug, priceUsd: m.priceUsd?.description,
                           feeUsd: m.feeUsd?.description, feeQuantity: m.feeQuantity?.description, txHash: m.txHash)
        }
        allocations = s.allocations.map { a, i in
            AllocationRecord(project: a.projectSlug, wallet: a.walletLabel, amount: a.amount.description,
                             deadline: a.deadline?.description, claim: i)
        }
        prices = s.prices.map { PriceRecord(asset: $0.asset.code, at: $0.at.description, usd: $0.usd.description, source: $0.source) }
    }

    public static func decode(_ data: Data, file: String) throws(LedgerDocumentError) -> LedgerDocument {
        let doc: LedgerDocument
        do { doc = try JSONDecoder().decode(LedgerDocument.self, from: data) } catch {
            throw LedgerDocumentError(file: file, message: "not an airledger ledger file (\(Self.describe(error)))")
        }
        guard doc.format == formatName else { throw LedgerDocumentError(file: file, message: "format is '\(doc.format)', expected '\(formatName)'") }
        guard doc.version <= formatVersion else {
            throw LedgerDocumentError(file: file, message: "written by a newer airledger (format version \(doc.version); this one reads up to \(formatVersion)): upgrade airledger")
        }
        return doc
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let k, let c): "missing '\(k.stringValue)' at \(path(c))"
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c): "wrong value at \(path(c)): \(c.debugDescription)"
        case DecodingError.dataCorrupted(let c): "bad JSON at \(path(c)): \(c.debugDescription)"
        default: "\(error)"
        }
    }

    static func path(_ c: DecodingError.Context) -> String {
        c.codingPath.isEmpty ? "the top level" : c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
    }

    /// Core values, validating every field; errors name the record.
    public func snapshot(file: String) throws(LedgerDocumentError) -> LedgerSnapshot {
        func fail(_ where_: String, _ e: Error) -> LedgerDocumentError { LedgerDocumentError(file: file, message: "\(where_): \(e)") }
        func q(_ s: String?, _ w: String) throws(LedgerDocumentError) -> Quantity? {
            guard let s else { return nil }
            do { return try Quantity(parsing: s) } catch { throw fail(w, error) }
        }
        func amt(_ s: String?, _ w: String) throws(LedgerDocumentError) -> Amount? {
            guard let s else { return nil }
            do { return try Amount(parsing: s) } catch { throw fail(w, error) }
        }
        func t(_ s: String, _ w: String) throws(LedgerDocumentError) -> Instant {
            do { return try Instant(parsing: s) } catch { throw fail(w, error) }
        }
        var ws: [Wallet] = []
        for (i, r) in wallets.enumerated() {
            let w = "wallets[\(i)]"
            guard let chain = Chains.named(r.chain) else { throw LedgerDocumentError(file: file, message: "\(w): unknown chain '\(r.chain)'") }
            do {
                let parsed = try AddressRules.parse(r.address, chain: chain)
                guard parsed.canonical == r.address else {
                    throw LedgerDocumentError(file: file, message: "\(w): address '\(r.address)' is not in canonical form '\(parsed.canonical)'")
                }
            } catch let e as LedgerDocumentError { throw e } catch { throw fail(w, error) }
            ws.append(Wallet(id: 0, label: r.label, address: r.address, chain: chain, group: r.group,
                             status: Wallet.Status(rawValue: r.status) ?? .active, createdAt: try t(r.createdAt, w), broker: r.broker))
        }
        var ps: [Project] = []
        for (i, r) in projects.enumerated() {
            let w = "projects[\(i)]"
            guard let st = Project.Status(rawValue: r.status), let cat = Project.Category(rawValue: r.category) else {
                throw LedgerDocumentError(file: file, message: "\(w): bad status or category")
            }
            var token: AssetSymbol?
            if let tk = r.token { do { token = try AssetSymbol(parsing: tk) } catch { throw fail(w, error) } }
            ps.append(Project(slug: r.slug, name: r.name, status: st, status2024: r.status2024.flatMap(Project.Status.init(rawValue:)),
                              category: cat, token: token, airdropDate: r.airdropDate.flatMap { try? CivilDate(parsing: $0) },
                              techScore: r.techScore, raisedUsd: try q(r.raisedUsd, w), valuationUsd: try q(r.valuationUsd, w),
                              narratives: r.narratives, competitors: r.competitors, investors: r.investors, notes: r.notes,
                              probability: try q(r.probability, w), airdropShare: try q(r.airdropShare, w),
                              expectedRecipients: try q(r.expectedRecipients, w), expectedFdvUsd: try q(r.expectedFdvUsd, w),
                              pointsPool: try q(r.pointsPool, w), totalPoints: try q(r.totalPoints, w),
                              totalSupply: try q(r.totalSupply, w), origin: r.origin))
        }
        var acts: [Activity] = []
        for (i, r) in activities.enumerated() {
            let w = "activities[\(i)]"
            guard let kind = Activity.Kind(rawValue: r.kind) else { throw LedgerDocumentError(file: file, message: "\(w): unknown kind '\(r.kind)'") }
            acts.append(Activity(projectSlug: r.project, walletLabel: r.wallet, kind: kind, at: try t(r.at, w), chain: r.chain,
                                 txHash: r.txHash, volume: try amt(r.volume, w), volumeUsd: try q(r.volumeUsd, w), fee: try amt(r.fee, w),
                                 feeUsd: try q(r.feeUsd, w), points: try q(r.points, w), note: r.note, source: r.source,
                                 failed: r.failed, counterparty: r.counterparty, leg: r.leg))
        }
        var pts: [PointsReading] = []
        for (i, r) in pointsReadings.enumerated() {
            let w = "pointsReadings[\(i)]"
            pts.append(PointsReading(projectSlug: r.project, walletLabel: r.wallet, at: try t(r.at, w), points: try q(r.points, w) ?? .zero))
        }
        var ms: [Movement] = []
        for (i, r) in movements.enumerated() {
            let w = "movements[\(i)]"
            guard let kind = Movement.Kind(rawValue: r.kind), let a = try amt(r.amount, w) else {
                throw LedgerDocumentError(file: file, message: "\(w): unknown kind '\(r.kind)'")
            }
            ms.append(Movement(id: Int64(i + 1), kind: kind, walletId: 0, walletLabel: r.wallet, toWalletLabel: r.toWallet,
                               projectSlug: r.project, amount: a, at: try t(r.at, w), priceUsd: try q(r.priceUsd, w),
                               priceSource: r.priceUsd == nil ? nil : "given", feeUsd: try q(r.feeUsd, w),
                               feeQuantity: try q(r.feeQuantity, w), txHash: r.txHash))
        }
        var als: [(allocation: Allocation, claimIndex: Int?)] = []
        for (i, r) in allocations.enumerated() {
            let w = "allocations[\(i)]"
            guard let a = try amt(r.amount, w) else { continue }
            var deadline: CivilDate?
            if let d = r.deadline { do { deadline = try CivilDate(parsing: d) } catch { throw fail(w, error) } }
            als.append((Allocation(projectSlug: r.project, walletLabel: r.wallet, amount: a, deadline: deadline), r.claim))
        }
        var prs: [PricePoint] = []
        for (i, r) in prices.enumerated() {
            let w = "prices[\(i)]"
            let sym: AssetSymbol
            do { sym = try AssetSymbol(parsing: r.asset) } catch { throw fail(w, error) }
            prs.append(PricePoint(asset: sym, at: try t(r.at, w), usd: try q(r.usd, w) ?? .zero, source: ["import", "defillama", "coingecko"].contains(r.source) ? r.source : "manual"))
        }
        return LedgerSnapshot(wallets: ws, projects: ps, activities: acts, pointsReadings: pts, movements: ms, allocations: als, prices: prs)
    }
}

public struct LedgerDocumentError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

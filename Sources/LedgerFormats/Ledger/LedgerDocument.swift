import Foundation
import LedgerCore

/// The ledger as a JSON document (`export ledger` / `import ledger`): every value as text, references
/// by label and slug, keys sorted, so export -> import into an empty ledger -> export is byte-identical.
/// Read with `JSONDecoder`; written by `encoded()` (LedgerDocument+JSON.swift) with the JSON writer.
public struct LedgerDocument: Decodable, Sendable, Equatable {
    public static let formatName = "airledger-ledger"
    public static let formatVersion = 1
    /// The largest ledger file `import ledger` reads, about 75,000 activities: the file is decoded
    /// whole, at about 4.5 bytes of memory per byte of JSON, so 32 MiB keeps an import under 200 MB.
    /// A larger file is refused once 32 MiB have been read (docs/fuzzing.md has the measurements).
    public static let maxFileSize = 32 << 20

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
        do { doc = try JSONDecoder().decode(LedgerDocument.self, from: data) } catch let e as UnknownKey {
            throw LedgerDocumentError(file: file, message: e.description)
        } catch {
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

    static func path(_ c: DecodingError.Context) -> String { path(c.codingPath) }

    /// A JSON path as the user would write it: `activities[3].feeUsd`.
    static func path(_ keys: [any CodingKey]) -> String {
        guard !keys.isEmpty else { return "the top level" }
        var out = ""
        for k in keys {
            if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
        }
        return out
    }

    /// Core values, each field checked by the rules the command line applies (the same parsers, the
    /// one secret check on every string, times from 2009-01-03 to a day after `now`, references to
    /// wallets and projects of the file, no duplicates); the first bad value is named by its JSON path.
    public func snapshot(file: String, now: Instant) throws(LedgerDocumentError) -> LedgerSnapshot {
        try LedgerDocumentCheck(file: file, now: now).snapshot(self)
    }
}

// MARK: Strict keys

/// A record of the ledger file: its keys, so a key the file has that airledger does not read (a typo
/// such as `feeUSD`) is refused with its path instead of dropping the value.
protocol LedgerFileRecord: Decodable {
    static var keys: [String] { get }
}

extension LedgerDocument.WalletRecord: LedgerFileRecord {
    static let keys = ["address", "broker", "chain", "createdAt", "group", "label", "status"]
}
extension LedgerDocument.ProjectRecord: LedgerFileRecord {
    static let keys = ["airdropDate", "airdropShare", "category", "competitors", "expectedFdvUsd", "expectedRecipients", "investors",
                       "name", "narratives", "notes", "origin", "pointsPool", "probability", "raisedUsd", "slug", "status",
                       "status2024", "techScore", "token", "totalPoints", "totalSupply", "valuationUsd"]
}
extension LedgerDocument.ActivityRecord: LedgerFileRecord {
    static let keys = ["at", "chain", "counterparty", "failed", "fee", "feeUsd", "kind", "leg", "note", "points", "project", "source",
                       "txHash", "volume", "volumeUsd", "wallet"]
}
extension LedgerDocument.PointsRecord: LedgerFileRecord {
    static let keys = ["at", "points", "project", "wallet"]
}
extension LedgerDocument.MovementRecord: LedgerFileRecord {
    static let keys = ["amount", "at", "feeQuantity", "feeUsd", "kind", "priceUsd", "project", "toWallet", "txHash", "wallet"]
}
extension LedgerDocument.AllocationRecord: LedgerFileRecord {
    static let keys = ["amount", "claim", "deadline", "project", "wallet"]
}
extension LedgerDocument.PriceRecord: LedgerFileRecord {
    static let keys = ["asset", "at", "source", "usd"]
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
}

/// A key the ledger file format does not have, at its path, with the nearest known key.
struct UnknownKey: Error, CustomStringConvertible {
    let path: String
    let key: String
    let known: [String]
    var description: String {
        let near = Suggest.closest(to: key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
        return "\(path): unknown key '\(key)'\(near): a ledger file has only the keys `export ledger` writes (\(known.joined(separator: ", "))); rename or remove it"
    }

    static func check(_ decoder: any Decoder, known: [String]) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        for k in container.allKeys where !known.contains(k.stringValue) {
            throw UnknownKey(path: LedgerDocument.path(decoder.codingPath + [k]), key: k.stringValue, known: known)
        }
    }
}

/// Decodes a record after checking its keys.
struct Strict<Record: LedgerFileRecord>: Decodable {
    let value: Record
    init(from decoder: any Decoder) throws {
        try UnknownKey.check(decoder, known: Record.keys)
        value = try Record(from: decoder)
    }
}

extension LedgerDocument {
    static let keys = ["activities", "allocations", "format", "movements", "pointsReadings", "prices", "projects", "version", "wallets"]

    enum CodingKeys: String, CodingKey {
        case format, version, wallets, projects, activities, pointsReadings, movements, allocations, prices
    }

    public init(from decoder: any Decoder) throws {
        try UnknownKey.check(decoder, known: Self.keys)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        format = try c.decode(String.self, forKey: .format)
        version = try c.decode(Int.self, forKey: .version)
        wallets = try c.decode([Strict<WalletRecord>].self, forKey: .wallets).map(\.value)
        projects = try c.decode([Strict<ProjectRecord>].self, forKey: .projects).map(\.value)
        activities = try c.decode([Strict<ActivityRecord>].self, forKey: .activities).map(\.value)
        pointsReadings = try c.decode([Strict<PointsRecord>].self, forKey: .pointsReadings).map(\.value)
        movements = try c.decode([Strict<MovementRecord>].self, forKey: .movements).map(\.value)
        allocations = try c.decode([Strict<AllocationRecord>].self, forKey: .allocations).map(\.value)
        prices = try c.decode([Strict<PriceRecord>].self, forKey: .prices).map(\.value)
    }
}

public struct LedgerDocumentError: Error, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

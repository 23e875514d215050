import Foundation
import GRDB
import LedgerCore

extension LedgerDatabase {
    static func projectColumns(_ p: Project) -> [String: (any DatabaseValueConvertible)?] {
        [
            "name": p.name, "status": p.status.rawValue, "status2024": p.status2024?.rawValue,
            "category": p.category.rawValue, "token": p.token?.code, "airdropDate": p.airdropDate?.description,
            "techScore": p.techScore, "raisedUsd": p.raisedUsd?.description, "valuationUsd": p.valuationUsd?.description,
            "narratives": p.narratives.joined(separator: "; "), "competitors": p.competitors.joined(separator: "; "),
            "investors": p.investors.joined(separator: "; "), "notes": p.notes,
            "probability": p.probability?.description, "airdropShare": p.airdropShare?.description,
            "expectedRecipients": p.expectedRecipients?.description, "expectedFdvUsd": p.expectedFdvUsd?.description,
            "pointsPool": p.pointsPool?.description, "totalPoints": p.totalPoints?.description,
            "totalSupply": p.totalSupply?.description,
        ]
    }

    static func insertProject(_ db: Database, _ p: Project, now: Instant) throws {
        let cols = projectColumns(p).sorted { $0.key < $1.key }
        let names = ["slug", "origin", "createdAt", "updatedAt"] + cols.map(\.key)
        var args: [(any DatabaseValueConvertible)?] = [p.slug, p.origin, now.description, now.description]
        args += cols.map(\.value)
        try db.execute(
            sql: "INSERT INTO project(\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))",
            arguments: StatementArguments(args))
    }

    /// Loads bundled projects: adds those whose slug is new, never touches existing ones.
    /// Returns how many were added.
    public func loadWatchlist(_ projects: [Project], now: Instant) throws -> Int {
        try write { db in
            var added = 0
            for p in projects where try Row.fetchOne(db, sql: "SELECT 1 FROM project WHERE slug = ?", arguments: [p.slug]) == nil {
                try Self.insertProject(db, p, now: now)
                added += 1
            }
            return added
        }
    }

    public func addProject(_ p: Project, now: Instant) throws -> Project {
        try write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM project WHERE slug = ?", arguments: [p.slug]) != nil {
                throw StoreError.duplicateProject(p.slug)
            }
            try Self.insertProject(db, p, now: now)
            return try Self.project(db, slug: p.slug)
        }
    }

    /// Changes a project: `change` receives the current value and returns the new one.
    public func updateProject(_ slug: String, now: Instant, _ change: (Project) throws -> Project) throws -> Project {
        try write { db in
            let old = try Self.project(db, slug: slug)
            let new = try change(old)
            let cols = Self.projectColumns(new).sorted { $0.key < $1.key }
            let sets = cols.map { "\($0.key) = ?" }.joined(separator: ", ")
            var args: [(any DatabaseValueConvertible)?] = cols.map(\.value)
            args += [now.description, old.id]
            try db.execute(sql: "UPDATE project SET \(sets), updatedAt = ? WHERE id = ?", arguments: StatementArguments(args))
            return try Self.project(db, slug: slug)
        }
    }

    public func projects() throws -> [Project] {
        try read { db in try Row.fetchAll(db, sql: "SELECT * FROM project ORDER BY slug").map { row throws in try Project(row: row) } }
    }

    public func project(slug: String) throws -> Project {
        try read { db in try Self.project(db, slug: slug) }
    }

    static func project(_ db: Database, slug: String) throws -> Project {
        let key = slug.trimmingCharacters(in: .whitespaces).lowercased()
        if let row = try Row.fetchOne(db, sql: "SELECT * FROM project WHERE slug = ?", arguments: [key]) {
            return try Project(row: row)
        }
        let slugs = try String.fetchAll(db, sql: "SELECT slug FROM project")
        throw StoreError.unknownProject(slug, suggestion: Suggest.closest(to: slug, in: slugs))
    }
}

import Foundation

/// The bundled early-2024 airdrop watchlist, as projects.
public enum Watchlist {
    public struct LoadError: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "watchlist-2024.csv:\(line): \(message)" }
    }

    public static func bundled() throws(LoadError) -> [Project] { try parse(Reference.watchlist2024CSV) }

    /// Columns: slug,name,status,status_2024,token,airdrop_date,category,tech_score,raised_usd,
    /// valuation_usd,narratives,competitors,investors,notes. Lists are separated by "; ".
    public static func parse(_ csv: String) throws(LoadError) -> [Project] {
        let records: [CSVRecord]
        do { records = try CSV.parse(csv) } catch { throw LoadError(line: 0, message: "\(error)") }
        guard let header = records.first?.fields else { return [] }
        func col(_ name: String) throws(LoadError) -> Int {
            guard let i = header.firstIndex(of: name) else { throw LoadError(line: 1, message: "missing column \(name)") }
            return i
        }
        let c = (slug: try col("slug"), name: try col("name"), status: try col("status"), s24: try col("status_2024"),
                 token: try col("token"), date: try col("airdrop_date"), cat: try col("category"), tech: try col("tech_score"),
                 raised: try col("raised_usd"), val: try col("valuation_usd"), narr: try col("narratives"),
                 comp: try col("competitors"), inv: try col("investors"), notes: try col("notes"))
        var out: [Project] = []
        for r in records.dropFirst() {
            func f(_ i: Int) -> String { i < r.fields.count ? r.fields[i].trimmingCharacters(in: .whitespaces) : "" }
            func list(_ i: Int) -> [String] { f(i).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
            func qty(_ i: Int) throws(LoadError) -> Quantity? {
                guard !f(i).isEmpty else { return nil }
                do { return try Quantity(parsing: f(i)) } catch { throw LoadError(line: r.line, message: "\(error)") }
            }
            guard let status = Project.Status(rawValue: f(c.status)), let cat = Project.Category(loose: f(c.cat)) else {
                throw LoadError(line: r.line, message: "bad status or category")
            }
            out.append(Project(
                slug: f(c.slug), name: f(c.name), status: status, status2024: Project.Status(rawValue: f(c.s24)),
                category: cat, token: f(c.token).isEmpty ? nil : try? AssetSymbol(parsing: f(c.token)),
                airdropDate: try? CivilDate(parsing: f(c.date)), techScore: Int(f(c.tech)),
                raisedUsd: try qty(c.raised), valuationUsd: try qty(c.val),
                narratives: list(c.narr), competitors: list(c.comp), investors: list(c.inv),
                notes: f(c.notes).isEmpty ? nil : f(c.notes), origin: "watchlist"))
        }
        return out
    }
}

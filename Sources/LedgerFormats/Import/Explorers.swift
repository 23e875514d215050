/// The registry of explorer importers: the one place a new explorer is added. The CLI makes one
/// `airledger import <id>` subcommand per entry and lists them in `airledger import --help`; the
/// session detects files among them.
public enum Explorers {
    /// Every explorer airledger reads, in the order their headers are tried.
    public static let all: [any ExplorerImporter.Type] = [
        EtherscanImporter.self,
        SolscanImporter.self,
        MintscanImporter.self,
        SubscanImporter.self,
    ]

    /// The explorer with this `ExplorerInfo.id`.
    public static func named(_ id: String) -> (any ExplorerImporter.Type)? {
        all.first { $0.info.id == id }
    }

    /// Chooses the explorer of a header line among `candidates` (the explorers the user asked for).
    /// When none recognises it, the problem says why: one of theirs that airledger does not import, an
    /// export of another registered explorer (`others`: then the user picked the wrong one), or an
    /// unknown header with the nearest candidate's hint and every candidate's known headers.
    public static func detect(_ header: [String], among candidates: [any ExplorerImporter.Type],
                              others: [any ExplorerImporter.Type] = all) -> Result<any ExplorerImporter.Type, ImportProblem> {
        var unsupported: (what: String, instead: String)?
        var nearest: (closeness: Int, hint: String?)?
        for explorer in candidates {
            switch explorer.detect(header) {
            case .recognised:
                return .success(explorer)
            case .unsupported(let what, let instead):
                if unsupported == nil { unsupported = (what, instead) }
            case .unrecognised(let closeness, let hint):
                if nearest == nil || closeness > (nearest?.closeness ?? 0) { nearest = (closeness, hint) }
            }
        }
        if let unsupported { return .failure(.unsupportedExport(unsupported.what, instead: unsupported.instead)) }
        let asked = Set(candidates.map { $0.info.id })
        if let other = others.first(where: { !asked.contains($0.info.id) && $0.detect(header) == .recognised }) {
            return .failure(.otherExplorer(other.info, asked: candidates.map { $0.info }))
        }
        return .failure(.unknownHeader(found: header.joined(separator: ","), hint: nearest?.hint,
                                       expected: candidates.map { $0.info }))
    }
}

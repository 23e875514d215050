import LedgerCore
import LedgerFormats

/// One record shown on its own (`wallet show`, `project show`): the table form is "Title: value" lines.
struct RecordView {
    var fields: [(key: String, title: String, cell: Listing.Cell)]

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .json:
            return JSONWriter.render { w in
                w.object { w in
                    for f in fields { w.key(f.key); f.cell.value.write(to: &w) }
                }
            }
        case .csv:
            return Listing(fields.map { Listing.Column($0.key, $0.title) }, rows: [fields.map(\.cell)]).render(.csv)
        case .table:
            let w = fields.map(\.title.count).max() ?? 0
            return fields.map { $0.title + ":" + String(repeating: " ", count: w - $0.title.count + 1) + Self.shown($0.cell.text) + "\n" }.joined()
        }
    }

    /// A value as the table form shows it: its own lines kept (sources are listed one a line), each
    /// line's control and bidirectional characters escaped and cut at 1,000 characters.
    static func shown(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { PlainText.escaped(String($0), limit: 1000) }.joined(separator: "\n")
    }
}

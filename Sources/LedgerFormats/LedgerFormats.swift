// LedgerFormats: bytes and rows in, values out; values in, bytes out. Never opens paths.
//
// Every JSON output is written with `JSONWriter` (keys in the order written, streamed, amounts as
// decimal strings): report documents live here beside their format (`Tax/TaxJSON`,
// `Estimate/EstimateJSON`, `Ledger/LedgerDocument+JSON`); listings render through the CLI's
// `Listing.write(to:)`. Tax exports register in `TaxExport.all` (one line per writer file).
//
// Explorer exports come in through one extension point (Import/ExplorerImporter.swift): an importer per
// explorer, registered in Import/Explorers.swift, streamed by ExplorerImportSession. Real files first:
// each importer is tested on exports people published (Fixtures/<explorer>/real), and what it tolerates
// is written down in docs/explorer-formats.md with the export that has it.
//
// `Report/` renders the farm report: an HTML page of SVG charts drawn by our own chart layer
// (`Report/Charts`), one input type per section (`Report/Sections`), all text escaped by `Markup`.

// LedgerFormats: bytes and rows in, values out; values in, bytes out. Never opens paths.
// Explorer exports come in through one extension point (Import/ExplorerImporter.swift): an importer per
// explorer, registered in Import/Explorers.swift, streamed by ExplorerImportSession.

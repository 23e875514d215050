// LedgerFormats: bytes and rows in, values out; values in, bytes out. Never opens paths.

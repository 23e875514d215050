import LedgerCore

/// The one JSON writer: every JSON document and listing airledger prints or writes goes through it.
///
/// Members are written in the order the caller writes them (no sorting, no tree built first), as
/// bytes into a buffer that is handed to `flush` whenever it passes `chunkSize`, so a tax report with
/// a hundred thousand disposals is written while it is read, in bounded memory. Amounts go in as
/// decimal strings (`decimal(_:)`), never as JSON numbers; `int` is for counts.
///
/// Layout: two-space indents, one member per line, no trailing newline unless `finish(trailer:)`
/// adds one. `Layout.standard` (listings, reports) writes `"key": value` and `[]` / `{}` when empty;
/// `Layout.ledgerFile` keeps the bytes the ledger file has always had (`"key" : value`, an empty
/// container opened and closed on lines of its own with a blank line between).
///
/// Strings are escaped byte by byte: `"` `\` and `\b \f \n \r \t` with a backslash, other bytes
/// below 0x20 as `\u00xx`; everything else (`/`, DEL, any non-ASCII) is copied as it is.
///
/// ```swift
/// let text = JSONWriter.render { w in          // or JSONWriter(flush: { bytes in ... }) to stream
///     w.beginObject()
///     w.key("year"); w.int(2024)
///     w.key("disposals"); w.array(disposals) { w, d in
///         w.beginObject()
///         w.key("asset"); w.string(d.asset)
///         w.key("gain"); w.decimal(d.gain)
///         w.endObject()
///     }
///     w.endObject()
/// }                                           // text ends with "\n"
/// ```
public struct JSONWriter {
    /// How members and empty containers are laid out.
    public struct Layout: Sendable {
        /// Between a key and its value.
        let separator: [UInt8]
        /// `[]` / `{}` (true), or the bracket, a blank line and the closing bracket on its own line.
        let emptyOnOneLine: Bool

        /// `"key": value`, empty containers as `[]` and `{}`: listings and reports.
        public static let standard = Layout(separator: Array(": ".utf8), emptyOnOneLine: true)
        /// `"key" : value`, empty containers on lines of their own: the ledger file (`export ledger`),
        /// whose bytes are those of the files written since its first version (Foundation's
        /// pretty-printed `JSONEncoder`), so an old export and a new one compare equal.
        public static let ledgerFile = Layout(separator: Array(" : ".utf8), emptyOnOneLine: false)
    }

    private var buffer: [UInt8] = []
    /// Members written so far in each open container, outermost first.
    private var counts: [Int] = []
    private let layout: Layout
    private let chunkSize: Int
    private let flush: (([UInt8]) -> Void)?

    /// A writer that hands its bytes to `flush` in pieces of about `chunkSize` bytes.
    public init(layout: Layout = .standard, chunkSize: Int = 1 << 16, flush: @escaping ([UInt8]) -> Void) {
        self.init(layout: layout, chunkSize: chunkSize, flushing: flush)
    }

    private init(layout: Layout, chunkSize: Int, flushing: (([UInt8]) -> Void)?) {
        self.layout = layout
        self.chunkSize = chunkSize
        self.flush = flushing
        if flushing != nil { buffer.reserveCapacity(chunkSize + 4096) }
    }

    /// The document `body` writes, followed by `trailer` (a final newline by default), as bytes.
    public static func bytes(layout: Layout = .standard, trailer: String = "\n",
                             _ body: (inout JSONWriter) throws -> Void) rethrows -> [UInt8] {
        var w = JSONWriter(layout: layout, chunkSize: .max, flushing: nil)
        try body(&w)
        w.buffer.append(contentsOf: trailer.utf8)
        return w.buffer
    }

    /// The document `body` writes, followed by `trailer` (a final newline by default), as text.
    public static func render(layout: Layout = .standard, trailer: String = "\n",
                              _ body: (inout JSONWriter) throws -> Void) rethrows -> String {
        String(decoding: try bytes(layout: layout, trailer: trailer, body), as: UTF8.self)
    }

    // MARK: containers

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: the separator, indentation and `"key": `. A value must follow.
    public mutating func key(_ k: String) {
        next()
        appendQuoted(k)
        buffer.append(contentsOf: layout.separator)
    }

    /// Starts an array element: the separator and indentation. A value must follow.
    public mutating func element() { next() }

    /// An object whose members `body` writes.
    public mutating func object(_ body: (inout JSONWriter) throws -> Void) rethrows {
        beginObject()
        try body(&self)
        endObject()
    }

    /// An array with one element per item, each written by `body` (which writes one value).
    public mutating func array<S: Sequence>(_ items: S, _ body: (inout JSONWriter, S.Element) throws -> Void) rethrows {
        beginArray()
        for item in items {
            element()
            try body(&self, item)
        }
        endArray()
    }

    /// An array of strings.
    public mutating func strings<S: Sequence<String>>(_ items: S) {
        array(items) { w, s in w.string(s) }
    }

    // MARK: values

    public mutating func string(_ s: String) { appendQuoted(s) }
    public mutating func string(_ s: String?) { if let s { appendQuoted(s) } else { null() } }
    public mutating func int(_ i: Int) { buffer.append(contentsOf: String(i).utf8) }
    public mutating func int(_ i: Int?) { if let i { int(i) } else { null() } }
    public mutating func bool(_ b: Bool) { buffer.append(contentsOf: (b ? "true" : "false").utf8) }
    public mutating func bool(_ b: Bool?) { if let b { bool(b) } else { null() } }
    public mutating func null() { buffer.append(contentsOf: "null".utf8) }
    /// An exact decimal as a string in its canonical text (never rounded), or null.
    public mutating func decimal(_ q: Quantity?) {
        guard let q else { return null() }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: q.description.utf8)
        buffer.append(UInt8(ascii: "\""))
    }

    /// Hands over what is left, followed by `trailer` (e.g. a final newline).
    public mutating func finish(trailer: String = "") {
        buffer.append(contentsOf: trailer.utf8)
        if let flush, !buffer.isEmpty {
            flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    // MARK: layout

    private mutating func open(_ bracket: UInt8) {
        buffer.append(bracket)
        counts.append(0)
    }

    private mutating func close(_ bracket: UInt8) {
        let members = counts.popLast() ?? 0
        if members > 0 || !layout.emptyOnOneLine {
            buffer.append(0x0A)
            if members == 0 { buffer.append(0x0A) }
            pad(counts.count)
        }
        buffer.append(bracket)
        flushIfFull()
    }

    private mutating func next() {
        guard !counts.isEmpty else { return }
        if counts[counts.count - 1] > 0 { buffer.append(UInt8(ascii: ",")) }
        buffer.append(0x0A)
        pad(counts.count)
        counts[counts.count - 1] += 1
    }

    private mutating func pad(_ level: Int) {
        buffer.append(contentsOf: repeatElement(0x20, count: 2 * level))
    }

    private mutating func flushIfFull() {
        if let flush, buffer.count >= chunkSize {
            flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// Appends `s` quoted. Most keys and values need no escaping and are copied whole.
    private mutating func appendQuoted(_ s: String) {
        buffer.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { append(escaping: $0) }
        buffer.append(UInt8(ascii: "\""))
    }

    private mutating func append(escaping bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
            buffer.append(contentsOf: bytes[start..<i])
            start = i + 1
            buffer.append(0x5C)  // backslash
            switch b {
            case 0x22: buffer.append(0x22)
            case 0x5C: buffer.append(0x5C)
            case 0x08: buffer.append(UInt8(ascii: "b"))
            case 0x0C: buffer.append(UInt8(ascii: "f"))
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            default:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0x0F)]])
            }
        }
        buffer.append(contentsOf: bytes[start...])
    }
}

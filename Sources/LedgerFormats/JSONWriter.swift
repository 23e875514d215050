import LedgerCore

/// Streams JSON in exactly `JSONValue.serialized()`'s layout (two-space indents, keys in the order
/// written) into a byte buffer that is handed to `flush` whenever it passes `chunkSize` bytes, and at
/// `finish()`. For documents too large to build as a tree first: a tax report with a hundred thousand
/// disposals is written while it is read, in bounded memory.
///
/// ```swift
/// var w = JSONWriter { bytes in output.write(bytes) }
/// w.beginObject()
/// w.key("year"); w.int(2024)
/// w.key("disposals"); w.beginArray()
/// for d in disposals { w.element(); w.beginObject(); w.key("asset"); w.string(d.asset); w.endObject() }
/// w.endArray()
/// w.endObject()
/// w.finish()
/// ```
public struct JSONWriter {
    private var buffer: [UInt8] = []
    /// Members written so far in each open container, outermost first.
    private var counts: [Int] = []
    private let chunkSize: Int
    private let flush: ([UInt8]) -> Void

    public init(chunkSize: Int = 1 << 16, flush: @escaping ([UInt8]) -> Void) {
        self.chunkSize = chunkSize
        self.flush = flush
        buffer.reserveCapacity(chunkSize + 4096)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: the separator, indentation and `"key": `. A value must follow.
    public mutating func key(_ k: String) {
        next()
        JSONValue.appendQuoted(&buffer, k)
        buffer.append(UInt8(ascii: ":"))
        buffer.append(0x20)
    }

    /// Starts an array element: the separator and indentation. A value must follow.
    public mutating func element() { next() }

    public mutating func string(_ s: String) { JSONValue.appendQuoted(&buffer, s) }
    public mutating func string(_ s: String?) { if let s { string(s) } else { null() } }
    public mutating func int(_ i: Int) { buffer.append(contentsOf: String(i).utf8) }
    public mutating func null() { buffer.append(contentsOf: "null".utf8) }
    /// An exact decimal as a string (canonical text), or null.
    public mutating func decimal(_ q: Quantity?) {
        guard let q else { return null() }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(contentsOf: q.description.utf8)
        buffer.append(UInt8(ascii: "\""))
    }

    /// A prebuilt value at the current depth.
    public mutating func value(_ v: JSONValue) {
        v.write(into: &buffer, indent: counts.count)
        flushIfFull()
    }

    /// Hands over what is left, followed by `trailer` (e.g. a final newline).
    public mutating func finish(trailer: String = "") {
        buffer.append(contentsOf: trailer.utf8)
        if !buffer.isEmpty { flush(buffer) }
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func open(_ bracket: UInt8) {
        buffer.append(bracket)
        counts.append(0)
    }

    private mutating func close(_ bracket: UInt8) {
        let members = counts.removeLast()
        if members > 0 {
            buffer.append(0x0A)
            JSONValue.pad(&buffer, counts.count)
        }
        buffer.append(bracket)
        flushIfFull()
    }

    private mutating func next() {
        guard !counts.isEmpty else { return }
        if counts[counts.count - 1] > 0 { buffer.append(UInt8(ascii: ",")) }
        buffer.append(0x0A)
        JSONValue.pad(&buffer, counts.count)
        counts[counts.count - 1] += 1
    }

    private mutating func flushIfFull() {
        if buffer.count >= chunkSize {
            flush(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}

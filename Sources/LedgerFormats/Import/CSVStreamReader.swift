import LedgerCore
/// A streaming RFC 4180 CSV tokenizer over bytes, for files of any size.
///
/// The caller reads the file in chunks (the CLI reads a `FileHandle`; this module never opens paths) and
/// feeds them in order; each complete record is handed to a closure as a `CSVStreamRow`, then its storage
/// is reused: memory is bounded by the longest record, not the file. Fields may be quoted, with `""`
/// for a quote and with commas, CR and LF inside. Records end at LF, CRLF or a lone CR. A UTF-8 byte
/// order mark at the start is skipped. Empty lines are skipped.
///
/// A record is at most `maxRecordBytes` (1 MiB): a longer one (a file with no line breaks, /dev/zero,
/// a quote never closed in a large file) is handed out with no fields and a `recordTooLong` problem
/// at its first line, and the stream stops there (`overflowed`): the caller stops reading, so memory
/// stays bounded whatever the input.
///
/// Other problems (invalid UTF-8, an unbalanced quote, text after a closing quote) never stop the stream: they
/// are attached to the record they occur in, with their line and column, so a caller can report every
/// bad row of a file at once. Lines are 1-based and count physical lines (a quoted newline starts a new
/// line); columns are 1-based and count Unicode scalars (characters) from the start of the line.
public struct CSVStreamReader: Sendable {
    private enum State: Sendable { case fieldStart, unquoted, quoted, quoteInQuoted, afterQuoted }

    // The record being built.
    private var fieldBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var fieldLines: [Int] = []
    private var fieldColumns: [Int] = []
    private var problems: [CSVStreamProblem] = []
    private var recordLine = 1
    private var currentFieldQuoted = false
    private var quoteLine = 1, quoteColumn = 1
    private var junkReported = false

    // Position.
    private var state: State = .fieldStart
    private var offset = 0
    private var line = 1
    private var lineStart = 0
    private var lineContinuationBytes = 0
    private var pendingCR = false
    private var atFileStart = true
    private var bomProbe: [UInt8] = []

    // UTF-8 validation carried across chunks.
    private var utf8Need = 0
    private var utf8Lower: UInt8 = 0x80
    private var utf8Upper: UInt8 = 0xBF
    private var utf8Line = 1, utf8Column = 1, utf8Lead: UInt8 = 0
    private var utf8ReportedInRecord = false

    private var finished = false
    /// Where the record being built starts in the input.
    private var recordStart = 0

    /// The longest record read: 1 MiB.
    public static let maxRecordBytes = 1 << 20
    /// A record longer than `maxRecordBytes` stopped the stream: feed no more.
    public private(set) var overflowed = false

    /// Bytes fed so far (including a BOM), for progress by bytes.
    public private(set) var bytesConsumed = 0
    /// Records handed out so far (blank lines excluded).
    public private(set) var recordCount = 0

    public init() {}

    /// Tokenizes `bytes`, calling `body` for every record completed by them, in order. The row's
    /// storage is reused after the call (keeping a row is safe but copies it). Feeding after `finish`
    /// is ignored.
    public mutating func feed(_ bytes: some Collection<UInt8>, _ body: (CSVStreamRow) -> Void) {
        guard !finished else { return }
        bytesConsumed += bytes.count
        guard atFileStart else {
            scan(bytes, body)
            return
        }
        // The first three bytes decide whether there is a byte order mark.
        let need = 3 - bomProbe.count
        bomProbe.append(contentsOf: bytes.prefix(need))
        guard bomProbe.count >= 3 else { return }
        atFileStart = false
        let probe = bomProbe
        bomProbe = []
        if probe == [0xEF, 0xBB, 0xBF] {
            offset = 3
            lineStart = 3
        } else {
            scan(probe, body)
        }
        scan(bytes.dropFirst(need), body)
    }

    /// Ends the input: completes a last record without a line break and reports an unbalanced quote or
    /// a truncated UTF-8 sequence at the end.
    public mutating func finish(_ body: (CSVStreamRow) -> Void) {
        guard !finished else { return }
        if atFileStart {
            atFileStart = false
            let probe = bomProbe
            bomProbe = []
            scan(probe, body)
        }
        finished = true
        if offset - recordStart > Self.maxRecordBytes {
            overflow(body)
            return
        }
        if utf8Need > 0 { reportUTF8(utf8Lead, truncated: true) }
        switch state {
        case .quoted:
            problems.append(CSVStreamProblem(line: quoteLine, column: quoteColumn, kind: .unterminatedQuote))
            endField()
            endRecord(terminated: false, body)
        case .fieldStart:
            if !fieldEnds.isEmpty || !problems.isEmpty {
                endField()
                endRecord(terminated: false, body)
            }
        case .unquoted, .quoteInQuoted, .afterQuoted:
            endField()
            endRecord(terminated: false, body)
        }
    }

    // MARK: - Scanning

    private mutating func scan(_ bytes: some Collection<UInt8>, _ body: (CSVStreamRow) -> Void) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buf in scanBuffer(buf, body) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBufferPointer { buf in scanBuffer(buf, body) }
        }
    }

    @inline(__always)
    private static func isSpecialUnquoted(_ b: UInt8) -> Bool {
        b == 0x2C || b == 0x0A || b == 0x0D || b == 0x22 || b >= 0x80
    }

    @inline(__always)
    private static func isSpecialQuoted(_ b: UInt8) -> Bool {
        b == 0x22 || b == 0x0A || b >= 0x80
    }

    private func column(at position: Int) -> Int { position - lineStart - lineContinuationBytes + 1 }

    /// The tokenizer's loop: one step of the state machine per iteration, each state's step below.
    private mutating func scanBuffer(_ buf: UnsafeBufferPointer<UInt8>,
                                               _ body: (CSVStreamRow) -> Void) {
        let base = offset
        let n = buf.count
        var i = 0
        if pendingCR, n > 0 {
            pendingCR = false
            if buf[0] == 0x0A { i = 1; lineStart = base + 1 }
        }
        while i < n {
            if utf8Need > 0, buf[i] < 0x80 {
                reportUTF8(utf8Lead, truncated: true)
                utf8Need = 0
            }
            switch state {
            case .fieldStart: i = startField(buf, i, base)
            case .unquoted: i = scanUnquoted(buf, i, base, body)
            case .quoted: i = scanQuoted(buf, i, base)
            case .quoteInQuoted: i = afterQuoteInQuoted(buf[i], i)
            case .afterQuoted: i = scanAfterQuoted(buf, i, base, body)
            }
            if overflowed { return }
            if base + i - recordStart > Self.maxRecordBytes {
                offset = base + i
                overflow(body)
                return
            }
        }
        offset = base + n
    }

    /// The record passed `maxRecordBytes`: hand it out empty with the problem, and stop.
    private mutating func overflow(_ body: (CSVStreamRow) -> Void) {
        fieldBytes = []
        fieldEnds = []
        fieldLines = []
        fieldColumns = []
        problems.append(CSVStreamProblem(line: recordLine, column: 1, kind: .recordTooLong(limit: Self.maxRecordBytes)))
        recordCount += 1
        body(CSVStreamRow(line: recordLine, bytes: [], ends: [], lines: [], columns: [], problems: problems,
                          isTerminated: false, endOffset: offset))
        problems = []
        overflowed = true
        finished = true
    }

    // MARK: - One step per state; each returns the index of the next byte to look at

    /// A field starts: note where, and whether it is quoted.
    @inline(__always)
    private mutating func startField(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ base: Int) -> Int {
        fieldLines.append(line)
        fieldColumns.append(column(at: base + i))
        currentFieldQuoted = false
        guard buf[i] == 0x22 else {
            state = .unquoted
            return i
        }
        state = .quoted
        currentFieldQuoted = true
        quoteLine = line
        quoteColumn = column(at: base + i)
        return i + 1
    }

    /// Plain bytes in bulk, up to a comma, a line break, a quote or a non-ASCII byte.
    @inline(__always)
    private mutating func scanUnquoted(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ base: Int,
                                       _ body: (CSVStreamRow) -> Void) -> Int {
        let n = buf.count
        var j = i
        while j < n, !Self.isSpecialUnquoted(buf[j]) { j += 1 }
        if j > i { fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j])) }
        guard j < n else { return j }
        let c = buf[j]
        if c >= 0x80 {
            highByte(c, at: base + j)
            return j + 1
        }
        if c == 0x2C {
            endField()
            state = .fieldStart
            return j + 1
        }
        if c == 0x22 {
            // A bare quote inside an unquoted field: kept as text (lenient, as most readers are).
            fieldBytes.append(c)
            return j + 1
        }
        endField()
        return endLine(buf, j, base, body)
    }

    /// Bytes in bulk inside quotes, up to a quote, a line feed (kept, a new line) or a non-ASCII byte.
    @inline(__always)
    private mutating func scanQuoted(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ base: Int) -> Int {
        let n = buf.count
        var j = i
        while j < n, !Self.isSpecialQuoted(buf[j]) { j += 1 }
        if j > i { fieldBytes.append(contentsOf: UnsafeBufferPointer(rebasing: buf[i..<j])) }
        guard j < n else { return j }
        let c = buf[j]
        if c >= 0x80 {
            highByte(c, at: base + j)
        } else if c == 0x22 {
            state = .quoteInQuoted
        } else {
            fieldBytes.append(c)
            line += 1
            lineStart = base + j + 1
            lineContinuationBytes = 0
        }
        return j + 1
    }

    /// After a quote inside quotes: `""` is a quote; anything else closes the field.
    @inline(__always)
    private mutating func afterQuoteInQuoted(_ b: UInt8, _ i: Int) -> Int {
        if b == 0x22 {
            fieldBytes.append(b)
            state = .quoted
            return i + 1
        }
        state = .afterQuoted
        return i
    }

    /// After a closing quote: a comma or a line break, else text that should not be there (reported once).
    @inline(__always)
    private mutating func scanAfterQuoted(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ base: Int,
                                          _ body: (CSVStreamRow) -> Void) -> Int {
        let b = buf[i]
        if b == 0x2C {
            endField()
            state = .fieldStart
            return i + 1
        }
        if b == 0x0A || b == 0x0D {
            endField()
            return endLine(buf, i, base, body)
        }
        if !junkReported {
            problems.append(CSVStreamProblem(line: line, column: column(at: base + i), kind: .textAfterClosingQuote))
            junkReported = true
        }
        if b >= 0x80 { highByte(b, at: base + i) } else { fieldBytes.append(b) }
        return i + 1
    }

    /// Handles the CR or LF at `i` that ends a record; returns the index after the terminator.
    private mutating func endLine(_ buf: UnsafeBufferPointer<UInt8>, _ i: Int, _ base: Int,
                                            _ body: (CSVStreamRow) -> Void) -> Int {
        var next = i + 1
        if buf[i] == 0x0D {
            if next < buf.count {
                if buf[next] == 0x0A { next += 1 }
            } else {
                pendingCR = true
            }
        }
        if base + i - recordStart > Self.maxRecordBytes {
            // The record ended within the chunk that took it past the limit.
            offset = base + i
            overflow(body)
            return next
        }
        line += 1
        lineStart = base + next
        lineContinuationBytes = 0
        let savedOffset = offset
        offset = base + next
        endRecord(terminated: true, body)
        offset = savedOffset
        return next
    }

    private mutating func highByte(_ b: UInt8, at position: Int) {
        if utf8Need > 0 {
            if b >= utf8Lower && b <= utf8Upper {
                utf8Need -= 1
                utf8Lower = 0x80
                utf8Upper = 0xBF
                lineContinuationBytes += 1
                fieldBytes.append(b)
                return
            }
            reportUTF8(utf8Lead, truncated: true)
            utf8Need = 0
        }
        utf8Line = line
        utf8Column = column(at: position)
        utf8Lead = b
        utf8Lower = 0x80
        utf8Upper = 0xBF
        switch b {
        case 0xC2...0xDF: utf8Need = 1
        case 0xE0: utf8Need = 2; utf8Lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: utf8Need = 2
        case 0xED: utf8Need = 2; utf8Upper = 0x9F
        case 0xF0: utf8Need = 3; utf8Lower = 0x90
        case 0xF1...0xF3: utf8Need = 3
        case 0xF4: utf8Need = 3; utf8Upper = 0x8F
        default:
            reportUTF8(b, truncated: false)
        }
        fieldBytes.append(b)
    }

    private mutating func reportUTF8(_ byte: UInt8, truncated: Bool) {
        guard !utf8ReportedInRecord else { return }
        utf8ReportedInRecord = true
        problems.append(CSVStreamProblem(line: utf8Line, column: utf8Column, kind: .invalidUTF8(byte: byte)))
    }

    private mutating func endField() {
        fieldEnds.append(fieldBytes.count)
        if fieldLines.count < fieldEnds.count {
            // A field that ended before any byte of it was seen (an empty last field).
            fieldLines.append(line)
            fieldColumns.append(column(at: offset))
        }
        state = .fieldStart
    }

    private mutating func endRecord(terminated: Bool, _ body: (CSVStreamRow) -> Void) {
        let blank = fieldEnds.count == 1 && fieldEnds[0] == 0 && !currentFieldQuoted && problems.isEmpty
        if !blank {
            recordCount += 1
            let row = CSVStreamRow(line: recordLine, bytes: fieldBytes, ends: fieldEnds, lines: fieldLines,
                                   columns: fieldColumns, problems: problems, isTerminated: terminated,
                                   endOffset: offset)
            body(row)
        }
        fieldBytes.removeAll(keepingCapacity: true)
        fieldEnds.removeAll(keepingCapacity: true)
        fieldLines.removeAll(keepingCapacity: true)
        fieldColumns.removeAll(keepingCapacity: true)
        if !problems.isEmpty { problems.removeAll() }
        currentFieldQuoted = false
        junkReported = false
        utf8ReportedInRecord = false
        state = .fieldStart
        recordLine = line
        recordStart = offset
    }
}

/// One CSV record: its fields as bytes (quotes removed, `""` unescaped), with where each starts.
public struct CSVStreamRow: Sendable {
    /// 1-based line where the record starts.
    public let line: Int
    let bytes: [UInt8]
    let ends: [Int]
    let lines: [Int]
    let columns: [Int]
    /// Problems found while tokenizing this record (empty for a well-formed record).
    public let problems: [CSVStreamProblem]
    /// False for a last record with no line break after it (a file cut short often looks like that).
    public let isTerminated: Bool
    /// Byte offset just after this record in the input (for progress by bytes).
    public let endOffset: Int

    public var count: Int { ends.count }

    /// The bytes of field `i` (0-based); empty when out of range.
    public func field(_ i: Int) -> ArraySlice<UInt8> {
        guard i >= 0, i < ends.count else { return [] }
        return bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]]
    }

    /// Field `i` as text (invalid UTF-8 repaired with U+FFFD; a problem was reported for it).
    public func string(_ i: Int) -> String { String(decoding: field(i), as: UTF8.self) }

    /// All fields as text.
    public var strings: [String] { (0..<count).map(string) }

    /// The first character of the record that is not printable text (`PlainText`: a NUL, a control
    /// character other than a line break or a tab, a C1 control, a bidirectional override): its field
    /// and what it is, e.g. "U+0000 (a NUL byte)". One pass over the bytes, cheap for clean records.
    public var firstUnprintable: (field: Int, what: String)? {
        let n = bytes.count
        var i = 0
        while i < n {
            let b = bytes[i]
            if b >= 0x20 && b != 0x7F && b != 0xC2 && b != 0xE2 { i += 1; continue }
            var scalar: UInt32?
            switch b {
            case 0x09, 0x0A, 0x0D: break
            case 0x00...0x1F, 0x7F: scalar = UInt32(b)
            case 0xC2: if i + 1 < n, (0x80...0x9F).contains(bytes[i + 1]) { scalar = UInt32(bytes[i + 1]) }
            default:  // 0xE2: U+202A...U+202E and U+2066...U+2069
                if i + 2 < n, (bytes[i + 1] == 0x80 && (0xAA...0xAE).contains(bytes[i + 2])) || (bytes[i + 1] == 0x81 && (0xA6...0xA9).contains(bytes[i + 2])) {
                    scalar = 0x2000 | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                }
            }
            if let v = scalar, let u = Unicode.Scalar(v), let what = PlainText.problem(in: String(Character(u))) {
                let f = ends.firstIndex(where: { $0 > i }) ?? max(ends.count - 1, 0)
                return (f, String(what.prefix(while: { $0 != ")" })) + ")")
            }
            i += 1
        }
        return nil
    }

    /// 1-based line where field `i` starts.
    public func line(ofField i: Int) -> Int { i >= 0 && i < lines.count ? lines[i] : line }

    /// 1-based column (characters) where field `i` starts (its opening quote, if quoted).
    public func column(ofField i: Int) -> Int { i >= 0 && i < columns.count ? columns[i] : 1 }
}

public struct CSVStreamProblem: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case invalidUTF8(byte: UInt8)
        case unterminatedQuote
        case textAfterClosingQuote
        /// A record longer than `limit` bytes: reading stopped there.
        case recordTooLong(limit: Int)
    }

    public let line: Int
    public let column: Int
    public let kind: Kind

    public var description: String {
        switch kind {
        case .invalidUTF8(let byte):
            "byte 0x\(String(byte, radix: 16, uppercase: true)) is not valid UTF-8: the file must be UTF-8 (re-export it, or convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8)"
        case .unterminatedQuote:
            "a quoted field opened here is never closed: the file is cut short or a quote is missing"
        case .textAfterClosingQuote:
            "text after a closing quote: inside a quoted field write a quote as \"\""
        case .recordTooLong(let limit):
            "the record starting here is longer than \(limit / (1 << 20)) MiB, the most airledger reads as one row: the file has no line breaks, "
                + "a quote that is never closed, or is not a CSV file at all; nothing after it was read"
        }
    }
}

// Fuzz target: the time parsers (Instant, CivilDate). Whatever parses prints back to the same value.
import LedgerCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let t = try? Instant(parsing: text) {
        let again = try? Instant(parsing: t.description)
        if again != t { fatalError("'\(text)' parsed to \(t.seconds) s, which reads back as \(String(describing: again))") }
        _ = t.day.description
        _ = t.adding(seconds: 86_400).description
    }
    if let d = try? CivilDate(parsing: text) {
        if (try? CivilDate(parsing: d.description)) != d { fatalError("'\(text)' parsed to \(d), which does not read back") }
        _ = d.startUTC.description
        _ = d.adding(years: 1).description
    }
    return 0
}

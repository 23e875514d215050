// Fuzz target: the criteria JSON reader (and the JSON reader under it).
import LedgerCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let c = try Criteria.parse(json: text, file: "c.json")
        _ = "\(c)"
    } catch {
        _ = error.description
    }
    return 0
}

// Fuzz target: the `import ledger` reader: the JSON document into checked core values.
import Foundation
import LedgerCore
import LedgerFormats

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        let doc = try LedgerDocument.decode(bytes, file: "l.json")
        _ = try doc.snapshot(file: "l.json", now: Instant(seconds: 1_735_689_600))
    } catch {
        _ = error.description
    }
    return 0
}

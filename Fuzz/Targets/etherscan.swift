// Fuzz target: the CSV stream reader with the Etherscan-family importer, fed in chunks as the CLI
// does. The first byte picks the chain (listed, or an unlisted EVM chain with or without its gas
// token), the thousands-separator mode and the chunk size. Any trap is a crash.
import LedgerCore
import LedgerFormats

let wallet = "0x6b9e8d1c2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c"
let options: [ExplorerImportOptions] = {
    var all: [ExplorerImportOptions] = []
    for (chain, gas, family) in [("ethereum", nil, nil), ("bsc", nil, nil), ("apechain", nil, ChainFamily.evm), ("apechain", "APE", .evm)] as [(String, String?, ChainFamily?)] {
        for mode in [ExplorerImportOptions.ThousandsSeparators.rejected, .acceptedInTokenAndUsdColumns] {
            if let o = try? ExplorerImportOptions(wallet: wallet, chain: chain, gasToken: gas, unlisted: family, thousandsSeparators: mode) {
                all.append(o)
            }
        }
    }
    return all
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let choice = Int(data[0])
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let chunk = [1, 7, 64, 1 << 16][choice >> 6]
    let result = ExplorerImportSession.read(bytes, options: options[choice % options.count], chunkSize: chunk)
    // Every row the importer hands out must be usable: its activity has a kind and a time.
    for row in result.rows { _ = row.activity(walletLabel: "hot", fallbackProject: "zksync")?.at.description }
    for issue in result.issues { _ = issue.description }
    return 0
}

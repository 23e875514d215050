/// Reference data compiled into the binary from `Sources/LedgerCore/Reference/Data/` (one source of
/// truth, embedded at build time by the EmbedReferenceData plugin).
public enum Reference {
    /// The early-2024 airdrop watchlist: 16 projects (`watchlist-2024.csv`).
    public static var watchlist2024CSV: String { ReferenceData.watchlist2024Csv }
    /// Historical airdrops with sources and confidence (`airdrop-benchmarks.csv`).
    public static var airdropBenchmarksCSV: String { ReferenceData.airdropBenchmarksCsv }
    /// Well-known contracts: bridges, routers, claim contracts (`known-contracts.csv`).
    public static var knownContractsCSV: String { ReferenceData.knownContractsCsv }
    /// The BIP-39 English word list, one word a line (`bip39-english.txt`).
    public static var bip39EnglishText: String { ReferenceData.bip39EnglishTxt }
}

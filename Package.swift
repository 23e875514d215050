// swift-tools-version:6.1
// airledger: a local-first ledger for airdrop farmers.
// Layers (dependencies point one way): LedgerCore <- LedgerStore, LedgerPostgres, LedgerFormats <- LedgerCLI <- airledger.
import PackageDescription

let package = Package(
    name: "airledger",
    // Int128 (Quantity's significand) needs macOS 15.
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "airledger", targets: ["airledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        // Tests only: property-based tests (the decimal against Foundation's Decimal, lot booking, CSV round trips).
        .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
        // The team ledger on a PostgreSQL server (issue 18); only LedgerPostgres links it.
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Build-time tool: turns the reference data files into Swift string constants, so a release
        // binary copied alone still has them and the files stay the one source of truth.
        .executableTarget(name: "EmbedTool"),
        .plugin(name: "EmbedReferenceData", capability: .buildTool(), dependencies: ["EmbedTool"]),

        .target(
            name: "LedgerCore",
            exclude: ["Reference/Data"],
            plugins: ["EmbedReferenceData"]
        ),
        .target(
            name: "LedgerStore",
            dependencies: [
                "LedgerCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the one hot loop that binds rows without GRDB's argument arrays.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(name: "LedgerFormats", dependencies: ["LedgerCore"]),
        // The PostgreSQL store: connection URLs, schema and the ledger copy to and from a server.
        .target(
            name: "LedgerPostgres",
            dependencies: [
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .target(
            name: "LedgerCLI",
            dependencies: [
                "LedgerCore", "LedgerStore", "LedgerFormats", "LedgerPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedReferenceData"]
        ),
        .executableTarget(name: "airledger", dependencies: ["LedgerCLI"]),

        .testTarget(
            name: "LedgerCoreTests",
            dependencies: ["LedgerCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerCore"]),
        .testTarget(
            name: "LedgerFormatsTests",
            dependencies: ["LedgerFormats", "LedgerCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "LedgerCLITests", dependencies: ["LedgerCLI", "LedgerCore", "LedgerStore", "LedgerFormats", "LedgerPostgres", "airledger"]),
    ],
    swiftLanguageModes: [.v6]
)

import Foundation

/// Address families: each has its own address grammar, checksum and tx-hash shape.
public enum ChainFamily: String, Sendable, CaseIterable, Codable {
    case evm, bitcoin, cosmos, solana, starknet, move, tron
}

/// A chain a wallet or an activity lives on: "ethereum", "arbitrum", "celestia", "solana".
public struct Chain: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let family: ChainFamily
    /// Bech32 human-readable prefix of account addresses (Cosmos chains; "bc" for Bitcoin).
    public let bech32Prefix: String?

    public init(_ name: String, _ family: ChainFamily, bech32Prefix: String? = nil) {
        self.name = name
        self.family = family
        self.bech32Prefix = bech32Prefix
    }

    public var description: String { name }

    /// True for Starknet and Move chains, where a 64-hex address and a private key look alike.
    public var addressLooksLikeKey: Bool { family == .starknet || family == .move }
}

/// The chains airledger knows. Names are what users type after `--chain`.
public enum Chains {
    public static let all: [Chain] = [
        // EVM: one address works on all of them.
        Chain("ethereum", .evm), Chain("arbitrum", .evm), Chain("optimism", .evm), Chain("base", .evm),
        Chain("zksync", .evm), Chain("linea", .evm), Chain("scroll", .evm), Chain("polygon", .evm),
        Chain("polygon-zkevm", .evm), Chain("bsc", .evm), Chain("avalanche", .evm), Chain("blast", .evm),
        Chain("mantle", .evm), Chain("zora", .evm), Chain("taiko", .evm), Chain("berachain", .evm),
        Chain("monad", .evm), Chain("manta", .evm), Chain("mode", .evm), Chain("metis", .evm),
        Chain("gnosis", .evm), Chain("fantom", .evm), Chain("celo", .evm), Chain("sepolia", .evm),
        Chain("holesky", .evm), Chain("abstract", .evm), Chain("ink", .evm), Chain("unichain", .evm),
        Chain("sonic", .evm), Chain("hyperevm", .evm), Chain("movement-evm", .evm),
        // Bitcoin.
        Chain("bitcoin", .bitcoin, bech32Prefix: "bc"), Chain("bitcoin-testnet", .bitcoin, bech32Prefix: "tb"),
        // Cosmos SDK chains (bech32 with the chain's prefix).
        Chain("cosmos", .cosmos, bech32Prefix: "cosmos"), Chain("celestia", .cosmos, bech32Prefix: "celestia"),
        Chain("dymension", .cosmos, bech32Prefix: "dym"), Chain("osmosis", .cosmos, bech32Prefix: "osmo"),
        Chain("injective", .cosmos, bech32Prefix: "inj"), Chain("neutron", .cosmos, bech32Prefix: "neutron"),
        Chain("kujira", .cosmos, bech32Prefix: "kujira"), Chain("saga", .cosmos, bech32Prefix: "saga"),
        Chain("stride", .cosmos, bech32Prefix: "stride"), Chain("sei", .cosmos, bech32Prefix: "sei"),
        Chain("juno", .cosmos, bech32Prefix: "juno"), Chain("stargaze", .cosmos, bech32Prefix: "stars"),
        Chain("akash", .cosmos, bech32Prefix: "akash"), Chain("axelar", .cosmos, bech32Prefix: "axelar"),
        Chain("peaq", .cosmos, bech32Prefix: "peaq"),
        // Others.
        Chain("solana", .solana), Chain("eclipse", .solana),
        Chain("starknet", .starknet),
        Chain("aptos", .move), Chain("sui", .move), Chain("movement", .move),
        Chain("tron", .tron),
    ]

    public static func named(_ name: String) -> Chain? {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        return all.first { $0.name == key }
    }

    public static func withBech32Prefix(_ hrp: String) -> Chain? {
        all.first { $0.bech32Prefix == hrp }
    }

    public static var names: [String] { all.map(\.name) }
}

import Foundation

/// Address families: each has its own address grammar, checksum and tx-hash shape.
public enum ChainFamily: String, Sendable, CaseIterable, Codable {
    case evm, bitcoin, cosmos, solana, starknet, move, tron
    /// Polkadot SDK (Substrate) chains: SS58 addresses, with the network in the address's prefix.
    case substrate
}

/// A chain a wallet or an activity lives on: "ethereum", "arbitrum", "celestia", "solana".
public struct Chain: Sendable, Hashable, CustomStringConvertible {
    public let name: String
    public let family: ChainFamily
    /// Bech32 human-readable prefix of account addresses (Cosmos chains; "bc" for Bitcoin).
    public let bech32Prefix: String?
    /// SS58 prefix (address type) of the chain's own account addresses (Substrate chains), from the
    /// SS58 registry (https://github.com/paritytech/ss58-registry) or, where it has no entry, the
    /// chain's spec.
    public let ss58Prefix: UInt16?
    /// Tokens network fees are paid in here (the first is the native gas token).
    public let gasTokens: [String]
    /// Decimals of the native gas token (`gasTokens[0]`) where they were checked against a source
    /// (the SS58 registry, a chain spec): the factor between base units (planck, ...) and tokens.
    /// Nil where nobody has checked yet.
    public let gasDecimals: Int?

    public init(_ name: String, _ family: ChainFamily, bech32Prefix: String? = nil, ss58Prefix: UInt16? = nil,
                gas: [String]? = nil, gasDecimals: Int? = nil) {
        self.name = name
        self.family = family
        self.bech32Prefix = bech32Prefix
        self.ss58Prefix = ss58Prefix
        self.gasTokens = gas ?? Chain.defaultGas(family)
        self.gasDecimals = gasDecimals
    }

    static func defaultGas(_ f: ChainFamily) -> [String] {
        switch f {
        case .evm, .starknet: ["ETH"]
        case .bitcoin: ["BTC"]
        case .cosmos: ["ATOM"]
        case .solana: ["SOL"]
        case .move: ["APT"]
        case .tron: ["TRX"]
        case .substrate: ["DOT"]
        }
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
        Chain("zksync", .evm, gas: ["ETH", "ZK"]), Chain("linea", .evm), Chain("scroll", .evm), Chain("polygon", .evm, gas: ["POL", "MATIC"]),
        Chain("polygon-zkevm", .evm), Chain("bsc", .evm, gas: ["BNB"]), Chain("avalanche", .evm, gas: ["AVAX"]), Chain("blast", .evm),
        Chain("mantle", .evm, gas: ["MNT"]), Chain("zora", .evm), Chain("taiko", .evm), Chain("berachain", .evm, gas: ["BERA"]),
        Chain("monad", .evm, gas: ["MON"]), Chain("manta", .evm), Chain("mode", .evm), Chain("metis", .evm, gas: ["METIS"]),
        Chain("gnosis", .evm, gas: ["XDAI"]), Chain("fantom", .evm, gas: ["FTM"]), Chain("celo", .evm, gas: ["CELO"]), Chain("sepolia", .evm),
        Chain("holesky", .evm), Chain("abstract", .evm), Chain("ink", .evm), Chain("unichain", .evm),
        Chain("sonic", .evm, gas: ["S"]), Chain("hyperevm", .evm, gas: ["HYPE"]), Chain("movement-evm", .evm, gas: ["MOVE"]),
        // peaq's EVM side (chain id 3338; PEAQ, 18 decimals: viem src/chains/definitions/peaq.ts).
        Chain("peaq-evm", .evm, gas: ["PEAQ"], gasDecimals: 18),
        // ZetaChain's EVM side (ethermint accounts, slip44 60: cosmos/chain-registry zetachain/chain.json);
        // its Cosmos side is `zetachain` below.
        Chain("zetachain-evm", .evm, gas: ["ZETA"], gasDecimals: 18),
        // Bitcoin.
        Chain("bitcoin", .bitcoin, bech32Prefix: "bc"), Chain("bitcoin-testnet", .bitcoin, bech32Prefix: "tb", gas: ["BTC", "TBTC"]),
        // Cosmos SDK chains (bech32 with the chain's prefix). Decimals of the native denom from the Cosmos
        // chain registry (https://github.com/cosmos/chain-registry, <chain>/assetlist.json, denom_units):
        // cosmoshub uatom 6, celestia utia 6, saga usaga 6, dymension adym 18, zetachain azeta 18
        // (zetachain/chain.json: bech32_prefix "zeta").
        Chain("cosmos", .cosmos, bech32Prefix: "cosmos", gasDecimals: 6),
        Chain("celestia", .cosmos, bech32Prefix: "celestia", gas: ["TIA"], gasDecimals: 6),
        Chain("dymension", .cosmos, bech32Prefix: "dym", gas: ["DYM"], gasDecimals: 18),
        Chain("zetachain", .cosmos, bech32Prefix: "zeta", gas: ["ZETA"], gasDecimals: 18),
        Chain("osmosis", .cosmos, bech32Prefix: "osmo", gas: ["OSMO"]),
        Chain("injective", .cosmos, bech32Prefix: "inj", gas: ["INJ"]), Chain("neutron", .cosmos, bech32Prefix: "neutron", gas: ["NTRN"]),
        Chain("kujira", .cosmos, bech32Prefix: "kujira", gas: ["KUJI"]), Chain("saga", .cosmos, bech32Prefix: "saga", gas: ["SAGA"], gasDecimals: 6),
        Chain("stride", .cosmos, bech32Prefix: "stride", gas: ["STRD"]), Chain("sei", .cosmos, bech32Prefix: "sei", gas: ["SEI"]),
        Chain("juno", .cosmos, bech32Prefix: "juno", gas: ["JUNO"]), Chain("stargaze", .cosmos, bech32Prefix: "stars", gas: ["STARS"]),
        Chain("akash", .cosmos, bech32Prefix: "akash", gas: ["AKT"]), Chain("axelar", .cosmos, bech32Prefix: "axelar", gas: ["AXL"]),
        // Others.
        Chain("solana", .solana), Chain("eclipse", .solana, gas: ["ETH"]),
        Chain("starknet", .starknet, gas: ["ETH", "STRK"]),
        Chain("aptos", .move), Chain("sui", .move, gas: ["SUI"]), Chain("movement", .move, gas: ["MOVE"]),
        Chain("tron", .tron),
        // Substrate (SS58). Prefixes, symbols and decimals from the SS58 registry
        // (https://github.com/paritytech/ss58-registry, ss58-registry.json): polkadot 0 DOT 10,
        // kusama 2 KSM 12, peaq 1221 PEAQ 18. Avail has no registry entry: its mainnet chain spec
        // (availproject/avail misc/genesis/mainnet.chain.spec.json) gives tokenSymbol AVAIL,
        // tokenDecimals 18, ss58Format 42, the generic Substrate prefix.
        Chain("polkadot", .substrate, ss58Prefix: 0, gas: ["DOT"], gasDecimals: 10),
        Chain("kusama", .substrate, ss58Prefix: 2, gas: ["KSM"], gasDecimals: 12),
        Chain("avail", .substrate, ss58Prefix: 42, gas: ["AVAIL"], gasDecimals: 18),
        Chain("peaq", .substrate, ss58Prefix: 1221, gas: ["PEAQ"], gasDecimals: 18),
    ]

    public static func named(_ name: String) -> Chain? {
        let key = name.trimmingCharacters(in: .whitespaces).lowercased()
        return all.first { $0.name == key }
    }

    /// The chain a user typed, or an error with a "did you mean" and the list of known chains.
    public static func parse(_ name: String) throws(ChainError) -> Chain {
        guard let c = named(name) else { throw ChainError.unknown(name, suggestion: Suggest.closest(to: name, in: names)) }
        return c
    }

    public static func withBech32Prefix(_ hrp: String) -> Chain? {
        all.first { $0.bech32Prefix == hrp }
    }

    /// The Substrate chain whose own addresses carry this SS58 prefix (42, the generic prefix, is
    /// Avail's own).
    public static func withSS58Prefix(_ prefix: UInt16) -> Chain? {
        all.first { $0.family == .substrate && $0.ss58Prefix == prefix }
    }

    public static var names: [String] { all.map(\.name) }
}

public enum ChainError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknown(String, suggestion: String?)

    public var description: String {
        switch self {
        case .unknown(let name, let suggestion):
            "unknown chain '\(name)'" + (suggestion.map { ". Did you mean '\($0)'?" } ?? "")
                + " Known chains: \(Chains.names.joined(separator: ", "))"
        }
    }
}

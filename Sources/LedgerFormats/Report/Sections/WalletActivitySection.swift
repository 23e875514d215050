import LedgerCore

/// Section input: what the activity heat map needs. Activities per wallet and period; burned
/// wallets flagged. Wallets beyond the page's limit are summed in `omittedWallets` by the wiring.
public struct WalletActivityInput: Sendable, Hashable {
    public struct Wallet: Sendable, Hashable {
        public var label: String
        public var burned: Bool
        /// Activities per period, in the periods' order.
        public var counts: [Int]
        public init(label: String, burned: Bool, counts: [Int]) { self.label = label; self.burned = burned; self.counts = counts }
    }

    public var unit: TimeUnit
    public var periods: [CivilDate]
    public var wallets: [Wallet]
    /// Wallets with activity left out of the picture (the busiest are shown).
    public var omittedWallets: Int

    public init(unit: TimeUnit, periods: [CivilDate], wallets: [Wallet], omittedWallets: Int = 0) {
        self.unit = unit; self.periods = periods; self.wallets = wallets; self.omittedWallets = omittedWallets
    }

    public func section() -> ReportSection {
        let heading = "Activity per wallet"
        guard !periods.isEmpty, !wallets.isEmpty else {
            return ReportSection(id: "activity", heading: heading,
                                 empty: "No activity logged yet: `airledger log PROJECT --wallet W --kind K`, or import an explorer export.")
        }
        let chart = CalendarHeatmap(
            text: ChartText(
                title: "Activities per wallet and \(unit.rawValue)",
                caption: "Each row is a wallet, each column a \(unit.rawValue)\(unit == .week ? " (weeks start on Monday)" : ""); the darker the cell, the more "
                    + "activities. The top row counts the wallets active in each \(unit.rawValue): wallets active in the same \(unit.rawValue)s line up, "
                    + "which is what sybil filters look for. Burned wallets are crossed out and hatched."),
            unit: unit, periods: periods, rows: wallets.map { .init(label: $0.label, burned: $0.burned, counts: $0.counts) })
        return ReportSection(id: "activity", heading: heading, figures: [chart.figure(id: "activity-calendar")],
                             notes: omittedWallets > 0 ? ["\(omittedWallets) more wallet\(omittedWallets == 1 ? "" : "s") with activity are not drawn; see `airledger activity summary`."] : [])
    }
}

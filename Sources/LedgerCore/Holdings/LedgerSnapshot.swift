/// Everything a ledger holds, as values: what `export ledger` writes and `import ledger` restores.
/// References are by wallet label and project slug (not database ids); an allocation's claim is the
/// index of that claim in `movements`. Movements keep their recorded prices only (no price-table
/// resolution), in ledger order.
public struct LedgerSnapshot: Sendable {
    public var wallets: [Wallet]
    public var projects: [Project]
    public var activities: [Activity]
    public var pointsReadings: [PointsReading]
    public var movements: [Movement]
    public var allocations: [(allocation: Allocation, claimIndex: Int?)]
    public var prices: [PricePoint]

    public init(wallets: [Wallet], projects: [Project], activities: [Activity], pointsReadings: [PointsReading],
                movements: [Movement], allocations: [(allocation: Allocation, claimIndex: Int?)], prices: [PricePoint]) {
        self.wallets = wallets; self.projects = projects; self.activities = activities; self.pointsReadings = pointsReadings
        self.movements = movements; self.allocations = allocations; self.prices = prices
    }
}

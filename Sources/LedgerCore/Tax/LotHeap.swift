/// A binary heap of open lot pieces, ordered by a booking method: the top is the next lot to consume.
///
/// Why a heap for every method: under the per-wallet basis a transfer drops lots with older
/// acquisition dates into the receiving wallet's pool, so even FIFO and LIFO pools are not append-only
/// deques. A heap keeps push, pop and "consume part of the top" at O(log n), so booking n events is
/// O(n log n). Consuming part of the top keeps its key (acquisition time, unit cost), so it is
/// updated in place without sifting.
struct LotHeap {
    struct Piece {
        var lotId: Int
        var acquiredAt: Instant
        var acquired: CivilDate
        var remaining: Quantity
        var remainingBasis: Quantity
        /// Cost per unit (basis / units when the lot was made): the HIFO key only (nil under FIFO and
        /// LIFO), never an amount.
        var cost: UnitCost?
        /// The wallet whose pool holds the piece (the acquiring wallet under the universal basis).
        var walletLabel: String
        var walletId: Int64
        /// False for a claim recorded without a price (open lots only; a tax report refuses those).
        var basisKnown: Bool
    }

    /// The exact cost per unit of a lot, basis / units, for ordering HIFO pools: never rounded, so
    /// two lots compare as their true unit costs do. `key` is the quotient truncated to 36 fractional
    /// digits (an integer, nil when it does not fit 256 bits), computed once per lot and compared
    /// first because it is cheap; equal keys of which one was cut fall back to the exact comparison
    /// (basis x other units against other basis x units, on 256 bits).
    struct UnitCost {
        let basis: Quantity
        /// > 0.
        let units: Quantity
        let key: UInt256?
        /// The key is the exact quotient x 10^36 (nothing was cut).
        let exact: Bool

        init(basis: Quantity, units: Quantity) {
            self.basis = basis
            self.units = units
            if let (q, fraction) = Quantity.truncatedQuotient(basis: basis, units: units, fractionDigits: 36) {
                key = q
                exact = fraction == .zero
            } else {
                key = nil
                exact = false
            }
        }

        /// -1, 0 or 1 as self's unit cost is below, equal to or above `other`'s.
        func compare(_ other: UnitCost) -> Int {
            if let a = key, let b = other.key {
                if a != b { return a < b ? -1 : 1 }
                if exact && other.exact { return 0 }
            }
            return Quantity.compareQuotients(basis, units, other.basis, other.units)
        }
    }

    private(set) var items: [Piece] = []
    let method: BookingMethod

    init(method: BookingMethod) { self.method = method }

    var isEmpty: Bool { items.isEmpty }
    var top: Piece? { items.first }

    /// True when `a` must be consumed before `b`.
    private func before(_ a: Piece, _ b: Piece) -> Bool {
        switch method {
        case .fifo:
            return a.acquiredAt != b.acquiredAt ? a.acquiredAt < b.acquiredAt : a.lotId < b.lotId
        case .lifo:
            return a.acquiredAt != b.acquiredAt ? a.acquiredAt > b.acquiredAt : a.lotId > b.lotId
        case .hifo:
            if let ca = a.cost, let cb = b.cost {
                let c = ca.compare(cb)
                if c != 0 { return c > 0 }
            }
            return a.acquiredAt != b.acquiredAt ? a.acquiredAt < b.acquiredAt : a.lotId < b.lotId
        }
    }

    mutating func push(_ p: Piece) {
        items.append(p)
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard before(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    @discardableResult
    mutating func popTop() -> Piece? {
        guard let first = items.first else { return nil }
        let last = items.removeLast()
        if !items.isEmpty {
            items[0] = last
            var i = 0
            while true {
                let l = 2 * i + 1, r = l + 1
                var best = i
                if l < items.count, before(items[l], items[best]) { best = l }
                if r < items.count, before(items[r], items[best]) { best = r }
                if best == i { break }
                items.swapAt(i, best)
                i = best
            }
        }
        return first
    }

    /// Reduces the top piece in place (its ordering key is unchanged).
    mutating func reduceTop(remaining: Quantity, remainingBasis: Quantity) {
        guard !items.isEmpty else { return }
        items[0].remaining = remaining
        items[0].remainingBasis = remainingBasis
    }
}

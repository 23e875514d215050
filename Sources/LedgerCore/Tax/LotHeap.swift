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
        /// Cost per unit (basis / units when the lot was made): the HIFO key only, never an amount.
        var unitCost: Quantity
        /// `unitCost` truncated to 18 fractional digits as two integers (nil if it does not fit):
        /// compared first because comparing decimals is slow; equal keys fall back to `unitCost`.
        var costKey: CostKey?
        /// The wallet whose pool holds the piece (the acquiring wallet under the universal basis).
        var walletLabel: String
    }

    /// A fast, order-preserving key for a non-negative quantity: (integer part, first 18
    /// fractional digits). Truncation is monotonic, so different keys order like the quantities.
    struct CostKey: Comparable {
        var whole: Int64
        var fraction: Int64
        /// No digit was cut: equal exact keys mean equal quantities.
        var exact: Bool
        static func < (a: CostKey, b: CostKey) -> Bool {
            a.whole != b.whole ? a.whole < b.whole : a.fraction < b.fraction
        }
        static func == (a: CostKey, b: CostKey) -> Bool { a.whole == b.whole && a.fraction == b.fraction }

        init?(_ q: Quantity) {
            guard !q.isNegative else { return nil }
            let text = q.description
            guard !text.contains("e"), !text.contains("E") else { return nil }
            let parts = text.split(separator: ".", maxSplits: 1)
            guard let w = parts.first.flatMap({ Int64($0) }) else { return nil }
            var frac = parts.count > 1 ? String(parts[1].prefix(18)) : ""
            exact = parts.count < 2 || parts[1].count <= 18
            frac += String(repeating: "0", count: 18 - frac.count)
            guard let f = Int64(frac) else { return nil }
            whole = w; fraction = f
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
            if let ka = a.costKey, let kb = b.costKey {
                if ka != kb { return ka > kb }
                if !(ka.exact && kb.exact), a.unitCost != b.unitCost { return a.unitCost > b.unitCost }
            } else if a.unitCost != b.unitCost {
                return a.unitCost > b.unitCost
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

    /// Units held in the pool (for error messages; O(n)).
    var held: Quantity { items.map(\.remaining).sum() }
}

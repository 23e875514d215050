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
        /// `unitCost` truncated to 36 fractional digits as integers (nil if it does not fit):
        /// compared first because comparing decimals is slow; equal keys fall back to `unitCost`.
        var costKey: CostKey?
        /// The wallet whose pool holds the piece (the acquiring wallet under the universal basis).
        var walletLabel: String
        var walletId: Int64
        /// False for a claim recorded without a price (open lots only; a tax report refuses those).
        var basisKnown: Bool
    }

    /// A fast, order-preserving key for a non-negative quantity: (integer part, fractional digits
    /// 1-18, 19-36). Truncation is monotonic, so different keys order like the quantities.
    struct CostKey: Comparable {
        var whole: Int64
        /// Fractional digits 1-18 and 19-36.
        var fraction: Int64
        var fraction2: Int64
        /// No digit was cut: equal exact keys mean equal quantities.
        var exact: Bool
        static func < (a: CostKey, b: CostKey) -> Bool {
            if a.whole != b.whole { return a.whole < b.whole }
            return a.fraction != b.fraction ? a.fraction < b.fraction : a.fraction2 < b.fraction2
        }
        static func == (a: CostKey, b: CostKey) -> Bool {
            a.whole == b.whole && a.fraction == b.fraction && a.fraction2 == b.fraction2
        }

        init?(_ q: Quantity) {
            guard !q.isNegative else { return nil }
            // The canonical text ("0.333", "12"), scanned as bytes: anything unexpected gives nil,
            // which falls back to exact comparison.
            var whole: Int64 = 0, fraction: Int64 = 0, fraction2: Int64 = 0
            var digits = 0, inFraction = false, exact = true
            for b in q.description.utf8 {
                if b == UInt8(ascii: ".") && !inFraction {
                    inFraction = true
                } else if b >= 0x30 && b <= 0x39 {
                    let v = Int64(b - 0x30)
                    if inFraction {
                        if digits < 18 {
                            fraction = fraction * 10 + v; digits += 1
                        } else if digits < 36 {
                            fraction2 = fraction2 * 10 + v; digits += 1
                        } else if v != 0 {
                            exact = false
                        }
                    } else {
                        let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                        let (a, o2) = m.addingReportingOverflow(v)
                        guard !o1, !o2 else { return nil }
                        whole = a
                    }
                } else {
                    return nil
                }
            }
            while digits < 18 { fraction *= 10; digits += 1 }
            while digits < 36 { fraction2 *= 10; digits += 1 }
            self.whole = whole; self.fraction = fraction; self.fraction2 = fraction2; self.exact = exact
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

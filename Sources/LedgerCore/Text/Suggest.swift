/// "Did you mean": the closest known name by edit distance (at most 2 edits, or a unique prefix).
public enum Suggest {
    public static func closest(to input: String, in candidates: [String]) -> String? {
        let key = input.lowercased()
        var best: (String, Int)?
        for c in candidates {
            let d = distance(key, c.lowercased())
            if d <= max(1, min(2, key.count / 3)), best.map({ d < $0.1 }) ?? true { best = (c, d) }
        }
        if let b = best { return b.0 }
        let prefixed = candidates.filter { $0.lowercased().hasPrefix(key) && key.count >= 2 }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Edit distance counting an adjacent swap as one edit (optimal string alignment): "mian" ~ "main".
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[x.count][y.count]
    }
}

/// How far apart two words are, for "did you mean ...?" suggestions: unknown YAML keys, request
/// ids, `--var` names. One function so every suggestion agrees on what "near" means.
public enum EditDistance {
    /// The Levenshtein distance (insertions, deletions and substitutions of one character each),
    /// with an adjacent swap (`optoins`) counting as one, compared case-insensitively.
    public static func between(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased()), y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var before = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[y.count]
    }

    /// The candidates nearest to `word`, all at the same smallest distance (in the candidates'
    /// order), at most `limit`; none when nothing is near. "Near" grows with the word: 1 edit up
    /// to 4 characters, 2 up to 8, then 3; a third of a short word changed is another word, not a
    /// typo. Only the nearest: `users/get` two edits from `users/lst` is noise beside `users/list`.
    public static func suggestions(for word: String, among candidates: some Sequence<String>, limit: Int = 3) -> [String] {
        let allowed = word.count <= 4 ? 1 : word.count <= 8 ? 2 : 3
        var scored: [(distance: Int, order: Int, candidate: String)] = []
        for (order, candidate) in candidates.enumerated() where candidate != word {
            // Lengths alone bound the distance from below: skip the far ones without the table.
            guard abs(candidate.count - word.count) <= allowed else { continue }
            let distance = between(word, candidate)
            if distance <= allowed { scored.append((distance, order, candidate)) }
        }
        guard let best = scored.map(\.distance).min() else { return [] }
        return scored.filter { $0.distance == best }.prefix(limit).map(\.candidate)
    }

    /// The one nearest candidate, if any is near.
    public static func nearest(to word: String, among candidates: some Sequence<String>) -> String? {
        suggestions(for: word, among: candidates, limit: 1).first
    }
}

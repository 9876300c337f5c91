/// The matches of one query in a text body and which of them is current: what `/`, `n` and `N`
/// move through. A value: the app keeps it in its state and replaces it on a new query.
package struct TextBodySearch: Sendable, Equatable {
    package let query: String
    package let matches: [TextMatch]
    /// True when the search stopped at its limit; `matches` then holds only the first ones.
    package let isCapped: Bool
    /// Index into `matches`; nil when there are none.
    package private(set) var current: Int?

    /// Searches `model` for `query` and makes current the first match at or after byte offset
    /// `byteOffset` (where the view is), wrapping to the first match of the body.
    package init(query: String, in model: TextBodyModel, from byteOffset: Int = 0, limit: Int = 100_000) {
        self.query = query
        let found = model.matches(of: query, limit: limit)
        matches = found
        isCapped = found.count >= limit
        current = found.isEmpty ? nil : (found.firstIndex { $0.byteRange.lowerBound >= byteOffset } ?? 0)
    }

    package var currentMatch: TextMatch? { current.map { matches[$0] } }

    /// Moves to the next match, from the last back to the first.
    package mutating func next() {
        guard let current, !matches.isEmpty else { return }
        self.current = (current + 1) % matches.count
    }

    /// Moves to the previous match, from the first round to the last.
    package mutating func previous() {
        guard let current, !matches.isEmpty else { return }
        self.current = (current + matches.count - 1) % matches.count
    }

    /// "3/17", or "no match", for the status line.
    package var summary: String {
        guard let current else { return "no match" }
        return "\(current + 1)/\(matches.count)\(isCapped ? "+" : "")"
    }
}

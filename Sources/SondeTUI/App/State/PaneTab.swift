/// The tabs of a pane (request editor, response viewer): cycled with `[` `]` and picked with
/// the digit keys 1, 2, 3… One implementation for both panes, so they move alike.
package protocol PaneTab: CaseIterable, RawRepresentable, Equatable where RawValue == Int, AllCases == [Self] {}

extension PaneTab {
    /// The tab `step` places along, wrapping around at either end.
    package func advanced(by step: Int) -> Self {
        let count = Self.allCases.count
        return Self.allCases[((rawValue + step) % count + count) % count]
    }

    /// The tab a digit key picks (1 for the first), or nil for any other key.
    package init?(digitKey key: Key) {
        guard case .character(let c) = key, let digit = c.wholeNumberValue, let tab = Self(rawValue: digit - 1) else { return nil }
        self = tab
    }
}

extension RequestTab: PaneTab {}
extension ResponseTab: PaneTab {}

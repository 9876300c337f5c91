/// The colour decisions of the curses backend, kept free of curses so they can be tested:
/// which colours the terminal can show, what a `TerminalColor` becomes there, and which colour
/// pair number each (foreground, background) combination uses.
///
/// Curses draws colour through numbered pairs that must be set up (`init_pair`) before use and
/// of which a terminal has a limited number (`COLOR_PAIRS`, 64 on an 8-colour terminal).
/// Pairs are allocated on first use; when none are left, the nearest existing pair is reused,
/// so a screen with too many colour combinations degrades in colour, never fails.
package struct ColorPairTable: Sendable {
    /// How much colour the terminal gets.
    package enum Depth: Sendable, Hashable {
        /// No colour at all: `NO_COLOR` is set, or the terminal has fewer than 8 colours.
        /// Bold, dim, underline and reverse still apply.
        case none
        /// Palette indexes below `colors` as they are, the rest mapped to the eight classic colours.
        case limited(colors: Int)
        /// The full 256-colour palette.
        case full

        /// The depth for a terminal with `colors` colours; `noColor` is whether `NO_COLOR` is
        /// set to a non-empty value (https://no-color.org).
        package init(colors: Int, noColor: Bool) {
            if noColor || colors < 8 {
                self = .none
            } else if colors >= 256 {
                self = .full
            } else {
                self = .limited(colors: colors)
            }
        }

        /// The depth for a terminal with `colors` colours under `environment`.
        package init(colors: Int, environment: [String: String]) {
            self.init(colors: colors, noColor: !(environment["NO_COLOR"] ?? "").isEmpty)
        }
    }

    /// A curses colour number: -1 for the terminal's default colour, else a palette index.
    package typealias ColorNumber = Int16

    /// What the backend must do to draw with a colour combination.
    package enum PairChoice: Sendable, Hashable {
        /// Use this pair, already set up (0 is the terminal's default colours).
        case existing(Int16)
        /// Set pair `number` up with these colours (`init_pair`) first, then use it.
        case allocate(number: Int16, foreground: ColorNumber, background: ColorNumber)

        /// The pair number to draw with.
        package var number: Int16 {
            switch self {
            case .existing(let number), .allocate(let number, _, _): number
            }
        }
    }

    package let depth: Depth
    /// How many pairs may be allocated, pair 0 (default colours) not counted.
    package let capacity: Int
    private var pairs: [ColorKey: Int16] = [:]

    private struct ColorKey: Hashable, Sendable {
        var foreground: ColorNumber
        var background: ColorNumber
    }

    /// - Parameters:
    ///   - depth: the colour depth, usually `Depth(colors: COLORS, environment:)`.
    ///   - pairLimit: the terminal's `COLOR_PAIRS`. Pair numbers stay below 32,768 because
    ///     the classic curses calls take them as a `short`.
    package init(depth: Depth, pairLimit: Int) {
        self.depth = depth
        capacity = depth == .none ? 0 : max(0, min(pairLimit, Int(Int16.max)) - 1)
    }

    /// How many pairs have been allocated so far.
    package var allocatedCount: Int { pairs.count }

    /// The curses colour number for `color` at this depth: -1 for the default colour (which
    /// needs `use_default_colors`), nil when colour is off.
    package func colorNumber(for color: TerminalColor) -> ColorNumber? {
        switch (depth, color) {
        case (.none, _): return nil
        case (_, .default): return -1
        case (.full, .palette(let index)): return ColorNumber(index)
        case (.limited(let colors), .palette(let index)):
            if Int(index) < min(colors, 16) { return ColorNumber(index) }
            guard case .palette(let fallback) = color.eightColorFallback else { return -1 }
            return ColorNumber(fallback)
        }
    }

    /// The pair to draw `foreground` on `background` with, allocating one when there is room.
    package mutating func pair(foreground: TerminalColor, background: TerminalColor) -> PairChoice {
        guard let fg = colorNumber(for: foreground), let bg = colorNumber(for: background) else { return .existing(0) }
        let key = ColorKey(foreground: fg, background: bg)
        if key == ColorKey(foreground: -1, background: -1) { return .existing(0) }
        if let number = pairs[key] { return .existing(number) }
        if pairs.count < capacity {
            let number = Int16(pairs.count + 1)
            pairs[key] = number
            return .allocate(number: number, foreground: fg, background: bg)
        }
        return .existing(nearestPair(to: key))
    }

    /// The allocated pair (or pair 0) whose colours look closest to `key`; the background
    /// weighs double, as it covers more of a cell than the glyph does.
    private func nearestPair(to key: ColorKey) -> Int16 {
        var best: Int16 = 0
        var bestDistance = Self.distance(key.foreground, -1) + 2 * Self.distance(key.background, -1)
        for (candidate, number) in pairs {
            let d = Self.distance(key.foreground, candidate.foreground) + 2 * Self.distance(key.background, candidate.background)
            if d < bestDistance || (d == bestDistance && number < best) {
                best = number
                bestDistance = d
            }
        }
        return best
    }

    /// Squared distance between two colours in RGB; the default colour is far from any palette
    /// colour, since it could be anything.
    static func distance(_ a: ColorNumber, _ b: ColorNumber) -> Int {
        if a == b { return 0 }
        guard a >= 0, b >= 0 else { return 3 * 255 * 255 }
        let (ra, ga, ba) = rgb(a), (rb, gb, bb) = rgb(b)
        return (ra - rb) * (ra - rb) + (ga - gb) * (ga - gb) + (ba - bb) * (ba - bb)
    }

    /// The xterm RGB value of a palette index.
    static func rgb(_ index: ColorNumber) -> (Int, Int, Int) {
        let i = Int(index)
        switch i {
        case 0..<16:
            // xterm's classic colours: 0–7 at level 205 (gray 229 for 7), 8–15 bright.
            let standard = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
            return standard[i]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = i - 16
            return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
        default:
            let gray = 8 + 10 * (i - 232)
            return (gray, gray, gray)
        }
    }
}

import SondeTUI
import Testing

/// The curses backend's colour decisions: depth from the terminal and NO_COLOR, palette
/// mapping, and colour pairs that are allocated once and degrade, never fail, when they run out.
@Suite struct ColorPairTableTests {
    @Test func depthFollowsTheTerminalAndNoColor() {
        #expect(ColorPairTable.Depth(colors: 256, environment: [:]) == .full)
        #expect(ColorPairTable.Depth(colors: 16_777_216, environment: [:]) == .full)
        #expect(ColorPairTable.Depth(colors: 8, environment: [:]) == .limited(colors: 8))
        #expect(ColorPairTable.Depth(colors: 16, environment: [:]) == .limited(colors: 16))
        #expect(ColorPairTable.Depth(colors: 0, environment: [:]) == .none, "vt100 has no colour")
        #expect(ColorPairTable.Depth(colors: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorPairTable.Depth(colors: 256, environment: ["NO_COLOR": ""]) == .full, "an empty NO_COLOR does not count")
    }

    @Test func paletteIndexesAreMappedToWhatTheTerminalHas() {
        let full = ColorPairTable(depth: .full, pairLimit: 65_536)
        #expect(full.colorNumber(for: .default) == -1)
        #expect(full.colorNumber(for: .orange) == 208)
        #expect(full.colorNumber(for: .palette(255)) == 255)

        let eight = ColorPairTable(depth: .limited(colors: 8), pairLimit: 64)
        #expect(eight.colorNumber(for: .red) == 1)
        #expect(eight.colorNumber(for: .palette(9)) == 1, "bright red to red")
        #expect(eight.colorNumber(for: .orange) == 1, "208 is mostly red")
        #expect(eight.colorNumber(for: .palette(21)) == 4, "pure blue in the cube")
        #expect(eight.colorNumber(for: .darkGray) == 0)
        #expect(eight.colorNumber(for: .gray) == 7)
        #expect(eight.colorNumber(for: .default) == -1)

        let sixteen = ColorPairTable(depth: .limited(colors: 16), pairLimit: 256)
        #expect(sixteen.colorNumber(for: .palette(9)) == 9, "16 colours keep the bright ones")

        let none = ColorPairTable(depth: .none, pairLimit: 65_536)
        #expect(none.colorNumber(for: .red) == nil)
        #expect(none.capacity == 0)
    }

    @Test func pairsAreAllocatedOnceAndDefaultsUsePairZero() {
        var table = ColorPairTable(depth: .full, pairLimit: 65_536)
        #expect(table.capacity == 32_766, "pair numbers stay in a short")
        #expect(table.pair(foreground: .default, background: .default) == .existing(0))
        #expect(table.pair(foreground: .red, background: .default) == .allocate(number: 1, foreground: 1, background: -1))
        #expect(table.pair(foreground: .orange, background: .palette(236)) == .allocate(number: 2, foreground: 208, background: 236))
        #expect(table.pair(foreground: .red, background: .default) == .existing(1))
        #expect(table.pair(foreground: .orange, background: .palette(236)).number == 2)
        #expect(table.allocatedCount == 2)
    }

    @Test func colourCombinationsThatMapAlikeShareAPair() {
        var table = ColorPairTable(depth: .limited(colors: 8), pairLimit: 64)
        #expect(table.pair(foreground: .red, background: .default) == .allocate(number: 1, foreground: 1, background: -1))
        #expect(table.pair(foreground: .palette(9), background: .default) == .existing(1))
    }

    @Test func withoutColourEveryStyleUsesPairZero() {
        var table = ColorPairTable(depth: .none, pairLimit: 65_536)
        #expect(table.pair(foreground: .red, background: .blue) == .existing(0))
        #expect(table.allocatedCount == 0)
    }

    @Test func whenPairsRunOutTheNearestExistingPairIsUsed() {
        // COLOR_PAIRS 4: pairs 1–3 can be allocated.
        var table = ColorPairTable(depth: .full, pairLimit: 4)
        #expect(table.pair(foreground: .palette(196), background: .black).number == 1)  // bright red on black
        #expect(table.pair(foreground: .palette(21), background: .black).number == 2)  // blue on black
        #expect(table.pair(foreground: .white, background: .palette(22)).number == 3)  // white on dark green
        #expect(table.allocatedCount == 3)

        #expect(table.pair(foreground: .palette(160), background: .black) == .existing(1), "dark red on black: the red pair")
        #expect(table.pair(foreground: .palette(255), background: .palette(28)) == .existing(3), "the background weighs most")
        #expect(table.pair(foreground: .default, background: .default) == .existing(0))
        #expect(table.pair(foreground: .palette(196), background: .default) == .existing(0), "a default background stays default")
        #expect(table.allocatedCount == 3)
    }

    @Test func aTerminalWithoutPairsNeverAllocates() {
        var table = ColorPairTable(depth: .full, pairLimit: 0)
        #expect(table.pair(foreground: .red, background: .blue) == .existing(0))
        var one = ColorPairTable(depth: .full, pairLimit: 1)
        #expect(one.pair(foreground: .red, background: .blue) == .existing(0))
    }
}

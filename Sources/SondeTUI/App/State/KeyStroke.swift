/// What a key binding answers to: one key, a two-key sequence (`gg`, `zc`), or a run of digits
/// (`1-5` picks a tab). A value rather than a `Key`, so one table can hold all three and the
/// help can print each the way the user types it.
package enum KeyStroke: Sendable, Hashable {
    case key(Key)
    /// Two printable keys pressed one after the other; the first is held as `pendingPrefix`.
    case sequence(Character, Character)
    /// Any digit key in the range; the action reads which one from the key.
    case digits(ClosedRange<Int>)

    /// Whether a single key press completes this stroke (sequences are matched by `completes`).
    package func matches(_ key: Key) -> Bool {
        switch self {
        case .key(let bound):
            return bound == key
        case .sequence:
            return false
        case .digits(let range):
            guard case .character(let c) = key, let digit = c.wholeNumberValue else { return false }
            return range.contains(digit)
        }
    }

    /// Whether `key` after `prefix` completes this stroke.
    package func completes(_ prefix: Character, with key: Key) -> Bool {
        guard case .sequence(let first, let second) = self else { return false }
        return first == prefix && key == .character(second)
    }

    /// Whether this stroke is a sequence that starts with `key`.
    package func starts(with key: Key) -> Bool {
        guard case .sequence(let first, _) = self else { return false }
        return key == .character(first)
    }

    /// The stroke as help, the palette and the README print it: `Ctrl-R`, `gg`, `1-5`, `Space`.
    package var label: String {
        switch self {
        case .key(let key): key.label
        case .sequence(let first, let second): "\(first)\(second)"
        case .digits(let range): range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
        }
    }
}

extension Key {
    /// The key's readable name: `Ctrl-R`, `Shift-Tab`, `Alt-1`, `↑`, `Space`, `Enter`, `Esc`.
    package var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-" + c.uppercased()
        case .alt(let c): "Alt-" + String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .insert: "Insert"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }

    /// Whether the key is a printable character, which a text field takes as text.
    var isCharacter: Bool {
        if case .character = self { true } else { false }
    }
}

/// A `.bru` file (Bruno's request, folder, collection and environment files) as its blocks,
/// before they mean anything: `meta { name: Get user }`, `body:json { … }` (text),
/// `vars:secret [ token ]` (a list). Made by `BruParser`.
public struct BruFile: Sendable, Equatable {
    public var blocks: [BruBlock]

    public init(blocks: [BruBlock]) {
        self.blocks = blocks
    }

    /// The first block named `name`.
    public func block(_ name: String) -> BruBlock? {
        blocks.first { $0.name == name }
    }

    /// The value of `key` in the dictionary block `name` (enabled or not), or nil.
    public func value(_ key: String, in name: String) -> String? {
        block(name)?.pairs.first { $0.key == key }?.value
    }
}

/// One `name { … }` or `name [ … ]` block of a `.bru` file.
public struct BruBlock: Sendable, Equatable {
    /// `meta`, `get`, `body:json`, `auth:bearer`, `vars:secret`.
    public var name: String
    /// The line of `name {`, from 1.
    public var line: Int
    public var content: Content

    public enum Content: Sendable, Equatable {
        /// `key: value` lines (a `~` before the key disables the row; `'''` opens a value of
        /// several lines).
        case pairs([BruPair])
        /// `[ a, ~b ]`: names, one a line or separated by commas.
        case list([BruPair])
        /// The lines as written, less the block's two-space indent (bodies, scripts, docs).
        case text(String)
    }

    public init(name: String, line: Int, content: Content) {
        self.name = name
        self.line = line
        self.content = content
    }

    /// The rows of a dictionary or list block; none for a text block.
    public var pairs: [BruPair] {
        switch content {
        case .pairs(let pairs), .list(let pairs): pairs
        case .text: []
        }
    }

    /// The text of a text block; for another block, its rows as `key: value` lines.
    public var text: String {
        switch content {
        case .text(let text): text
        case .pairs(let pairs), .list(let pairs):
            pairs.map { ($0.enabled ? "" : "~") + $0.key + ($0.value.isEmpty ? "" : ": " + $0.value) }.joined(separator: "\n")
        }
    }
}

/// One `key: value` row (or a list's name, with an empty value).
public struct BruPair: Sendable, Equatable {
    public var key: String
    public var value: String
    public var enabled: Bool
    public var line: Int

    public init(key: String, value: String, enabled: Bool = true, line: Int) {
        self.key = key
        self.value = value
        self.enabled = enabled
        self.line = line
    }
}

/// Why a `.bru` file could not be read, at its line.
public struct BruParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file):\(line): \(message)" }
}

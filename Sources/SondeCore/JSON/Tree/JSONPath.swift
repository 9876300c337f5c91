/// A JSONPath query (a subset of RFC 9535 without filters) that selects nodes of a `JSONTree`:
/// what `sonde send` uses to gather paged items (`$.data[*]`) and read cursors
/// (`$.meta.next_cursor`), and what the viewer filters with.
///
/// The grammar:
///
///     path      = "$" segment*
///     segment   = "." name | ".*" | "[" selectors "]"             children of each node
///               | ".." name | "..*" | ".." "[" selectors "]"      the node and all its descendants' children
///     selectors = selector ("," selector)*                        a union, in the order written
///     selector  = 'name' | "name"                                 a member by key (JSON escapes, and \' )
///               | "*"                                             every member or element
///               | index                                           an element; negative counts from the end
///               | [start] ":" [end] [":" step]                    a slice, as Python's (end excluded)
///     name      = (letter | "_" | non-ASCII) (letter | digit | "_" | "-" | non-ASCII)*
///     index     = "-"? digits
///
/// White space is allowed only around selectors inside brackets. Names in shorthand may also
/// contain `-` (RFC 9535 does not allow it; `$.next-page` is common in API bodies). Results
/// follow RFC 9535: in selector order per node, descendants visited in document order, and a
/// node selected twice (`[0,0]`) appears twice. Selecting a name from an array, an index from
/// an object, or anything from a scalar selects nothing, never an error.
///
///     let path = try JSONPath("$.data[*].id")
///     let ids = path.evaluate(in: tree).compactMap(tree.scalarText(of:))
public struct JSONPath: Sendable, Equatable, CustomStringConvertible {
    /// One way to pick children of a node.
    public enum Selector: Sendable, Equatable {
        case name(String)
        case wildcard
        case index(Int)
        case slice(start: Int?, end: Int?, step: Int?)
    }

    /// One step of the path: selectors applied to the children of each current node, or (for
    /// `..`) to the children of each current node and of all its descendants.
    public struct Segment: Sendable, Equatable {
        /// Applied in order; their results concatenated (a union).
        public var selectors: [Selector]
        /// Whether this is a `..` segment.
        public var isDescendant: Bool

        /// A segment as the parser would build it, for comparing parsed paths.
        public init(selectors: [Selector], isDescendant: Bool) {
            self.selectors = selectors
            self.isDescendant = isDescendant
        }
    }

    /// The steps after `$`, in order.
    public let segments: [Segment]
    /// The expression as written.
    public let text: String

    public var description: String { text }

    /// Parses `text`; throws with the column of the first character that does not fit.
    public init(_ text: String) throws(JSONPathError) {
        var parser = Parser(Array(text.unicodeScalars))
        segments = try parser.parsePath()
        self.text = text
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        func error(_ message: String, at position: Int? = nil) -> JSONPathError {
            JSONPathError(column: (position ?? index) + 1, message: message)
        }

        mutating func parsePath() throws(JSONPathError) -> [Segment] {
            guard current == "$" else { throw error("a path starts with '$'") }
            index += 1
            var segments: [Segment] = []
            while let scalar = current {
                switch scalar {
                case ".":
                    index += 1
                    if current == "." {
                        index += 1
                        if current == "[" {
                            segments.append(Segment(selectors: try bracket(), isDescendant: true))
                        } else {
                            segments.append(Segment(selectors: [try dotted(after: "..")], isDescendant: true))
                        }
                    } else {
                        segments.append(Segment(selectors: [try dotted(after: ".")], isDescendant: false))
                    }
                case "[":
                    segments.append(Segment(selectors: try bracket(), isDescendant: false))
                default:
                    throw error("expected '.', '..' or '[' (or the end of the path)")
                }
            }
            return segments
        }

        /// `*` or a shorthand name after `.` or `..`.
        mutating func dotted(after dots: String) throws(JSONPathError) -> Selector {
            if current == "*" {
                index += 1
                return .wildcard
            }
            guard let first = current, Self.isNameStart(first) else {
                throw error(dots == "." ? "expected a name or '*' after '.'" : "expected a name, '*' or '[' after '..'")
            }
            var name = String(first)
            index += 1
            while let scalar = current, Self.isNameStart(scalar) || ("0"..."9").contains(scalar) || scalar == "-" {
                name.unicodeScalars.append(scalar)
                index += 1
            }
            return .name(name)
        }

        static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0x80
        }

        /// `[selector, ...]`
        mutating func bracket() throws(JSONPathError) -> [Selector] {
            let open = index
            index += 1
            var selectors: [Selector] = []
            while true {
                skipSpace()
                selectors.append(try selector())
                skipSpace()
                switch current {
                case ",": index += 1
                case "]":
                    index += 1
                    return selectors
                case nil: throw error("expected ']' to close the '[' at column \(open + 1)")
                default: throw error("expected ',' or ']'")
                }
            }
        }

        mutating func skipSpace() {
            while let scalar = current, scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" { index += 1 }
        }

        mutating func selector() throws(JSONPathError) -> Selector {
            switch current {
            case "'", "\"": return .name(try quoted())
            case "*":
                index += 1
                return .wildcard
            case ":":
                return try slice(start: nil)
            case let scalar? where scalar == "-" || ("0"..."9").contains(scalar):
                let value = try integer()
                skipSpace()
                return current == ":" ? try slice(start: value) : .index(value)
            default:
                throw error("expected a quoted name, an index, a slice or '*'")
            }
        }

        /// The rest of a slice from its first colon.
        mutating func slice(start: Int?) throws(JSONPathError) -> Selector {
            index += 1
            skipSpace()
            let end = try optionalInteger()
            skipSpace()
            var step: Int?
            if current == ":" {
                index += 1
                skipSpace()
                step = try optionalInteger()
            }
            return .slice(start: start, end: end, step: step)
        }

        mutating func optionalInteger() throws(JSONPathError) -> Int? {
            guard let scalar = current, scalar == "-" || ("0"..."9").contains(scalar) else { return nil }
            return try integer()
        }

        mutating func integer() throws(JSONPathError) -> Int {
            let start = index
            var negative = false
            if current == "-" {
                negative = true
                index += 1
            }
            var value = 0
            var digits = 0
            while let scalar = current, ("0"..."9").contains(scalar) {
                let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(Int(scalar.value - 0x30))
                guard !overflow1, !overflow2 else { throw error("number too large", at: start) }
                value = sum
                digits += 1
                index += 1
            }
            guard digits > 0 else { throw error("expected a digit after '-'") }
            return negative ? -value : value
        }

        /// A name in single or double quotes, with JSON's escapes plus `\'`.
        mutating func quoted() throws(JSONPathError) -> String {
            let open = index
            guard let quote = current else { throw error("expected a quote") }
            index += 1
            var name = ""
            while true {
                guard let scalar = current else {
                    throw error("unterminated name: expected a closing \(quote)", at: open)
                }
                index += 1
                if scalar == quote { return name }
                guard scalar == "\\" else {
                    name.unicodeScalars.append(scalar)
                    continue
                }
                guard let escape = current else { throw error("unterminated name: expected a closing \(quote)", at: open) }
                index += 1
                switch escape {
                case "b": name += "\u{08}"
                case "f": name += "\u{0C}"
                case "n": name += "\n"
                case "r": name += "\r"
                case "t": name += "\t"
                case "/", "\\", "'", "\"": name.unicodeScalars.append(escape)
                case "u":
                    let unit = try hex4()
                    if (0xD800..<0xDC00).contains(unit) {
                        guard current == "\\", index + 1 < scalars.count, scalars[index + 1] == "u" else {
                            throw error("expected a low surrogate \\uDC00–\\uDFFF after a high surrogate")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low),
                              let combined = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) else {
                            throw error("expected a low surrogate \\uDC00–\\uDFFF after a high surrogate", at: index - 6)
                        }
                        name.unicodeScalars.append(combined)
                    } else if let scalar = Unicode.Scalar(unit) {
                        name.unicodeScalars.append(scalar)
                    } else {
                        throw error("a lone low surrogate cannot stand for a character", at: index - 6)
                    }
                default:
                    throw error("invalid escape: expected one of \\b \\f \\n \\r \\t \\/ \\\\ \\' \\\" \\uXXXX", at: index - 2)
                }
            }
        }

        mutating func hex4() throws(JSONPathError) -> UInt32 {
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let scalar = current, let digit = Int(String(scalar), radix: 16) else {
                    throw error("expected four hex digits after \\u")
                }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            return value
        }
    }
}

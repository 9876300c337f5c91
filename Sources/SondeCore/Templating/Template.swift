/// A string with `{{...}}` placeholders, split into the pieces that resolution fills in.
///
/// `{{name}}` is a variable, `{{env:NAME}}` a secret from the process environment or `.env`,
/// `{{$uuid}}` a dynamic value. A `{{...}}` that is not a placeholder (`{{"a": 1}}`) stays literal
/// text, as in Posting and Postman. An opening `{{` with no closing `}}` also parses as literal
/// text, but the loader reports it (`unclosedOpening(in:)`): `?x={{oops` went out as written.
public struct Template: Sendable, Equatable {
    public enum Segment: Sendable, Equatable {
        case literal(String)
        case variable(String)
        case secret(String)
        case dynamic(String)
        /// `{{file:PATH}}`: a secret file's content (`SecretSource+Files`).
        case file(String)
        /// `{{cmd:COMMAND}}`: a command's first line of output, in a trusted collection (`SecretSource+Commands`).
        case command(String)
    }

    public let segments: [Segment]

    /// The template written back: each placeholder in its plain form (`{{name}}`, `{{env:NAME}}`,
    /// `{{$uuid}}`), so one placeholder can be resolved on its own.
    static func text(of segment: Segment) -> String {
        switch segment {
        case .literal(let text): text
        case .variable(let name): "{{\(name)}}"
        case .secret(let name): "{{env:\(name)}}"
        case .dynamic(let name): "{{$\(name)}}"
        case .file(let path): "{{file:\(path)}}"
        case .command(let command): "{{cmd:\(command)}}"
        }
    }

    public init(_ text: String) {
        var segments: [Segment] = []
        var literal = Substring()
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else { break }
            let inner = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            guard let segment = Self.placeholder(inner) else {
                literal += rest[..<close.upperBound]
                rest = rest[close.upperBound...]
                continue
            }
            literal += rest[..<open.lowerBound]
            if !literal.isEmpty { segments.append(.literal(String(literal))) }
            literal = ""
            segments.append(segment)
            rest = rest[close.upperBound...]
        }
        literal += rest
        if !literal.isEmpty { segments.append(.literal(String(literal))) }
        self.segments = segments
    }

    /// The offset in characters of the first `{{` that no `}}` closes, as `init` reads the text;
    /// nil when every `{{` is closed.
    public static func unclosedOpening(in text: String) -> Int? {
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                return text.distance(from: text.startIndex, to: open.lowerBound)
            }
            rest = rest[close.upperBound...]
        }
        return nil
    }

    /// Whether the text has no placeholders at all.
    public var isLiteral: Bool {
        segments.allSatisfy { if case .literal = $0 { true } else { false } }
    }

    private static func placeholder(_ inner: String) -> Segment? {
        if inner.hasPrefix("file:") {
            let path = inner.dropFirst(5).trimmingCharacters(in: .whitespaces)
            return path.isEmpty ? nil : .file(path)
        }
        if inner.hasPrefix("cmd:") {
            let command = inner.dropFirst(4).trimmingCharacters(in: .whitespaces)
            return command.isEmpty ? nil : .command(command)
        }
        if inner.hasPrefix("env:") {
            let name = inner.dropFirst(4).trimmingCharacters(in: .whitespaces)
            return isName(name) ? .secret(name) : nil
        }
        if inner.hasPrefix("$") {
            let name = String(inner.dropFirst())
            return isName(name) ? .dynamic(name) : nil
        }
        return isName(inner) ? .variable(inner) : nil
    }

    private static func isName(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }
    }
}

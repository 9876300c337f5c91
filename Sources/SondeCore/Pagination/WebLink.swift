import Foundation

/// One link of a `Link` header (RFC 8288): a target URI reference and its parameters, such as
/// `<https://api.example.com/items?page=3>; rel="next"`. How link-style pagination finds the
/// next page.
///
///     let links = WebLink.parse(#"</items?page=3>; rel="next", </items?page=9>; rel="last""#)
///     links.first { $0.hasRelation("next") }?.target   // "/items?page=3"
public struct WebLink: Sendable, Equatable {
    /// The URI reference between `<` and `>`, as written: possibly relative.
    public var target: String
    /// The parameters in order, names lowercased, quoted values unquoted.
    public var parameters: [KeyValue]

    public init(target: String, parameters: [KeyValue] = []) {
        self.target = target
        self.parameters = parameters
    }

    /// The relation types of the first `rel` parameter (later ones are ignored, RFC 8288 §3.3),
    /// lowercased: `rel="next last"` is both.
    public var relations: [String] {
        guard let rel = parameters.first(where: { $0.name == "rel" }) else { return [] }
        return rel.value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Whether `relation` (compared without case) is one of the link's relation types.
    public func hasRelation(_ relation: String) -> Bool {
        relations.contains(relation.lowercased())
    }

    /// The links of every `Link` header among `headers`, in order: a response may send several.
    public static func links(in headers: [HeaderField]) -> [WebLink] {
        headers.filter { $0.name.equalsIgnoringASCIICase("Link") }.flatMap { parse($0.value) }
    }

    /// The links of one `Link` field value. A malformed link is skipped up to the next comma
    /// outside quotes and angle brackets, so one bad link never hides the others.
    public static func parse(_ value: String) -> [WebLink] {
        var scanner = Scanner(Array(value.unicodeScalars))
        var links: [WebLink] = []
        while !scanner.isAtEnd {
            scanner.skip { $0 == "," || Scanner.isSpace($0) }
            guard !scanner.isAtEnd else { break }
            if let link = scanner.link() {
                links.append(link)
            } else {
                scanner.skipToNextLink()
            }
        }
        return links
    }

    /// Reads the grammar of RFC 8288 §3: `"<" URI-Reference ">" *( OWS ";" OWS link-param )`,
    /// with `link-param = token BWS [ "=" BWS ( token / quoted-string ) ]`.
    private struct Scanner {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var isAtEnd: Bool { index >= scalars.count }
        var current: Unicode.Scalar? { isAtEnd ? nil : scalars[index] }

        static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" }

        /// RFC 9110 tchar.
        static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": true
            default: "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
            }
        }

        mutating func skip(while predicate: (Unicode.Scalar) -> Bool) {
            while let scalar = current, predicate(scalar) { index += 1 }
        }

        /// One link, ending before the comma that separates it from the next; nil when malformed.
        mutating func link() -> WebLink? {
            guard current == "<" else { return nil }
            index += 1
            let start = index
            skip { $0 != ">" }
            guard current == ">" else { return nil }
            let target = String(String.UnicodeScalarView(scalars[start..<index])).trimmingCharacters(in: .whitespaces)
            index += 1
            var parameters: [KeyValue] = []
            while true {
                skip(while: Self.isSpace)
                guard let scalar = current, scalar != "," else { return WebLink(target: target, parameters: parameters) }
                guard scalar == ";" else { return nil }
                index += 1
                skip(while: Self.isSpace)
                // An empty parameter (`;;` or a trailing `;`) is tolerated, as browsers do.
                if current == ";" || current == "," || isAtEnd { continue }
                guard let parameter = parameter() else { return nil }
                parameters.append(parameter)
            }
        }

        mutating func parameter() -> KeyValue? {
            let start = index
            skip(while: Self.isTokenCharacter)
            guard index > start else { return nil }
            let name = String(String.UnicodeScalarView(scalars[start..<index])).lowercased()
            skip(while: Self.isSpace)
            guard current == "=" else { return KeyValue(name, "") }
            index += 1
            skip(while: Self.isSpace)
            if current == "\"" { return quoted().map { KeyValue(name, $0) } }
            let valueStart = index
            skip(while: Self.isTokenCharacter)
            return KeyValue(name, String(String.UnicodeScalarView(scalars[valueStart..<index])))
        }

        /// A quoted-string with backslash escapes; nil when it is never closed.
        mutating func quoted() -> String? {
            index += 1
            var text = String.UnicodeScalarView()
            while let scalar = current {
                index += 1
                if scalar == "\"" { return String(text) }
                if scalar == "\\", let escaped = current {
                    index += 1
                    text.append(escaped)
                } else {
                    text.append(scalar)
                }
            }
            return nil
        }

        /// Past the next comma that is outside quotes and angle brackets, or to the end.
        mutating func skipToNextLink() {
            var inQuotes = false
            var inBrackets = false
            while let scalar = current {
                index += 1
                if inQuotes {
                    if scalar == "\\" { index += 1 } else if scalar == "\"" { inQuotes = false }
                } else if inBrackets {
                    if scalar == ">" { inBrackets = false }
                } else if scalar == "\"" {
                    inQuotes = true
                } else if scalar == "<" {
                    inBrackets = true
                } else if scalar == "," {
                    return
                }
            }
        }
    }
}

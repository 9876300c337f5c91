import Foundation

extension InsomniaConverter {
    /// Insomnia's Nunjucks as sonde's templates: `{{ _.name }}`, `{{ _['name'] }}` and
    /// `{{ name }}` become `{{name}}`; the tags sonde has a dynamic variable for become it
    /// (`{% uuid %}` → `{{$uuid}}`, `{% now 'unix' %}` → `{{$timestamp}}`, `{% now 'iso-8601' %}`
    /// → `{{$isoTimestamp}}`); any other tag (`{% response … %}`, filters) is kept as written,
    /// with one warning per kind: it is sent as text until replaced.
    mutating func template(_ text: String, place: String) -> String {
        guard text.contains("{{") || text.contains("{%") else { return text }
        var out = ""
        var rest = text[...]
        while let open = Self.nextOpening(in: rest) {
            let isTag = rest[rest.index(after: open)] == "%"
            let closing = isTag ? "%}" : "}}"
            guard let close = rest[rest.index(open, offsetBy: 2)...].range(of: closing) else { break }
            out += rest[..<open]
            let whole = String(rest[open..<close.upperBound])
            let inner = rest[rest.index(open, offsetBy: 2)..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += isTag ? tag(inner, whole: whole, place: place) : variable(inner, whole: whole, place: place)
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    private static func nextOpening(in text: Substring) -> String.Index? {
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            if text[index] == "{", next < text.endIndex, text[next] == "{" || text[next] == "%" { return index }
            index = next
        }
        return nil
    }

    private mutating func variable(_ inner: String, whole: String, place: String) -> String {
        var name = inner
        if name.hasPrefix("_.") {
            name.removeFirst(2)
        } else if name.hasPrefix("_['") && name.hasSuffix("']") || name.hasPrefix("_[\"") && name.hasSuffix("\"]") {
            name = String(name.dropFirst(3).dropLast(2))
        }
        if name.hasPrefix("$") || name.hasPrefix("env:") { return "{{\(name)}}" }
        if !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "_-.".contains($0) }) { return "{{\(name)}}" }
        if warnedTemplates.insert(whole).inserted {
            warn(place, "\(whole) is not a plain variable: kept as written, it will not resolve until replaced")
        }
        return whole
    }

    private mutating func tag(_ inner: String, whole: String, place: String) -> String {
        let words = inner.split(separator: " ", omittingEmptySubsequences: true)
        let name = words.first.map(String.init) ?? ""
        let argument = words.dropFirst().first?.trimmingCharacters(in: CharacterSet(charactersIn: "'\",")) ?? ""
        switch (name, argument) {
        case ("uuid", _): return "{{$uuid}}"
        case ("now", "unix"): return "{{$timestamp}}"
        case ("now", "iso-8601"), ("now", ""): return "{{$isoTimestamp}}"
        case ("faker", "randomUUID"), ("faker", "guid"): return "{{$uuid}}"
        case ("faker", "randomInt"): return "{{$randomInt}}"
        default: break
        }
        if warnedTemplates.insert("%" + name).inserted {
            let hint = name == "response" ? " (a captures: on the request it reads from does this in sonde)" : ""
            warn(place, "template tag {% \(name) %} kept as text: sonde does not run it, it is sent as written until replaced\(hint)")
        }
        return whole
    }
}

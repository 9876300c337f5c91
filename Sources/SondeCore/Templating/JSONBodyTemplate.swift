/// A JSON body with `{{...}}` placeholders, filled so that no value can change the body's shape.
///
/// Inside a string literal, a value is JSON-escaped (`"`, `\` and control characters), so
/// `x", "admin": true` stays one string and `C:\temp` arrives as `C:\temp`, not with a tab.
/// Outside string literals (`{"n": {{count}}}` in a JSON text body, or a YAML value tagged
/// `!json`, which is written into the JSON text unquoted) a value is inserted as it is and must
/// be one JSON value: that is the way to send a number, a boolean or a whole object.
///
/// The same rule serves both ways of writing a body: a YAML mapping becomes JSON text when it is
/// loaded (`JSONText.fromYAML`), so its placeholders sit inside string literals like those of a
/// body written as JSON text.
enum JSONBodyTemplate {
    /// A placeholder outside string literals and what it was filled with, to find the one to blame
    /// when the filled body is not valid JSON.
    struct RawValue: Equatable {
        var placeholder: String
        var value: String
    }

    /// `text` with every placeholder filled: escaped inside strings, as it is outside them.
    /// `place` says where a placeholder stands, for problems ("body at users/new.yaml:7").
    static func fill(
        _ text: String, resolver: inout VariableResolver, place: (String) -> String
    ) -> (body: String, rawValues: [RawValue]) {
        // Most bodies have no placeholder; cutting a large one into its string literals is not free.
        guard text.utf8.firstRange(of: "{{".utf8) != nil else { return (text, []) }
        var body = ""
        body.reserveCapacity(text.utf8.count)
        var rawValues: [RawValue] = []
        for run in runs(of: text) {
            for segment in Template(String(run.text)).segments {
                guard case .literal(let literal) = segment else {
                    let placeholder = Template.text(of: segment)
                    let value = resolver.resolve(placeholder, usedIn: place(placeholder))
                    if run.inString {
                        body += JSONText.escaped(value)
                    } else {
                        body += value
                        rawValues.append(RawValue(placeholder: placeholder, value: value))
                    }
                    continue
                }
                body += literal
            }
        }
        return (body, rawValues)
    }

    /// `text` with each placeholder outside string literals replaced by `null`: valid JSON exactly
    /// when the body as written is, given that each value is one JSON value. The `null` is padded
    /// to the placeholder's length, so the columns of a syntax error are those of the text as written.
    static func withRawPlaceholdersAsNull(_ text: String) -> String {
        runs(of: text).map { run in
            run.inString ? String(run.text) : Template(String(run.text)).segments.map { segment in
                if case .literal(let literal) = segment { return literal }
                return "null" + String(repeating: " ", count: max(0, Template.text(of: segment).count - 4))
            }.joined()
        }.joined()
    }

    /// A stretch of the text: the inside of a string literal (between its quotes), or what lies
    /// between string literals.
    struct Run {
        var text: Substring
        var inString: Bool
    }

    /// The text cut at the quotes of its string literals. A small scanner, not a JSON parser: it
    /// knows only `"` and the backslash that escapes the character after it, which is all it
    /// takes to know whether a placeholder stands in a string, even in text that is not valid JSON.
    static func runs(of text: String) -> [Run] {
        var runs: [Run] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = bytes.startIndex
        var inString = false
        while index < bytes.endIndex {
            let byte = bytes[index]
            if inString, byte == UInt8(ascii: "\\") {
                index = bytes.index(after: index)
                if index < bytes.endIndex { index = bytes.index(after: index) }
                continue
            }
            if byte == UInt8(ascii: "\"") {
                // The quote belongs to the stretch outside strings, so a string's run is its content.
                let end = inString ? index : bytes.index(after: index)
                runs.append(Run(text: text[start..<end], inString: inString))
                start = end
                inString.toggle()
            }
            index = bytes.index(after: index)
        }
        if start < bytes.endIndex { runs.append(Run(text: text[start...], inString: inString)) }
        return runs
    }
}

import Foundation

/// Pretty-prints a JSON body as written, `{{…}}` placeholders and all: the TUI's format key.
///
/// A placeholder inside a string literal is just text to the printer. One outside string
/// literals (`{"n": {{count}}}`) stands for a whole JSON value (`JSONBodyTemplate`), so it is
/// swapped for a string the printer keeps as it is, and put back afterwards: the formatted body
/// sends exactly what the unformatted one did.
public enum JSONBodyFormatter {
    /// U+E000 (private use) brackets the number of a swapped placeholder: a character no body
    /// written by hand contains, and one the printer copies without escaping it.
    private static let mark = "\u{E000}"

    /// `text` pretty-printed with `indent` spaces, or the first syntax error with its line and
    /// column in `text` as written (placeholders counted as the values they stand for).
    public static func prettyPrinted(_ text: String, indent: Int = 2) -> Result<String, JSONSyntaxError> {
        var placeholders: [String] = []
        var swapped = ""
        swapped.reserveCapacity(text.utf8.count)
        for run in JSONBodyTemplate.runs(of: text) {
            guard !run.inString, run.text.contains("{{") else {
                swapped += run.text
                continue
            }
            for segment in Template(String(run.text)).segments {
                if case .literal(let literal) = segment {
                    swapped += literal
                    continue
                }
                swapped += "\"\(mark)\(placeholders.count)\(mark)\""
                placeholders.append(Template.text(of: segment))
            }
        }
        switch JSONText.prettyPrinted(Data(swapped.utf8), indent: indent) {
        case .failure(let error):
            // Report columns of the text as written: `null` padded to each placeholder's length.
            return .failure(JSONText.validate(Data(JSONBodyTemplate.withRawPlaceholdersAsNull(text).utf8)) ?? error)
        case .success(var pretty):
            for (index, placeholder) in placeholders.enumerated().reversed() {
                pretty = pretty.replacingOccurrences(of: "\"\(mark)\(index)\(mark)\"", with: placeholder)
            }
            return .success(pretty)
        }
    }
}

/// The colours of one line of a JSON body being edited: keys, strings, numbers, literals,
/// punctuation and `{{…}}` placeholders.
///
/// One line at a time, with no state carried between lines: a JSON string cannot hold a raw line
/// break, so a line's tokens never depend on the lines before it, and `TextArea` colours only the
/// lines it shows — a 1 MB body costs what a screenful does. A string is a key when a `:` follows it
/// on its line. Text that is not JSON gets what it looks like, never an error.
package enum JSONLineColouring {
    /// A stretch of a line, in Characters, and its style.
    package struct Run: Sendable, Equatable {
        package var range: Range<Int>
        package var style: TextStyle
    }

    package static func runs(in line: String, theme: Theme) -> [Run] {
        let characters = Array(line)
        var runs: [Run] = []
        var index = 0
        func add(_ start: Int, _ style: TextStyle) { runs.append(Run(range: start..<index, style: style)) }
        while index < characters.count {
            let start = index
            let character = characters[index]
            switch character {
            case "\"":
                index += 1
                while index < characters.count, characters[index] != "\"" {
                    index += characters[index] == "\\" ? 2 : 1
                }
                index = min(index + 1, characters.count)
                var next = index
                while next < characters.count, characters[next] == " " || characters[next] == "\t" { next += 1 }
                add(start, next < characters.count && characters[next] == ":" ? theme.jsonKey : theme.jsonString)
            case "{" where index + 1 < characters.count && characters[index + 1] == "{":
                // A placeholder outside strings stands for a whole value (`JSONBodyTemplate`).
                index += 2
                while index < characters.count, !(characters[index] == "}" && index + 1 < characters.count && characters[index + 1] == "}") {
                    index += 1
                }
                index = min(index + 2, characters.count)
                add(start, theme.placeholder)
            case "{", "}", "[", "]", ",", ":":
                index += 1
                add(start, theme.jsonPunctuation)
            case "-", "0"..."9":
                index += 1
                while index < characters.count, characters[index].isNumber || "+-.eE".contains(characters[index]) { index += 1 }
                add(start, theme.jsonNumber)
            case _ where character.isLetter:
                while index < characters.count, characters[index].isLetter { index += 1 }
                let word = String(characters[start..<index])
                if ["true", "false", "null"].contains(word) { add(start, theme.jsonLiteral) }
            default:
                index += 1
            }
        }
        return runs
    }
}

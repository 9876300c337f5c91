/// Splits pasted shell text into commands and their words, as the shell that would run it does:
/// POSIX shells (bash, zsh) or Windows `cmd.exe` with the C runtime's argument rules, which is
/// what Chrome's "Copy as cURL (cmd)" writes for.
///
/// Not a shell: no expansion beyond `$NAME`/`${NAME}` (which become `{{env:NAME}}` references, so
/// an exported `"${TOKEN}"` imports back as the secret it was), no pipes or substitutions.
public enum ShellTokenizer {
    /// One word of a command and the line it starts on (1-based).
    public struct Word: Sendable, Equatable {
        public var text: String
        public var line: Int

        public init(_ text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    /// A quote that the text never closes.
    public struct UnterminatedQuote: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var quote: String
        public var description: String { "line \(line): the quote \(quote) opened here is never closed" }
    }

    /// The commands in `text`, each a list of words; a command ends at a newline that is not
    /// escaped or quoted, or at `;`, `&&`, `||` or `|` between words (the rest of a pipeline is
    /// not curl's). `#` at the start of a word starts a comment.
    public static func commands(in text: String) throws(UnterminatedQuote) -> [[Word]] {
        looksLikeCmd(text) ? try cmdCommands(in: text) : try posixCommands(in: text)
    }

    /// Chrome's cmd variant quotes every argument as `^"…^"` and ends continued lines with ` ^`.
    static func looksLikeCmd(_ text: String) -> Bool {
        text.contains("^\"") || text.contains(" ^\n") || text.contains(" ^\r\n")
    }

    // MARK: POSIX shells

    private static func posixCommands(in text: String) throws(UnterminatedQuote) -> [[Word]] {
        let chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        var commands: [[Word]] = []
        var words: [Word] = []
        var current = ""
        var inWord = false
        var wordLine = 1
        var line = 1
        var index = 0

        func endWord() {
            if inWord { words.append(Word(current, line: wordLine)) }
            current = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty { commands.append(words) }
            words = []
        }
        func startWord() {
            if !inWord { inWord = true; wordLine = line }
        }

        while index < chars.count {
            let char = chars[index]
            switch char {
            case "\n":
                line += 1
                endCommand()
                index += 1
            case " ", "\t":
                endWord()
                index += 1
            case "#" where !inWord:
                while index < chars.count, chars[index] != "\n" { index += 1 }
            case ";":
                endCommand()
                index += 1
            case "&" where index + 1 < chars.count && chars[index + 1] == "&",
                 "|":
                endCommand()
                index += (index + 1 < chars.count && chars[index + 1] == char) ? 2 : 1
            case "\\":
                if index + 1 < chars.count {
                    if chars[index + 1] == "\n" {
                        line += 1  // a continuation: the line goes on
                    } else {
                        startWord()
                        current.append(chars[index + 1])
                    }
                    index += 2
                } else {
                    index += 1
                }
            case "'":
                startWord()
                let start = line
                index += 1
                while index < chars.count, chars[index] != "'" {
                    if chars[index] == "\n" { line += 1 }
                    current.append(chars[index])
                    index += 1
                }
                guard index < chars.count else { throw UnterminatedQuote(line: start, quote: "'") }
                index += 1
            case "\"":
                startWord()
                let start = line
                index += 1
                while index < chars.count, chars[index] != "\"" {
                    let inner = chars[index]
                    if inner == "\\", index + 1 < chars.count, "$`\"\\\n".contains(chars[index + 1]) {
                        if chars[index + 1] == "\n" { line += 1 } else { current.append(chars[index + 1]) }
                        index += 2
                        continue
                    }
                    if inner == "$", let (reference, next) = variable(in: chars, at: index) {
                        current += reference
                        index = next
                        continue
                    }
                    if inner == "\n" { line += 1 }
                    current.append(inner)
                    index += 1
                }
                guard index < chars.count else { throw UnterminatedQuote(line: start, quote: "\"") }
                index += 1
            case "$" where index + 1 < chars.count && chars[index + 1] == "'":
                startWord()
                let start = line
                index += 2
                var closed = false
                while index < chars.count {
                    let inner = chars[index]
                    if inner == "'" { closed = true; index += 1; break }
                    if inner == "\\", index + 1 < chars.count {
                        index = ansiEscape(chars, at: index, into: &current)
                        continue
                    }
                    if inner == "\n" { line += 1 }
                    current.append(inner)
                    index += 1
                }
                guard closed else { throw UnterminatedQuote(line: start, quote: "$'") }
            case "$":
                startWord()
                if let (reference, next) = variable(in: chars, at: index) {
                    current += reference
                    index = next
                } else {
                    current.append("$")
                    index += 1
                }
            default:
                startWord()
                current.append(char)
                index += 1
            }
        }
        endCommand()
        return commands
    }

    /// `$NAME` or `${NAME}` at `index` as `{{env:NAME}}`, and the index after it.
    private static func variable(in chars: [Character], at index: Int) -> (String, Int)? {
        func isNameChar(_ c: Character, first: Bool) -> Bool {
            c == "_" || (c.isASCII && (c.isLetter || (!first && c.isNumber)))
        }
        var next = index + 1
        let braced = next < chars.count && chars[next] == "{"
        if braced { next += 1 }
        var name = ""
        while next < chars.count, isNameChar(chars[next], first: name.isEmpty) {
            name.append(chars[next])
            next += 1
        }
        guard !name.isEmpty else { return nil }
        if braced {
            guard next < chars.count, chars[next] == "}" else { return nil }
            next += 1
        }
        return ("{{env:\(name)}}", next)
    }

    /// Decodes one backslash escape of `$'…'` at `index` (a backslash) into `out`; returns the
    /// index after it. bash's set: \n \t \r \a \b \e \f \v \\ \' \" \? \xHH \uHHHH \UHHHHHHHH \NNN.
    private static func ansiEscape(_ chars: [Character], at index: Int, into out: inout String) -> Int {
        let code = chars[index + 1]
        var bytes: [UInt8] = []
        var next = index + 2
        func hex(max count: Int) -> UInt32? {
            var digits = ""
            while digits.count < count, next < chars.count, chars[next].isHexDigit {
                digits.append(chars[next])
                next += 1
            }
            return digits.isEmpty ? nil : UInt32(digits, radix: 16)
        }
        switch code {
        case "n": out += "\n"
        case "t": out += "\t"
        case "r": out += "\r"
        case "a": out += "\u{07}"
        case "b": out += "\u{08}"
        case "e", "E": out += "\u{1B}"
        case "f": out += "\u{0C}"
        case "v": out += "\u{0B}"
        case "\\", "'", "\"", "?": out.append(code)
        case "x":
            // Consecutive \xHH bytes form UTF-8 together (Firefox writes `\xc3\xa9` for é).
            var cursor = index
            while cursor + 1 < chars.count, chars[cursor] == "\\", chars[cursor + 1] == "x" {
                next = cursor + 2
                guard let value = hex(max: 2) else { break }
                bytes.append(UInt8(value))
                cursor = next
            }
            if bytes.isEmpty { out += "\\x"; return index + 2 }
            out += String(decoding: bytes, as: UTF8.self)
            return cursor
        case "u", "U":
            if let value = hex(max: code == "u" ? 4 : 8), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\\(code)"
            }
        case "0"..."7":
            var value: UInt32 = 0
            next = index + 1
            var digits = 0
            while digits < 3, next < chars.count, let digit = chars[next].wholeNumberValue, digit < 8 {
                value = value * 8 + UInt32(digit)
                next += 1
                digits += 1
            }
            out.unicodeScalars.append(Unicode.Scalar(UInt8(truncatingIfNeeded: value)))
        default:
            out += "\\\(code)"
        }
        return next
    }

    // MARK: cmd.exe and the C runtime

    /// cmd.exe removes each `^` and keeps the character after it (`^` then a newline continues
    /// the line, and the character after that newline is kept as it is, which is how Chrome puts
    /// a newline inside a value: `^` newline newline). The program then splits its command line
    /// by the C runtime's rules: `"` toggles quoting, `\"` is a quote character, and backslashes
    /// count only before a quote.
    private static func cmdCommands(in text: String) throws(UnterminatedQuote) -> [[Word]] {
        let chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))
        var commands: [[Word]] = []
        var words: [Word] = []
        var current = ""
        var inWord = false
        var inQuotes = false
        var quoteLine = 1
        var wordLine = 1
        var line = 1
        var backslashes = 0
        var index = 0

        func flushBackslashes() {
            current += String(repeating: "\\", count: backslashes)
            backslashes = 0
        }
        func endWord() {
            flushBackslashes()
            if inWord { words.append(Word(current, line: wordLine)) }
            current = ""
            inWord = false
        }
        func startWord() {
            if !inWord { inWord = true; wordLine = line }
        }
        /// One character as the C runtime sees it.
        func feed(_ char: Character) {
            switch char {
            case "\\":
                startWord()
                backslashes += 1
            case "\"":
                startWord()
                current += String(repeating: "\\", count: backslashes / 2)
                if backslashes % 2 == 1 {
                    current.append("\"")
                } else {
                    inQuotes.toggle()
                    if inQuotes { quoteLine = line }
                }
                backslashes = 0
            case " ", "\t", "\n":
                if inQuotes {
                    flushBackslashes()
                    current.append(char)
                } else {
                    endWord()
                }
            default:
                flushBackslashes()
                startWord()
                current.append(char)
            }
        }

        while index < chars.count {
            let char = chars[index]
            if char == "^", index + 1 < chars.count {
                if chars[index + 1] == "\n" {
                    line += 1
                    index += 2
                    if index < chars.count, chars[index] == "\n" {
                        line += 1
                        // A newline kept as a character: inside quotes it belongs to the value.
                        if inQuotes { flushBackslashes(); current.append("\n") } else { endWord() }
                        index += 1
                    }
                } else {
                    feed(chars[index + 1])
                    index += 2
                }
                continue
            }
            if char == "\n" {
                line += 1
                if inQuotes { throw UnterminatedQuote(line: quoteLine, quote: "\"") }
                endWord()
                if !words.isEmpty { commands.append(words) }
                words = []
                index += 1
                continue
            }
            if char == "&", !inQuotes {
                endWord()
                if !words.isEmpty { commands.append(words) }
                words = []
                index += (index + 1 < chars.count && chars[index + 1] == "&") ? 2 : 1
                continue
            }
            feed(char)
            index += 1
        }
        if inQuotes { throw UnterminatedQuote(line: quoteLine, quote: "\"") }
        endWord()
        if !words.isEmpty { commands.append(words) }
        return commands
    }
}

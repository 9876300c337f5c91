import Testing
@testable import SondeCore

/// The words of pasted shell text, as bash and as cmd.exe with the C runtime would split them.
@Suite struct ShellTokenizerTests {
    private func words(_ text: String) throws -> [[String]] {
        try ShellTokenizer.commands(in: text).map { $0.map(\.text) }
    }

    @Test func quotesJoinAndSeparateWordsAsBashDoes() throws {
        #expect(try words(#"curl 'a b' "c d" e\ f g'h'"i""#) == [["curl", "a b", "c d", "e f", "ghi"]])
        #expect(try words(#"curl "say \"hi\" \$HOME \\ \x""#) == [["curl", #"say "hi" $HOME \ \x"#]])
        #expect(try words("curl 'it'\\''s'") == [["curl", "it's"]])
        #expect(try words("curl ''") == [["curl", ""]])
    }

    @Test func backslashNewlineContinuesTheCommandAndNewlinesSplitCommands() throws {
        let text = "curl 'https://a.test/x' \\\n  -H 'A: 1' \\\r\n  --compressed\n\n# a comment\ncurl b.test ; curl c.test && curl d.test | jq ."
        let commands = try ShellTokenizer.commands(in: text)
        #expect(commands.map { $0.map(\.text) } == [
            ["curl", "https://a.test/x", "-H", "A: 1", "--compressed"], ["curl", "b.test"], ["curl", "c.test"], ["curl", "d.test"], ["jq", "."],
        ])
        #expect(commands.map { $0[0].line } == [1, 6, 6, 6, 6])
        #expect(commands[0][3].line == 2)
    }

    @Test func ansiCQuotingDecodesEveryEscape() throws {
        let text = #"curl $'a\nb\tc\'d\\e\x41\xc3\xa9\u00e9\U0001F600\101\r\e\q'"#
        #expect(try words(text) == [["curl", "a\nb\tc'd\\eA\u{e9}\u{e9}\u{1F600}A\r\u{1B}\\q"]])
        // A quote inside $'…' does not end it; the word goes on after the closing quote.
        #expect(try words(#"curl $'{"a":"it\'s"}'x"#) == [["curl", #"{"a":"it's"}x"#]])
    }

    @Test func variablesBecomeSecretReferences() throws {
        #expect(try words(#"curl -H "Authorization: Bearer ${TOKEN}" -u "ada:$PASS" '$NOT' $ 5"#)
            == [["curl", "-H", "Authorization: Bearer {{env:TOKEN}}", "-u", "ada:{{env:PASS}}", "$NOT", "$", "5"]])
    }

    @Test func chromeCmdCaretEscapesAndCaretQuotes() throws {
        let text = """
            curl ^"https://api.example.com/v1/search?q=caf^%^C3^%^A9^&limit=10^" ^
              -H ^"accept: application/json^" ^
              --data-raw ^"^{^\\^"query^\\^":^\\^"a b^\\^",^\\^"path^\\^":^\\^"C:^\\^\\tmp^\\^"^}^" ^
              --compressed
            """
        #expect(try words(text) == [[
            "curl", "https://api.example.com/v1/search?q=caf%C3%A9&limit=10", "-H", "accept: application/json",
            "--data-raw", #"{"query":"a b","path":"C:\\tmp"}"#, "--compressed",
        ]])
    }

    @Test func chromeCmdNewlineInsideAValue() throws {
        let text = "curl ^\"https://a.test/^\" ^\n  --data-raw ^\"line1^\n\nline2^\" ^\n  --compressed\ncurl ^\"https://b.test/^\""
        #expect(try words(text) == [["curl", "https://a.test/", "--data-raw", "line1\nline2", "--compressed"], ["curl", "https://b.test/"]])
    }

    @Test func unclosedQuotesNameTheirLine() throws {
        #expect(throws: ShellTokenizer.UnterminatedQuote(line: 2, quote: "'")) { try words("curl a.test\ncurl 'b.test\n-H x") }
        #expect(throws: ShellTokenizer.UnterminatedQuote(line: 1, quote: "$'")) { try words("curl $'abc") }
        #expect(throws: ShellTokenizer.UnterminatedQuote(line: 1, quote: "\"")) { try words("curl ^\"abc\n") }
    }
}

import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// Random `.bru`-like text: the parser never crashes or hangs; an error names a line of the
/// text; a parsed file converts as a request without crashing, and every block is at a line
/// of the text.
@Suite struct BruParserPropertyTests {
    static let lines = [
        "meta {", "}", "]", "get {", "post {", "  url: {{baseUrl}}/a?x=1", "  body: json", "  body: multipart-form", "  auth: bearer",
        "  auth: oauth2", "body:json {", "  {", "    \"a\": 1", "  }", "headers {", "  ~X-Debug: 1", "  Authorization: Bearer t0ken-123456",
        "vars:secret [", "  token,", "  ~pw", "vars {", "  note: '''", "    text", "  '''", "'''", "auth:bearer {", "  token: abc-123456",
        "body:multipart-form {", "  f: @file(a.png|b.png) @contentType(image/png)", "  g: @file(", "params:path {", "  id: 1",
        "script:pre-request {", "  bru.setVar('a', 1)", "tests {", "", "", "  ", "headers {}", "docs {", "x: y", "name {", "{", "[",
        "  : empty", "  key", "café [", "\t~: x", "body:graphql:vars {", "settings {", "  encodeUrl: false", "auth:oauth2 {",
        "  grant_type: client_credentials", "  access_token_url: http://t", "\r", "meta { }", "get{", "~", "  {{process.env.X}}: y",
    ]

    @Test func randomLineMixesParseOrFailAtALine() async {
        let files = Gen<String?>.element(of: Self.lines).map { $0 ?? "" }.array(of: 0...30)
        await propertyCheck(count: 150, input: files) { lines in
            Self.check(lines.joined(separator: "\n"))
        }
    }

    @Test func randomCharactersNeverCrashTheParser() async {
        let text = Gen<Character?>.element(of: Array("ab:~{}[]'\n\r\t @(|)é😀-")).map { $0 ?? "a" }.string(of: 0...80)
        await propertyCheck(count: 200, input: text) { text in
            Self.check(text)
        }
    }

    static func check(_ text: String) {
        let lineCount = max(text.split(separator: "\n", omittingEmptySubsequences: false).count, 1)
        do {
            let file = try BruParser.parse(text, file: "p.bru")
            for block in file.blocks {
                #expect((1...lineCount).contains(block.line), "\(block.name) at \(block.line)\n\(text)")
                for pair in block.pairs { #expect((1...lineCount).contains(pair.line), "\(text)") }
            }
            _ = try? BrunoImporter.convertFile(Data(text.utf8), sourceName: "p.bru")
        } catch {
            #expect(error.file == "p.bru" && (1...lineCount).contains(error.line), "\(error)\n\(text)")
        }
    }
}

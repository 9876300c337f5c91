import Foundation
import Testing
@testable import SondeCore

/// Saving changes only the text of what was edited (issue #10): comments, quoting, flow/block
/// style, folded text and blank lines of everything else stay byte for byte.
@Suite struct LosslessSaveTests {
    static let original = """
        # Orders API: ask #payments before changing the token.
        name: Get order
        description: >
          Fetches one order, folded over
          two lines on purpose.
        method: GET   # GET only, the API is read-only
        url: "{{baseUrl}}/orders/{{id}}"

        params:
          - name: expand
            value: "1"   # quoted on purpose
          - {name: page, value: '2'}
        headers:
          # sent to every environment
          - name: Accept
            value: application/json
          - name: X-Trace
            value: "on"
        body:
          type: text
          content_type: text/plain
          content: |
            line one
            line two
        auth:
          type: bearer
          token: "{{env:ORDERS_TOKEN}}"
        custom: {kept: [1, 2]}

        """

    /// The text after loading `text`, applying `edit` and saving; the saved file must load back
    /// as the edited request.
    static func saved(_ text: String, _ edit: (inout RequestDefinition) -> Void) throws -> String {
        let folder = try TemporaryFolder()
        let file = try folder.write("r.yaml", text)
        var request = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "r"))
        edit(&request.definition)
        let returned = try RequestFileWriter.save(request)
        let written = try String(contentsOf: file, encoding: .utf8)
        #expect(returned.sourceText == written)
        let reloaded = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "r"))
        #expect(reloaded.definition == request.definition)
        return written
    }

    /// The lines of `old` and `new` that differ, once their common first and last lines are set aside.
    static func difference(_ old: String, _ new: String) -> (removed: [String], added: [String]) {
        let a = old.components(separatedBy: "\n"), b = new.components(separatedBy: "\n")
        var prefix = 0
        while prefix < min(a.count, b.count), a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < min(a.count, b.count) - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        return (Array(a[prefix..<(a.count - suffix)]), Array(b[prefix..<(b.count - suffix)]))
    }

    @Test func savingUnchangedIsByteIdentical() throws {
        #expect(try Self.saved(Self.original) { _ in } == Self.original)
    }

    @Test func changingTheMethodChangesOnlyItsValue() throws {
        let text = try Self.saved(Self.original) { $0.method = .DELETE }
        #expect(Self.difference(Self.original, text) == (["method: GET   # GET only, the API is read-only"], ["method: DELETE   # GET only, the API is read-only"]))
    }

    @Test func changingTheURLKeepsItsQuotes() throws {
        let text = try Self.saved(Self.original) { $0.url = "{{baseUrl}}/orders/{{id}}/lines" }
        #expect(Self.difference(Self.original, text) == (["url: \"{{baseUrl}}/orders/{{id}}\""], ["url: \"{{baseUrl}}/orders/{{id}}/lines\""]))
    }

    @Test func aQuotedValueStaysQuotedAndAFlowRowStaysFlow() throws {
        let text = try Self.saved(Self.original) {
            $0.params[0].value = "2"
            $0.params[1].value = "3"
        }
        #expect(Self.difference(Self.original, text) == (
            ["    value: \"1\"   # quoted on purpose", "  - {name: page, value: '2'}"],
            ["    value: \"2\"   # quoted on purpose", "  - {name: page, value: '3'}"]))
    }

    @Test func addingAHeaderInsertsOnlyItsLines() throws {
        let text = try Self.saved(Self.original) { $0.headers.append(KeyValue("X-Count", "10")) }
        #expect(Self.difference(Self.original, text) == ([], ["  - name: X-Count", "    value: 10"]))
    }

    @Test func addingAFlowRowAddsAFlowRow() throws {
        let text = try Self.saved(Self.original) { $0.params.append(KeyValue("q", "a b")) }
        #expect(Self.difference(Self.original, text) == ([], ["  - {name: q, value: a b}"]))
    }

    @Test func removingAHeaderDeletesExactlyItsLines() throws {
        let text = try Self.saved(Self.original) { $0.headers.remove(at: 1) }
        #expect(Self.difference(Self.original, text) == (["  - name: X-Trace", "    value: \"on\""], []))
        let first = try Self.saved(Self.original) { $0.headers.remove(at: 0) }
        #expect(first.contains("# sent to every environment"))
        #expect(Self.difference(Self.original, first).removed == ["  - name: Accept", "    value: application/json"])
    }

    @Test func changingAHeaderNameTouchesOneLine() throws {
        let text = try Self.saved(Self.original) { $0.headers[0].name = "Accept-Language" }
        #expect(Self.difference(Self.original, text) == (["  - name: Accept"], ["  - name: Accept-Language"]))
    }

    @Test func changingTheBodyTextRewritesOnlyTheBlock() throws {
        let text = try Self.saved(Self.original) { $0.body = .text("line one\nline 2\nline three\n", contentType: "text/plain") }
        #expect(Self.difference(Self.original, text) == (["    line two"], ["    line 2", "    line three"]))
    }

    @Test func changingTheAuthTokenKeepsTheReferenceAsText() throws {
        let text = try Self.saved(Self.original) { $0.auth = .bearer(token: "{{env:OTHER_TOKEN}}") }
        #expect(Self.difference(Self.original, text) == (["  token: \"{{env:ORDERS_TOKEN}}\""], ["  token: \"{{env:OTHER_TOKEN}}\""]))
        #expect(text.contains("{{env:OTHER_TOKEN}}"))
    }

    @Test func anAddedTopLevelKeyGoesInCanonicalOrder() throws {
        let minimal = "# keep me\nname: A\nmethod: GET\nurl: http://127.0.0.1/a\n# tail\n"
        let text = try Self.saved(minimal) { $0.headers = [KeyValue("Accept", "*/*")] }
        #expect(text == "# keep me\nname: A\nmethod: GET\nurl: http://127.0.0.1/a\nheaders:\n- name: Accept\n  value: \"*/*\"\n# tail\n")
    }

    @Test func removingTheLastHeaderRemovesTheKey() throws {
        let text = "name: A\nmethod: GET\nurl: http://127.0.0.1/a\nheaders:\n  Accept: text/plain  # shorthand\nbody:\n  type: json\n  content: {a: 1}\n"
        let saved = try Self.saved(text) { $0.headers = [] }
        #expect(saved == "name: A\nmethod: GET\nurl: http://127.0.0.1/a\nbody:\n  type: json\n  content: {a: 1}\n")
    }

    @Test func theShorthandHeaderMappingStaysAMapping() throws {
        let text = "name: A\nmethod: GET\nurl: http://127.0.0.1/a\nheaders:\n  Accept: text/plain  # shorthand\n"
        let saved = try Self.saved(text) { $0.headers.append(KeyValue("X-A", "{{a}}")) }
        #expect(saved == text + "  X-A: \"{{a}}\"\n")
    }

    @Test func windowsLineBreaksStayWindowsLineBreaks() throws {
        let text = "# crlf\r\nname: A\r\nmethod: GET\r\nurl: http://127.0.0.1/a\r\n"
        let saved = try Self.saved(text) {
            $0.method = .PUT
            $0.headers = [KeyValue("Accept", "*/*")]
        }
        #expect(saved == "# crlf\r\nname: A\r\nmethod: PUT\r\nurl: http://127.0.0.1/a\r\nheaders:\r\n- name: Accept\r\n  value: \"*/*\"\r\n")
    }

    @Test func aFileThatChangedOnDiskIsNotOverwritten() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("r.yaml", Self.original)
        var request = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "r"))
        try folder.write("r.yaml", Self.original + "# added by git pull\n")
        request.definition.method = .POST
        #expect(throws: SaveError.changedOnDisk(file: file.path)) { try RequestFileWriter.save(request) }
        #expect(try String(contentsOf: file, encoding: .utf8) == Self.original + "# added by git pull\n")
    }

    @Test func aWholeRewriteKeepsTheLeadingComments() throws {
        // An alias shares one node between two fields: no in-place edit can change one of them.
        let text = "# head\n\nname: &n A\nmethod: GET\nurl: http://127.0.0.1/a\ndescription: *n\n"
        let saved = try Self.saved(text) { $0.name = "B" }
        #expect(saved.hasPrefix("# head\n\n"))
    }

    /// Every bundled request saves unchanged byte for byte, a changed method touches one line and
    /// an added header only inserts lines.
    @Test func everyBundledRequestSavesLosslessly() throws {
        let loaded = CollectionLoader.load(from: repositoryCollections.appendingPathComponent("demo"))
        let requests = loaded.collection.root.allRequests
        #expect(requests.count > 20)
        for request in requests {
            let original = try #require(request.sourceText)
            #expect(try RequestFileWriter.yaml(for: request.definition, original: original) == original, "\(request.id)")
            var edited = request.definition
            edited.method = edited.method == .PATCH ? .PUT : .PATCH
            let text = try RequestFileWriter.yaml(for: edited, original: original)
            let difference = Self.difference(original, text)
            #expect(difference.removed.count <= 1 && difference.added.count == 1, "\(request.id): \(difference)")

            var withHeader = request.definition
            withHeader.headers.append(KeyValue("X-Added", "{{token}}"))
            let added = Self.difference(original, try RequestFileWriter.yaml(for: withHeader, original: original))
            #expect(added.removed.isEmpty && (1...3).contains(added.added.count), "\(request.id): \(added)")
        }
    }
}

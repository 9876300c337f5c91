import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("Response viewer")
struct ResponseViewerTests {
    static let usersJSON = #"{"items": [{"id": 1, "name": "Ada", "tags": ["admin", "ops"]}, {"id": 2, "name": "Grace", "tags": []}], "total": 2, "next": null}"#

    /// A state with a request open and its response shown, focus on the response.
    func stateWithResponse(_ document: ResponseDocument, width: Int = 120, height: Int = 40) throws -> AppState {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: width, height: height)
        state.select("Users", "List users")
        let effects = state.press(.control("r"))
        guard case .send(let order) = effects.first(where: \.isSend) else { throw TestFailure("no send effect") }
        let id = order.id
        _ = state.update(.transferFinished(transfer: id, outcome: .completed(document)), now: 1)
        state.focus = .response
        return state
    }

    @Test("The status line shows code, reason, time, size and HTTP version")
    func statusLine() throws {
        let state = try stateWithResponse(makeDocument(json: Self.usersJSON))
        let grid = state.screen
        #expect(grid.contains(" 200  OK  25.0 ms · 126 B · HTTP/1.1") || grid.contains("200  OK"))
        let at = try #require(grid.find("200"))
        #expect(grid[at.x, at.y].style.foreground == .green)
    }

    @Test("A response sent with verify_tls: false says so on its status line, in the warning colour")
    func unverifiedTLS() throws {
        var document = makeDocument(json: Self.usersJSON)
        document.isTLSUnverified = true
        let grid = try stateWithResponse(document).screen
        let status = try #require(grid.find("200"))
        #expect(grid.line(status.y).contains("HTTP/1.1 · new connection · TLS not verified"), "\(grid.line(status.y))")
        let warning = try #require(grid.find("TLS not verified"))
        #expect(grid[warning.x, warning.y].style == Theme.standard.warning)
        #expect(!(try stateWithResponse(makeDocument(json: Self.usersJSON)).screen.contains("TLS not verified")))
    }

    @Test("JSON shows as a tree; Space folds a node showing its size; zc and zo fold and unfold all")
    func folding() throws {
        var state = try stateWithResponse(makeDocument(json: Self.usersJSON))
        var grid = state.screen
        #expect(grid.contains("\"items\": ["))
        #expect(grid.contains("\"name\": \"Ada\""))
        #expect(grid.contains("\"total\": 2"))
        #expect(grid.contains("\"next\": null"))
        // Cursor on the root; down to "items", fold it.
        state.press(.character("j"), .character(" "))
        grid = state.screen
        #expect(grid.contains("▸ \"items\": [2 items]"))
        #expect(!grid.contains("Ada"))
        state.press(.character("z"), .character("o"))
        #expect(state.screen.contains("Ada"))
        state.press(.character("z"), .character("c"))
        grid = state.screen
        #expect(grid.contains("\"items\": [2 items]"))
        #expect(grid.contains("\"total\": 2"))
        #expect(!grid.contains("Ada"))
    }

    @Test("A string holding JSON shows its quotes escaped, as JSON writes it, and its characters decoded")
    func escapedStrings() throws {
        let json = #"{"data": "{\n  \"token\": \"Z\u00fcrich\\\\x\"\n}", "k\"q": 1}"#
        var state = try stateWithResponse(makeDocument(json: json))
        let grid = state.screen
        let data = try #require(grid.find("\"data\""))
        let row = grid.line(data.y)
        #expect(row.contains(#""data": "{\n  \"token\": \"Zürich\\\\x\"\n}""#), "\(row)")
        #expect(grid.contains(#""k\"q": 1"#))
        // Search finds the decoded text, as before.
        state.press(.character("/"))
        state.type("Zürich")
        state.press(.enter)
        #expect(state.screen.contains("Match 1 of 1"))
    }

    /// The match a search jumps to is shown above the "Match 1 of N" line, not under it.
    @Test("A match far down a long body is shown above the match line")
    func matchNotUnderTheMatchLine() throws {
        let items = (1...300).map { #"{"id": \#($0), "name": "item \#($0)"}"# }.joined(separator: ", ")
        var state = try stateWithResponse(makeDocument(json: "[\(items)]"))
        state.press(.character("/"))
        state.type("item 250")
        state.press(.enter)
        let grid = state.screen
        #expect(grid.contains("Match 1 of 1"))
        #expect(grid.contains(#""name": "item 250""#), "\(grid)")
        state.press(.character("n"))
        #expect(state.screen.contains(#""name": "item 250""#))
    }

    @Test("p toggles the raw body; / searches with n for the next match")
    func rawAndSearch() throws {
        var state = try stateWithResponse(makeDocument(json: Self.usersJSON))
        state.press(.character("z"), .character("c"))
        state.press(.character("/"))
        state.type("grace")
        #expect(state.screen.contains("/grace"))
        state.press(.enter)
        let grid = state.screen
        #expect(grid.contains("\"name\": \"Grace\""))  // revealed: its ancestors unfolded
        #expect(grid.contains("Match 1 of 1"))
        state.press(.character("p"))
        #expect(state.screen.contains(#"{"items": [{"id": 1"#))
    }

    @Test("$ filters with JSONPath; Esc restores the whole body")
    func jsonPath() throws {
        var state = try stateWithResponse(makeDocument(json: Self.usersJSON))
        state.press(.character("$"))
        state.press(.control("u"))
        state.type("$.items[*].name")
        state.press(.enter)
        var grid = state.screen
        #expect(grid.contains("\"Ada\""))
        #expect(grid.contains("\"Grace\""))
        #expect(!grid.contains("\"total\""))
        #expect(grid.contains("2 matches for $.items[*].name"))
        state.press(.escape)
        grid = state.screen
        #expect(grid.contains("\"total\": 2"))
        // A bad path says what is wrong and keeps the body.
        state.press(.character("$"), .control("u"))
        state.type("$.items[")
        state.press(.enter)
        #expect(state.body?.message?.isEmpty == false)
        #expect(state.screen.contains("\"total\": 2"))
    }

    @Test("Headers and Timing tabs")
    func tabs() throws {
        var state = try stateWithResponse(makeDocument(json: Self.usersJSON, headers: [
            HeaderField(name: "Content-Type", value: "application/json"),
            HeaderField(name: "X-Long", value: String(repeating: "v", count: 300)),
        ]))
        state.press(.character("2"))
        var grid = state.screen
        #expect(grid.contains("Content-Type"))
        #expect(grid.contains("X-Long"))
        state.press(.character("3"))
        grid = state.screen
        #expect(grid.contains("DNS"))
        #expect(grid.contains("Waiting"))
        #expect(grid.contains("25.0 ms") || grid.contains("25 ms"))
    }

    @Test("The negotiated HTTP version and a reused connection show on the status line and the Timing tab")
    func versionAndReuse() throws {
        var document = makeDocument(json: Self.usersJSON)
        document.response.httpVersion = "2"
        document.response.connectionReused = true
        var state = try stateWithResponse(document)
        let status = try #require(state.screen.find(" 200 "))
        #expect(state.screen.line(status.y).contains(" 200  OK  25.0 ms · 129 B · HTTP/2 · reused connection "))
        state.press(.character("3"))
        let grid = state.screen
        let total = try #require(grid.find("Total"))
        #expect(grid.line(total.y + 1).dropFirst(total.x).hasPrefix("HTTP/2 · reused connection"), "\(grid.line(total.y + 1))")
    }

    @Test("Escape sequences and invalid UTF-8 in a body are shown inert")
    func inertText() throws {
        var bytes = Data("hello \u{1b}[31mred\u{1b}[0m \u{7}bell ".utf8)
        bytes.append(contentsOf: [0xFF, 0xFE, 0x41])
        let response = HTTPResponse(status: 200, reason: "OK", httpVersion: "1.1",
                                    headers: [HeaderField(name: "Content-Type", value: "text/plain")], body: bytes,
                                    finalURL: "http://127.0.0.1/", timings: TransferTimings())
        let document = ResponseDocument(response: response, method: .GET, url: "http://127.0.0.1/", secrets: SecretSet(), receivedAt: Date())
        let state = try stateWithResponse(document)
        let grid = state.screen
        #expect(grid.contains("\\x1b[31mred"))
        #expect(grid.contains("\\x07bell"))
        #expect(grid.contains("\u{FFFD}"))
        #expect(!grid.cells.contains { $0.character == "\u{1b}" || $0.character == "\u{7}" })
    }

    @Test("Invalid JSON with a JSON content type shows the parse error above the text")
    func invalidJSON() throws {
        let state = try stateWithResponse(makeDocument(json: #"{"a": 1,"#))
        let grid = state.screen
        #expect(grid.contains("Invalid JSON"))
        #expect(grid.contains(#"{"a": 1,"#))
    }

    @Test("A binary body shows a hex view with its size")
    func binary() throws {
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02] + Array(repeating: 0, count: 40))
        let response = HTTPResponse(status: 200, reason: "OK", httpVersion: "1.1",
                                    headers: [HeaderField(name: "Content-Type", value: "image/png")], body: bytes,
                                    finalURL: "http://127.0.0.1/", timings: TransferTimings())
        let state = try stateWithResponse(ResponseDocument(response: response, method: .GET, url: "http://127.0.0.1/", secrets: SecretSet(), receivedAt: Date()))
        let grid = state.screen
        #expect(grid.contains("binary, 48 B"))
        #expect(grid.contains("89 50 4e 47"))
        #expect(grid.contains(".PNG"))
    }

    @Test("A secret echoed by the server is masked in the body and headers")
    func secretsMasked() throws {
        let secrets = SecretSet(["canary-5ecret"])
        let document = makeDocument(json: #"{"authorization": "Bearer canary-5ecret"}"#, headers: [
            HeaderField(name: "Content-Type", value: "application/json"),
            HeaderField(name: "X-Echo", value: "canary-5ecret"),
        ], secrets: secrets)
        var state = try stateWithResponse(document)
        #expect(!state.text.contains("canary-5ecret"))
        #expect(state.text.contains("Bearer ••••"))
        state.press(.character("2"))
        #expect(!state.text.contains("canary-5ecret"))
        #expect(state.text.contains("••••"))
    }

    @Test("A tree of 100,000 items scrolls by pages without walking the document")
    func largeTree() throws {
        var json = "["
        for i in 0..<100_000 { json += (i == 0 ? "" : ",") + #"{"id":\#(i),"name":"user \#(i)"}"# }
        json += "]"
        var state = try stateWithResponse(makeDocument(json: json))
        state.press(.character("G"))
        #expect(state.screen.contains("]"))
        state.press(.character("g"), .character("g"))
        state.press(.pageDown, .pageDown)
        #expect(state.screen.contains("\"id\": "))
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension AppState {
    var body: ResponseBodyState? { currentResponse?.body }
}

import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// The response viewer's Request tab: each request as sent, per redirect hop, masked, at 80×24
/// and on a narrow terminal, scrolled with the keys of the Headers tab.
@Suite("Request tab")
struct RequestTabTests {
    static let secrets = SecretSet(["tok-s3cret"])

    /// A response that came after one redirect, with a secret token and a cookie on the wire.
    static func redirectedDocument() -> ResponseDocument {
        let authorization = HeaderField(name: "Authorization", value: "Bearer tok-s3cret", isSecret: true)
        var document = makeDocument(json: #"{"ok": true}"#, secrets: secrets)
        document.declaredHeaders = [authorization]
        document.response.finalURL = "http://127.0.0.1:8787/users/"
        document.response.wire = WireLog([
            SentRequest(
                head: SentRequestHead(requestLine: "GET /users HTTP/1.1", headers: [
                    HeaderField(name: "Host", value: "127.0.0.1:8787"), HeaderField(name: "Authorization", value: "Bearer tok-s3cret"),
                    HeaderField(name: "Cookie", value: "session=abc"), HeaderField(name: "Accept", value: "*/*"),
                ]),
                hop: 0,
                answer: ResponseHead(status: 302, reason: "Found", httpVersion: "1.1", headers: [HeaderField(name: "Location", value: "/users/")]),
                redirect: Redirect(status: 302, url: "http://127.0.0.1:8787/users/", crossesOrigin: false)),
            SentRequest(
                head: SentRequestHead(requestLine: "GET /users/ HTTP/1.1", headers: [
                    HeaderField(name: "Host", value: "127.0.0.1:8787"), HeaderField(name: "Authorization", value: "Bearer tok-s3cret"),
                ]),
                hop: 1, answer: ResponseHead(status: 200, reason: "OK", httpVersion: "1.1", headers: [])),
        ])
        return document
    }

    /// The whole transcript as the tab lays it out, one row a line.
    static let transcript = [
        "> GET /users HTTP/1.1",
        "> Host: 127.0.0.1:8787",
        "> Authorization: ••••",
        "> Cookie: session=••••",
        "> Accept: */*",
        ">",
        "< HTTP/1.1 302 Found",
        "< Location: /users/",
        "* redirect to http://127.0.0.1:8787/users/",
        "",
        "> GET /users/ HTTP/1.1",
        "> Host: 127.0.0.1:8787",
        "> Authorization: ••••",
        ">",
        "* final URL: http://127.0.0.1:8787/users/",
    ]

    /// A state with the document shown, focus on the response, at the given size.
    func state(width: Int, height: Int) throws -> AppState {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: width, height: height)
        state.select("Users", "List users")
        let effects = state.press(.control("r"))
        guard case .send(let order) = effects.first(where: \.isSend) else { throw TestFailure("no send effect") }
        _ = state.update(.transferFinished(transfer: order.id, outcome: .completed(Self.redirectedDocument())), now: 1)
        state.focus = .response
        return state
    }

    /// The rows of the response pane below its tab bar, inside the frame, trailing spaces removed.
    func contentRows(_ state: AppState) throws -> [String] {
        let grid = state.screen
        let rect = try #require(state.layout.response)
        let inner = rect.inset(dx: 1, dy: 1)
        return (inner.y + 2..<inner.maxY).map { y in
            var text = ""
            for x in inner.x..<inner.maxX where !grid[x, y].isWideTail { text.append(grid[x, y].character) }
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    func tabBar(_ state: AppState) throws -> String {
        let rect = try #require(state.layout.response)
        var bar = String(state.screen.line(rect.y + 2).dropFirst(rect.x + 1).prefix(rect.width - 2))
        while bar.last == " " { bar.removeLast() }
        return bar
    }

    @Test("At 80×24, 5 opens the tab: every request of the chain, masked; j, G and gg scroll it")
    func standardTerminal() throws {
        var state = try state(width: 80, height: 24)
        state.press(.character("5"))
        #expect(state.currentResponse?.tab == .request)
        let bar = try tabBar(state)
        #expect(bar == " 1 Body  2 Headers  3 Timing  4 History  5 Request")
        let rows = try contentRows(state)
        #expect(rows == Array(Self.transcript.prefix(rows.count)), "\(rows)")
        #expect(rows.count == 9)
        state.press(.character("j"))
        #expect(try contentRows(state) == Array(Self.transcript.dropFirst().prefix(rows.count)))
        state.press(.character("G"))
        #expect(try contentRows(state) == Array(Self.transcript.suffix(rows.count)))
        state.press(.character("g"), .character("g"))
        #expect(try contentRows(state) == Array(Self.transcript.prefix(rows.count)))
        // ] and [ cycle to it and away like any tab; the Tests tab after it comes into view.
        state.press(.character("]"))
        #expect(state.currentResponse?.tab == .tests)
        #expect(try tabBar(state) == " 2 Headers  3 Timing  4 History  5 Request  6 Tests")
        state.press(.character("["))
        #expect(state.currentResponse?.tab == .request)
        #expect(!state.text.contains("tok-s3cret"))
        #expect(!state.text.contains("session=abc"))
    }

    @Test("At 40 columns long lines wrap under their start and the tab bar keeps the Request tab in view")
    func narrowTerminal() throws {
        var state = try state(width: 40, height: 24)
        state.press(.character("5"))
        let bar = try tabBar(state)
        #expect(bar == " 3 Timing  4 History  5 Request", "the first tabs give way")
        var expected: [String] = []
        for line in Self.transcript {
            if line.count > 38 {
                expected += [String(line.prefix(38)), "  " + line.dropFirst(38)]
            } else {
                expected.append(line)
            }
        }
        let rows = try contentRows(state)
        #expect(Array(rows.prefix(expected.count)) == expected, "\(rows)")
        #expect(rows.dropFirst(expected.count).allSatisfy { $0.isEmpty })
        // A click on a tab of the shifted bar picks that tab.
        let rect = try #require(state.layout.response)
        let column = try #require(bar.range(of: "4 History")).lowerBound.utf16Offset(in: bar)
        _ = state.update(.input(.mouse(MouseEvent(.press, x: rect.x + 1 + column, y: rect.y + 2))), now: 2)
        #expect(state.currentResponse?.tab == .history)
    }

    @Test("Ctrl-T reveals the secrets for three seconds, then they are masked again")
    func reveal() throws {
        var state = try state(width: 120, height: 40)
        state.press(.character("5"))
        state.press(.control("t"), now: 10)
        #expect(state.text.contains("> Authorization: Bearer tok-s3cret"))
        #expect(state.text.contains("> Cookie: session=abc"))
        _ = state.update(.tick, now: 14)
        #expect(!state.text.contains("tok-s3cret"))
    }

    @Test("A response from history says it keeps no wire")
    func history() throws {
        var document = Self.redirectedDocument()
        document.response.wire = WireLog()
        document.historyDate = Date()
        var state = try state(width: 80, height: 24)
        state.responses[state.editor!.reference]?.show(document)
        state.press(.character("5"))
        #expect(try contentRows(state).first == "History keeps no record of the request as sent")
    }
}

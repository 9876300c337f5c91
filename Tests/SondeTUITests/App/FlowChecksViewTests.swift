import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// `captures:` and `expect:` in the TUI: the status line's tally, the Tests tab, captured
/// values kept as variables for the next send and listed (masked) with the environments.
@Suite("Expectations and captures in the TUI")
struct FlowChecksViewTests {
    static let token = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    /// The state after sending the demo's login request and getting `body` back with `status`.
    func stateAfterLogin(status: Int = 200, body: String) throws -> AppState {
        let workspace = try TestWorkspace()
        var state = workspace.state(width: 100, height: 30)
        state.select("flows", "Log in and keep the token")
        let effects = state.press(.control("r"))
        guard case .send(let order) = effects.first(where: \.isSend) else { throw TestFailure("no send effect") }
        let response = HTTPResponse(
            status: status, reason: status == 200 ? "OK" : "Error", httpVersion: "1.1",
            headers: [HeaderField(name: "Content-Type", value: "application/json"), HeaderField(name: "Cache-Control", value: "no-store")],
            body: Data(body.utf8), finalURL: "http://127.0.0.1:8787/oauth/token", timings: TransferTimings())
        let exchange = Exchange(
            request: PreparedRequest(method: .POST, url: "http://127.0.0.1:8787/oauth/token"), response: response,
            auth: EffectiveAuth.resolve(request: order.request, in: order.context.collection, environment: order.context.environment), attempts: [])
        let document = ResponseDocument(exchange: exchange, receivedAt: Date(), checking: order.request.definition, requestID: order.reference.requestID)
        _ = state.update(.transferFinished(transfer: order.id, outcome: .completed(document)), now: 1)
        state.focus = .response
        return state
    }

    @Test("Expected values take variables and this response's own captures, as sonde send and sonde run do")
    func expectedValuesWithVariables() throws {
        let workspace = try TestWorkspace()
        try """
            name: Checked by variables
            method: GET
            url: "{{baseUrl}}/users/1"
            captures:
              id: {json: $.id}
            expect:
              json:
                - {path: $.id, equals: "{{id}}"}
                - {path: $.name, equals: "{{apiKey}}"}
            """.write(to: workspace.collectionRoot.appendingPathComponent("users/by-variables.yaml"), atomically: true, encoding: .utf8)
        var state = workspace.state(width: 100, height: 30)
        state.select("Users", "Checked by variables")
        guard case .send(let order) = state.press(.control("r")).first(where: \.isSend) else { throw TestFailure("no send effect") }
        let response = HTTPResponse(
            status: 200, reason: "OK", httpVersion: "1.1", headers: [HeaderField(name: "Content-Type", value: "application/json")],
            body: Data(#"{"id": 7, "name": "Ada"}"#.utf8), finalURL: "http://127.0.0.1:8787/users/1", timings: TransferTimings())
        let exchange = Exchange(
            request: PreparedRequest(method: .GET, url: "http://127.0.0.1:8787/users/1"), response: response,
            auth: EffectiveAuth.resolve(request: order.request, in: order.context.collection, environment: order.context.environment), attempts: [])
        let document = ResponseDocument(exchange: exchange, receivedAt: Date(), checking: order.request.definition,
                                        requestID: order.reference.requestID, context: order.context)
        #expect(document.expectationResults.map(\.line) == [
            "✓ $.id equals 7",
            #"✗ $.name equals "demo-key": got "Ada""#,
        ])
    }

    @Test("A passing login: expect 8/8 ✓, the Tests tab lists each check, the token is a masked variable for the next send")
    func passingLogin() throws {
        var state = try stateAfterLogin(body: #"{"access_token":"\#(Self.token)","expires_in":300,"scope":"","token_type":"Bearer"}"#)
        #expect(state.text.contains(" 200  OK  expect 8/8 ✓"))
        #expect(!state.text.contains(Self.token))
        #expect(state.captured[0] == [
            CapturedValue(name: "token", value: Self.token, isSecret: true), CapturedValue(name: "tokenLifetime", value: "300"),
        ])
        state.press(.character("6"))
        #expect(state.currentResponse?.tab == .tests)
        let rows = try RequestTabTests().contentRows(state)
        #expect(Array(rows.prefix(11)) == [
            "✓ status 200 (expected 200)",
            #"✓ header Content-Type contains "json""#,
            #"✓ header Cache-Control equals "no-store""#,
            #"✓ $.token_type equals "Bearer""#,
            "✓ $.expires_in type integer",
            "✓ $.expires_in gt 0",
            "✓ $.access_token matches /^[0-9a-f]{64}$/",
            "✓ duration lt 10000 ms",
            "captured token = ••••",
            "captured tokenLifetime = 300",
            "",
        ])
        // The next request's {{token}} is the captured one, and a secret of that send.
        let protected = try #require(state.collections[0].request(id: "flows/protected"))
        let prepared = try RequestPreparer.prepare(protected, in: state.sendContext(for: 0))
        #expect(prepared.request.headers.contains { $0.name == "Authorization" && $0.value == "Bearer \(Self.token)" })
        #expect(prepared.request.secrets.redact("Bearer \(Self.token)") == "Bearer ••••")
        // The environment list shows the captured values, the secret masked.
        state.press(.control("o"))
        #expect(state.text.contains("Captured (until sonde quits)"))
        #expect(state.text.contains("token = ••••"))
        #expect(state.text.contains("tokenLifetime = 300"))
        #expect(!state.text.contains(Self.token))
    }

    @Test("A failing login: expect 3/8 ✗ in red, a notice, and the Tests tab says what came instead")
    func failingLogin() throws {
        var state = try stateAfterLogin(status: 401, body: #"{"error":"invalid_client"}"#)
        #expect(state.text.contains(" 401  Error  expect 3/8 ✗"))
        #expect(state.notice?.kind == .error)
        // The captures found nothing: the notice names the request and the expression.
        #expect(state.notice?.text.hasPrefix("flows/login: capture token (json $.access_token) found nothing") == true)
        #expect(state.notice?.text.hasSuffix("(and 1 more: tab 6)") == true)
        #expect(state.captured[0] == nil)
        state.press(.character("6"))
        let rows = try RequestTabTests().contentRows(state)
        #expect(Array(rows.prefix(3)) == [
            "✗ status: expected 200, got 401",
            #"✓ header Content-Type contains "json""#,
            #"✓ header Cache-Control equals "no-store""#,
        ])
        #expect(rows.contains(#"✗ $.token_type equals "Bearer": got nothing"#))
        #expect(rows.contains { $0.hasPrefix("✗ capture token (json $.access_token): the path selects nothing") })
        #expect(rows.contains { $0.hasPrefix("✗ capture tokenLifetime (json $.expires_in): the path selects nothing") })
    }
}

import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Render reads nothing but the state: no clock, random numbers or files. What needs them (the
/// Auth tab's prepared request, with `{{$uuid}}` and `{{$timestamp}}`) is worked out in update.
@Suite("Render is pure")
struct PureRenderTests {
    /// A demo workspace with two requests whose auth draws dynamic values: a bearer token
    /// `{{$uuid}}` and an API key in the query `{{$timestamp}}-{{$randomInt}}`.
    func dynamicAuthWorkspace() throws -> TestWorkspace {
        let workspace = try TestWorkspace()
        let folder = workspace.collectionRoot.appendingPathComponent("auth")
        try """
            name: Dynamic bearer
            url: "{{baseUrl}}/auth/bearer"
            auth: {type: bearer, token: "{{$uuid}}"}
            """.write(to: folder.appendingPathComponent("dynamic-bearer.yaml"), atomically: true, encoding: .utf8)
        try """
            name: Dynamic key
            url: "{{baseUrl}}/auth/api-key-query"
            auth: {type: api_key, name: api_key, value: "{{$timestamp}}-{{$randomInt}}", in: query}
            """.write(to: folder.appendingPathComponent("dynamic-key.yaml"), atomically: true, encoding: .utf8)
        return workspace
    }

    /// Opens `name` through update (the filter) and shows its Auth tab.
    func openAuthTab(_ name: String, in state: inout AppState) {
        state.press(.character("/"))
        _ = state.update(.input(.paste(name)), now: 0)
        state.press(.enter, .alt("2"))
        state.editor?.focus = .tabs
        state.press(.character("4"))
    }

    /// The grid's line that starts with `label` inside the request pane, from the label on.
    func line(_ label: String, in grid: ScreenGrid) -> String? {
        grid.lines.lazy.compactMap { line in line.range(of: "││\(label)").map { String(line[$0.upperBound...]) } }.first
    }

    @Test("One state draws one frame, with {{$uuid}} in a bearer token; ticks and redraws keep the token")
    func bearerUUID() throws {
        let workspace = try dynamicAuthWorkspace()
        var state = workspace.state()
        openAuthTab("Dynamic bearer", in: &state)
        let first = AppRenderer.render(state)
        #expect(first == AppRenderer.render(state))
        // The token really is on screen, drawn once: a v4 UUID, the same after ticks.
        let sends = try #require(line("sends    ", in: first))
        let token = try #require(sends.firstMatch(of: /Authorization: Bearer ([0-9a-f-]{36})/)?.1)
        #expect(line("token    ", in: first)?.hasPrefix("{{$uuid}}") == true)
        _ = state.update(.tick, now: 0.1)
        _ = state.update(.tick, now: 0.2)
        #expect(AppRenderer.render(state) == first)
        #expect(state.authPreview?.lines.contains { $0.value.hasSuffix(String(token)) } == true)
    }

    @Test("One state draws one frame, with {{$timestamp}} and {{$randomInt}} in an API key")
    func apiKeyTimestamp() throws {
        let workspace = try dynamicAuthWorkspace()
        var state = workspace.state(width: 160)
        openAuthTab("Dynamic key", in: &state)
        let first = AppRenderer.render(state)
        #expect(first == AppRenderer.render(state))
        let sends = try #require(line("sends    ", in: first))
        #expect(sends.contains(#/query api_key in http://127\.0\.0\.1:8787/auth/api-key-query\?api_key=\d{10}-\d{1,4} /#))
    }

    @Test("The preview is prepared again when the draft or the environment changes, and only then")
    func preparedAgainOnChange() throws {
        let workspace = try dynamicAuthWorkspace()
        var state = workspace.state()
        openAuthTab("Dynamic bearer", in: &state)
        let prepared = try #require(state.authPreview)
        // Moving the focus changes nothing it depends on: the same preview, token and all.
        state.press(.up)
        #expect(state.authPreview == prepared)
        // Another environment: inputs changed, so a new preparation (and a new token).
        state.environmentName = "staging"
        _ = state.update(.tick, now: 1)
        let staging = try #require(state.authPreview)
        #expect(staging.context.environment?.name == "staging")
        #expect(staging.lines != prepared.lines)
        // An edit to the draft (the URL) prepares it again; leaving the tab drops it.
        state.editor?.focus = .url
        state.editor?.isEditing = true
        state.type("?x=1")
        #expect(state.authPreview?.request.definition.url == "{{baseUrl}}/auth/bearer?x=1")
        state.editor?.focus = .tabs
        state.press(.character("1"))
        #expect(state.authPreview == nil)
    }

    @Test("History dates show in the state's time zone, not the system's")
    func historyDatesInTheStatesZone() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("Users", "List users")
        let reference = try #require(state.editor?.reference)
        let entry = HistoryEntry(
            date: Date(timeIntervalSince1970: 0), method: .GET, url: "http://127.0.0.1:8787/users", finalURL: "http://127.0.0.1:8787/users",
            status: 200, reason: "OK", httpVersion: "1.1", headers: [], timings: TransferTimings(), bodySize: 2, body: Data("[]".utf8),
            isBodyTruncated: false)
        state.responses[reference, default: ResponseViewState()].showHistory([entry])
        state.responses[reference]?.tab = .history
        #expect(state.screen.contains("1970-01-01 00:00:00  200"))
        state.timeZone = try #require(TimeZone(identifier: "Asia/Tokyo"))
        #expect(state.screen.contains("1970-01-01 09:00:00  200"))
    }
}

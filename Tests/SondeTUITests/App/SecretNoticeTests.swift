import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// What the TUI says of secrets when sending, and how a hostile response's status line shows.
@Suite("Secrets and hostile text in the status lines")
struct SecretNoticeTests {
    @Test("Sending with a secret under 4 characters shows the send command's warning as a notice")
    func shortSecretNotice() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.secretSources = [SecretSource(processEnvironment: ["PIN": "12", "LONG_TOKEN": "long-enough"])]
        state.select("auth", "Bearer token (inherited from the environment)")
        state.editor?.draft.auth = .bearer(token: "{{env:LONG_TOKEN}}")
        #expect(state.press(.control("r")).contains { if case .send = $0 { true } else { false } })
        #expect(state.notice == nil, "a secret of 4 characters or more needs no warning")
        _ = state.update(.transferFinished(transfer: 1, outcome: .cancelled), now: 0)

        state.editor?.draft.auth = .bearer(token: "{{env:PIN}}")
        #expect(state.press(.control("r")).contains { if case .send = $0 { true } else { false } })
        #expect(state.notice?.kind == .warning)
        #expect(state.notice?.text == "{{env:PIN}} is shorter than 4 characters: masked only where it stands alone, not inside other text")
        _ = state.update(.transferFinished(transfer: 2, outcome: .failed("boom")), now: 0)
    }

    @Test("The reason phrase is masked in the status line, and bidi overrides in a body show by name")
    func reasonMaskedAndBidiVisible() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.select("auth", "Bearer token (inherited from the environment)")
        #expect(state.press(.control("r")).contains { if case .send = $0 { true } else { false } })
        let secret = "canary-5ecret"
        let response = HTTPResponse(
            status: 401, reason: "Bad Bearer \(secret) \u{1B}[2J", httpVersion: "1.1",
            headers: [HeaderField(name: "Content-Type", value: "text/plain")],
            body: Data("invoice\u{202E}fdp.exe".utf8), finalURL: "http://127.0.0.1/", timings: TransferTimings())
        let document = ResponseDocument(response: response, method: .GET, url: "http://127.0.0.1/", secrets: SecretSet([secret]), receivedAt: Date())
        #expect(document.response.reason == "Bad Bearer •••• \u{1B}[2J", "masked where the document is built")
        _ = state.update(.transferFinished(transfer: 1, outcome: .completed(document)), now: 0)
        let text = state.text
        let lines = state.screen.lines.map { String($0.drop { $0 != "│" }.dropFirst(33)) }
        #expect(lines.contains("│ 401  Bad Bearer •••• \\x1b[2J  0.00 ms · 17 B · HTTP/1.1 · new connection            │"))
        #expect(lines.contains("│invoice<U+202E>fdp.exe                                                               │"))
        #expect(!text.contains(secret))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }
}

import Foundation
import PropertyBased
import SondeCore
import SondeHTTP
import SondeTestSupport
import Testing
@testable import SondeTUI

/// Random secrets sent by the real runner through libcurl, in params, a header, each auth kind,
/// a JSON body and a multipart field, to the demo server's echo (which returns them in its JSON
/// body) and to a hostile server (which returns them in the reason phrase, headers, Location and
/// body): no form of the secret may appear on any screen the TUI can show afterwards (every
/// request tab against every response tab, raw and pretty, history, help, palette,
/// environments, at a wide and a narrow size) nor in the history files.
@Suite("Secrets on every screen of the TUI")
struct SecretScreenPropertyTests {
    static let requests: [(file: String, name: String, yaml: String)] = [
        ("prop/echo.yaml", "Echo secret", """
            name: Echo secret
            method: POST
            url: "{{baseUrl}}/echo/json"
            params:
              - {name: p, value: "{{env:SECRET}}"}
            headers:
              - {name: X-Secret, value: "{{env:SECRET}}"}
            auth: {type: bearer, token: "{{env:SECRET}}"}
            body:
              type: json
              content: '{"s": "{{env:SECRET}}"}'
            """),
        ("prop/multipart.yaml", "Multipart secret", """
            name: Multipart secret
            method: POST
            url: "{{baseUrl}}/echo/upload"
            auth: {type: basic, username: demo, password: "{{env:SECRET}}"}
            body:
              type: multipart
              parts:
                - {name: field, value: "{{env:SECRET}}"}
            """),
        ("prop/key.yaml", "Key secret", """
            name: Key secret
            url: "{{baseUrl}}/echo/get"
            auth: {type: api_key, name: api_key, value: "{{env:SECRET}}", in: query}
            """),
        ("prop/hostile.yaml", "Hostile echo", """
            name: Hostile echo
            url: "{{hostileUrl}}/r"
            headers:
              - {name: X-Key, value: "{{env:SECRET}}"}
            auth: {type: bearer, token: "{{env:SECRET}}"}
            """),
    ]

    @Test func noFormOfARandomSecretShowsOnAnyScreen() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            for request in Self.requests {
                let url = workspace.collectionRoot.appendingPathComponent(request.file)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try request.yaml.write(to: url, atomically: true, encoding: .utf8)
            }
            let environmentFile = workspace.collectionRoot.appendingPathComponent("environments/local.yaml")
            let localEnvironment = try String(contentsOf: environmentFile, encoding: .utf8)
            let historyFolder = workspace.root.appendingPathComponent("history")
            let pool: [Character] = Array("abcXYZ019 -_.~%+/=&@:\"\\'<>?#[]{}!$()*;,éüß中文😀🔑")
            // No space at either end: HTTP trims a header value or a reason phrase.
            let secrets = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 6...20)
                .map { "k" + $0.trimmingCharacters(in: .whitespaces) + "k" }
            // Four runner sessions a case, each a real transfer: 6 cases keep this under ~5 s.
            await propertyCheck(count: 6, input: secrets) { secret in
                await recordingThrows {
                    let forms = SecretForms.all(of: secret, base64Prefixes: ["", "demo:"])
                    let hostile = try CannedResponseServer(response: SecretForms.echoingResponse(secret))
                    defer { hostile.stop() }
                    try (localEnvironment + "\n  - {name: hostileUrl, value: \"\(hostile.url)\"}\n")
                        .write(to: environmentFile, atomically: true, encoding: .utf8)
                    let services = AppServices(sender: RequestSender(transport: CurlTransport()), collectionsRoot: workspace.root,
                                               history: ResponseHistory(directory: historyFolder), environment: ["SECRET": secret])
                    for request in Self.requests {
                        let state = try await Self.sent(request.name, services: services)
                        for (screen, text) in Self.everyScreen(of: state) {
                            for form in forms where text.contains(form) {
                                Issue.record("\(request.name), \(screen): the secret \(secret) shows as \(form):\n\(text)")
                            }
                        }
                    }
                    let enumerator = try #require(FileManager.default.enumerator(at: historyFolder, includingPropertiesForKeys: nil))
                    for case let file as URL in enumerator where !file.hasDirectoryPath {
                        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
                        for form in forms where text.contains(form) {
                            Issue.record("\(file.lastPathComponent) holds the secret \(secret) as \(form)")
                        }
                    }
                }
            }
        }
    }

    /// Runs the app on the request named `name`: sends it with Ctrl-R, opens the History tab
    /// once the answer shows (so history is read back from disk), and quits.
    static func sent(_ name: String, services: AppServices) async throws -> AppState {
        var state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
        state.select("prop", name)
        guard state.editor?.draft.name == name else { throw TestFailure("\(name) is not in the tree") }
        let k = { (key: Key) in InputEvent.key(key) }
        let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
            .init(waitFor: "Collections", input: k(.control("r"))),
            .init(waitFor: " B · HTTP/", input: k(.alt("3"))),
            .init(waitFor: "", input: k(.character("4"))),
            .init(waitFor: "Enter shows a past response", input: k(.control("q"))),
        ])
        let initial = state
        let final = await runOnThread(AppRunner(state: initial, backend: terminal, services: services))
        if let failure = terminal.failure { throw TestFailure(failure) }
        return final
    }

    /// The text of every screen the state can show: each request tab beside each response tab,
    /// the body pretty and raw, and the overlays, at 120×40 and 50×16.
    static func everyScreen(of sent: AppState) -> [(String, String)] {
        var screens: [(String, String)] = []
        guard let reference = sent.editor?.reference else { return [("no editor", "")] }
        for size in [(120, 40), (50, 16)] {
            var state = sent
            state.size = size
            for requestTab in RequestTab.allCases {
                state.editor?.tab = requestTab
                for responseTab in ResponseTab.allCases {
                    state.responses[reference]?.tab = responseTab
                    for pretty in [true, false] {
                        state.responses[reference]?.body.pretty = pretty
                        for focus in [Pane.request, .response] {
                            state.focus = focus
                            screens.append(("\(size) \(requestTab)/\(responseTab) pretty \(pretty) \(focus)", state.text))
                        }
                    }
                }
            }
            // The past response, read back from the history file.
            state.overlay = nil
            state.focus = .response
            state.responses[reference]?.tab = .history
            state.press(.enter)
            screens.append(("\(size) past response", state.text))
            for overlay in [Overlay.help(scroll: 0), .palette(query: LineEditor(), selection: 0), .environments(selection: 0)] {
                state.overlay = overlay
                screens.append(("\(size) \(overlay)", state.text))
            }
        }
        return screens
    }
}

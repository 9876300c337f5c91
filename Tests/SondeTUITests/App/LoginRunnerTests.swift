import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Testing
@testable import SondeTUI

/// Interactive OAuth2 logins inside the TUI, end to end: the runner with libcurl against the
/// demo authorization server, the login dialog on a scripted terminal, `$BROWSER` given in the
/// services' environment (never set in the process: tests run in parallel).
@Suite("OAuth2 login in the TUI, against the demo server")
struct LoginRunnerTests {
    /// Services with a token store in the workspace, a callback listener, and `environment`.
    func services(_ workspace: TestWorkspace, environment: [String: String] = [:]) -> (AppServices, OAuth2TokenStore) {
        let store = OAuth2TokenStore(folder: workspace.root.appendingPathComponent("state/oauth2"))
        let services = AppServices(
            sender: RequestSender(transport: CurlTransport(), tokenStore: store), collectionsRoot: workspace.root, history: nil,
            environment: environment, listenForCallback: { port throws(OAuth2Error) in try LoopbackCallbackListener(port: port) })
        return (services, store)
    }

    /// Opens the request named `name` and sends it (a GET: Enter sends at once).
    func openAndSend(_ name: String) -> [ScriptedTerminal.Step] {
        [
            .init(waitFor: "Collections", input: .key(.character("/"))),
            .init(waitFor: "", input: .paste(name)),
            .init(waitFor: "GET ▾", input: .key(.enter)),
            .init(waitFor: "", input: .key(.enter)),
        ]
    }

    /// The user code the dialog shows, read off the screen as a person would; nil after `ScriptedTerminal.defaultTimeout`.
    func userCode(on terminal: ScriptedTerminal) async throws -> String? {
        let deadline = Date().addingTimeInterval(ScriptedTerminal.defaultTimeout)
        while Date() < deadline {
            let screen = terminal.screen
            if screen.contains("Open this page and enter the code:"),
               let match = screen.lines.lazy.compactMap({ $0.firstMatch(of: /[B-Z]{4}-[B-Z]{4}/) }).first {
                return String(match.output)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test("Device code: the dialog shows the code, the test approves it, the response comes; the token never on screen")
    func deviceCodeLogin() async throws {
        let server = DemoServer(deviceInterval: 0)
        try await TestWorkspace.withDemoServer(server) { workspace in
            let base = "http://127.0.0.1:\(try await server.start())"
            let (services, store) = services(workspace)
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: openAndSend("OAuth2 device code") + [
                .init(waitFor: "200  OK", input: .key(.character("q"))),
            ])
            async let final = runOnThread(AppRunner(state: state, backend: terminal, services: services))
            let code = try await userCode(on: terminal)
            #expect(terminal.screen.contains("\(base)/oauth/device"))
            #expect(terminal.screen.contains("Waiting for approval"))
            if let code {
                let approval = try await CurlTransport().send(PreparedRequest(method: .POST, url: "\(base)/oauth/device/approve?user_code=\(code)"))
                #expect(String(decoding: approval.body, as: UTF8.self) == #"{"approved":true}"#)
            }
            let ended = await final
            #expect(code != nil, "no user code on screen:\n\(terminal.screen)")
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(ended.overlay == nil && ended.transfer == nil)
            #expect(terminal.screen.contains("{\"ok\": true}") || terminal.screen.contains("\"ok\": true"), "\(terminal.screen)")
            let kept = try #require(store.list().first?.record.accessToken)
            #expect(!terminal.screen.lines.joined().contains(kept))
        }
    }

    @Test("Authorization code: $BROWSER follows the authorize URL to the callback while the dialog waits; the response comes")
    func authorizationCodeLogin() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            // A browser that takes two seconds (so the dialog is seen), then follows the redirect to sonde's callback.
            let browser = workspace.root.appendingPathComponent("browser.sh")
            try Data("#!/bin/sh\nsleep 2\nexec curl -s -L -o /dev/null \"$1\"\n".utf8).write(to: browser)
            chmod(browser.path, 0o755)
            let (services, store) = services(workspace, environment: ["BROWSER": browser.path])
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            // The dialog, its URL and the browser it started are each awaited on screen while the browser sleeps.
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: openAndSend("OAuth2 authorization code") + [
                .init(waitFor: "Waiting for the browser…", input: .resize(width: 100, height: 30)),
                .init(waitFor: "/oauth/authorize?response_type=code&client_id=", input: .resize(width: 100, height: 30)),
                .init(waitFor: "Opened with", input: .resize(width: 100, height: 30)),
                .init(waitFor: "200  OK", input: .key(.character("q"))),
            ])
            let ended = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(ended.overlay == nil && ended.transfer == nil)
            let kept = try #require(store.list().first?.record.accessToken)
            #expect(!terminal.screen.lines.joined().contains(kept))
        }
    }

    @Test("Esc cancels a device login: the dialog goes, 'Login cancelled', and the app sends again")
    func escCancelsADeviceLogin() async throws {
        try await TestWorkspace.withDemoServer(DemoServer(deviceInterval: 1)) { workspace in
            let (services, store) = services(workspace)
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: openAndSend("OAuth2 device code") + [
                .init(waitFor: "Waiting for approval", input: .key(.escape)),
                .init(waitFor: "Login cancelled", input: .key(.control("r"))),
                .init(waitFor: "Waiting for approval", input: .key(.control("c"))),
                .init(waitFor: "Login cancelled", input: .key(.character("q"))),
            ])
            let started = Date()
            let ended = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(ended.wantsQuit && ended.overlay == nil && ended.transfer == nil)
            #expect(store.list().isEmpty)
            // The code was good for 600 s: the cancels cut the waits short.
            #expect(Date().timeIntervalSince(started) < ScriptedTerminal.defaultTimeout)
        }
    }

    @Test("Token panel: f on the device code row logs in through the same dialog; the row turns valid")
    func tokenPanelDeviceLogin() async throws {
        let server = DemoServer(deviceInterval: 0)
        try await TestWorkspace.withDemoServer(server) { workspace in
            let base = "http://127.0.0.1:\(try await server.start())"
            // One OAuth2 client left: the device code request's.
            for file in ["oauth2", "oauth2-authorization-code", "oauth2-password", "oauth2-refresh-token"] {
                try FileManager.default.removeItem(at: workspace.collectionRoot.appendingPathComponent("auth/\(file).yaml"))
            }
            let (services, store) = services(workspace)
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: .key(.character("Z"))),
                .init(waitFor: "f log in", input: .key(.character("f"))),
                .init(waitFor: "▸ local       valid", input: .key(.escape)),
                .init(waitFor: "", input: .key(.control("q"))),
            ])
            async let final = runOnThread(AppRunner(state: state, backend: terminal, services: services))
            let code = try await userCode(on: terminal)
            if let code {
                _ = try await CurlTransport().send(PreparedRequest(method: .POST, url: "\(base)/oauth/device/approve?user_code=\(code)"))
            }
            let ended = await final
            #expect(code != nil, "no user code on screen:\n\(terminal.screen)")
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            let row = try #require(ended.tokenPanelMemory?.rows.first)
            #expect(row.grant == "device_code" && row.token != nil && row.error == nil)
            #expect(store.list().count == 1)
        }
    }

    @Test("A browser that never comes back: after the auth block's timeout the dialog says so, Esc closes it")
    func aLoginTimeoutSaysSoInTheDialog() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            try """
                name: Silent browser
                url: "{{baseUrl}}/oauth/protected"
                auth:
                  type: oauth2
                  grant: authorization_code
                  authorization_url: "{{baseUrl}}/oauth/authorize"
                  token_url: "{{baseUrl}}/oauth/token"
                  client_id: demo-client
                  timeout: 0.5
                """.write(to: workspace.collectionRoot.appendingPathComponent("auth/silent.yaml"), atomically: true, encoding: .utf8)
            let browser = workspace.root.appendingPathComponent("silent.sh")
            try Data("#!/bin/sh\nexit 0\n".utf8).write(to: browser)
            chmod(browser.path, 0o755)
            let (services, store) = services(workspace, environment: ["BROWSER": browser.path])
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (100, 30))
            let terminal = ScriptedTerminal(width: 100, height: 30, steps: openAndSend("Silent browser") + [
                .init(waitFor: "Login failed", input: .resize(width: 100, height: 30)),  // only the dialog says this
                .init(waitFor: "no answer from the browser within 500.0 ms", input: .key(.escape)),
                .init(waitFor: "", input: .key(.character("q"))),
            ])
            let ended = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(ended.wantsQuit && ended.overlay == nil && ended.transfer == nil)
            let reference = RequestReference(collection: 0, requestID: "auth/silent")
            #expect(ended.responses[reference]?.failure?.contains("no answer from the browser within 500.0 ms") == true)
            #expect(store.list().isEmpty)
        }
    }
}

import Foundation
import SondeDemoServer
import Testing

/// The OAuth2 grants end to end: the real `sonde` binary against the demo authorization server
/// on 127.0.0.1, with `$BROWSER` a shell script that follows the authorize URL as a browser would,
/// tokens kept under a temporary `$XDG_STATE_HOME`.
@Suite struct OAuth2GrantCommandTests {
    /// One test's server, collection copy, state folder and browser.
    final class Setup: @unchecked Sendable {
        let server: DemoServer
        let base: String
        let folder: DemoCollectionCopy
        let state: URL

        init(tokenLifetime: Int = 3600, deviceInterval: Int = 0, deviceLifetime: Int = 600) async throws {
            server = DemoServer(tokenLifetime: tokenLifetime, deviceInterval: deviceInterval, deviceLifetime: deviceLifetime)
            base = "http://127.0.0.1:\(try await server.start())"
            folder = try DemoCollectionCopy()
            state = folder.root.appendingPathComponent("state")
        }

        /// A `$BROWSER` script with `body` as its shell text (`$1` is the authorize URL).
        func browser(_ body: String) throws -> String {
            let script = folder.root.appendingPathComponent("browser-\(UUID().uuidString.prefix(6)).sh")
            try Data("#!/bin/sh\n\(body)\n".utf8).write(to: script)
            chmod(script.path, 0o755)
            return script.path
        }

        /// Follows the authorize redirect to sonde's callback, as a browser does.
        var followingBrowser: String { get throws { try browser(#"exec curl -s -L -o /dev/null "$1""#) } }

        func sonde(_ arguments: [String], environment: [String: String] = [:]) async throws -> RunResult {
            var env = ["XDG_STATE_HOME": state.path, "DEMO_CLIENT_SECRET": "demo-client-secret"]
            env.merge(environment) { $1 }
            return try await SondeBinary.run(arguments + ["--collections", folder.root.path], environment: env)
        }

        func send(_ request: String, _ extra: [String] = [], environment: [String: String] = [:]) async throws -> RunResult {
            try await sonde(["send", request, "--env", "local", "--var", "baseUrl=\(base)"] + extra, environment: environment)
        }

        var tokenFiles: [URL] {
            let folder = state.appendingPathComponent("sonde/oauth2")
            return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? []).filter { $0.pathExtension == "json" }
        }

        func storedRecord() throws -> [String: Any] {
            let file = try #require(tokenFiles.first)
            return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        }

        func rewriteStored(_ change: (inout [String: Any]) -> Void) throws {
            let file = try #require(tokenFiles.first)
            var record = try storedRecord()
            change(&record)
            try JSONSerialization.data(withJSONObject: record).write(to: file)
        }

        deinit { let server = server; Task { await server.stop() } }
    }

    @Test func authorizationCodeLogsInWithTheBrowserKeepsTheTokenAndLogoutForgetsIt() async throws {
        let setup = try await Setup()
        let browser = try setup.followingBrowser
        let first = try await setup.send("demo/auth/oauth2-authorization-code", ["-v"], environment: ["BROWSER": browser])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == #"{"ok":true}"#)
        #expect(first.stderr.contains("opening the browser to log in"))
        #expect(await setup.server.tokenRequests == 1)

        let file = try #require(setup.tokenFiles.first)
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
        #expect(mode == 0o600 && folderMode == 0o700)
        let record = try setup.storedRecord()
        let access = try #require(record["accessToken"] as? String), refresh = try #require(record["refreshToken"] as? String)

        // A second send, without a browser that works: the kept token is used, no login.
        let second = try await setup.send("demo/auth/oauth2-authorization-code", ["-v"], environment: ["BROWSER": try setup.browser("exit 1")])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(await setup.server.tokenRequests == 1)
        let curl = try await setup.send("demo/auth/oauth2-authorization-code", ["--curl"])
        #expect(curl.stdout.contains("(authorization code)"))

        let status = try await setup.sonde(["auth", "status"])
        #expect(status.status == 0 && status.stdout.contains("authorization_code") && status.stdout.contains("local"), "\(status.output)")
        for run in [first, second, curl, status] {
            #expect(!run.output.contains(access) && !run.output.contains(refresh))
        }

        let logout = try await setup.sonde(["auth", "logout", "--env", "local"])
        #expect(logout.stdout == "forgot 1 OAuth2 token\n", "\(logout.output)")
        #expect(setup.tokenFiles.isEmpty)
        let third = try await setup.send("demo/auth/oauth2-authorization-code", environment: ["BROWSER": browser])
        #expect(third.status == 0, "\(third.stderr)")
        #expect(await setup.server.tokenRequests == 2)
    }

    @Test func aCallbackWithAnotherStateIsRefusedAndNoCodeIsExchanged() async throws {
        let setup = try await Setup()
        // Asks the authorize endpoint, then brings back its answer with the state changed.
        let forging = try setup.browser(#"""
            location=$(curl -s -o /dev/null -w '%{redirect_url}' "$1")
            exec curl -s -o /dev/null "$(printf '%s' "$location" | sed 's/state=[^&]*/state=forged/')"
            """#)
        let run = try await setup.send("demo/auth/oauth2-authorization-code", environment: ["BROWSER": forging])
        #expect(run.status == 5, "\(run.output)")
        #expect(run.stderr.contains("the callback's state does not match the one sent; login refused"))
        #expect(await setup.server.tokenRequests == 0)
        #expect(setup.tokenFiles.isEmpty)
    }

    @Test func aRefusedLoginAndABrowserThatNeverComesBackSaySo() async throws {
        let setup = try await Setup()
        try setup.folder.write("auth/silent.yaml", """
            method: GET
            url: "{{baseUrl}}/oauth/protected"
            auth:
              type: oauth2
              grant: authorization_code
              authorization_url: "{{baseUrl}}/oauth/authorize"
              token_url: "{{baseUrl}}/oauth/token"
              client_id: demo-client
              timeout: 0.5
            """)
        try setup.folder.write("auth/denied.yaml", """
            method: GET
            url: "{{baseUrl}}/oauth/protected"
            auth:
              type: oauth2
              grant: authorization_code
              authorization_url: "{{baseUrl}}/oauth/authorize"
              token_url: "{{baseUrl}}/oauth/token"
              client_id: demo-client
              authorize_params:
                login_hint: deny
            """)
        let denied = try await setup.send("demo/auth/denied", environment: ["BROWSER": try setup.followingBrowser])
        #expect(denied.status == 5)
        #expect(denied.stderr.contains("access_denied (the user said no): the login was refused"), "\(denied.stderr)")
        let started = Date()
        let silent = try await setup.send("demo/auth/silent", environment: ["BROWSER": try setup.browser("exit 0")])
        #expect(silent.status == 5)
        #expect(silent.stderr.contains("no answer from the browser within 500.0 ms"), "\(silent.stderr)")
        #expect(Date().timeIntervalSince(started) < 15)
    }

    @Test func theDeviceFlowShowsTheCodePollsAndGetsTheTokenOnceApproved() async throws {
        let setup = try await Setup()
        async let run = setup.send("demo/auth/oauth2-device-code")
        var userCode: String?
        for _ in 0..<100 where userCode == nil {
            userCode = await setup.server.pendingDeviceUserCodes.first
            if userCode == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        let code = try #require(userCode)
        let approve = try await SondeBinary.runProgram(
            "/usr/bin/curl", ["-s", "-X", "POST", "\(setup.base)/oauth/device/approve?user_code=\(code)"], environment: [:], timeout: 10)
        #expect(approve.stdout == #"{"approved":true}"#)
        let result = try await run
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == #"{"ok":true}"#)
        #expect(result.stderr.contains("To log in, open \(setup.base)/oauth/device and enter the code \(code)"))
        #expect(setup.tokenFiles.count == 1)
    }

    @Test func aDeniedOrExpiredDeviceCodeSaysSo() async throws {
        let setup = try await Setup()
        async let run = setup.send("demo/auth/oauth2-device-code")
        var userCode: String?
        for _ in 0..<100 where userCode == nil {
            userCode = await setup.server.pendingDeviceUserCodes.first
            if userCode == nil { try await Task.sleep(for: .milliseconds(50)) }
        }
        _ = try await SondeBinary.runProgram(
            "/usr/bin/curl", ["-s", "-X", "POST", "\(setup.base)/oauth/device/approve?deny=1&user_code=\(try #require(userCode))"],
            environment: [:], timeout: 10)
        let denied = try await run
        #expect(denied.status == 5)
        #expect(denied.stderr.contains("the login was denied on the verification page"), "\(denied.stderr)")

        let expiring = try await Setup(deviceLifetime: 1)
        let expired = try await expiring.send("demo/auth/oauth2-device-code")
        #expect(expired.status == 5)
        #expect(expired.stderr.contains("the device code expired before it was approved"), "\(expired.stderr)")
    }

    @Test func thePasswordGrantWithBasicClientAuthAndItsErrors() async throws {
        let setup = try await Setup()
        let ok = try await setup.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password"])
        #expect(ok.status == 0 && ok.stdout == #"{"ok":true}"#, "\(ok.stderr)")
        let wrongPassword = try await Setup()
        let refused = try await wrongPassword.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "nope-nope-nope"])
        #expect(refused.status == 5)
        #expect(refused.stderr.contains("invalid_grant (wrong username or password): the code, refresh token or password is wrong"), "\(refused.stderr)")
        #expect(!refused.output.contains("nope-nope-nope"))
        let wrongClient = try await wrongPassword.send(
            "demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password", "DEMO_CLIENT_SECRET": "bad-client-secret"])
        #expect(wrongClient.status == 5)
        #expect(wrongClient.stderr.contains("invalid_client (unknown client or wrong client secret): the server does not know this client_id"), "\(wrongClient.stderr)")
    }

    @Test func theRefreshTokenGrantAndAnUnknownRefreshToken() async throws {
        let setup = try await Setup()
        let login = try await setup.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password"])
        #expect(login.status == 0, "\(login.stderr)")
        let refresh = try #require(try setup.storedRecord()["refreshToken"] as? String)
        let other = try await Setup()
        let ok = try await setup.send("demo/auth/oauth2-refresh-token", environment: ["DEMO_REFRESH_TOKEN": refresh])
        #expect(ok.status == 0 && ok.stdout == #"{"ok":true}"#, "\(ok.stderr)")
        #expect(!ok.output.contains(refresh))
        let unknown = try await other.send("demo/auth/oauth2-refresh-token", environment: ["DEMO_REFRESH_TOKEN": "rt-unknown-token"])
        #expect(unknown.status == 5)
        #expect(unknown.stderr.contains("invalid_grant (the refresh token is unknown or already used)"), "\(unknown.stderr)")
    }

    /// The password is wrong on the later sends: only a refresh can have got their tokens.
    @Test func anExpiredTokenIsRefreshedSilentlyAndARefusedOneAfterA401() async throws {
        let setup = try await Setup()
        let first = try await setup.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password"])
        #expect(first.status == 0, "\(first.stderr)")
        // The kept token as if its expires_in had run out (the server would still take it).
        try setup.rewriteStored { $0["expiresAt"] = "2020-01-01T00:00:00Z" }
        let refreshed = try await setup.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "wrong-password"])
        #expect(refreshed.status == 0 && refreshed.stdout == #"{"ok":true}"#, "\(refreshed.stderr)")
        #expect(await setup.server.tokenRequests == 2)

        let lasting = try await Setup()
        _ = try await lasting.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password"])
        try lasting.rewriteStored { $0["accessToken"] = "revoked-token" }
        let retried = try await lasting.send("demo/auth/oauth2-password", ["-v"], environment: ["DEMO_PASSWORD": "wrong-password"])
        #expect(retried.status == 0 && retried.stdout == #"{"ok":true}"#, "\(retried.stderr)")
        #expect(retried.stderr.contains("* the API refused the OAuth2 token (401): sent again with a fresh one"))
        #expect(await lasting.server.tokenRequests == 2)
    }

    @Test func aRefusedRefreshTokenFallsBackToLoggingInAgain() async throws {
        let setup = try await Setup()
        _ = try await setup.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password"])
        try setup.rewriteStored { $0["refreshToken"] = "rt-forgotten"; $0["accessToken"] = nil }
        let run = try await setup.send("demo/auth/oauth2-password", environment: ["DEMO_PASSWORD": "s3cret-password"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("the refresh token was refused (invalid_grant); logging in again"))
        #expect(await setup.server.tokenRequests == 3)
    }
}

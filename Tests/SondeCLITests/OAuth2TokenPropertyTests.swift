import Foundation
import PropertyBased
import SondeDemoServer
import SondeTestSupport
import Testing

/// Tokens from the token endpoint (fresh random ones each case) and random refresh tokens from
/// `{{env:}}`: none reaches stdout, stderr (-v, errors) or `--curl`, not even when the API
/// echoes the Authorization header back in its body; the kept token file is the only place.
@Suite struct OAuth2TokenPropertyTests {
    @Test func noTokenAppearsInAnyOutput() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("prop/echo.yaml", """
                url: "{{baseUrl}}/echo/get"
                auth:
                  type: oauth2
                  grant: password
                  token_url: "{{baseUrl}}/oauth/token"
                  client_id: demo-client
                  username: demo
                  password: "{{env:DEMO_PASSWORD}}"
                """)
            try folder.write("prop/refresh.yaml", """
                url: "{{baseUrl}}/echo/get"
                auth: {type: oauth2, grant: refresh_token, token_url: "{{baseUrl}}/oauth/token", client_id: demo-client, refresh_token: "{{env:RT}}"}
                """)
            let pool: [Character] = Array("abcXYZ019-_.~%+/=&@:\"'<>?#éü中😀")
            let refreshTokens = Gen<Character?>.element(of: pool).map { $0 ?? "x" }.string(of: 6...20).map { "r" + $0 + "t" }
            await propertyCheck(count: 4, input: refreshTokens) { refreshToken in
                await recordingThrows {
                    let state = folder.root.appendingPathComponent("state-\(UUID().uuidString.prefix(8))")
                    let environment = ["XDG_STATE_HOME": state.path, "DEMO_PASSWORD": DemoCredentials.basicPassword, "RT": refreshToken]
                    let common = ["--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"]
                    let verbose = try await SondeBinary.run(["send", "demo/prop/echo", "-v"] + common, environment: environment)
                    #expect(verbose.status == 0, "\(verbose.output)")
                    #expect(verbose.stdout.contains("Bearer ••••"), "the echo held the token, masked: \(verbose.stdout)")
                    let curl = try await SondeBinary.run(["send", "demo/prop/echo", "--curl"] + common, environment: environment)
                    let refused = try await SondeBinary.run(["send", "demo/prop/refresh", "-v"] + common, environment: environment)
                    #expect(refused.status == 5, "\(refused.output)")
                    let files = try FileManager.default.contentsOfDirectory(at: state.appendingPathComponent("sonde/oauth2"), includingPropertiesForKeys: nil)
                    let file = try #require(files.first)
                    let record = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
                    let tokens = [record["accessToken"] as? String, record["refreshToken"] as? String].compactMap { $0 }
                    #expect(tokens.count == 2)
                    let forms = SecretForms.all(of: refreshToken, base64Prefixes: []) + tokens
                    for (name, run) in [("-v", verbose), ("--curl", curl), ("refused", refused)] {
                        for form in forms where run.output.contains(form) {
                            Issue.record("\(name) printed a token as \(form):\n\(run.output)")
                        }
                    }
                }
            }
        }
    }
}

import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Testing

/// The demo authorization server through sonde's own OAuth2 pieces over libcurl: PKCE is
/// checked, codes work once, device polls too fast are told to slow down, and the metadata fills
/// in what an auth block leaves out.
@Suite struct OAuth2AuthorizationServerTests {
    private let transport = CurlTransport()

    private func login() -> OAuth2Login {
        OAuth2Login(transport: transport, userAgent: nil, options: TransferOptions(), cancellation: nil)
    }

    private func credentials(_ demo: DemoEndpoint) -> OAuth2ClientCredentials {
        OAuth2ClientCredentials(tokenURL: demo.url("/oauth/token"), clientID: DemoCredentials.clientID, clientSecret: "", grant: .authorizationCode)
    }

    /// A code from the authorize endpoint for `authorization`, read from its redirect.
    private func code(_ demo: DemoEndpoint, _ authorization: OAuth2Authorization) async throws -> String {
        var options = TransferOptions()
        options.followRedirects = false
        let url = authorization.url(for: credentials(demo), authorizationURL: demo.url("/oauth/authorize"))
        let response = try await transport.send(PreparedRequest(method: .GET, url: url, options: options))
        #expect(response.status == 302)
        let location = try #require(response.headers.first(named: "Location"))
        let target = String(location.dropFirst("http://127.0.0.1:9/".count - 1))
        return try authorization.code(fromCallback: target).get()
    }

    private func refusal(_ body: () async throws(SendError) -> OAuth2Token) async -> OAuth2Error? {
        do { _ = try await body() } catch {
            if case .oauth2(let refused) = error { return refused }
            Issue.record("not an OAuth2 refusal: \(error)")
        }
        return nil
    }

    @Test func aWrongCodeVerifierAnotherRedirectURIAndAReusedCodeAreInvalidGrants() async throws {
        try await withDemoServer { demo in
            let authorization = OAuth2Authorization(redirectURI: OAuth2Authorization.redirectURI(port: 9))
            let credentials = credentials(demo)
            let first = try await code(demo, authorization)
            let wrong = await refusal { () async throws(SendError) -> OAuth2Token in
                try await login().exchange(.authorizationCode(code: first, redirectURI: authorization.redirectURI, verifier: PKCE().verifier), credentials)
            }
            #expect(wrong?.code == "invalid_grant")
            #expect(wrong?.message.contains("the code_verifier does not match the code_challenge") == true)

            let second = try await code(demo, authorization)
            let elsewhere = await refusal { () async throws(SendError) -> OAuth2Token in
                try await login().exchange(.authorizationCode(code: second, redirectURI: "http://127.0.0.1:10/callback", verifier: authorization.pkce?.verifier), credentials)
            }
            #expect(elsewhere?.message.contains("redirect_uri differs") == true)

            let third = try await code(demo, authorization)
            let grant = OAuth2TokenRequest.Grant.authorizationCode(code: third, redirectURI: authorization.redirectURI, verifier: authorization.pkce?.verifier)
            let token = try await login().exchange(grant, credentials)
            #expect(token.refreshToken != nil)
            let reused = await refusal { () async throws(SendError) -> OAuth2Token in try await login().exchange(grant, credentials) }
            #expect(reused?.message.contains("already used") == true)
        }
    }

    @Test func withoutPKCETheAuthorizeEndpointAnswersAnErrorToTheCallback() async throws {
        try await withDemoServer { demo in
            let authorization = OAuth2Authorization(pkce: nil, redirectURI: OAuth2Authorization.redirectURI(port: 9))
            let error = await #expect(throws: OAuth2CallbackError.self) { try await code(demo, authorization) }
            #expect(error == .refused(code: "invalid_request", description: "PKCE with code_challenge_method=S256 is required"))
        }
    }

    @Test func aDevicePolledFasterThanItsIntervalIsToldToSlowDown() async throws {
        try await withDemoServer(DemoServer(deviceInterval: 600)) { demo in
            var request = PreparedRequest(
                method: .POST, url: demo.url("/oauth/device_authorization"),
                headers: [HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded")],
                body: .bytes(Data("client_id=\(DemoCredentials.clientID)".utf8)))
            let device = try #require(OAuth2DeviceAuthorization.parse(try await transport.send(request).body))
            #expect(device.interval == 600 && device.userCode.count == 9)
            var credentials = credentials(demo)
            credentials.grant = .deviceCode
            let pending = await refusal { () async throws(SendError) -> OAuth2Token in try await login().exchange(.deviceCode(device.deviceCode), credentials) }
            #expect(pending?.code == "authorization_pending")
            let hurried = await refusal { () async throws(SendError) -> OAuth2Token in try await login().exchange(.deviceCode(device.deviceCode), credentials) }
            #expect(hurried?.code == "slow_down")
            request.url = demo.url("/oauth/device/approve?user_code=NOPE-NOPE")
            #expect(try await transport.send(request).status == 404)
        }
    }

    @Test func theIssuersMetadataFillsTheEndpointsAndTheClientAuthentication() async throws {
        try await withDemoServer { demo in
            var credentials = OAuth2ClientCredentials(tokenURL: "", clientID: DemoCredentials.clientID, clientSecret: DemoCredentials.clientSecret, grant: .password)
            credentials.issuer = demo.url("/")
            credentials.username = DemoCredentials.basicUser
            credentials.password = DemoCredentials.basicPassword
            let filled = try await login().discovered(credentials)
            #expect(filled.tokenURL == demo.url("/oauth/token") && filled.deviceAuthorizationURL == demo.url("/oauth/device_authorization"))
            #expect(filled.authorizationURL == demo.url("/oauth/authorize") && filled.tokenAuth == .clientSecretPost)
            #expect(try await login().token(for: credentials, refreshToken: nil).refreshToken != nil)
            credentials.issuer = demo.url("/nowhere")
            let missing = await refusal { () async throws(SendError) -> OAuth2Token in try await login().token(for: credentials, refreshToken: nil) }
            #expect(missing?.description.contains("no metadata at \(demo.url("/nowhere"))/.well-known/openid-configuration") == true)
        }
    }

    @Test func withNoOneToAskAnInteractiveGrantSaysToLogInFromATerminal() async throws {
        try await withDemoServer { demo in
            var credentials = credentials(demo)
            credentials.authorizationURL = demo.url("/oauth/authorize")
            for grant in [OAuth2Grant.authorizationCode, .deviceCode] {
                credentials.grant = grant
                credentials.deviceAuthorizationURL = demo.url("/oauth/device_authorization")
                let refused = await refusal { () async throws(SendError) -> OAuth2Token in try await login().token(for: credentials, refreshToken: nil) }
                #expect(refused?.message.contains("the \(grant.rawValue) grant needs a person to log in, which is not possible here; run `sonde auth login REQUEST`") == true)
            }
        }
    }
}

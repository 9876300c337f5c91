import Foundation
import Testing
@testable import SondeCore

/// The pure pieces of the OAuth2 grants: digest and PKCE, the authorize URL and its callback,
/// the device poll's state machine, token answers and the YAML of every grant.
@Suite struct OAuth2GrantTests {
    @Test func sha256MatchesTheFIPSVectorsAndPKCEMatchesRFC7636AppendixB() {
        let hex = { (bytes: [UInt8]) in bytes.map { String(format: "%02x", $0) }.joined() }
        #expect(hex(SHA256.digest("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.digest(Array(repeating: UInt8(ascii: "a"), count: 1000))) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(PKCE.challenge(for: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
        let verifier = PKCE().verifier
        #expect(verifier.count == 43 && verifier.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        #expect(PKCE().verifier != verifier)
    }

    @Test func theAuthorizeURLCarriesStateChallengeAndExtrasAndTheCallbackIsChecked() throws {
        var credentials = OAuth2ClientCredentials(tokenURL: "http://a/token", clientID: "app id", clientSecret: "", scope: "read write")
        credentials.authorizeParameters = ["prompt": "consent"]
        let authorization = OAuth2Authorization(state: "st8", pkce: PKCE(verifier: "v"), redirectURI: OAuth2Authorization.redirectURI(port: 4242))
        let url = authorization.url(for: credentials, authorizationURL: "http://a/authorize?tenant=x")
        #expect(url == "http://a/authorize?tenant=x&response_type=code&client_id=app%20id&redirect_uri=http%3A%2F%2F127.0.0.1%3A4242%2Fcallback"
            + "&scope=read%20write&state=st8&code_challenge=\(PKCE.challenge(for: "v"))&code_challenge_method=S256&prompt=consent")
        #expect(authorization.code(fromCallback: "/callback?code=abc%2B1&state=st8") == .success("abc+1"))
        #expect(authorization.code(fromCallback: "/callback?code=abc&state=other") == .failure(.stateMismatch))
        #expect(authorization.code(fromCallback: "/callback?code=abc") == .failure(.stateMismatch))
        let denied = authorization.code(fromCallback: "/callback?error=access_denied&error_description=no+way&state=st8")
        #expect(denied == .failure(.refused(code: "access_denied", description: "no way")))
        guard case .failure(let problem) = denied else { return }
        #expect(problem.description == "the authorization server answered access_denied (no way): the login was refused")
    }

    @Test func theDevicePollWaitsSlowsDownByFiveSecondsAndStopsWithClearMessages() {
        var poll = OAuth2DevicePoll(interval: 2, expiresIn: 30, now: 0)
        #expect(poll.next(afterError: "authorization_pending", now: 2) == .wait(2))
        #expect(poll.next(afterError: "slow_down", now: 4) == .wait(7))
        #expect(poll.next(afterError: "authorization_pending", now: 11) == .wait(7))
        #expect(poll.next(afterError: "slow_down", now: 18) == .fail("the device code expired before it was approved; run the request again to get a new one"))
        var other = OAuth2DevicePoll(interval: 1, expiresIn: 30, now: 0)
        #expect(other.next(afterError: "access_denied", now: 1) == .fail("the login was denied on the verification page"))
        #expect(other.next(afterError: "expired_token", now: 1) == .fail("the device code expired before it was approved; run the request again to get a new one"))
        guard case .fail(let message) = other.next(afterError: "invalid_client", now: 1) else { Issue.record("no failure"); return }
        #expect(message.contains("invalid_client") && message.contains("client_secret"))
    }

    @Test func tokenAnswersKeepTheRefreshTokenAndErrorAnswersSayWhatToFix() throws {
        let ok = HTTPResponse(status: 200, reason: "OK", httpVersion: "1.1", headers: [], body: Data(#"{"access_token":"A","expires_in":"60","refresh_token":"R"}"#.utf8), finalURL: "u", timings: TransferTimings())
        #expect(try OAuth2ClientCredentialsGrant.token(from: ok, tokenURL: "u", secrets: SecretSet()) == OAuth2Token(accessToken: "A", expiresIn: 60, refreshToken: "R"))
        let refused = HTTPResponse(
            status: 400, reason: "Bad Request", httpVersion: "1.1", headers: [], body: Data(#"{"error":"invalid_grant","error_description":"code reused: SECRET-1"}"#.utf8),
            finalURL: "u", timings: TransferTimings())
        let error = #expect(throws: OAuth2Error.self) { try OAuth2ClientCredentialsGrant.token(from: refused, tokenURL: "u", secrets: SecretSet(["SECRET-1"])) }
        #expect(error?.code == "invalid_grant")
        #expect(error?.description == "OAuth2 token request to u failed: invalid_grant (code reused: \(SecretSet.mask)): the code, refresh token or password is wrong, expired or already used; log in again")
    }

    @Test func tokenRequestsAuthenticateTheClientAsTokenAuthSays() throws {
        var credentials = OAuth2ClientCredentials(tokenURL: "http://a/token", clientID: "c:1", clientSecret: "s+2", scope: "read")
        let post = OAuth2TokenRequest.make(.password(username: "u", password: "pw"), for: credentials, options: TransferOptions())
        guard case .bytes(let body) = post.body else { Issue.record("no body"); return }
        #expect(String(decoding: body, as: UTF8.self) == "grant_type=password&username=u&password=pw&client_id=c%3A1&client_secret=s%2B2&scope=read")
        #expect(post.secrets.redact("pw s+2") == "\(SecretSet.mask) \(SecretSet.mask)")
        credentials.tokenAuth = .clientSecretBasic
        let basic = OAuth2TokenRequest.make(.authorizationCode(code: "K", redirectURI: "r", verifier: "V"), for: credentials, options: TransferOptions())
        guard case .bytes(let basicBody) = basic.body else { Issue.record("no body"); return }
        #expect(String(decoding: basicBody, as: UTF8.self) == "grant_type=authorization_code&code=K&redirect_uri=r&code_verifier=V")
        #expect(basic.headers.first(named: "Authorization") == "Basic " + Data("c%3A1:s%2B2".utf8).base64EncodedString())
        #expect(basic.secrets.redact("K V") == "\(SecretSet.mask) \(SecretSet.mask)")
    }

    @Test func everyGrantReadsFromYAMLAndAMissingFieldIsAProblemAtItsLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("device.yaml", """
            method: GET
            url: http://127.0.0.1/x
            auth:
              type: oauth2
              grant: device_code
              issuer: http://127.0.0.1/
              client_id: c
              token_auth: client_secret_post
              authorize_params:
                prompt: consent
            """)
        try folder.write("code.yaml", "method: GET\nurl: http://x\nauth:\n  type: oauth2\n  grant: authorization_code\n  token_url: http://t\n  client_id: c\n")
        try folder.write("odd.yaml", "method: GET\nurl: http://x\nauth:\n  type: oauth2\n  grant: implicit\n  token_url: http://t\n  client_id: c\n  client_secret: s\n")
        let loaded = CollectionLoader.load(from: folder.url)
        let device = try #require(loaded.collection.request(id: "device"))
        guard case .oauth2ClientCredentials(let credentials) = device.definition.auth else { Issue.record("not oauth2"); return }
        #expect(credentials.grant == .deviceCode && credentials.issuer == "http://127.0.0.1/" && credentials.tokenURL == "")
        #expect(credentials.tokenAuth == .clientSecretPost && credentials.authorizeParameters == ["prompt": "consent"] && credentials.pkce)
        #expect(!loaded.problems.contains { $0.file == "device.yaml" })
        #expect(loaded.problems.contains { $0.file == "code.yaml" && $0.message == "oauth2 authorization_code auth needs `authorization_url`" })
        let odd = try #require(loaded.problems.first { $0.file == "odd.yaml" })
        #expect(odd.line == 5 && odd.message.hasPrefix("unknown oauth2 grant implicit: expected one of client_credentials, authorization_code"))
        // What the writer saves reads back the same.
        let node = try #require(RequestFileWriter.encode(device.definition.auth))
        #expect(node.mapping?["grant"]?.string == "device_code" && node.mapping?["token_url"] == nil)
    }

    @Test func theStoreKeepsTokensInA0600FileAndDropsARefusedAccessToken() throws {
        let folder = try TemporaryFolder()
        let store = OAuth2TokenStore(folder: folder.url.appendingPathComponent("oauth2"))
        let key = OAuth2TokenStore.Key(
            collection: "/c", environment: "local",
            credentials: OAuth2ClientCredentials(tokenURL: "http://t", clientID: "c", clientSecret: "", grant: .deviceCode))
        try store.save(OAuth2Token(accessToken: "A", expiresIn: 100, refreshToken: "R"), for: key, now: Date())
        let mode = try FileManager.default.attributesOfItem(atPath: store.url(for: key).path)[.posixPermissions] as? Int
        let folderMode = try FileManager.default.attributesOfItem(atPath: store.folder.path)[.posixPermissions] as? Int
        #expect(mode == 0o600 && folderMode == 0o700)
        #expect(store.load(key)?.usableAccessToken(now: Date(), margin: 1) == "A")
        #expect(store.load(key)?.usableAccessToken(now: Date().addingTimeInterval(100)) == nil)
        store.dropAccessToken(key, ifToken: "other")
        #expect(store.load(key)?.accessToken == "A")
        store.dropAccessToken(key, ifToken: "A")
        #expect(store.load(key)?.accessToken == nil && store.load(key)?.refreshToken == "R")
        #expect(store.list(collection: "/c").count == 1 && store.list(collection: "/d").isEmpty)
    }

    @Test func aRefusedTokenKeepsItsRefreshTokenForTheNextFetch() async throws {
        let cache = OAuth2TokenCache<any Error>()
        let credentials = OAuth2ClientCredentials(tokenURL: "http://t", clientID: "c", clientSecret: "")
        let first = try await cache.token(for: credentials, refreshing: { previous in
            #expect(previous == nil)
            return OAuth2Token(accessToken: "A1", expiresIn: 3600, refreshToken: "R1")
        })
        await cache.invalidate(credentials, ifToken: first)
        let second = try await cache.token(for: credentials, refreshing: { previous in
            #expect(previous?.refreshToken == "R1")
            return OAuth2Token(accessToken: "A2", expiresIn: 3600)
        })
        #expect(second == "A2")
    }
}

import Foundation

/// Gets a token for any grant over a transport: refreshes when it holds a refresh token (and
/// logs in again when the refresh is refused), reads the issuer's metadata, runs the browser or
/// device login through an `OAuth2UserAgent`. The pure pieces it strings together are
/// `OAuth2TokenRequest`, `OAuth2Authorization` and `OAuth2DevicePoll`.
public struct OAuth2Login: Sendable {
    public var transport: any HTTPTransport
    public var userAgent: (any OAuth2UserAgent)?
    public var options: TransferOptions
    public var cancellation: CancellationFlag?
    /// Seconds to wait for the browser when the auth block sets no `timeout`.
    public static let defaultLoginTimeout: Double = 300

    public init(transport: any HTTPTransport, userAgent: (any OAuth2UserAgent)?, options: TransferOptions, cancellation: CancellationFlag?) {
        self.transport = transport
        self.userAgent = userAgent
        self.options = options
        self.cancellation = cancellation
    }

    /// A fresh token: by `refreshToken` when there is one, else by the configured grant. A
    /// refresh token the server keeps in the answer's place is kept (RFC 6749 §6 lets it not send a new one).
    public func token(for credentials: OAuth2ClientCredentials, refreshToken: String?) async throws(SendError) -> OAuth2Token {
        let credentials = try await discovered(credentials)
        if let refreshToken, credentials.grant != .refreshToken || refreshToken != credentials.refreshToken {
            do {
                var token = try await exchange(.refreshToken(refreshToken), credentials)
                if token.refreshToken == nil { token.refreshToken = refreshToken }
                return token
            } catch {
                guard case .oauth2(let refused) = error else { throw error }
                userAgent?.tell("the refresh token was refused (\(refused.code ?? refused.message)); logging in again")
            }
        }
        switch credentials.grant {
        case .clientCredentials: return try await exchange(.clientCredentials, credentials)
        case .password:
            return try await exchange(.password(username: credentials.username ?? "", password: credentials.password ?? ""), credentials)
        case .refreshToken:
            var token = try await exchange(.refreshToken(credentials.refreshToken ?? ""), credentials)
            if token.refreshToken == nil { token.refreshToken = credentials.refreshToken }
            return token
        case .authorizationCode: return try await authorizationCode(credentials)
        case .deviceCode: return try await deviceCode(credentials)
        }
    }

    /// One POST to the token endpoint and its token.
    public func exchange(_ grant: OAuth2TokenRequest.Grant, _ credentials: OAuth2ClientCredentials) async throws(SendError) -> OAuth2Token {
        let request = OAuth2TokenRequest.make(grant, for: credentials, options: options)
        let response = try await send(request)
        do throws(OAuth2Error) {
            return try OAuth2ClientCredentialsGrant.token(from: response, tokenURL: credentials.tokenURL, secrets: request.secrets)
        } catch {
            throw .oauth2(error)
        }
    }

    private func send(_ request: PreparedRequest) async throws(SendError) -> HTTPResponse {
        do throws(TransportError) {
            return try await transport.send(request, cancellation: cancellation)
        } catch {
            throw .transport(TransportFailure(error: error.redacting(request.secrets), attempts: []))
        }
    }

    /// Where no one can be asked (a sender made without a user agent; `sonde send` and the TUI
    /// always bring one): the token has to come from `sonde auth login`.
    static func notInteractive(_ credentials: OAuth2ClientCredentials, _ url: String) -> SendError {
        .oauth2(OAuth2Error(
            tokenURL: url,
            message: "the \(credentials.grant.rawValue) grant needs a person to log in, which is not possible here; "
                + "run `sonde auth login REQUEST` in a terminal first (the token is kept for here too)",
            step: "login at"))
    }

    private func loginError(_ url: String, _ message: String) -> SendError {
        .oauth2(OAuth2Error(tokenURL: url, message: message, step: "login at"))
    }

    private func authorizationCode(_ credentials: OAuth2ClientCredentials) async throws(SendError) -> OAuth2Token {
        guard let authorizationURL = credentials.authorizationURL, !authorizationURL.isEmpty else {
            throw loginError(credentials.tokenURL, "the authorization_code grant needs authorization_url (or issuer)")
        }
        guard let userAgent else { throw Self.notInteractive(credentials, authorizationURL) }
        let listener: any OAuth2CallbackListener
        do throws(OAuth2Error) { listener = try userAgent.listenForCallback(port: credentials.redirectPort) } catch { throw .oauth2(error) }
        let authorization = OAuth2Authorization(
            pkce: credentials.pkce ? PKCE() : nil, redirectURI: OAuth2Authorization.redirectURI(port: listener.port))
        userAgent.open(authorization.url(for: credentials, authorizationURL: authorizationURL))
        let timeout = credentials.loginTimeout ?? Self.defaultLoginTimeout
        let target: String
        do throws(OAuth2Error) {
            target = try await listener.waitForCallback(timeout: timeout, cancellation: cancellation) { target in
                guard case .success = authorization.code(fromCallback: target) else { return OAuth2CallbackPage.html(succeeded: false) }
                return OAuth2CallbackPage.html(succeeded: true)
            }
        } catch {
            throw .oauth2(error)
        }
        switch authorization.code(fromCallback: target) {
        case .success(let code):
            userAgent.progress(.exchangingCode)
            let token = try await exchange(
                .authorizationCode(code: code, redirectURI: authorization.redirectURI, verifier: authorization.pkce?.verifier), credentials)
            userAgent.progress(.loggedIn)
            return token
        case .failure(let problem):
            throw loginError(authorizationURL, problem.description)
        }
    }

    private func deviceCode(_ credentials: OAuth2ClientCredentials) async throws(SendError) -> OAuth2Token {
        guard let deviceURL = credentials.deviceAuthorizationURL, !deviceURL.isEmpty else {
            throw loginError(credentials.tokenURL, "the device_code grant needs device_authorization_url (or issuer)")
        }
        guard let userAgent else { throw Self.notInteractive(credentials, deviceURL) }
        var form = [("client_id", credentials.clientID)]
        if let scope = credentials.scope, !scope.isEmpty { form.append(("scope", scope)) }
        if let audience = credentials.audience, !audience.isEmpty { form.append(("audience", audience)) }
        var request = OAuth2TokenRequest.make(.clientCredentials, for: credentials, options: options)
        request.url = deviceURL
        request.body = .bytes(Data(PercentEncoding.query(form, form: true).utf8))
        if credentials.tokenAuth != .clientSecretBasic { request.headers.removeAll { $0.name == "Authorization" } }
        let response = try await send(request)
        guard (200..<300).contains(response.status), let device = OAuth2DeviceAuthorization.parse(response.body) else {
            do throws(OAuth2Error) {
                _ = try OAuth2ClientCredentialsGrant.token(from: response, tokenURL: deviceURL, secrets: request.secrets)
            } catch {
                throw .oauth2(OAuth2Error(tokenURL: deviceURL, message: error.message, code: error.code, step: "device authorization at"))
            }
            throw .oauth2(OAuth2Error(tokenURL: deviceURL, message: "the answer has no device_code, user_code and verification_uri", step: "device authorization at"))
        }
        userAgent.progress(.deviceCode(device.prompt))
        let clock = ContinuousClock()
        let start = clock.now
        func seconds() -> Double { Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds) }
        var poll = OAuth2DevicePoll(interval: device.interval, expiresIn: device.expiresIn, now: 0)
        var wait = max(device.interval, 0.2)
        while true {
            try await sleep(wait)
            do {
                let token = try await exchange(.deviceCode(device.deviceCode), credentials)
                userAgent.progress(.loggedIn)
                return token
            } catch {
                guard case .oauth2(let answer) = error, let code = answer.code else { throw error }
                switch poll.next(afterError: code, now: seconds()) {
                case .wait(let next):
                    // A floor, so a server that says interval 0 is not polled in a busy loop.
                    wait = max(next, 0.2)
                    userAgent.progress(.polled(answer: code, nextPollIn: wait))
                case .fail(let message): throw .oauth2(OAuth2Error(tokenURL: credentials.tokenURL, message: message, code: answer.code))
                }
            }
        }
    }

    /// Sleeps in steps of 0.1 s so Ctrl-C (the cancellation flag) ends a long poll interval at once.
    private func sleep(_ seconds: Double) async throws(SendError) {
        var left = seconds
        while left > 0 {
            if cancellation?.isCancelled == true || Task.isCancelled { throw .transport(TransportFailure(error: .cancelled, attempts: [])) }
            let step = min(left, 0.1)
            try? await Task.sleep(for: .milliseconds(Int(step * 1000)))
            left -= step
        }
        if cancellation?.isCancelled == true { throw .transport(TransportFailure(error: .cancelled, attempts: [])) }
    }

    /// `credentials` with what the issuer's metadata says filled into what the file left out
    /// (RFC 8414; OpenID Connect Discovery first, as most servers publish that).
    public func discovered(_ credentials: OAuth2ClientCredentials) async throws(SendError) -> OAuth2ClientCredentials {
        guard let issuer = credentials.issuer, !issuer.isEmpty else { return credentials }
        let base = issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer
        for path in ["/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"] {
            var request = PreparedRequest(method: .GET, url: base + path, headers: [HeaderField(name: "Accept", value: "application/json")], options: options)
            request.options.followRedirects = false
            let response = try await send(request)
            guard (200..<300).contains(response.status),
                  let metadata = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] else { continue }
            return OAuth2Metadata(metadata).fill(credentials)
        }
        throw loginError(issuer, "no metadata at \(base)/.well-known/openid-configuration or /.well-known/oauth-authorization-server")
    }
}

/// An authorization server's metadata (RFC 8414), the parts sonde uses.
public struct OAuth2Metadata: Sendable, Equatable {
    public var authorizationEndpoint: String?
    public var tokenEndpoint: String?
    public var deviceAuthorizationEndpoint: String?
    public var tokenAuthMethods: [String]?

    public init(_ object: [String: Any]) {
        authorizationEndpoint = object["authorization_endpoint"] as? String
        tokenEndpoint = object["token_endpoint"] as? String
        deviceAuthorizationEndpoint = object["device_authorization_endpoint"] as? String
        tokenAuthMethods = object["token_endpoint_auth_methods_supported"] as? [String]
    }

    /// What the file set wins; the metadata fills the rest. RFC 8414 §2: without a list of
    /// methods, client_secret_basic is the default.
    public func fill(_ credentials: OAuth2ClientCredentials) -> OAuth2ClientCredentials {
        var filled = credentials
        if filled.tokenURL.isEmpty, let tokenEndpoint { filled.tokenURL = tokenEndpoint }
        if filled.authorizationURL?.isEmpty ?? true { filled.authorizationURL = authorizationEndpoint }
        if filled.deviceAuthorizationURL?.isEmpty ?? true { filled.deviceAuthorizationURL = deviceAuthorizationEndpoint }
        if filled.tokenAuth == nil {
            let methods = tokenAuthMethods ?? [OAuth2TokenAuth.clientSecretBasic.rawValue]
            filled.tokenAuth = methods.compactMap(OAuth2TokenAuth.init(rawValue:)).first
        }
        return filled
    }
}

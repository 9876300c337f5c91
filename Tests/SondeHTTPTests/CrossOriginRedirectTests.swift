import Foundation
import SondeCore
import SondeHTTP
import Testing

/// Redirects to another origin (here: another port of 127.0.0.1) never carry a secret there,
/// in any form; redirects within an origin keep every header. The second server records the
/// bytes it got, which are checked for the secret raw, percent-encoded and base64-encoded.
@Suite struct CrossOriginRedirectTests {
    let transport = CurlTransport()
    /// Characters that encode differently in each form: `+ / =` in base64 and percent, a space.
    let secret = "s3cr3tK+ey/AbC== x"
    var secrets: SecretSet { SecretSet([secret]) }
    var percentEncoded: String { secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// A request to `url` carrying the secret in every place a request can hold one.
    func requestWithSecrets(to url: String, method: HTTPMethod = .GET, body: PreparedBody = .none) -> PreparedRequest {
        PreparedRequest(
            method: method, url: url + "?key=\(percentEncoded)&page=2",
            headers: [
                HeaderField(name: "X-API-Key", value: secret, isSecret: true),
                HeaderField(name: "Authorization", value: "Basic " + Data("me:\(secret)".utf8).base64EncodedString(), isSecret: true),
                // Not marked, but holding the secret percent-encoded: found by the SecretSet.
                HeaderField(name: "X-Trace", value: "ctx=" + percentEncoded),
                HeaderField(name: "Cookie", value: "session=abc123"),
                HeaderField(name: "Accept", value: "application/json"),
                HeaderField(name: "Content-Type", value: "text/plain"),
            ],
            body: body, secrets: secrets)
    }

    /// Whether `received` holds the secret in any form: raw, percent-encoded (either case, `+`
    /// for space), base64 of a value containing it.
    func leaks(_ received: String) -> Bool {
        let forms = [secret, percentEncoded, percentEncoded.lowercased(), secret.replacingOccurrences(of: " ", with: "+"),
                     Data(secret.utf8).base64EncodedString(), Data("me:\(secret)".utf8).base64EncodedString()]
        return forms.contains { received.contains($0) } || secrets.redact(received) != received
    }

    @Test(arguments: [302, 307])
    func anotherOriginGetsNoSecret(status: Int) async throws {
        let other = try RawHTTPServer(response: ScriptedHTTPServer.response(200, "OK", body: "landed"))
        defer { other.stop() }
        // The first server echoes the query into the Location, as some servers do.
        let location = "http://127.0.0.1:\(other.port)/landing?key=\(percentEncoded)&page=2"
        let first = try RawHTTPServer(response: ScriptedHTTPServer.response(status, "Moved", headers: ["Location: \(location)"]))
        defer { first.stop() }

        let response = try await transport.send(requestWithSecrets(
            to: "http://127.0.0.1:\(first.port)/start", method: .POST, body: .bytes(Data("plain body".utf8))))

        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "landed")
        #expect(response.finalURL == "http://127.0.0.1:\(other.port)/landing?page=2")
        #expect(response.redirects == [Redirect(
            status: status, url: "http://127.0.0.1:\(other.port)/landing?page=2", crossesOrigin: true,
            withheld: ["X-API-Key", "Authorization", "X-Trace", "Cookie", "query parameter key"])])
        #expect(response.timings.redirect > 0)
        // The first server did get everything: it is the origin the secrets are for.
        #expect(first.receivedRequests.count == 1)
        #expect(first.receivedRequests.first.map(leaks) == true)

        let arrived = try #require(other.receivedRequests.first)
        #expect(other.receivedRequests.count == 1)
        #expect(!leaks(arrived))
        #expect(!arrived.lowercased().contains("cookie"))
        #expect(!arrived.lowercased().contains("authorization"))
        #expect(arrived.contains("Accept: application/json"))
        if status == 307 {
            // 307 keeps the method and the body (it holds no secret).
            #expect(arrived.hasPrefix("POST /landing?page=2 HTTP/1.1\r\n"))
            #expect(arrived.hasSuffix("\r\n\r\nplain body"))
            #expect(arrived.contains("Content-Type: text/plain"))
        } else {
            // 302 turns the POST into a GET without the body or its headers.
            #expect(arrived.hasPrefix("GET /landing?page=2 HTTP/1.1\r\n"))
            #expect(arrived.hasSuffix("\r\n\r\n"))
            #expect(!arrived.contains("Content-Type"))
        }
    }

    /// An `api_key` auth written literally in the collection (no `{{env:}}`) is a credential
    /// all the same: neither its header nor its query parameter goes to another origin.
    @Test func aLiteralAPIKeyIsNotSentToAnotherOrigin() async throws {
        let key = "literal-key-\(UUID().uuidString.prefix(8))"
        let other = try RawHTTPServer(response: ScriptedHTTPServer.response(200, "OK", body: "landed"))
        defer { other.stop() }
        let first = try RawHTTPServer(response: ScriptedHTTPServer.response(
            302, "Found", headers: ["Location: http://127.0.0.1:\(other.port)/landing?api_key=\(key)&page=2"]))
        defer { first.stop() }
        let request = PreparedRequest(
            method: .GET, url: "http://127.0.0.1:\(first.port)/start?api_key=\(key)",
            headers: [HeaderField(name: "X-API-Key", value: key), HeaderField(name: "Accept", value: "text/plain")],
            credentials: SecretSet([key]))
        let response = try await transport.send(request)
        #expect(response.status == 200)
        #expect(response.redirects.first?.withheld == ["X-API-Key", "query parameter api_key"])
        #expect(first.receivedRequests.first?.contains(key) == true)
        let arrived = try #require(other.receivedRequests.first)
        #expect(!arrived.contains(key))
        #expect(arrived.hasPrefix("GET /landing?page=2 HTTP/1.1\r\n"))
        #expect(arrived.contains("Accept: text/plain"))
    }

    @Test func theSameOriginKeepsEveryHeader() async throws {
        let server = try ScriptedHTTPServer([
            .respond(ScriptedHTTPServer.response(302, "Found", headers: ["Location: /next?page=3"])),
            .respond(ScriptedHTTPServer.response(200, "OK", body: "done")),
        ])
        defer { server.stop() }
        let response = try await transport.send(requestWithSecrets(to: server.url + "start"))
        #expect(response.status == 200)
        #expect(response.redirects == [Redirect(status: 302, url: server.url + "next?page=3", crossesOrigin: false)])
        let requests = server.requests.map(\.text)
        #expect(requests.count == 2)
        let second = try #require(requests.last)
        #expect(second.hasPrefix("GET /next?page=3 HTTP/1.1\r\n"))
        #expect(second.contains("X-API-Key: \(secret)\r\n"))
        #expect(second.contains("Authorization: Basic "))
        #expect(second.contains("Cookie: session=abc123\r\n"))
    }

    @Test func aSecretBodyIsNotResentToAnotherOrigin() async throws {
        let other = try RawHTTPServer(response: ScriptedHTTPServer.response(200, "OK"))
        defer { other.stop() }
        let first = try RawHTTPServer(response: ScriptedHTTPServer.response(
            307, "Temporary Redirect", headers: ["Location: http://127.0.0.1:\(other.port)/"], body: "moved"))
        defer { first.stop() }
        let response = try await transport.send(requestWithSecrets(
            to: "http://127.0.0.1:\(first.port)/", method: .POST, body: .bytes(Data("password=\(percentEncoded)".utf8))))
        // The redirect itself is the answer, its body included.
        #expect(response.status == 307)
        #expect(String(decoding: response.body, as: UTF8.self) == "moved")
        #expect(response.redirects.isEmpty)
        #expect(other.receivedRequests.isEmpty)
    }

    @Test func theTokenRequestNeverFollowsARedirect() async throws {
        let other = try RawHTTPServer(response: ScriptedHTTPServer.response(
            200, "OK", headers: ["Content-Type: application/json"], body: #"{"access_token":"stolen"}"#))
        defer { other.stop() }
        let location = "http://127.0.0.1:\(other.port)/token?echo=\(percentEncoded)"
        let tokenEndpoint = try RawHTTPServer(response: ScriptedHTTPServer.response(
            307, "Temporary Redirect", headers: ["Location: \(location)"]))
        defer { tokenEndpoint.stop() }
        let tokenURL = "http://127.0.0.1:\(tokenEndpoint.port)/token"
        let credentials = OAuth2ClientCredentials(tokenURL: tokenURL, clientID: "app", clientSecret: secret, scope: nil)

        let request = OAuth2ClientCredentialsGrant.tokenRequest(for: credentials, options: TransferOptions())
        let response = try await transport.send(request)
        let error = #expect(throws: OAuth2Error.self) {
            try OAuth2ClientCredentialsGrant.token(from: response, tokenURL: tokenURL, secrets: request.secrets)
        }
        #expect(error?.message == "the token endpoint redirected to http://127.0.0.1:\(other.port)/token?echo=\(SecretSet.mask); not followed")
        #expect(tokenEndpoint.receivedRequests.count == 1)
        #expect(other.receivedRequests.isEmpty)
    }

    @Test func theLimitCountsRedirectsFollowedByHand() async throws {
        let server = try ScriptedHTTPServer([.respond(ScriptedHTTPServer.response(302, "Found", headers: ["Location: /again"]))])
        defer { server.stop() }
        await #expect(throws: TransportError.tooManyRedirects(limit: 3)) {
            try await transport.send(PreparedRequest(method: .GET, url: server.url, options: TransferOptions(maxRedirects: 3)))
        }
        #expect(server.requests.count == 4)
    }
}

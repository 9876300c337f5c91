import Foundation
import SondeTestSupport
import SondeCore
import SondeHTTP
import Testing

/// `auth: {type: ntlm}` against a server that does NTLM's three-message handshake on one
/// connection and reads the user and domain out of the type-3 message.
@Suite struct NTLMAuthTests {
    struct Report: Decodable, Equatable {
        var type1: String
        var type3: String
        var user: String
        var domain: String
        var ntResponseBytes: Int
        var seen: [String]
    }

    private func send(auth: String, secrets: [String: String]) async throws -> (Exchange, Report?) {
        let server = try await offThePool { try NTLMTestServer() }
        defer { server.stop() }
        let folder = try TemporaryFolder()
        try Data("name: NTLM\n".utf8).write(to: folder.url.appendingPathComponent("collection.yaml"))
        try Data("url: \"\(server.url)intranet\"\nauth: \(auth)\n".utf8).write(to: folder.url.appendingPathComponent("intranet.yaml"))
        let collection = CollectionLoader.load(from: folder.url).collection
        let saved = try #require(collection.request(id: "intranet"))
        let context = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: secrets))
        let exchange = try await RequestSender(transport: CurlTransport()).send(saved, in: context)
        return (exchange, try? JSONDecoder().decode(Report.self, from: exchange.response.body))
    }

    @Test func theHandshakeCarriesTheUserAndDomainInItsTypeThreeMessage() async throws {
        let (exchange, report) = try await send(
            auth: #"{type: ntlm, username: 'CORP\ada', password: "{{env:NTLM_PASS}}"}"#, secrets: ["NTLM_PASS": "ntlm-pass-8812"])
        #expect(exchange.response.status == 200, "\(String(decoding: exchange.response.body, as: UTF8.self))")
        #expect(report == Report(
            type1: "TlRMTVNTUAAB", type3: "TlRMTVNTUAAD", user: "ada", domain: "CORP", ntResponseBytes: 24,
            seen: ["NTLM TlRMTVNTUAAB", "NTLM TlRMTVNTUAAD"]))
        // Neither the password nor the messages derived from it were headers sonde set itself.
        #expect(!exchange.request.headers.contains(named: "Authorization"))
    }

    @Test func aUserWithoutADomainSendsAnEmptyDomain() async throws {
        let (exchange, report) = try await send(auth: "{type: ntlm, username: bob, password: pw-0193}", secrets: [:])
        #expect(exchange.response.status == 200)
        #expect(report?.user == "bob")
        #expect(report?.domain == "")
    }
}

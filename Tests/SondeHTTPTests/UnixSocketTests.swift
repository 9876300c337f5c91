import Foundation
import SondeTestSupport
import SondeCore
import SondeHTTP
import Testing

/// `options: {unix_socket: PATH}`: the request goes to a server on a Unix domain socket, as
/// to a local daemon's API, with the URL's host and path on the wire.
@Suite struct UnixSocketTests {
    @Test func theRequestReachesTheSocketWithTheURLsHostAndPath() async throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("daemon.sock").path
        let server = try RawHTTPServer(
            unixSocket: path, response: ScriptedHTTPServer.response(200, "OK", body: #"{"daemon": true}"#))
        defer { server.stop() }
        let transport = CurlTransport()
        let response = try await transport.send(PreparedRequest(
            method: .GET, url: "http://localhost/v1.43/info?all=1", options: TransferOptions(unixSocket: path)))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == #"{"daemon": true}"#)
        let request = try #require(server.receivedRequests.first)
        let lines = request.components(separatedBy: "\r\n")
        #expect(lines.first == "GET /v1.43/info?all=1 HTTP/1.1")
        #expect(lines.contains("Host: localhost"))
        #expect(server.connectionsAccepted == 1)
    }

    @Test func aMissingSocketIsAnErrorNamingItsPath() async throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("nobody-home.sock").path
        let error = await transportError(CurlTransport(), PreparedRequest(
            method: .GET, url: "http://localhost/info", options: TransferOptions(unixSocket: path)))
        #expect(error == .unixSocketUnavailable(path: path, reason: "No such file or directory"))
        #expect(error?.description == "cannot connect to Unix socket \(path): No such file or directory (is the server running? unix_socket sets the path)")
    }

    @Test func aSocketNobodyListensOnIsRefused() async throws {
        let folder = try TemporaryFolder()
        let path = folder.url.appendingPathComponent("stale.sock").path
        // A socket file left behind by a daemon that has gone.
        let listener = try listenOnUnixSocket(path: path, backlog: 1)
        close(listener)
        let error = await transportError(CurlTransport(), PreparedRequest(
            method: .GET, url: "http://localhost/info", options: TransferOptions(unixSocket: path)))
        #expect(error == .unixSocketUnavailable(path: path, reason: "Connection refused"))
    }
}

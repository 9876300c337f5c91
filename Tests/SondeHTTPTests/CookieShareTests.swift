import Foundation
import SondeCore
import SondeHTTP
import Testing

/// One transport's sends with one jar share its cookies at once, concurrent ones included.
@Suite struct CookieShareTests {
    @Test func concurrentSendsThroughOneTransportShareTheJar() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-jar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let jar = folder.appendingPathComponent("jar.txt").path
        let transport = CurlTransport()
        try await withDemoServer { server in
            var set = PreparedRequest(method: .GET, url: server.url("/cookies/set?token=abc"))
            set.options.cookieJar = jar
            _ = try await transport.send(set)
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        var show = PreparedRequest(method: .GET, url: server.url("/cookies"))
                        show.options.cookieJar = jar
                        return String(decoding: try await transport.send(show).body, as: UTF8.self)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(bodies.count == 4)
            for body in bodies { #expect(body.contains("\"token\":\"abc\"")) }
            // Without the jar, nothing is sent.
            let plain = try await transport.send(PreparedRequest(method: .GET, url: server.url("/cookies")))
            #expect(!String(decoding: plain.body, as: UTF8.self).contains("token"))
        }
    }
}

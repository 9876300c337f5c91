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

    /// A session cookie's value, set by one exchange and sent by the next, is a secret of both:
    /// it reaches neither history file (headers, body echo) nor any other, though it went out.
    @Test func cookieValuesNeverReachTheHistoryFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-cookie-history-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let collectionRoot = folder.appendingPathComponent("api")
        try FileManager.default.createDirectory(at: collectionRoot, withIntermediateDirectories: true)
        let token = "Zq81cXkT\(UUID().uuidString.prefix(8))"
        try await withDemoServer { server in
            try Data("name: API\n".utf8).write(to: collectionRoot.appendingPathComponent("collection.yaml"))
            try Data("url: \(server.url("/cookies/set?sid=" + token))\noptions: {follow_redirects: false}\n".utf8)
                .write(to: collectionRoot.appendingPathComponent("login.yaml"))
            try Data("url: \(server.url("/cookies"))\n".utf8).write(to: collectionRoot.appendingPathComponent("show.yaml"))
            let loaded = CollectionLoader.load(from: collectionRoot)
            let context = SendContext(
                collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]),
                cookieJars: folder.appendingPathComponent("jars"))
            let sender = RequestSender(transport: CurlTransport())
            let history = ResponseHistory(directory: folder.appendingPathComponent("history"))
            for id in ["login", "show"] {
                let exchange = try await sender.send(try #require(loaded.collection.request(id: id)), in: context)
                #expect(exchange.request.secrets.values.contains(token), "\(id)")
                _ = try history.append(HistoryEntry.make(from: exchange, date: Date()), collectionRoot: collectionRoot, requestID: id)
                if id == "login" {
                    #expect(exchange.response.headers.first(named: "Set-Cookie") == "sid=\(token); Path=/")
                } else {
                    #expect(String(decoding: exchange.response.body, as: UTF8.self).contains(token), "the jar sent it")
                }
            }
            let login = try history.entries(collectionRoot: collectionRoot, requestID: "login")
            #expect(login.first?.headers.first(named: "Set-Cookie") == "sid=••••; Path=/")
            let show = try history.entries(collectionRoot: collectionRoot, requestID: "show")
            #expect(String(decoding: show.first?.body ?? Data(), as: UTF8.self) == #"{"cookies":{"sid":"••••"}}"#)
            var files = 0
            let walker = FileManager.default.enumerator(at: folder.appendingPathComponent("history"), includingPropertiesForKeys: nil)
            while let file = walker?.nextObject() as? URL {
                guard let data = FileManager.default.contents(atPath: file.path) else { continue }
                files += 1
                #expect(!String(decoding: data, as: UTF8.self).contains(token), "\(file.path)")
            }
            #expect(files >= 2)
        }
    }

    /// A transport that has a jar loaded follows its file when something else changes it: a
    /// `sonde cookies clear` while the TUI runs, a `curl -c` from `sonde send --curl`.
    @Test func aJarChangedOnDiskIsLoadedAgainBeforeTheNextSend() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-jar-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let jar = folder.appendingPathComponent("jar.txt")
        let transport = CurlTransport()
        try await withDemoServer { server in
            func send(_ path: String) async throws -> String {
                var request = PreparedRequest(method: .GET, url: server.url(path))
                request.options.cookieJar = jar.path
                return String(decoding: try await transport.send(request).body, as: UTF8.self)
            }
            #expect(try await send("/cookies/set?token=abc") == #"{"cookies":{"token":"abc"}}"#)
            try FileManager.default.removeItem(at: jar)
            #expect(try await send("/cookies") == #"{"cookies":{}}"#, "cleared elsewhere")
            #expect(!FileManager.default.fileExists(atPath: jar.path))
            try Data("127.0.0.1\tFALSE\t/\tFALSE\t0\tother\tvalue\n".utf8).write(to: jar)
            #expect(try await send("/cookies") == #"{"cookies":{"other":"value"}}"#, "written elsewhere")
            #expect(try await send("/cookies/set?more=1") == #"{"cookies":{"more":"1","other":"value"}}"#)
            #expect(try String(contentsOf: jar, encoding: .utf8).contains("\tmore\t1"))
        }
    }
}

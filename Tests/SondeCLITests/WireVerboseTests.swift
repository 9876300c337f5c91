import Foundation
import SondeTestSupport
import Testing

/// `sonde send -v` prints each request as libcurl wrote it, checked against the bytes a raw
/// server received: the request line and every header, in order, the ones libcurl added
/// included, secrets and cookie values masked and nothing else changed.
@Suite struct WireVerboseTests {
    let key = "key-\(UUID().uuidString.prefix(12))"
    let cookie = "c00kie-\(UUID().uuidString.prefix(8))"

    /// The request heads `-v` printed: the lines after `> ` from each request line to the `>`
    /// that ends its head.
    static func printedHeads(_ stderr: String) -> [[String]] {
        var heads: [[String]] = []
        var current: [String]?
        for line in stderr.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == ">" {
                if let head = current { heads.append(head) }
                current = nil
            } else if line.hasPrefix("> ") {
                if current == nil, !line.contains(" HTTP/1.1") { continue }  // a body line
                current = (current ?? []) + [String(line.dropFirst(2))]
            }
        }
        return heads
    }

    /// Compares a printed head with the head the server received, line by line: the same
    /// request line, the same header names in the same order, the same values except where
    /// `-v` masked one, which must then be a header that holds `secret` on the wire.
    static func expectSame(printed: [String], received: String, secret: (String) -> String?, sourceLocation: SourceLocation = #_sourceLocation) {
        let wire = received.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(printed.count == wire.count, "printed:\n\(printed.joined(separator: "\n"))\nreceived:\n\(received)", sourceLocation: sourceLocation)
        #expect(printed.first == wire.first, sourceLocation: sourceLocation)
        for (shown, sent) in zip(printed.dropFirst(), wire.dropFirst()) {
            let shownName = shown.prefix { $0 != ":" }, sentName = sent.prefix { $0 != ":" }
            #expect(shownName == sentName, sourceLocation: sourceLocation)
            if shown.contains("••••") {
                let held = secret(String(sentName))
                #expect(held != nil && sent.contains(held!), "\(shown) masks \(sent)", sourceLocation: sourceLocation)
            } else {
                #expect(shown == sent, sourceLocation: sourceLocation)
            }
        }
    }

    @Test func verboseShowsTheRequestAsTheServerReceivedItLibcurlsHeadersIncluded() async throws {
        let server = try CannedResponseServer(response: """
            HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nSet-Cookie: session=\(cookie); Path=/\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}
            """)
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("wire/post.yaml", """
            method: POST
            url: "\(server.url)/things?q=1"
            headers:
              - {name: X-Trace, value: abc}
              - {name: X-Secret, value: "{{env:WIRE_KEY}}"}
            auth: {type: bearer, token: "{{env:WIRE_KEY}}"}
            body: {type: json, content: '{"name": "Ada"}'}
            """)
        let arguments = ["send", "demo/wire/post", "-v", "--collections", folder.root.path]
        // The first send gets the cookie, the second sends it back: a header only libcurl writes.
        let first = try await SondeBinary.run(arguments, environment: ["WIRE_KEY": key])
        let second = try await SondeBinary.run(arguments, environment: ["WIRE_KEY": key])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\n\(second.stderr)")
        let received = server.receivedHeads
        try #require(received.count == 2)
        let secret = { (name: String) -> String? in
            switch name.lowercased() {
            case "authorization", "x-secret": key
            case "cookie": cookie
            default: nil
            }
        }
        for (run, head) in zip([first, second], received) {
            let printed = Self.printedHeads(run.stderr)
            try #require(printed.count == 1, "\(run.stderr)")
            Self.expectSame(printed: printed[0], received: head, secret: secret)
            #expect(printed[0].first == "POST /things?q=1 HTTP/1.1")
            for name in ["Host", "Accept-Encoding", "Content-Length", "X-Trace", "Authorization", "X-Secret"] {
                #expect(printed[0].contains { $0.hasPrefix(name + ": ") }, "\(name) is missing:\n\(run.stderr)")
            }
            // The body sonde sent follows the head, then where the request ended.
            #expect(run.stderr.contains(">\n> {\"name\": \"Ada\"}\n* final URL: \(server.url)/things?q=1\n"), "\(run.stderr)")
            #expect(!run.output.contains(key))
        }
        #expect(received[1].contains("\r\nCookie: session=\(cookie)\r\n"))
        #expect(Self.printedHeads(second.stderr)[0].contains("Cookie: session=••••"))
        #expect(!second.stderr.contains("> Cookie: session=\(cookie)"))
    }

    @Test func verboseShowsEveryHopOfARedirectChainAndTheFinalURL() async throws {
        let server = try CannedResponseServer(responses: [
            "HTTP/1.1 302 Found\r\nLocation: /second\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP/1.1 307 Temporary Redirect\r\nLocation: /third?x=1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\nConnection: close\r\n\r\nlanded",
        ])
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("wire/moved.yaml", """
            url: "\(server.url)/first"
            auth: {type: bearer, token: "{{env:WIRE_KEY}}"}
            """)
        let run = try await SondeBinary.run(["send", "demo/wire/moved", "-v", "--collections", folder.root.path], environment: ["WIRE_KEY": key])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "landed")
        let received = server.receivedHeads
        let printed = Self.printedHeads(run.stderr)
        try #require(received.count == 3 && printed.count == 3, "\(run.stderr)")
        for (shown, head) in zip(printed, received) {
            Self.expectSame(printed: shown, received: head, secret: { $0 == "Authorization" ? key : nil })
        }
        #expect(printed.map { $0[0] } == ["GET /first HTTP/1.1", "GET /second HTTP/1.1", "GET /third?x=1 HTTP/1.1"])
        // Each hop's answer and the redirect followed come between one request and the next;
        // the final URL ends the chain, before the final status line.
        let hops = """
            >
            < HTTP/1.1 302 Found
            < Location: /second
            * redirect to \(server.url)/second

            > GET /second HTTP/1.1
            """
        #expect(run.stderr.contains(hops), "\(run.stderr)")
        let second = """
            >
            < HTTP/1.1 307 Temporary Redirect
            < Location: /third?x=1
            * redirect to \(server.url)/third?x=1

            > GET /third?x=1 HTTP/1.1
            """
        #expect(run.stderr.contains(second), "\(run.stderr)")
        let end = try #require(run.stderr.range(of: "* final URL: \(server.url)/third?x=1\n"))
        let status = try #require(run.stderr.range(of: "HTTP/1.1 200 OK"))
        #expect(end.upperBound <= status.lowerBound)
        #expect(!run.output.contains(key))
    }
}

import Foundation
import SondeCore
import Testing

/// Parsing a request head from the wire, the bounded log of requests, and the transcript that
/// `-v` and the Request tab show: what is masked, what is said between hops.
@Suite struct WireTranscriptTests {
    static func head(_ text: String) -> SentRequestHead { SentRequestHead(wire: Array(text.utf8)) }

    @Test func aHeadIsParsedFromItsBytesLineByLine() {
        let head = Self.head("GET /a?b=1 HTTP/1.1\r\nHost: h:1\r\nX-Empty:\r\nX-Fold: one\r\n  two\r\nodd line\r\nX-Sp:  v  \r\n\r\n")
        #expect(head.requestLine == "GET /a?b=1 HTTP/1.1")
        #expect(head.headers == [
            HeaderField(name: "Host", value: "h:1"), HeaderField(name: "X-Empty", value: ""),
            HeaderField(name: "X-Fold", value: "one two"), HeaderField(name: "odd line", value: ""),
            HeaderField(name: "X-Sp", value: "v"),
        ])
        #expect(Self.head("").requestLine == "")
        #expect(Self.head("GET / HTTP/1.1\n\n").headers == [], "bare LF ends lines too")
    }

    @Test func theLogKeepsTheLastRequestsAndCountsTheRest() {
        var log = WireLog()
        for index in 0..<(WireLog.limit + 7) {
            log.append(SentRequest(head: SentRequestHead(requestLine: "GET /\(index) HTTP/1.1", headers: []), hop: index))
        }
        #expect(log.requests.count == WireLog.limit)
        #expect(log.omitted == 7)
        #expect(log.requests.first?.head.requestLine == "GET /7 HTTP/1.1")
        let transcript = WireTranscript(wire: log, finalURL: nil, declared: [], secrets: SecretSet())
        #expect(transcript.lines.first == .note("7 earlier requests not kept"))
    }

    @Test func secretsAndCredentialHeadersAreMaskedAndTheRestShownAsSent() {
        let secrets = SecretSet(["s3cret-key"])
        let declared = [
            HeaderField(name: "X-Key", value: "s3cret-key", isSecret: true),
            HeaderField(name: "Authorization", value: "Bearer literal-token"),
        ]
        let sent = SentRequestHead(requestLine: "GET /x?k=s3cret-key HTTP/1.1", headers: [
            HeaderField(name: "Host", value: "example.test"),
            HeaderField(name: "X-Key", value: "s3cret-key"),
            HeaderField(name: "Authorization", value: "Bearer literal-token"),
            HeaderField(name: "Proxy-Authorization", value: "Basic dXNlcjpwYXNz"),
            HeaderField(name: "Cookie", value: "session=abc123; theme=dark"),
            HeaderField(name: "X-Echo", value: "has s3cret-key inside"),
            HeaderField(name: "X-Evil", value: "a\u{1b}[31mb"),
        ])
        let response = HTTPResponse(status: 200, reason: "OK", httpVersion: "1.1", headers: [], body: Data(),
                                    finalURL: "http://example.test/x?k=s3cret-key", timings: TransferTimings(),
                                    wire: WireLog([SentRequest(head: sent, hop: 0)]))
        let transcript = WireTranscript(response: response, declared: declared, secrets: secrets)
        #expect(transcript.lines == [
            .request("GET /x?k=•••• HTTP/1.1"),
            .sentHeader(name: "Host", value: "example.test"),
            .sentHeader(name: "X-Key", value: "••••"),
            .sentHeader(name: "Authorization", value: "Bearer literal-token"),
            .sentHeader(name: "Proxy-Authorization", value: "Basic ••••"),
            .sentHeader(name: "Cookie", value: "session=••••; theme=••••"),
            .sentHeader(name: "X-Echo", value: "has •••• inside"),
            .sentHeader(name: "X-Evil", value: "a\\x1b[31mb"),
            .endOfHead(bodySize: 0),
            .note("final URL: http://example.test/x?k=••••"),
        ])
        let revealed = WireTranscript(response: response, declared: declared, secrets: secrets, reveals: true)
        #expect(revealed.lines.contains(.sentHeader(name: "Cookie", value: "session=abc123; theme=dark")))
        #expect(revealed.lines.contains(.request("GET /x?k=s3cret-key HTTP/1.1")))
    }

    @Test func hopsAreJoinedByTheAnswerAndTheRedirectFollowed() {
        let redirect = Redirect(status: 302, url: "http://other.test/b", crossesOrigin: true, withheld: ["Authorization"])
        let answer = ResponseHead(status: 302, reason: "Found", httpVersion: "1.1", headers: [
            HeaderField(name: "Location", value: "http://other.test/b"), HeaderField(name: "Server", value: "x"),
        ])
        let log = WireLog([
            SentRequest(head: SentRequestHead(requestLine: "POST /a HTTP/1.1", headers: [], bodySize: 12), hop: 0, answer: answer, redirect: redirect),
            SentRequest(head: SentRequestHead(requestLine: "GET /b HTTP/1.1", headers: [], isTruncated: true), hop: 1,
                        answer: ResponseHead(status: 200, reason: "OK", httpVersion: "1.1", headers: [])),
        ])
        let transcript = WireTranscript(wire: log, finalURL: "http://other.test/b", declared: [], secrets: SecretSet())
        #expect(transcript.lines == [
            .request("POST /a HTTP/1.1"),
            .endOfHead(bodySize: 12),
            .answer(status: 302, text: "HTTP/1.1 302 Found"),
            .answerHeader(name: "Location", value: "http://other.test/b"),
            .note("redirect to http://other.test/b (another origin): not sending Authorization"),
            .request("GET /b HTTP/1.1"),
            .note("the head was longer than 64 kB: the rest is not shown"),
            .endOfHead(bodySize: 0),
            .note("final URL: http://other.test/b"),
        ])
    }

    @Test func aRedirectThatSetsACookieShowsItMasked() {
        let answer = ResponseHead(status: 302, reason: "Found", httpVersion: "1.1", headers: [
            HeaderField(name: "Set-Cookie", value: "sid=0123456789abcdef0123; Path=/; HttpOnly"),
            HeaderField(name: "Location", value: "/home"),
        ])
        let log = WireLog([
            SentRequest(head: SentRequestHead(requestLine: "POST /login HTTP/1.1", headers: []), hop: 0, answer: answer),
            SentRequest(head: SentRequestHead(requestLine: "GET /home HTTP/1.1", headers: [
                HeaderField(name: "Cookie", value: "sid=0123456789abcdef0123"),
            ]), hop: 1),
        ])
        let lines = WireTranscript(wire: log, finalURL: nil, declared: [], secrets: SecretSet()).lines
        #expect(lines.contains(.answerHeader(name: "Set-Cookie", value: "sid=••••; Path=/; HttpOnly")))
        #expect(lines.contains(.sentHeader(name: "Cookie", value: "sid=••••")))
        let revealed = WireTranscript(wire: log, finalURL: nil, declared: [], secrets: SecretSet(), reveals: true).lines
        #expect(revealed.contains(.answerHeader(name: "Set-Cookie", value: "sid=0123456789abcdef0123; Path=/; HttpOnly")))
    }
}

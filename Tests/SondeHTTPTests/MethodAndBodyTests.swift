import Foundation
import SondeCore
import SondeHTTP
import Testing

/// Every method and body kind, checked by what the demo server's /echo received.
@Suite struct MethodAndBodyTests {
    let transport = CurlTransport()

    @Test func getSendsQueryAndNoBody() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/echo/a?x=1&x=2&y=%20z")))
            #expect(response.status == 200)
            #expect(response.reason == "OK")
            #expect(response.httpVersion == "1.1")
            #expect(response.mediaType == "application/json")
            let echo = try Echo(response)
            #expect(echo.method == "GET")
            #expect(echo.path == "/echo/a")
            #expect(echo.query == "x=1&x=2&y=%20z")
            #expect(echo.args == [["x", "1"], ["x", "2"], ["y", " z"]])
            #expect(echo.bodyLength == 0)
        }
    }

    @Test(arguments: [HTTPMethod.POST, .PUT, .PATCH, .DELETE, .OPTIONS, .GET])
    func bytesBodyIsSentWithEveryMethod(method: HTTPMethod) async throws {
        try await withDemoServer { demo in
            let json = #"{"name":"Ada","n":\#(method.rawValue.count)}"#
            let response = try await transport.send(PreparedRequest(
                method: method, url: demo.url("/echo"),
                headers: [HeaderField(name: "Content-Type", value: "application/json")],
                body: .bytes(Data(json.utf8))))
            #expect(response.status == 200)
            let echo = try Echo(response)
            #expect(echo.method == method.rawValue)
            #expect(echo.body == json)
            #expect(echo.bodyLength == json.utf8.count)
            #expect(echo.contentType == "application/json")
        }
    }

    @Test func optionsWithoutBody() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .OPTIONS, url: demo.url("/echo")))
            #expect(response.status == 200)
            #expect(try Echo(response).method == "OPTIONS")
            #expect(try Echo(response).bodyLength == 0)
        }
    }

    @Test func postWithoutBodySendsEmptyBodyWithoutFormContentType() async throws {
        try await withDemoServer { demo in
            let echo = try Echo(try await transport.send(PreparedRequest(method: .POST, url: demo.url("/echo"))))
            #expect(echo.method == "POST")
            #expect(echo.bodyLength == 0)
            #expect(echo.header("Content-Length") == ["0"])
            // curl would label POST fields application/x-www-form-urlencoded unless told not to.
            #expect(echo.contentType == nil)
        }
    }

    @Test func headHasHeadersButNoBody() async throws {
        try await withDemoServer { demo in
            let get = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/users")))
            let head = try await transport.send(PreparedRequest(method: .HEAD, url: demo.url("/users")))
            #expect(!get.body.isEmpty)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.timings.bytesDownloaded == 0)
            #expect(head.headers.first(named: "X-Total-Count") == "3")
        }
    }

    @Test func usersCRUD() async throws {
        try await withDemoServer { demo in
            let json = [HeaderField(name: "Content-Type", value: "application/json")]
            let created = try await transport.send(PreparedRequest(
                method: .POST, url: demo.url("/users"), headers: json,
                body: .bytes(Data(#"{"name":"Edsger","email":"ed@example.com"}"#.utf8))))
            #expect(created.status == 201)
            let location = try #require(created.headers.first(named: "Location"))

            let patched = try await transport.send(PreparedRequest(
                method: .PATCH, url: demo.url(location), headers: json, body: .bytes(Data(#"{"role":"admin"}"#.utf8))))
            #expect(patched.status == 200)
            #expect(String(decoding: patched.body, as: UTF8.self).contains(#""role":"admin""#))

            let replaced = try await transport.send(PreparedRequest(
                method: .PUT, url: demo.url(location), headers: json,
                body: .bytes(Data(#"{"name":"E. W. Dijkstra","email":"ewd@example.com"}"#.utf8))))
            #expect(replaced.status == 200)
            #expect(String(decoding: replaced.body, as: UTF8.self).contains("E. W. Dijkstra"))

            let deleted = try await transport.send(PreparedRequest(method: .DELETE, url: demo.url(location)))
            #expect(deleted.status == 204)
            #expect(try await transport.send(PreparedRequest(method: .GET, url: demo.url(location))).status == 404)
        }
    }

    @Test func fileBodyIsReadAndSent() async throws {
        let file = try TemporaryFile(contents: "line one\nline two\n")
        defer { file.remove() }
        try await withDemoServer { demo in
            let echo = try Echo(try await transport.send(PreparedRequest(
                method: .PUT, url: demo.url("/echo"),
                headers: [HeaderField(name: "Content-Type", value: "text/plain")],
                body: .file(path: file.path))))
            #expect(echo.method == "PUT")
            #expect(echo.body == "line one\nline two\n")
            #expect(echo.contentType == "text/plain")
        }
    }

    @Test func unreadableBodyFileFailsBeforeSending() async throws {
        let path = "/nonexistent/sonde-\(UUID().uuidString).json"
        let error = await transportError(
            transport, PreparedRequest(method: .POST, url: "http://127.0.0.1:1/echo", body: .file(path: path)))
        guard case .unreadableBodyFile(let reported, let reason)? = error else {
            Issue.record("expected unreadableBodyFile, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
        #expect(reason.contains("No such file"))
    }

    /// `/dev/zero` once read forever and a FIFO blocked the send: neither is a body file.
    @Test func aDeviceOrFIFOIsRefusedAsABodyFileAtOnce() async throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-fifo-\(UUID().uuidString)").path
        #expect(mkfifo(fifo, 0o600) == 0)
        defer { unlink(fifo) }
        for path in ["/dev/zero", fifo] {
            for body in [PreparedBody.file(path: path),
                         .multipart([MultipartPart(name: "f", content: .file(path: path, filename: nil, contentType: nil))])] {
                let started = ContinuousClock.now
                let error = await transportError(transport, PreparedRequest(method: .POST, url: "http://127.0.0.1:1/echo", body: body))
                #expect(error == .unreadableBodyFile(path: path, reason: "it is not a regular file (a device, FIFO or socket)"))
                // A hang never ends, so the bound only has to tell one from a refusal: measured
                // across the await, it also counts the seconds the whole suite's synchronous tests
                // can keep this task from resuming on two cores (up to 14.7 s seen under load).
                #expect(ContinuousClock.now - started < .seconds(30))
            }
        }
    }

    @Test func multipartSendsTextAndFileParts() async throws {
        let file = try TemporaryFile(contents: "hello from a file")
        defer { file.remove() }
        try await withDemoServer { demo in
            let echo = try Echo(try await transport.send(PreparedRequest(
                method: .POST, url: demo.url("/echo"),
                body: .multipart([
                    MultipartPart(name: "note", content: .text("plain words")),
                    MultipartPart(
                        name: "upload",
                        content: .file(path: file.path, filename: "hello.txt", contentType: "text/x-greeting")),
                ]))))
            let contentType = try #require(echo.contentType)
            #expect(contentType.hasPrefix("multipart/form-data; boundary="))
            #expect(echo.body.contains(#"Content-Disposition: form-data; name="note""#))
            #expect(echo.body.contains("plain words"))
            #expect(echo.body.contains(#"Content-Disposition: form-data; name="upload"; filename="hello.txt""#))
            #expect(echo.body.contains("Content-Type: text/x-greeting"))
            #expect(echo.body.contains("hello from a file"))
        }
    }

    @Test func multipartFileNameDefaultsToTheFilesOwnName() async throws {
        let file = try TemporaryFile(contents: "abc")
        defer { file.remove() }
        try await withDemoServer { demo in
            let echo = try Echo(try await transport.send(PreparedRequest(
                method: .POST, url: demo.url("/echo"),
                body: .multipart([MultipartPart(name: "f", content: .file(path: file.path, filename: nil, contentType: nil))]))))
            #expect(echo.body.contains(#"filename="\#(URL(fileURLWithPath: file.path).lastPathComponent)""#))
        }
    }

    @Test func multipartWithUnreadableFileFails() async throws {
        let path = "/nonexistent/sonde-\(UUID().uuidString).png"
        let error = await transportError(transport, PreparedRequest(
            method: .POST, url: "http://127.0.0.1:1/echo",
            body: .multipart([MultipartPart(name: "f", content: .file(path: path, filename: nil, contentType: nil))])))
        guard case .unreadableBodyFile(let reported, _)? = error else {
            Issue.record("expected unreadableBodyFile, got \(String(describing: error))")
            return
        }
        #expect(reported == path)
    }

    @Test func fiveMegabyteUploadArrivesIntact() async throws {
        // A repeating but position-dependent pattern, so a dropped or reordered chunk shows.
        let size = 5 * 1024 * 1024
        let bytes = Data((0..<size).map { (index: Int) -> UInt8 in
            let letter: Int = (index / 7 + index) % 26
            return UInt8(97 + letter)
        })
        let text = String(decoding: bytes, as: UTF8.self)
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(
                method: .POST, url: demo.url("/echo"),
                headers: [HeaderField(name: "Content-Type", value: "text/plain")],
                body: .bytes(bytes)))
            let echo = try Echo(response)
            #expect(echo.bodyLength == size)
            #expect(echo.body == text)
            #expect(response.timings.bytesUploaded == Int64(size))
        }
    }

    @Test func largeDownloadArrivesIntact() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/large?items=100000")))
            #expect(response.status == 200)
            #expect(response.headers.first(named: "Content-Length") == String(response.body.count))
            #expect(response.timings.bytesDownloaded == Int64(response.body.count))
            let items = try #require(try JSONSerialization.jsonObject(with: response.body) as? [[String: Any]])
            #expect(items.count == 100_000)
            #expect(items.last?["id"] as? Int == 100_000)
        }
    }
}

/// A file in the temporary directory with known contents, for body and multipart tests.
struct TemporaryFile {
    let path: String

    init(contents: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-\(UUID().uuidString).txt").path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

import Foundation
import SondeCore
import SondeDemoServer
import SondeHTTP
import Synchronization
import Testing

/// Large and streamed bodies: spilling past the memory threshold, streaming to a file with
/// nothing left under its name when the transfer breaks, and records handed over live.
///
/// Serialized: the spill tests count the temporary files in the system temp folder, and only
/// this suite makes such files.
@Suite(.serialized) struct StreamingTests {
    let transport = CurlTransport()

    private func request(_ url: String, spillThreshold: Int64 = TransferOptions.defaultSpillThreshold) -> PreparedRequest {
        PreparedRequest(method: .GET, url: url, options: TransferOptions(spillThreshold: spillThreshold))
    }

    /// The spill files in the system temp folder now.
    private func spillFiles() throws -> Set<String> {
        let names = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
        return Set(names.filter { $0.hasPrefix("sonde-body-") })
    }

    // MARK: - Spilling

    @Test func aBodyOverTheThresholdSpillsToAPrivateTemporaryFile() async throws {
        try await withDemoServer { demo in
            let before = try spillFiles()
            var response: HTTPResponse? = try await transport.send(
                request(demo.url("/bytes?size=5000000"), spillThreshold: 1_000_000))
            let file = try #require(response?.bodyFile)
            #expect(response?.body.isEmpty == true, "nothing of it stays in memory")
            #expect(response?.bodySize == 5_000_000)
            #expect(file.isTemporary)
            #expect(file.url.deletingLastPathComponent().standardizedFileURL.path
                == FileManager.default.temporaryDirectory.standardizedFileURL.path)
            let attributes = try FileManager.default.attributesOfItem(atPath: file.url.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect(try Data(contentsOf: file.url) == Data(DemoPattern.bytes(count: 5_000_000)))
            #expect(try response?.bodyContents().count == 5_000_000)
            #expect(try file.read(offset: 4_999_998, count: 10) == Data([DemoPattern.byte(at: 4_999_998), DemoPattern.byte(at: 4_999_999)]))

            let path = file.url.path
            response = nil
            _ = consume file
            #expect(!FileManager.default.fileExists(atPath: path), "the last reference gone, the file is gone")
            #expect(try spillFiles() == before)
        }
    }

    @Test func aBodyUpToTheThresholdStaysInMemory() async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(request(demo.url("/bytes?size=1000000"), spillThreshold: 1_000_000))
            #expect(response.bodyFile == nil)
            #expect(response.body == Data(DemoPattern.bytes(count: 1_000_000)))
            #expect(response.bodySize == 1_000_000)
        }
    }

    @Test func theDecompressedSizeDecidesTheSpill() async throws {
        try await withDemoServer { demo in
            let progress = Mutex<[TransferProgress]>([])
            let receiver = ResponseReceiver(onProgress: { update in progress.withLock { $0.append(update) } })
            let response = try await transport.send(
                request(demo.url("/bytes?size=5000000&gzip=1"), spillThreshold: 1_000_000), receiver: receiver, cancellation: nil)
            #expect(response.headers.first(named: "Content-Encoding") == "gzip")
            let compressed = try #require(Int64(response.headers.first(named: "Content-Length") ?? ""))
            #expect(compressed < 1_000_000, "the wire carried less than the threshold")
            let file = try #require(response.bodyFile, "5 MB decompressed is over the threshold")
            #expect(file.size == 5_000_000)
            #expect(try Data(contentsOf: file.url) == Data(DemoPattern.bytes(count: 5_000_000)))
            let last = try #require(progress.withLock { $0.last })
            #expect(last.bytesReceived == 5_000_000)
            #expect(last.expectedBytes == nil, "Content-Length counts compressed bytes, so no percentage")
            file.discard()
            #expect(!FileManager.default.fileExists(atPath: file.url.path))
        }
    }

    /// A text body past the spill threshold that echoes the request's secret (in many pieces
    /// as curl hands them over) is masked in its temporary file (`sonde send` of a binary body
    /// with a secret, byte for byte: BodyOutputTests). Here, in this serialized suite, since the
    /// other tests count the spill files in the shared temporary folder.
    @Test func aSpillFileHoldsNoSecret() async throws {
        let secret = "sp1ll-s3cret-\(UUID().uuidString.prefix(8))"
        var options = TransferOptions()
        options.spillThreshold = 1000
        let request = { (url: String) in PreparedRequest(method: .GET, url: url, options: options, secrets: SecretSet([secret])) }

        let text = (0..<2000).map { "line \($0) token=\($0 % 7 == 0 ? secret : "none")\n" }.joined()
        let textServer = try RawHTTPServer(response: ScriptedHTTPServer.response(200, "OK", headers: ["Content-Type: text/plain"], body: text))
        defer { textServer.stop() }
        let response = try await CurlTransport().send(request("http://127.0.0.1:\(textServer.port)/"))
        let file = try #require(response.bodyFile)
        let spilled = String(decoding: try Data(contentsOf: file.url), as: UTF8.self)
        #expect(!spilled.contains(secret))
        #expect(spilled == SecretSet([secret]).redact(text))
    }

    @Test func aSpilledBodyCutShortLeavesNoTemporaryFile() async throws {
        let server = try ScriptedHTTPServer([.resetMidBody])
        defer { server.stop() }
        let before = try spillFiles()
        let error = await transportError(transport, request(server.url, spillThreshold: 10))
        guard case .connectionLost? = error else {
            Issue.record("expected connectionLost, got \(String(describing: error))")
            return
        }
        #expect(try spillFiles() == before)
    }

    // MARK: - Straight to a file

    @Test func aFileDestinationGetsTheExactBytesAndKeepsNoPartFile() async throws {
        try await withDemoServer { demo in
            let folder = try TemporaryFolder()
            let destination = folder.url.appendingPathComponent("out.bin")
            let progress = Mutex<[TransferProgress]>([])
            let receiver = ResponseReceiver(
                destination: .file(path: destination.path),
                onProgress: { update in progress.withLock { $0.append(update) } })
            let response = try await transport.send(request(demo.url("/bytes?size=5000000")), receiver: receiver, cancellation: nil)
            let file = try #require(response.bodyFile)
            #expect(file.url.path == destination.path)
            #expect(!file.isTemporary)
            #expect(response.body.isEmpty)
            #expect(response.bodySize == 5_000_000)
            #expect(try Data(contentsOf: destination) == Data(DemoPattern.bytes(count: 5_000_000)))
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.bin"])
            file.discard()
            #expect(FileManager.default.fileExists(atPath: destination.path), "a requested file is never deleted")

            let updates = progress.withLock { $0 }
            #expect(updates.count > 1)
            #expect(updates.last?.bytesReceived == 5_000_000)
            #expect(updates.last?.expectedBytes == 5_000_000)
            #expect(updates.last?.fraction == 1)
            #expect(zip(updates, updates.dropFirst()).allSatisfy { $0.bytesReceived < $1.bytesReceived })
        }
    }

    @Test func aResetMidBodyLeavesNothingUnderTheFinalName() async throws {
        let server = try ScriptedHTTPServer([.resetMidBody])
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let destination = folder.url.appendingPathComponent("out.bin")
        try Data("the old file".utf8).write(to: destination)
        let arrived = Atomic<Int64>(0)
        let receiver = ResponseReceiver(
            destination: .file(path: destination.path),
            onProgress: { arrived.store($0.bytesReceived, ordering: .relaxed) })
        do {
            _ = try await transport.send(request(server.url), receiver: receiver, cancellation: nil)
            Issue.record("expected the reset to fail the transfer")
        } catch {
            guard case .connectionLost = error else {
                Issue.record("expected connectionLost, got \(error)")
                return
            }
        }
        #expect(arrived.load(ordering: .relaxed) == 100, "the 100 bytes before the reset were counted")
        #expect(try String(contentsOf: destination, encoding: .utf8) == "the old file", "an older file is left alone")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["out.bin"], "no .part left")
    }

    @Test func aCancelledDownloadLeavesNothing() async throws {
        try await withDemoServer { demo in
            let folder = try TemporaryFolder()
            let destination = folder.url.appendingPathComponent("big.bin")
            let flag = CancellationFlag()
            let receiver = ResponseReceiver(
                destination: .file(path: destination.path),
                onProgress: { if $0.bytesReceived > 2_000_000 { flag.cancel() } })
            let error = await transportError(
                transport, request(demo.url("/bytes?size=50000000000")), cancellation: flag, receiver: receiver)
            #expect(error == .cancelled)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == [])
        }
    }

    @Test func anUnwritableDestinationFailsBeforeAnythingIsSent() async throws {
        let server = try RawHTTPServer(response: HeaderTests.okResponse)
        defer { server.stop() }
        let folder = try TemporaryFolder()
        let destination = folder.url.appendingPathComponent("missing/out.bin").path
        let error = await transportError(
            transport, request("http://127.0.0.1:\(server.port)/"), receiver: ResponseReceiver(destination: .file(path: destination)))
        #expect(error == .unwritableResponseFile(path: destination, reason: "No such file or directory"))
        #expect(server.connectionsAccepted == 0)
    }

    @Test func aDeviceIsWrittenInPlaceAndAFolderRefused() async throws {
        try await withDemoServer { demo in
            let receiver = ResponseReceiver(destination: .file(path: "/dev/null"))
            let response = try await transport.send(request(demo.url("/bytes?size=2000000")), receiver: receiver, cancellation: nil)
            #expect(response.bodySize == 2_000_000)
            var info = stat()
            #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR, "/dev/null is still the device")
            #expect(try FileManager.default.contentsOfDirectory(atPath: "/dev").filter { $0.hasPrefix("null.part-") } == [])

            let folder = try TemporaryFolder()
            let error = await transportError(
                transport, request(demo.url("/bytes?size=10")), receiver: ResponseReceiver(destination: .file(path: folder.url.path)))
            #expect(error == .unwritableResponseFile(path: folder.url.path, reason: "it is a directory"))

            // HEAD has no body, but the file asked for is still made, empty.
            let empty = folder.url.appendingPathComponent("head.bin")
            let head = try await transport.send(
                PreparedRequest(method: .HEAD, url: demo.url("/bytes?size=10")),
                receiver: ResponseReceiver(destination: .file(path: empty.path)), cancellation: nil)
            #expect(head.status == 200)
            #expect(try Data(contentsOf: empty).isEmpty)
        }
    }

    // MARK: - Live

    @Test func theHeadArrivesBeforeTheBodyAndOnlyTheFinalOne() async throws {
        let server = try GatedStreamServer([
            .send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\n"),
            .gate(0),
            .send("hello"),
        ])
        defer { server.stop() }
        let heads = Mutex<[ResponseHead]>([])
        let receiver = ResponseReceiver(onHead: { head, _, _ in
            heads.withLock { $0.append(head) }
            return .keep
        })
        let sending = Task { [transport] in try await transport.send(request(server.url), receiver: receiver, cancellation: nil) }
        let deadline = ContinuousClock.now + .seconds(10)
        while heads.withLock({ $0.isEmpty }), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(heads.withLock { $0.map(\.status) } == [200], "the head came while the body was held back")
        #expect(heads.withLock { $0.first?.expectedBodySize } == 5)
        server.open(0)
        let response = try await sending.value
        #expect(response.body == Data("hello".utf8))
        #expect(!server.openedByTimeout(0))

        try await withDemoServer { demo in
            heads.withLock { $0.removeAll() }
            let redirected = try await transport.send(request(demo.url("/redirect/2")), receiver: receiver, cancellation: nil)
            #expect(redirected.status == 200)
            #expect(heads.withLock { $0.map(\.status) } == [200], "redirects are not the final head")
        }
    }

    @Test func ndjsonRecordsArriveWhileTheBodyIsStillComing() async throws {
        let server = try GatedStreamServer([
            .send("HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"),
            .send(GatedStreamServer.chunk("{\"n\":1}\n{\"n\"")),
            .gate(0),
            .send(GatedStreamServer.chunk(":2}\n{\"n\":3}") + "0\r\n\r\n"),
        ])
        defer { server.stop() }
        let received = try await liveRecords(from: server)
        #expect(received.first == .line(Data("{\"n\":1}".utf8)))
        #expect(!server.openedByTimeout(0), "the first record arrived while the server held the rest back")
        #expect(received.all == ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"].map { .line(Data($0.utf8)) })
    }

    @Test func serverSentEventsArriveWhileTheStreamIsStillOpen() async throws {
        let server = try GatedStreamServer([
            .send("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"),
            .send(": hello\r\nretry: 100\r\nevent: greeting\r\nid: 1\r\ndata: first\r\ndata: lines\r\n\r\ndata: sec"),
            .gate(0),
            .send("ond\r\n\r\ndata: never dispatched"),
        ])
        defer { server.stop() }
        let received = try await liveRecords(from: server)
        #expect(received.first == .event(ServerSentEvent(type: "greeting", data: "first\nlines", lastEventID: "1")))
        #expect(!server.openedByTimeout(0))
        #expect(received.all.count == 2)
        #expect(received.all.last == .event(ServerSentEvent(data: "second", lastEventID: "1")))
    }

    /// Sends to `server` through a live feed, takes the first record while gate 0 is still shut,
    /// then opens it and collects the rest.
    private func liveRecords(from server: GatedStreamServer) async throws -> (first: StreamRecord?, all: [StreamRecord]) {
        let (feed, records) = LiveRecordFeed.stream()
        let sending = Task { [transport] in
            defer { feed.finish() }
            return try await transport.send(request(server.url), receiver: feed.receiver(), cancellation: nil)
        }
        var iterator = records.makeAsyncIterator()
        let first = await iterator.next()
        server.open(0)
        var all = first.map { [$0] } ?? []
        while let record = await iterator.next() { all.append(record) }
        let response = try await sending.value
        #expect(response.status == 200)
        #expect(feed.isLive)
        return (first, all)
    }

    @Test func aDiscardedBodyIsNotKeptButStillSeen() async throws {
        try await withDemoServer { demo in
            let seen = Atomic<Int>(0)
            let receiver = ResponseReceiver(
                onHead: { _, _, _ in .discard },
                onBodyChunk: { seen.add($0.count, ordering: .relaxed) })
            let response = try await transport.send(
                request(demo.url("/bytes?size=3000000"), spillThreshold: 1_000_000), receiver: receiver, cancellation: nil)
            #expect(response.body.isEmpty)
            #expect(response.bodyFile == nil)
            #expect(seen.load(ordering: .relaxed) == 3_000_000)
        }
    }
}

import Foundation
import SondeCore
import Synchronization
import Testing

/// NDJSON lines cut out of a body that arrives in arbitrary pieces, the decoder that picks the
/// format by media type, and the live feed built on both.
@Suite struct LineRecordSplitterTests {
    private func lines(_ data: [Data]) -> [String] {
        data.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func linesSplitAnywhereComeOutWhole() {
        let body = Array("{\"a\":1}\n{\"b\":\"é\"}\r\n\n  \n{\"c\":3}\n".utf8)
        for size in 1...body.count {
            var splitter = LineRecordSplitter()
            var found: [Data] = []
            var start = 0
            while start < body.count {
                found += splitter.feed(body[start..<min(start + size, body.count)])
                start += size
            }
            found += splitter.finish()
            #expect(lines(found) == ["{\"a\":1}", "{\"b\":\"é\"}", "{\"c\":3}"], "pieces of \(size) bytes")
        }
    }

    @Test func aLastLineWithoutNewlineWaitsForFinish() {
        var splitter = LineRecordSplitter()
        #expect(lines(splitter.feed(Array("{\"a\":1}\n{\"b\"".utf8))) == ["{\"a\":1}"])
        #expect(splitter.feed(Array(":2}".utf8)).isEmpty)
        #expect(lines(splitter.finish()) == ["{\"b\":2}"])
        #expect(splitter.finish().isEmpty)
    }

    @Test func aByteOrderMarkAtTheStartIsDropped() {
        var splitter = LineRecordSplitter()
        #expect(splitter.feed([0xEF, 0xBB]).isEmpty)
        #expect(lines(splitter.feed([0xBF] + Array("[1]\n".utf8))) == ["[1]"])
    }

    @Test func theDecoderFollowsTheMediaType() throws {
        #expect(StreamRecordDecoder.decodes("application/x-ndjson"))
        #expect(StreamRecordDecoder.decodes("application/jsonl"))
        #expect(StreamRecordDecoder.decodes("text/event-stream"))
        #expect(!StreamRecordDecoder.decodes("application/json"))
        #expect(!StreamRecordDecoder.decodes(nil))

        var lines = try #require(StreamRecordDecoder(mediaType: "application/x-ndjson"))
        #expect(lines.feed(Array("1\n2".utf8)) == [.line(Data("1".utf8))])
        #expect(lines.finish() == [.line(Data("2".utf8))])

        var events = try #require(StreamRecordDecoder(mediaType: "text/event-stream"))
        #expect(events.feed(Array("data: 1\n\ndata: 2".utf8)) == [.event(ServerSentEvent(data: "1"))])
        #expect(events.finish() == [])
    }

    @Test func theLiveFeedStreamsRecordsAndEndsWithFinish() async {
        let (feed, records) = LiveRecordFeed.stream()
        let head = ResponseHead(
            status: 200, reason: "OK", httpVersion: "1.1",
            headers: [HeaderField(name: "Content-Type", value: "application/x-ndjson; charset=utf-8")])
        #expect(feed.begin(head))
        #expect(feed.isLive)
        feed.consume(Data("{\"n\":1}\n{\"n\"".utf8))
        feed.consume(Data(":2}\n{\"n\":3}".utf8))
        feed.finish()
        var received: [StreamRecord] = []
        for await record in records { received.append(record) }
        #expect(received == ["{\"n\":1}", "{\"n\":2}", "{\"n\":3}"].map { .line(Data($0.utf8)) })
    }

    @Test func theLiveFeedIgnoresOtherMediaTypesAndKeepsACutShortLine() {
        let kept = LockedRecords()
        let feed = LiveRecordFeed { kept.append($0) }
        let json = ResponseHead(status: 200, reason: "", httpVersion: "2", headers: [HeaderField(name: "Content-Type", value: "application/json")])
        #expect(!feed.begin(json))
        feed.consume(Data("{\"a\":1}\n".utf8))
        #expect(kept.all.isEmpty)

        let ndjson = ResponseHead(status: 200, reason: "", httpVersion: "2", headers: [HeaderField(name: "Content-Type", value: "application/jsonl")])
        #expect(feed.begin(ndjson))
        feed.consume(Data("{\"a\":1}\n{\"b\":".utf8))
        feed.finish(bodyComplete: false)
        #expect(kept.all == [.line(Data("{\"a\":1}".utf8))])
    }
}

/// Records collected from a callback that may run on another thread.
final class LockedRecords: Sendable {
    private let records = Mutex<[StreamRecord]>([])

    func append(_ record: StreamRecord) {
        records.withLock { $0.append(record) }
    }

    var all: [StreamRecord] { records.withLock { $0 } }
}

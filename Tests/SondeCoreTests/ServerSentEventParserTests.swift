import Foundation
import SondeCore
import Testing

/// The Server-Sent Events parser against the examples of the HTML standard
/// (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation)
/// and the edges of its rules: line endings, chunk boundaries, BOM, comments, id and retry.
@Suite struct ServerSentEventParserTests {
    /// Parses `text` fed in one piece, then byte by byte, and expects the same events both ways.
    private func events(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [ServerSentEvent] {
        events(Array(text.utf8), sourceLocation: sourceLocation)
    }

    private func events(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) -> [ServerSentEvent] {
        var whole = ServerSentEventParser()
        let atOnce = whole.feed(bytes)
        var split = ServerSentEventParser()
        var byByte: [ServerSentEvent] = []
        for byte in bytes { byByte += split.feed([byte]) }
        #expect(atOnce == byByte, "feeding byte by byte changes nothing", sourceLocation: sourceLocation)
        return atOnce
    }

    @Test func dataLinesJoinWithNewlines() {
        // The standard's stock-ticker example.
        #expect(events("data: YHOO\ndata: +2\ndata: 10\n\n") == [ServerSentEvent(data: "YHOO\n+2\n10")])
    }

    @Test func commentsIdsAndOneSpaceAfterTheColon() {
        // The standard's second example: a comment, an id that a bare `id` line resets, and
        // only one leading space removed from a value.
        let stream = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
        #expect(events(stream) == [
            ServerSentEvent(data: "first event", lastEventID: "1"),
            ServerSentEvent(data: "second event", lastEventID: ""),
            ServerSentEvent(data: " third event", lastEventID: ""),
        ])
    }

    @Test func emptyDataAndAnUnfinishedEvent() {
        // The standard's third example: `data` alone is an empty line of data; two make "\n";
        // the last block is never followed by a blank line and is dropped.
        #expect(events("data\n\ndata\ndata\n\ndata:") == [
            ServerSentEvent(data: ""),
            ServerSentEvent(data: "\n"),
        ])
    }

    @Test func aSpaceAfterTheColonIsOptional() {
        // The standard's fourth example: both blocks are the same event.
        #expect(events("data:test\n\ndata: test\n\n") == [ServerSentEvent(data: "test"), ServerSentEvent(data: "test")])
    }

    @Test func eventNamesTheTypeOfOneEventOnly() {
        let stream = "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\ndata: 113411\n\n"
        #expect(events(stream).map(\.type) == ["add", "remove", "message"])
        #expect(events(stream).map(\.data) == ["73857293", "2153", "113411"])
    }

    @Test func everyLineEndingWorksAndCRLFMaySplitAcrossChunks() {
        let expected = [ServerSentEvent(type: "a", data: "1\n2"), ServerSentEvent(data: "3")]
        #expect(events("event: a\ndata: 1\ndata: 2\n\ndata: 3\n\n") == expected)
        #expect(events("event: a\r\ndata: 1\r\ndata: 2\r\n\r\ndata: 3\r\n\r\n") == expected)
        #expect(events("event: a\rdata: 1\rdata: 2\r\rdata: 3\r\r") == expected)
        #expect(events("event: a\r\ndata: 1\rdata: 2\n\r\ndata: 3\n\r") == expected)

        // CR at the end of one chunk, LF at the start of the next: one line ending, not two.
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("data: x\r".utf8)) == [])
        #expect(parser.feed(Array("\ndata: y\r".utf8)) == [])
        #expect(parser.feed(Array("\n\r\n".utf8)) == [ServerSentEvent(data: "x\ny")])
    }

    @Test func aLeadingByteOrderMarkIsDroppedEvenWhenSplit() {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        #expect(events(bom + Array("data: hi\n\n".utf8)) == [ServerSentEvent(data: "hi")])
        // Only at the very start: later, U+FEFF is part of the field name, which is then unknown.
        #expect(events(Array("data: a\n\n".utf8) + bom + Array("data: b\n\n".utf8)).map(\.data) == ["a"])
        var parser = ServerSentEventParser()
        #expect(parser.feed([0xEF]) == [])
        #expect(parser.feed([0xBB, 0xBF, UInt8(ascii: "d")]) == [])
        #expect(parser.feed(Array("ata: split\n\n".utf8)) == [ServerSentEvent(data: "split")])
    }

    @Test func idPersistsAcrossEventsAndIgnoresNUL() {
        var parser = ServerSentEventParser()
        let first = parser.feed(Array("id: 7\ndata: a\n\ndata: b\n\nid: x\u{0}y\ndata: c\n\n".utf8))
        #expect(first.map(\.lastEventID) == ["7", "7", "7"])
        #expect(parser.lastEventID == "7")
        // An id with no data dispatches nothing but still sets the last event ID.
        #expect(parser.feed(Array("id: 8\n\n".utf8)) == [])
        #expect(parser.lastEventID == "8")
    }

    @Test func retryTakesOnlyASCIIDigits() {
        var parser = ServerSentEventParser()
        _ = parser.feed(Array("retry: 1500\n\n".utf8))
        #expect(parser.reconnectionTime == 1500)
        _ = parser.feed(Array("retry: 2s\nretry: -3\nretry:\nretry: ٣\n\n".utf8))
        #expect(parser.reconnectionTime == 1500)
        _ = parser.feed(Array("retry:250\n\n".utf8))
        #expect(parser.reconnectionTime == 250)
    }

    @Test func unknownFieldsAndColonlessLinesAreIgnored() {
        #expect(events("foo: bar\nevent\ndata: x\nDATA: y\n\n") == [ServerSentEvent(data: "x")])
        #expect(events(":only a comment\n\n") == [])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        #expect(events([UInt8]("data: a".utf8) + [0xFF] + [UInt8]("b\n\n".utf8)) == [ServerSentEvent(data: "a\u{FFFD}b")])
    }

    @Test func finishDropsAnUnfinishedEventButKeepsTheLastID() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("id: 3\ndata: half".utf8)) == [])
        parser.finish()
        #expect(parser.feed(Array("data: next\n\n".utf8)) == [ServerSentEvent(data: "next", lastEventID: "3")])
    }
}

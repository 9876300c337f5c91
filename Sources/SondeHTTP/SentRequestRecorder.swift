import SondeCore

/// Collects the requests libcurl writes, from what its debug callback reports
/// (CURLINFO_HEADER_OUT for a head, CURLINFO_DATA_OUT for body bytes), into a `WireLog`.
///
/// The callback runs on the transfer's thread for every piece written or read, so what it does
/// here is cheap: a head's bytes are appended (at most `SentRequestHead.capacity` of them) and
/// parsed only once the next request starts or the log is read; body bytes are only counted.
struct SentRequestRecorder {
    private var log = WireLog()
    /// The request being written: its head's bytes so far, and what followed it.
    private var head: [UInt8] = []
    private var headIsTruncated = false
    private var headIsComplete = false
    private var bodySize: Int64 = 0
    private var answer: ResponseHead?
    private var isRecording = false
    /// The last bytes of the head so far, to see its end (a blank line) even past the capacity.
    private var tail: UInt32 = 0
    private var hop = 0

    /// Bytes of a request head as written. libcurl writes a head in one piece, but one too large
    /// for the socket's buffer can come in several; a head after a complete one, or after an
    /// answer, starts the next request (a digest challenge's second request, a new hop).
    mutating func headerOut(_ bytes: UnsafeRawBufferPointer) {
        if isRecording, headIsComplete || answer != nil { close() }
        if !isRecording {
            isRecording = true
            head.removeAll(keepingCapacity: true)
            headIsTruncated = false
            headIsComplete = false
            bodySize = 0
            answer = nil
            tail = 0
        }
        let room = SentRequestHead.capacity - head.count
        if bytes.count > room { headIsTruncated = true }
        head.append(contentsOf: bytes.prefix(max(0, room)))
        for byte in bytes.suffix(4) { tail = tail << 8 | UInt32(byte) }
        headIsComplete = tail == 0x0D0A_0D0A
    }

    /// Body bytes written after the current head.
    mutating func dataOut(count: Int) {
        bodySize += Int64(count)
    }

    /// The head of the answer to the request last written (not an interim 1xx one).
    mutating func answered(_ head: ResponseHead) {
        if isRecording { answer = answer ?? head } else { log.answerLast(head) }
    }

    /// `redirect` is followed: the requests from now on belong to the next hop.
    mutating func nextHop(after redirect: Redirect) {
        close()
        log.redirectLast(redirect)
        hop += 1
    }

    /// Every request written so far, the one being written included.
    var wire: WireLog {
        var copy = self
        copy.close()
        return copy.log
    }

    private mutating func close() {
        guard isRecording else { return }
        isRecording = false
        var parsed = SentRequestHead(wire: head, isTruncated: headIsTruncated)
        parsed.bodySize = bodySize
        log.append(SentRequest(head: parsed, hop: hop, answer: answer))
    }
}

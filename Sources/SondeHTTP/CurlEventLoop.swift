import CCurl
import Foundation
import SondeCore
import Synchronization

/// libcurl's multi interface driven by one thread: every transfer submitted runs on one shared
/// multi handle (one connection cache, the connection limits), instead of a thread per transfer.
///
/// The thread waits in epoll(7) and tells libcurl which socket is ready
/// (`curl_multi_socket_action`, libcurl's socket interface), so each wake-up costs work for the
/// sockets that have something to do. `curl_multi_poll` and `curl_multi_perform` looked at every
/// socket and every transfer on every wake-up: with 50 transfers, poll(2) alone was 23% of this
/// thread in `sonde run --jobs 50` (perf), the thread that bounds a run's rate.
///
/// Each transfer is a `CurlTransfer`, configured by the same code as a single send; the loop
/// only adds its easy handle for each hop and hands the hop's result back (`Step`).
///
/// `@unchecked Sendable`: the multi handle, the active transfers, the idle easy handles and the
/// timer are touched by the loop's thread only; other threads reach the loop through `pending`
/// (a Mutex) and a write to `wakeUp`, an eventfd the loop waits on with the sockets.
final class CurlEventLoop: @unchecked Sendable {
    /// One transfer asked for, and who hears how it ended (on the loop's thread): the result,
    /// the connections it opened and a cookie jar problem, if any.
    struct Submission: Sendable {
        var request: PreparedRequest
        var receiver: ResponseReceiver
        var cancellations: [CancellationFlag]
        var jar: CookieJar?
        var done: @Sendable (Result<HTTPResponse, TransportError>, Int, String?) -> Void
    }

    private struct Active {
        var transfer: CurlTransfer
        var submission: Submission
    }

    private let multi: UnsafeMutableRawPointer
    private let pending = Mutex<(submissions: [Submission], closed: Bool)>(([], false))
    private var active: [UnsafeMutableRawPointer: Active] = [:]
    /// Easy handles between transfers; the connections live in the multi handle's cache.
    private var idle: [UnsafeMutableRawPointer] = []
    private var lastSweep = ContinuousClock.now
    /// The epoll instance holding the transfers' sockets and `wakeUp`.
    private let epoll: Int32
    /// Written to wake the loop for a submission or `close()`.
    private let wakeUp: Int32
    /// When libcurl asked to be called with `CURL_SOCKET_TIMEOUT` next (its timer); nil for never.
    private var timerDeadline: ContinuousClock.Instant?

    /// Easy handles kept for reuse: a fresh one costs an allocation and a few microseconds.
    private static let idleCapacity = 256
    /// How often a cancelled transfer is looked for while transfers wait on the network; the
    /// poll wakes at least this often.
    private static let sweepMilliseconds: Int32 = 50

    init?(limits: ConnectionLimits) {
        let epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { return nil }
        let wakeUp = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeUp
        guard wakeUp >= 0, epoll_ctl(epoll, EPOLL_CTL_ADD, wakeUp, &event) == 0, let multi = curl_multi_init() else {
            if wakeUp >= 0 { Glibc.close(wakeUp) }
            Glibc.close(epoll)
            return nil
        }
        self.multi = multi
        self.epoll = epoll
        self.wakeUp = wakeUp
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = sonde_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        _ = sonde_multi_setopt_socket_function(multi) { _, socket, what, context, _ in
            guard let context else { return -1 }
            Unmanaged<CurlEventLoop>.fromOpaque(context).takeUnretainedValue().watch(socket, what)
            return 0
        }
        _ = sonde_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
        _ = sonde_multi_setopt_timer_function(multi) { _, milliseconds, context in
            guard let context else { return -1 }
            let loop = Unmanaged<CurlEventLoop>.fromOpaque(context).takeUnretainedValue()
            loop.timerDeadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
            return 0
        }
        if let perHost = limits.perHost { _ = sonde_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, perHost) }
        if let total = limits.total {
            _ = sonde_multi_setopt_long(multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, total)
            // The cache keeps no more idle connections than may be open at once.
            _ = sonde_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, total)
        }
        let thread = Thread { [self] in loop() }
        thread.name = "sonde-multi"
        thread.start()
    }

    /// Queues a transfer; the loop starts it at its next turn.
    func submit(_ submission: Submission) {
        let accepted = pending.withLock { state -> Bool in
            guard !state.closed else { return false }
            state.submissions.append(submission)
            return true
        }
        guard accepted else {
            submission.done(.failure(.cancelled), 0, nil)
            return
        }
        wake()
    }

    /// Lets the loop end once its transfers have; it then frees the multi handle.
    func close() {
        pending.withLock { $0.closed = true }
        wake()
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeUp, &one, MemoryLayout<UInt64>.size)
    }

    /// libcurl's socket callback: wait for what it asks of `socket`, or no longer.
    private func watch(_ socket: curl_socket_t, _ what: Int32) {
        guard what != sonde_poll_remove else {
            // libcurl tells before it closes the socket; one it closed already is gone from epoll.
            _ = epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nil)
            return
        }
        var event = epoll_event()
        event.events = (what & sonde_poll_in != 0 ? EPOLLIN.rawValue : 0) | (what & sonde_poll_out != 0 ? EPOLLOUT.rawValue : 0)
        event.data.fd = socket
        if epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) != 0, errno == ENOENT {
            _ = epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event)
        }
    }

    private func loop() {
        var running: Int32 = 0
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        while true {
            let (incoming, closed) = pending.withLock { state in
                defer { state.submissions.removeAll(keepingCapacity: true) }
                return (state.submissions, state.closed)
            }
            for submission in incoming { begin(submission) }
            if closed, active.isEmpty { break }
            let ready = epoll_wait(epoll, &events, Int32(events.count), waitMilliseconds())
            for event in events.prefix(Int(max(0, ready))) {
                if event.data.fd == wakeUp {
                    var count: UInt64 = 0
                    _ = read(wakeUp, &count, MemoryLayout<UInt64>.size)
                    continue
                }
                var flags: Int32 = 0
                if event.events & EPOLLIN.rawValue != 0 { flags |= sonde_cselect_in }
                if event.events & EPOLLOUT.rawValue != 0 { flags |= sonde_cselect_out }
                if event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 { flags |= sonde_cselect_err }
                _ = curl_multi_socket_action(multi, event.data.fd, flags, &running)
            }
            if let deadline = timerDeadline, deadline <= .now {
                timerDeadline = nil
                _ = curl_multi_socket_action(multi, sonde_socket_timeout, 0, &running)
            }
            readMessages()
            sweepCancelled()
        }
        for easy in idle { curl_easy_cleanup(easy) }
        idle.removeAll()
        curl_multi_cleanup(multi)
        Glibc.close(epoll)
        Glibc.close(wakeUp)
    }

    /// How long to wait for a socket: until libcurl's timer, and no longer than the sweep for
    /// cancelled transfers while there are any.
    private func waitMilliseconds() -> Int32 {
        let longest: Int32 = active.isEmpty ? 1000 : Self.sweepMilliseconds
        guard let deadline = timerDeadline else { return longest }
        let left = deadline - .now
        if left <= .zero { return 0 }
        let milliseconds = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
        return Int32(min(Int64(longest), milliseconds))
    }

    private func begin(_ submission: Submission) {
        guard let easy = idle.popLast() ?? curl_easy_init() else {
            submission.done(.failure(.other(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")), 0, nil)
            return
        }
        let transfer = CurlTransfer(
            easy: easy, multi: nil, request: submission.request, receiver: submission.receiver,
            cancellations: submission.cancellations, jar: submission.jar)
        advance(easy, Active(transfer: transfer, submission: submission), transfer.start())
    }

    /// Adds the easy handle for the next hop, or hands the outcome over and keeps the handle.
    private func advance(_ easy: UnsafeMutableRawPointer, _ entry: Active, _ step: CurlTransfer.Step) {
        switch step {
        case .perform:
            guard curl_multi_add_handle(multi, easy) == CURLM_OK else {
                advance(easy, entry, entry.transfer.hopEnded(CURLE_FAILED_INIT))
                return
            }
            active[easy] = entry
        case .finished(let result):
            // As the handle pool does: only a handle that carried a whole exchange is kept (see
            // `CurlTransport.perform`: libcurl 7.88 breaks a handle after a failed name lookup).
            if case .success = result, idle.count < Self.idleCapacity {
                idle.append(easy)
            } else {
                curl_easy_cleanup(easy)
            }
            entry.submission.done(result, entry.transfer.connectionsOpened, entry.transfer.cookieJarProblem)
        }
    }

    private func readMessages() {
        var queued: Int32 = 0
        while let message = curl_multi_info_read(multi, &queued) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            let code = message.pointee.data.result
            // The message is freed by the removal: everything is read from it before.
            hopDone(easy, code)
        }
    }

    private func hopDone(_ easy: UnsafeMutableRawPointer, _ code: CURLcode) {
        curl_multi_remove_handle(multi, easy)
        guard let entry = active.removeValue(forKey: easy) else { return }
        advance(easy, entry, entry.transfer.hopEnded(code))
    }

    /// Stops the transfers whose caller cancelled them: their progress callback would too, but
    /// libcurl calls it only when it touches the transfer, and a transfer queued for a
    /// connection is not touched.
    private func sweepCancelled() {
        let now = ContinuousClock.now
        guard now - lastSweep >= .milliseconds(Int(Self.sweepMilliseconds)) else { return }
        lastSweep = now
        for (easy, entry) in active where entry.transfer.isCancelled {
            hopDone(easy, CURLE_ABORTED_BY_CALLBACK)
        }
    }
}

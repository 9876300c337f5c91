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
/// For the same reason the thread only moves bytes: a `CurlTransfer` configures its easy handle
/// and reads the outcome back on the caller's thread, and the loop adds the configured handle
/// for one hop (`perform`) and hands back libcurl's result code. Setting some 25 options,
/// `curl_easy_reset`, reading a dozen `CURLINFO`s, building the `HTTPResponse` and saving the
/// cookie jar were 16% of this thread when it did them (perf, `sonde run --jobs 50`).
///
/// `@unchecked Sendable`: the multi handle, the active hops and the timer are touched by the
/// loop's thread only; other threads reach the loop through `pending` (a Mutex) and a write to
/// `wakeUp`, an eventfd the loop waits on with the sockets, written only while the loop waits.
final class CurlEventLoop: @unchecked Sendable {
    /// An easy handle, passed between the thread that configures it and the loop's; libcurl lets
    /// a handle move between threads as long as one thread uses it at a time.
    struct Handle: @unchecked Sendable {
        let raw: UnsafeMutableRawPointer
    }

    /// One hop asked for: the configured handle, what says it was cancelled, and who hears
    /// libcurl's result code (on the loop's thread, after the handle left the multi handle).
    private struct Hop: Sendable {
        var handle: Handle
        var cancellations: [CancellationFlag]
        var done: @Sendable (CURLcode) -> Void

        var isCancelled: Bool { cancellations.contains { $0.isCancelled } }
    }

    private struct Pending {
        var hops: [Hop] = []
        var closed = false
        /// The loop is waiting in epoll (or about to): a new hop must write `wakeUp`.
        var waiting = false
    }

    private let multi: UnsafeMutableRawPointer
    private let pending = Mutex(Pending())
    private var active: [UnsafeMutableRawPointer: Hop] = [:]
    /// Easy handles between transfers; the connections live in the multi handle's cache.
    private let idle = Mutex<[Handle]>([])
    private var lastSweep = ContinuousClock.now
    /// The epoll instance holding the transfers' sockets and `wakeUp`.
    private let epoll: Int32
    /// Written to wake the loop for a hop or `close()`.
    private let wakeUp: Int32
    /// The sockets in `epoll` for libcurl (see `watch`).
    private var watched = Set<curl_socket_t>()
    /// When libcurl asked to be called with `CURL_SOCKET_TIMEOUT` next (its timer); nil for never.
    private var timerDeadline: ContinuousClock.Instant?

    /// Easy handles kept for reuse: a fresh one costs an allocation and a few microseconds.
    private static let idleCapacity = 256
    /// How often a cancelled transfer is looked for while transfers wait on the network; the
    /// poll wakes at least this often. The transfers have no progress callback of their own.
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

    /// An idle easy handle, or a new one; nil when libcurl cannot make one.
    func takeHandle() -> Handle? {
        if let handle = idle.withLock({ $0.popLast() }) { return handle }
        return curl_easy_init().map(Handle.init)
    }

    /// Takes a handle back after a transfer: kept for the next one when `reusable`, else freed.
    /// As the handle pool does, only a handle that carried a whole exchange is kept (see
    /// `CurlTransport.perform`: libcurl 7.88 breaks a handle after a failed name lookup).
    func recycle(_ handle: Handle, reusable: Bool) {
        let kept = reusable && idle.withLock { handles in
            guard handles.count < Self.idleCapacity else { return false }
            handles.append(handle)
            return true
        }
        if !kept { curl_easy_cleanup(handle.raw) }
    }

    /// Runs one hop of a transfer whose handle is configured, and returns libcurl's result code
    /// once the handle is out of the multi handle again (the caller then reads its outcome).
    func perform(_ handle: Handle, cancellations: [CancellationFlag]) async -> CURLcode {
        await withCheckedContinuation { continuation in
            let hop = Hop(handle: handle, cancellations: cancellations) { continuation.resume(returning: $0) }
            let (accepted, wake) = pending.withLock { state -> (Bool, Bool) in
                guard !state.closed else { return (false, false) }
                state.hops.append(hop)
                defer { state.waiting = false }
                return (true, state.waiting)
            }
            guard accepted else {
                hop.done(CURLE_ABORTED_BY_CALLBACK)
                return
            }
            if wake { wakeLoop() }
        }
    }

    /// Lets the loop end once its transfers have; it then frees the multi handle.
    func close() {
        pending.withLock { $0.closed = true }
        wakeLoop()
    }

    private func wakeLoop() {
        var one: UInt64 = 1
        _ = write(wakeUp, &one, MemoryLayout<UInt64>.size)
    }

    /// libcurl's socket callback: wait for what it asks of `socket`, or no longer.
    ///
    /// `watched` makes each change one epoll_ctl(2): a socket libcurl starts watching is added
    /// straight away, not after a MOD that fails (strace: 0.4 calls per request in a run).
    private func watch(_ socket: curl_socket_t, _ what: Int32) {
        guard what != sonde_poll_remove else {
            // libcurl tells before it closes the socket; one it closed already is gone from epoll.
            watched.remove(socket)
            _ = epoll_ctl(epoll, EPOLL_CTL_DEL, socket, nil)
            return
        }
        var event = epoll_event()
        event.events = (what & sonde_poll_in != 0 ? EPOLLIN.rawValue : 0) | (what & sonde_poll_out != 0 ? EPOLLOUT.rawValue : 0)
        event.data.fd = socket
        if watched.insert(socket).inserted {
            if epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event) != 0, errno == EEXIST {
                _ = epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event)
            }
        } else if epoll_ctl(epoll, EPOLL_CTL_MOD, socket, &event) != 0, errno == ENOENT {
            // Closed without a REMOVE and its number handed out again: epoll forgot it.
            _ = epoll_ctl(epoll, EPOLL_CTL_ADD, socket, &event)
        }
    }

    private func loop() {
        var running: Int32 = 0
        var events = [epoll_event](repeating: epoll_event(), count: 64)
        var incoming: [Hop] = []
        while true {
            let closed = pending.withLock { state in
                state.waiting = false
                swap(&incoming, &state.hops)
                return state.closed
            }
            for hop in incoming { begin(hop) }
            incoming.removeAll(keepingCapacity: true)
            if closed, active.isEmpty { break }
            // Told to wait only when no hop came in since: a hop from now on writes `wakeUp`
            // (as `close()` always does).
            let mayWait = pending.withLock { state in
                state.waiting = state.hops.isEmpty
                return state.waiting
            }
            let ready = epoll_wait(epoll, &events, Int32(events.count), mayWait ? waitMilliseconds() : 0)
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
        idle.withLock { handles in
            for handle in handles { curl_easy_cleanup(handle.raw) }
            handles.removeAll()
        }
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

    private func begin(_ hop: Hop) {
        if hop.isCancelled {
            hop.done(CURLE_ABORTED_BY_CALLBACK)
            return
        }
        guard curl_multi_add_handle(multi, hop.handle.raw) == CURLM_OK else {
            hop.done(CURLE_FAILED_INIT)
            return
        }
        active[hop.handle.raw] = hop
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
        active.removeValue(forKey: easy)?.done(code)
    }

    /// Stops the hops whose caller cancelled them, as a progress callback would, but without
    /// libcurl calling one for every transfer at every turn; a hop queued for a connection, which
    /// libcurl does not touch, is stopped too.
    private func sweepCancelled() {
        let now = ContinuousClock.now
        guard now - lastSweep >= .milliseconds(Int(Self.sweepMilliseconds)) else { return }
        lastSweep = now
        for (easy, hop) in active where hop.isCancelled {
            hopDone(easy, CURLE_ABORTED_BY_CALLBACK)
        }
    }
}

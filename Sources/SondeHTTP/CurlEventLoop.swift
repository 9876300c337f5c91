import CCurl
import Foundation
import SondeCore
import Synchronization

/// libcurl's multi interface driven by one thread: every transfer submitted runs on one shared
/// multi handle (one connection cache, the connection limits), with `curl_multi_poll`,
/// `curl_multi_perform` and `curl_multi_info_read`, instead of a thread per transfer.
///
/// Each transfer is a `CurlTransfer`, configured by the same code as a single send; the loop
/// only adds its easy handle for each hop and hands the hop's result back (`Step`).
///
/// `@unchecked Sendable`: the multi handle, the active transfers and the idle easy handles are
/// touched by the loop's thread only; other threads reach the loop through `pending` (a Mutex)
/// and `curl_multi_wakeup`, which libcurl allows from any thread.
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

    /// Easy handles kept for reuse: a fresh one costs an allocation and a few microseconds.
    private static let idleCapacity = 256
    /// How often a cancelled transfer is looked for while transfers wait on the network; the
    /// poll wakes at least this often.
    private static let sweepMilliseconds: Int32 = 50

    init?(limits: ConnectionLimits) {
        guard let multi = curl_multi_init() else { return nil }
        self.multi = multi
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
        curl_multi_wakeup(multi)
    }

    /// Lets the loop end once its transfers have; it then frees the multi handle.
    func close() {
        pending.withLock { $0.closed = true }
        curl_multi_wakeup(multi)
    }

    private func loop() {
        var running: Int32 = 0
        while true {
            let (incoming, closed) = pending.withLock { state in
                defer { state.submissions.removeAll(keepingCapacity: true) }
                return (state.submissions, state.closed)
            }
            for submission in incoming { begin(submission) }
            if closed, active.isEmpty { break }
            _ = curl_multi_perform(multi, &running)
            readMessages()
            sweepCancelled()
            _ = curl_multi_poll(multi, nil, 0, active.isEmpty ? 1000 : Self.sweepMilliseconds, nil)
        }
        for easy in idle { curl_easy_cleanup(easy) }
        idle.removeAll()
        curl_multi_cleanup(multi)
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

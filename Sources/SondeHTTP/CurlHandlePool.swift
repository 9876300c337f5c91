import CCurl
import SondeCore
import Synchronization

/// A libcurl easy handle with the multi handle that drives it, passed between threads; the
/// pool hands the pair to one transfer at a time, which is all libcurl asks of them.
///
/// Transfers run through the multi interface so they can wake up to notice cancellation; the
/// multi handle holds the connection cache, so the pair stays together for reuse to work.
///
/// `@unchecked Sendable`: raw curl pointers, which the compiler can't check; safe because only
/// one transfer holds a handle at a time (the pool's `Mutex` hands it out), and libcurl lets a
/// handle move between threads as long as one thread uses it at a time.
struct CurlEasyHandle: @unchecked Sendable {
    let raw: UnsafeMutableRawPointer
    let multi: UnsafeMutableRawPointer

    func cleanup() {
        curl_multi_cleanup(multi)
        curl_easy_cleanup(raw)
    }
}

/// Idle easy handles kept for reuse, so repeated sends to a server reuse its connection.
///
/// Each easy handle owns a connection cache that `curl_easy_reset` leaves alone, so the
/// connection lives as long as the handle does. A handle remembers the origin it last talked
/// to and `take(for:)` prefers one that matches; otherwise it takes the most recently used.
final class CurlHandlePool: Sendable {
    private struct Idle {
        var handle: CurlEasyHandle
        var origin: String
    }

    private let idle = Mutex<[Idle]>([])
    /// Handles beyond this many idle ones are closed, with their connections.
    private let capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
    }

    deinit {
        idle.withLock { entries in
            for entry in entries { entry.handle.cleanup() }
            entries.removeAll()
        }
    }

    /// An idle handle that last talked to `origin`, else any idle one, else a new one.
    func take(for origin: String) throws(TransportError) -> CurlEasyHandle {
        let reused: CurlEasyHandle? = idle.withLock { entries in
            if let index = entries.lastIndex(where: { $0.origin == origin }) {
                return entries.remove(at: index).handle
            }
            return entries.popLast()?.handle
        }
        if let reused { return reused }
        guard let raw = curl_easy_init() else {
            throw .other(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")
        }
        guard let multi = curl_multi_init() else {
            curl_easy_cleanup(raw)
            throw .other(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_multi_init failed")
        }
        return CurlEasyHandle(raw: raw, multi: multi)
    }

    /// Takes a handle back after a transfer, clearing its options but keeping its connections.
    func recycle(_ handle: CurlEasyHandle, origin: String) {
        curl_easy_reset(handle.raw)
        let kept = idle.withLock { entries in
            guard entries.count < capacity else { return false }
            entries.append(Idle(handle: handle, origin: origin))
            return true
        }
        if !kept { handle.cleanup() }
    }
}

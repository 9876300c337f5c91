import Foundation

/// Runs `start` on a thread of its own and waits for it without holding a thread of Swift's
/// cooperative pool: starting openssl and Python blocks for as long as they take to start (over
/// a second on a loaded 2-core machine), and two such waits on the pool's two threads stalled
/// every other test's demo server.
public func offThePool<T: Sendable>(_ start: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try start() }) }.start()
    }
}

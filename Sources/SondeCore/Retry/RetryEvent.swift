/// What a send with retries reports while it runs, so a screen can show "rate limited,
/// retrying in 12 s" with a countdown. Delivered on the sending task, in this order per try:
/// `attemptStarted`, `attemptFinished`, then `waiting` when a retry follows.
public enum RetryEvent: Sendable, Equatable {
    /// Try number `attempt` (1-based) is about to be sent.
    case attemptStarted(attempt: Int)
    case attemptFinished(Attempt)
    /// The send pauses `seconds` before try number `attempt`.
    case waiting(attempt: Int, seconds: Double, reason: RetryWait.Reason)
}

/// Receives `RetryEvent`s; it must return quickly, since the send waits for it.
public typealias RetryObserver = @Sendable (RetryEvent) -> Void

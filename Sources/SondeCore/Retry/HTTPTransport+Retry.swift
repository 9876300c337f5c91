import Foundation

extension HTTPTransport {
    /// Sends `request`, trying again as its `options.retry` policy allows, and returns the final
    /// response with every try made.
    ///
    /// The final response is returned whatever its status: a 503 after the last try is still an
    /// answer, not an error. A transport failure after the last try is thrown as a
    /// `TransportFailure` carrying the tries. Cancelling (`cancellation` or the calling task)
    /// ends a transfer or a wait between tries within about 10 ms, and throws `.cancelled`.
    /// Every error and status text in the tries is redacted of the request's secrets.
    ///
    /// `receiver` serves every try: its `onHead` marks the start of each try's response, so a
    /// live display of the body can start over when a 503 is followed by the real answer.
    ///
    /// Every try sends the same `X-Request-ID`, as one logical request, unless the request asks
    /// for one per try (`TransferOptions.requestIDPerAttempt`, see `RequestIDMode`).
    public func sendRetrying(
        _ request: PreparedRequest, receiver: ResponseReceiver = ResponseReceiver(), cancellation: CancellationFlag? = nil,
        events: RetryObserver? = nil
    ) async throws(TransportFailure) -> (response: HTTPResponse, attempts: [Attempt]) {
        let policy = request.options.retry
        var random = SystemRandomNumberGenerator()
        var attempts: [Attempt] = []
        var wait: RetryWait?
        while true {
            let number = attempts.count + 1
            events?(.attemptStarted(attempt: number))
            var sent = request
            var requestID: String?
            if request.options.requestIDPerAttempt, let index = sent.headers.firstIndex(where: {
                $0.name.equalsIgnoringASCIICase(RequestIDMode.headerName)
            }) {
                if number > 1 { sent.headers[index].value = RequestIDMode.newID() }
                requestID = sent.headers[index].value
            }
            let started = ContinuousClock.now
            let outcome: Swift.Result<HTTPResponse, TransportError>
            do {
                outcome = .success(try await send(sent, receiver: receiver, cancellation: cancellation))
            } catch {
                outcome = .failure(error.redacting(request.secrets))
            }
            let duration = Self.seconds(since: started)
            let result: Attempt.Result
            let seen: RetryPolicy.Outcome
            switch outcome {
            case .success(let response):
                result = .response(status: response.status, reason: request.secrets.redact(response.reason))
                seen = .response(status: response.status, headers: response.headers)
            case .failure(let error):
                result = .failure(error)
                seen = .failure(error)
            }
            let decision = policy.decide(after: seen, attempt: number, method: request.method, now: Date(), random: &random)
            var attempt = Attempt(number: number, result: result, duration: duration, wait: wait, requestID: requestID)
            if case .stop(let stop) = decision { attempt.stop = stop }
            attempts.append(attempt)
            events?(.attemptFinished(attempt))

            guard case .retry(let next) = decision else {
                switch outcome {
                case .success(let response): return (response, attempts)
                case .failure(let error): throw TransportFailure(error: error, attempts: attempts)
                }
            }
            events?(.waiting(attempt: number + 1, seconds: next.seconds, reason: next.reason))
            guard await Self.pause(next.seconds, cancellation: cancellation) else {
                attempts[attempts.count - 1].stop = .cancelled
                throw TransportFailure(error: .cancelled, attempts: attempts)
            }
            wait = next
        }
    }

    /// How often a wait between tries looks at its cancellation flag.
    private static var cancellationPoll: Duration { .milliseconds(10) }

    /// Sleeps `seconds` without holding a thread; false when cancelled first.
    private static func pause(_ seconds: Double, cancellation: CancellationFlag?) async -> Bool {
        // A year bounds what Duration must hold; `max: 1e300` in a file is not worth a crash.
        let deadline = ContinuousClock.now + .seconds(Swift.min(Swift.max(0, seconds), 31_536_000))
        while true {
            if cancellation?.isCancelled == true || Task.isCancelled { return false }
            let remaining = deadline - .now
            if remaining <= .zero { return true }
            do {
                try await Task.sleep(for: min(remaining, cancellationPoll))
            } catch {
                return false
            }
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}

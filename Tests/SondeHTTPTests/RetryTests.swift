import Foundation
import SondeTestSupport
import SondeCore
import SondeHTTP
import Synchronization
import Testing

/// Retries against a server that fails on purpose: the right retries happen, the wrong ones do
/// not, waits are honoured and cancellable, and nothing hangs past its timeout.
// Serialized: these tests measure waits, and on two cores their parallel siblings stretch them.
// The upper bounds only prove that nothing hangs; the measured figures are in the retry notes.
@Suite(.serialized) struct RetryTests {
    let transport = CurlTransport()

    static let ok = ScriptedHTTPServer.response(200, "OK", body: "done")
    static let unavailable = ScriptedHTTPServer.response(503, "Service Unavailable", body: "down")

    /// A request to `server` with retries on: sub-second, unjittered backoff keeps tests quick and exact.
    private func request(
        _ server: ScriptedHTTPServer, method: HTTPMethod = .GET, attempts: Int = 3, base: Double = 0.05,
        maxWait: Double = 60, nonIdempotent: Bool = false, timeout: Double = 10
    ) -> PreparedRequest {
        PreparedRequest(
            method: method, url: server.url,
            options: TransferOptions(totalTimeout: timeout, retry: RetryPolicy(
                attempts: attempts, base: base, jitter: false, maxWait: maxWait, retriesNonIdempotent: nonIdempotent)))
    }

    private func statuses(_ attempts: [Attempt]) -> [Int?] {
        attempts.map { if case .response(let status, _) = $0.result { status } else { nil } }
    }

    /// The failure a send ended with, or nil (recording an issue) when it did not fail.
    private func sendFailing(
        _ request: PreparedRequest, cancellation: CancellationFlag? = nil, events: RetryObserver? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> TransportFailure? {
        do {
            let (response, _) = try await transport.sendRetrying(request, cancellation: cancellation, events: events)
            Issue.record("expected a TransportFailure, got status \(response.status)", sourceLocation: sourceLocation)
        } catch {
            return error
        }
        return nil
    }

    @Test func twoServiceUnavailableThenOKTakesThreeAttempts() async throws {
        let server = try ScriptedHTTPServer([.respond(Self.unavailable), .respond(Self.unavailable), .respond(Self.ok)])
        defer { server.stop() }
        let events = EventLog()
        let (response, attempts) = try await transport.sendRetrying(request(server), events: events.observer)
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "done")
        #expect(statuses(attempts) == [503, 503, 200])
        #expect(attempts.map(\.number) == [1, 2, 3])
        #expect(attempts.map(\.wait) == [nil, RetryWait(seconds: 0.05, reason: .backoff), RetryWait(seconds: 0.1, reason: .backoff)])
        #expect(attempts.map(\.stop) == [nil, nil, .notTransient])
        #expect(attempts.allSatisfy { $0.duration > 0 && $0.duration < 15 })
        #expect(server.requests.count == 3)
        #expect(server.gaps.count == 2)
        #expect(server.gaps.allSatisfy { $0 >= 0.04 })
        #expect(events.events == [
            .attemptStarted(attempt: 1), .attemptFinished(attempts[0]), .waiting(attempt: 2, seconds: 0.05, reason: .backoff),
            .attemptStarted(attempt: 2), .attemptFinished(attempts[1]), .waiting(attempt: 3, seconds: 0.1, reason: .backoff),
            .attemptStarted(attempt: 3), .attemptFinished(attempts[2]),
        ])
    }

    @Test func aFinalServiceUnavailableIsStillAResponse() async throws {
        let server = try ScriptedHTTPServer([.respond(Self.unavailable)])
        defer { server.stop() }
        let (response, attempts) = try await transport.sendRetrying(request(server, attempts: 2))
        #expect(response.status == 503)
        #expect(statuses(attempts) == [503, 503])
        #expect(attempts.last?.stop == .attemptsUsed(2))
    }

    @Test func tooManyRequestsWithRetryAfterOneWaitsASecond() async throws {
        let limited = ScriptedHTTPServer.response(429, "Too Many Requests", headers: ["Retry-After: 1"])
        let server = try ScriptedHTTPServer([.respond(limited), .respond(Self.ok)])
        defer { server.stop() }
        let events = EventLog()
        let (response, attempts) = try await transport.sendRetrying(request(server), events: events.observer)
        #expect(response.status == 200)
        #expect(attempts[1].wait == RetryWait(seconds: 1, reason: .retryAfter))
        // Measured twice: by the client, from the waiting event to the next try, and by the
        // server, from its 429 leaving to the next request arriving.
        // The upper bounds only show it was not some other wait; a loaded machine adds to them.
        let clientWait = try #require(events.secondsBetweenWaitingAndNextAttempt.first)
        #expect(clientWait >= 1.0)
        #expect(clientWait < 10)
        let serverGap = try #require(server.gaps.first)
        #expect(serverGap >= 0.98)
        #expect(serverGap < 10)
    }

    @Test func retryAfterAsAnHTTPDateIsHonoured() async throws {
        // Whole seconds, as HTTP dates are: 1 to 2 s ahead of now.
        let notBefore = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.down))
        let server = try ScriptedHTTPServer([
            .respond(ScriptedHTTPServer.response(503, "Service Unavailable", headers: ["Retry-After: \(httpDate(notBefore))"])),
            .respond(Self.ok),
        ])
        defer { server.stop() }
        let (response, attempts) = try await transport.sendRetrying(request(server))
        // The retry went out no earlier than the date the server named, and not much later.
        let returned = Date()
        #expect(returned.timeIntervalSince(notBefore) >= -0.02)
        #expect(returned.timeIntervalSince(notBefore) < 10)
        #expect(response.status == 200)
        let wait = try #require(attempts[1].wait)
        #expect(wait.reason == .retryAfter)
        #expect(wait.seconds <= 2.0)
        let gap = try #require(server.gaps.first)
        #expect(gap >= wait.seconds - 0.02)
    }

    @Test func retryAfterLongerThanMaxWaitStopsWithoutWaiting() async throws {
        let server = try ScriptedHTTPServer([.respond(
            ScriptedHTTPServer.response(503, "Service Unavailable", headers: ["Retry-After: 120"]))])
        defer { server.stop() }
        let start = ContinuousClock.now
        let (response, attempts) = try await transport.sendRetrying(request(server, maxWait: 60))
        #expect(seconds(since: start) < 10, "far less than the 120 s asked for")
        #expect(response.status == 503)
        #expect(attempts.count == 1)
        #expect(attempts[0].stop == .retryAfterTooLong(requested: 120, maxWait: 60))
        #expect(server.requests.count == 1)
    }

    @Test func aResetMidBodyIsRetriedForGET() async throws {
        let server = try ScriptedHTTPServer([.resetMidBody, .closeMidBody, .respond(Self.ok)])
        defer { server.stop() }
        let (response, attempts) = try await transport.sendRetrying(request(server))
        #expect(response.status == 200)
        #expect(attempts.count == 3)
        for attempt in attempts.prefix(2) {
            guard case .failure(.connectionLost) = attempt.result else {
                Issue.record("expected a lost connection, got \(attempt.result)")
                continue
            }
        }
    }

    @Test func aResetMidBodyIsNotRetriedForPOST() async throws {
        let server = try ScriptedHTTPServer([.resetMidBody, .respond(Self.ok)])
        defer { server.stop() }
        let failure = try #require(await sendFailing(request(server, method: .POST)))
        guard case .connectionLost = failure.error else {
            Issue.record("expected a lost connection, got \(failure.error)")
            return
        }
        #expect(failure.attempts.count == 1)
        #expect(failure.attempts[0].stop == .notIdempotent(.POST))
        #expect(server.requests.count == 1)
    }

    @Test(arguments: [HTTPMethod.POST, .PATCH])
    func nonIdempotentMethodsAreRetriedOnlyWhenOptedIn(method: HTTPMethod) async throws {
        let refused = try ScriptedHTTPServer([.respond(Self.unavailable), .respond(Self.ok)])
        defer { refused.stop() }
        let (first, once) = try await transport.sendRetrying(request(refused, method: method))
        #expect(first.status == 503)
        #expect(once.count == 1)
        #expect(once[0].stop == .notIdempotent(method))
        #expect(refused.requests.count == 1)

        let allowed = try ScriptedHTTPServer([.respond(Self.unavailable), .respond(Self.ok)])
        defer { allowed.stop() }
        let (second, twice) = try await transport.sendRetrying(request(allowed, method: method, nonIdempotent: true))
        #expect(second.status == 200)
        #expect(statuses(twice) == [503, 200])
        #expect(allowed.requests.allSatisfy { $0.text.hasPrefix("\(method.rawValue) ") })
    }

    @Test(arguments: [HTTPMethod.PUT, .DELETE, .HEAD, .OPTIONS])
    func idempotentMethodsAreRetried(method: HTTPMethod) async throws {
        let server = try ScriptedHTTPServer([.respond(Self.unavailable), .respond(Self.ok)])
        defer { server.stop() }
        let (response, attempts) = try await transport.sendRetrying(request(server, method: method))
        #expect(response.status == 200)
        #expect(attempts.count == 2)
    }

    @Test(arguments: [(400, "Bad Request"), (401, "Unauthorized"), (403, "Forbidden"), (404, "Not Found"), (500, "Internal Server Error")])
    func permanentStatusesAreNotRetried(status: Int, reason: String) async throws {
        let server = try ScriptedHTTPServer([.respond(ScriptedHTTPServer.response(status, reason, headers: ["Retry-After: 0"]))])
        defer { server.stop() }
        let (response, attempts) = try await transport.sendRetrying(request(server))
        #expect(response.status == status)
        #expect(attempts == [Attempt(number: 1, result: .response(status: status, reason: reason), duration: attempts[0].duration, stop: .notTransient)])
        #expect(server.requests.count == 1)
    }

    @Test func aServerThatStallsIsTriedUpToAttemptsEachEndingAtItsTimeout() async throws {
        let server = try ScriptedHTTPServer([.stall])
        defer { server.stop() }
        let start = ContinuousClock.now
        let failure = try #require(await sendFailing(request(server, attempts: 3, timeout: 0.3)))
        let elapsed = seconds(since: start)
        #expect(failure.error == .totalTimeout(seconds: 0.3))
        #expect(failure.attempts.count == 3)
        #expect(failure.attempts.allSatisfy { $0.result == .failure(.totalTimeout(seconds: 0.3)) })
        // Upper bounds are loose: on two busy cores a 0.3 s timeout has been seen to end after 3 s.
        #expect(failure.attempts.allSatisfy { $0.duration >= 0.28 && $0.duration < 8 })
        #expect(failure.attempts.last?.stop == .attemptsUsed(3))
        // 3 × 0.3 s plus 0.05 + 0.1 s of backoff: about 1.05 s.
        #expect(elapsed >= 1.0)
        #expect(elapsed < 25)
        #expect(server.requests.count == 3)
    }

    @Test func connectionRefusedIsRetriedAndAnUnresolvableHostIsNot() async throws {
        let port = try unusedPort()
        let refused = PreparedRequest(
            method: .GET, url: "http://127.0.0.1:\(port)/", options: TransferOptions(retry: RetryPolicy(attempts: 3, base: 0.01)))
        let refusal = try #require(await sendFailing(refused))
        #expect(refusal.attempts.count == 3)
        #expect(refusal.error == .connectionRefused(host: "127.0.0.1", port: Int(port)))

        var unresolvable = refused
        unresolvable.url = "http://\(hostThatCannotResolve())/"
        let dns = try #require(await sendFailing(unresolvable))
        #expect(dns.attempts.count == 1)
        #expect(dns.attempts[0].stop == .notTransient)
    }

    @Test func cancellingDuringAWaitEndsItAtOnce() async throws {
        let server = try ScriptedHTTPServer([.respond(
            ScriptedHTTPServer.response(503, "Service Unavailable", headers: ["Retry-After: 10"]))])
        defer { server.stop() }
        let flag = CancellationFlag()
        let cancelledAt = Mutex<ContinuousClock.Instant?>(nil)
        let events = EventLog { event in
            guard case .waiting = event else { return }
            // From a thread of its own, as a key press would, 200 ms into the 10 s wait.
            Thread {
                usleep(200_000)
                cancelledAt.withLock { $0 = .now }
                flag.cancel()
            }.start()
        }
        let start = ContinuousClock.now
        let failure = try #require(await sendFailing(request(server), cancellation: flag, events: events.observer))
        let cancelled = try #require(cancelledAt.withLock { $0 })
        #expect(failure.error == .cancelled)
        #expect(failure.attempts.count == 1)
        #expect(failure.attempts[0].stop == .cancelled)
        // The wait looks at the flag every 10 ms (measured: 1 to 5 ms from cancel to return);
        // the bound leaves room for a busy two-core machine.
        #expect(seconds(since: cancelled) < 2)
        #expect(seconds(since: start) < 9)
        #expect(server.requests.count == 1)
    }

    @Test func cancellingTheTaskDuringAWaitEndsIt() async throws {
        let server = try ScriptedHTTPServer([.respond(
            ScriptedHTTPServer.response(429, "Too Many Requests", headers: ["Retry-After: 10"]))])
        defer { server.stop() }
        let events = EventLog()
        let request = request(server)
        let task = Task { [transport] in try await transport.sendRetrying(request, events: events.observer) }
        while !events.events.contains(where: { if case .waiting = $0 { true } else { false } }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        let start = ContinuousClock.now
        task.cancel()
        do {
            _ = try await task.value
            Issue.record("expected the send to be cancelled")
        } catch {
            #expect((error as? TransportFailure)?.error == .cancelled)
        }
        #expect(seconds(since: start) < 2)
        #expect(server.requests.count == 1)
    }

    @Test func aSavedRequestRetriesAsItsCollectionSaysAndItsFailureCarriesTheAttempts() async throws {
        let server = try ScriptedHTTPServer([.respond(Self.unavailable), .respond(Self.ok)])
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-retry-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("name: Flaky\noptions:\n  retry: {attempts: 3, base: 0.05, jitter: false}\n".utf8)
            .write(to: folder.appendingPathComponent("collection.yaml"))
        try Data("url: \(server.url)\n".utf8).write(to: folder.appendingPathComponent("get.yaml"))
        let refusedPort = try unusedPort()
        try Data("url: http://127.0.0.1:\(refusedPort)/\noptions: {retry: 2}\n".utf8)
            .write(to: folder.appendingPathComponent("refused.yaml"))
        let loaded = CollectionLoader.load(from: folder)
        #expect(loaded.problems == [])
        let context = SendContext(collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        let sender = RequestSender(transport: transport)

        let exchange = try await sender.send(try #require(loaded.collection.request(id: "get")), in: context)
        #expect(exchange.response.status == 200)
        #expect(statuses(exchange.attempts) == [503, 200])
        #expect(exchange.attempts[1].wait == RetryWait(seconds: 0.05, reason: .backoff))

        let refused = try #require(loaded.collection.request(id: "refused"))
        do {
            _ = try await sender.send(refused, in: context)
            Issue.record("expected the send to fail")
        } catch {
            guard case .transport(let failure) = error else {
                Issue.record("expected a transport failure, got \(error)")
                return
            }
            #expect(failure.error == .connectionRefused(host: "127.0.0.1", port: Int(refusedPort)))
            #expect(failure.attempts.count == 2)
            // The request said only `retry: 2`; the collection's backoff still applies.
            #expect(failure.attempts[1].wait == RetryWait(seconds: 0.05, reason: .backoff))
        }
    }

    @Test func attemptsAreRedactedOfSecrets() async throws {
        // The host itself is the secret here: it is what a connection-refused error quotes.
        let port = try unusedPort()
        let request = PreparedRequest(
            method: .GET, url: "http://127.0.0.1:\(port)/", options: TransferOptions(retry: RetryPolicy(attempts: 2, base: 0.01)),
            secrets: SecretSet(["127.0.0.1"]))
        let failure = try #require(await sendFailing(request))
        #expect(failure.error == .connectionRefused(host: SecretSet.mask, port: Int(port)))
        #expect(failure.attempts.map(\.result) == Array(repeating: .failure(.connectionRefused(host: SecretSet.mask, port: Int(port))), count: 2))
    }

    /// Two 503s then a 200: by default the three tries carry one X-Request-ID (one logical
    /// request); with `request_id: per_attempt` each its own, as the server received them.
    @Test func theRequestIDIsOnePerRequestUnlessAskedPerAttempt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-request-id-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("name: IDs\noptions:\n  retry: {attempts: 3, base: 0.02, jitter: false}\n".utf8)
            .write(to: folder.appendingPathComponent("collection.yaml"))
        var received: [String: [String]] = [:]
        var attempts: [String: [Attempt]] = [:]
        for mode in ["per_request", "per_attempt"] {
            let server = try ScriptedHTTPServer([.respond(Self.unavailable), .respond(Self.unavailable), .respond(Self.ok)])
            defer { server.stop() }
            try Data("url: \(server.url)\noptions: {request_id: \(mode)}\n".utf8).write(to: folder.appendingPathComponent("\(mode).yaml"))
            let loaded = CollectionLoader.load(from: folder)
            let context = SendContext(collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
            let exchange = try await RequestSender(transport: transport).send(try #require(loaded.collection.request(id: mode)), in: context)
            #expect(exchange.response.status == 200)
            received[mode] = server.requests.map { request in
                request.text.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }
                    .map { $0.dropFirst("x-request-id:".count).trimmingCharacters(in: .whitespaces) } ?? ""
            }
            attempts[mode] = exchange.attempts
        }
        let once = try #require(received["per_request"])
        #expect(once.count == 3 && Set(once).count == 1 && once[0].count == 36, "\(once)")
        #expect(attempts["per_request"]?.map(\.requestID) == [nil, nil, nil])
        let each = try #require(received["per_attempt"])
        #expect(each.count == 3 && Set(each).count == 3 && each.allSatisfy { $0.count == 36 }, "\(each)")
        #expect(attempts["per_attempt"]?.map(\.requestID) == each.map(Optional.some), "each try records the ID it sent")
    }
}

/// Records the events of a send, with when each came, and optionally reacts to them.
final class EventLog: Sendable {
    private let log = Mutex<[(RetryEvent, ContinuousClock.Instant)]>([])
    private let reaction: (@Sendable (RetryEvent) -> Void)?

    init(_ reaction: (@Sendable (RetryEvent) -> Void)? = nil) {
        self.reaction = reaction
    }

    var observer: RetryObserver {
        { [self] event in
            log.withLock { $0.append((event, .now)) }
            reaction?(event)
        }
    }

    var events: [RetryEvent] { log.withLock { $0.map(\.0) } }

    /// For each wait, the seconds from its `waiting` event to the next `attemptStarted`.
    var secondsBetweenWaitingAndNextAttempt: [Double] {
        let entries = log.withLock { $0 }
        var result: [Double] = []
        var waitingSince: ContinuousClock.Instant?
        for (event, time) in entries {
            switch event {
            case .waiting: waitingSince = time
            case .attemptStarted:
                if let since = waitingSince {
                    let elapsed = (time - since).components
                    result.append(Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18)
                    waitingSince = nil
                }
            case .attemptFinished: break
            }
        }
        return result
    }
}

/// `date` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), as servers write Retry-After.
func httpDate(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
    return formatter.string(from: date)
}

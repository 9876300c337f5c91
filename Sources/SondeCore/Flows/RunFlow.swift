import Foundation

/// One flow of `sonde run` (and of the TUI's run of a folder): requests sent in order, each
/// one's captures feeding the later ones' `{{name}}` through `SendContext.captured`, all
/// sharing the environment's cookie jar. In the core so the CLI and the TUI run flows alike.
public struct RunFlow: Sendable {
    public var name: String
    public var requests: [SavedRequest]
    public var context: SendContext
    /// `sonde run --all-pages`: a request with a `paginate:` block fetches every page, as
    /// `sonde send --all-pages` does, and each page is checked against its `expect:`.
    public var fetchesAllPages: Bool

    public init(name: String, requests: [SavedRequest], context: SendContext, fetchesAllPages: Bool = false) {
        self.name = name
        self.requests = requests
        self.context = context
        self.fetchesAllPages = fetchesAllPages
    }

    /// The flows a target names: a request id is a flow of one; a folder is a flow of its
    /// requests in run order (its `order:`, then file-name order); nothing is one flow per
    /// top-level folder (and one of the requests at the top, if any).
    public static func flows(for target: String?, collectionName: String, in collection: RequestCollection, context: SendContext) -> [RunFlow] {
        guard let target else {
            let root = collection.root
            var flows = root.folders.sorted { $0.path < $1.path }.map { folder in
                RunFlow(name: "\(collectionName)/\(folder.path)", requests: folder.requestsInRunOrder, context: context)
            }
            var top = root
            top.folders = []
            if !top.requests.isEmpty { flows.insert(RunFlow(name: collectionName, requests: top.requestsInRunOrder, context: context), at: 0) }
            return flows.filter { !$0.requests.isEmpty }
        }
        if let one = collection.request(id: target) {
            return [RunFlow(name: "\(collectionName)/\(target)", requests: [one], context: context)]
        }
        guard let folder = Self.folder(at: target, in: collection.root), !folder.allRequests.isEmpty else { return [] }
        return [RunFlow(name: "\(collectionName)/\(target)", requests: folder.requestsInRunOrder, context: context)]
    }

    /// The folder at `path` (`flows`, `flows/admin`) below `root`.
    private static func folder(at path: String, in root: RequestFolder) -> RequestFolder? {
        var folder = root
        for part in path.split(separator: "/") {
            guard let next = folder.folders.first(where: { $0.url.lastPathComponent == part }) else { return nil }
            folder = next
        }
        return folder
    }

    /// Sends the requests in order; `preparations`, shared by the repeats of this flow, keeps
    /// what preparing them made for the next repeat.
    public func run(
        with sender: RequestSender, preparations: PreparationCache? = nil, onEach: @Sendable (RunResult) -> Void
    ) async -> [RunResult] {
        await run(with: sender, preparations: preparations, cancellation: nil, keepsWire: false) { result, _ in onEach(result) }
    }

    /// As `run(with:preparations:onEach:)`, handing `onEach` each request's exchange too (nil
    /// when nothing came back), for a front end that shows them (the TUI's results view, which
    /// wants the wire too: `keepsWire`); the run keeps none, so `sonde run`'s 20,000 requests
    /// hold no exchange. Once `cancellation` is raised the transfer in flight stops and no
    /// further request is sent.
    public func run(
        with sender: RequestSender, preparations: PreparationCache? = nil, cancellation: CancellationFlag?, keepsWire: Bool = true,
        onEach: (RunResult, Exchange?) -> Void
    ) async -> [RunResult] {
        var context = context
        var missed: [String] = []
        var results: [RunResult] = []
        for (index, saved) in requests.enumerated() {
            if cancellation?.isCancelled == true { break }
            var exchange: Exchange?
            let result = await send(
                saved, at: index, context: &context, missed: &missed, sender: sender, preparations: preparations,
                cancellation: cancellation, keepsWire: keepsWire, exchange: &exchange)
            if result.outcome.isFailure, missed.isEmpty { missed.append("after \(saved.id) failed") }
            onEach(result, exchange)
            results.append(result)
        }
        return results
    }

    private func send(
        _ saved: SavedRequest, at index: Int, context: inout SendContext, missed: inout [String], sender: RequestSender,
        preparations: PreparationCache?, cancellation: CancellationFlag?, keepsWire: Bool, exchange sent: inout Exchange?
    ) async -> RunResult {
        let method = saved.definition.method.rawValue
        let preparation: Preparation
        do throws(RequestError) {
            if let preparations {
                preparation = try preparations.preparation(of: saved, at: index, in: context)
            } else {
                preparation = try RequestPreparer.prepare(saved, in: context)
            }
        } catch {
            // Skipped only for what an earlier capture would have filled: a variable not known.
            // A problem of the request's own (an unset secret, a file outside the collection) is
            // its failure, whatever failed before it.
            if !missed.isEmpty, Self.wantsAVariable(error) {
                return RunResult(id: saved.id, method: method, url: "", outcome: .skipped("needs what an earlier request did not give (\(missed.joined(separator: ", "))): \(error.description)"))
            }
            return RunResult(id: saved.id, method: method, url: "", outcome: .transport(.preparation(error), error.description))
        }
        if fetchesAllPages, let paginator = Paginator(saved, in: context, sender: sender) {
            return await sendAllPages(saved, paginator, context: &context, missed: &missed)
        }
        let secrets = preparation.request.secrets
        let url = secrets.redact(preparation.request.url)
        let clock = ContinuousClock()
        let started = clock.now
        let exchange: Exchange
        do {
            exchange = try await sender.send(preparation, receiver: keepsWire ? ResponseReceiver() : Self.receiver, cancellation: cancellation)
            sent = exchange
        } catch {
            let elapsed = clock.now - started
            return RunResult(id: saved.id, method: method, url: url, duration: elapsed.seconds,
                             outcome: .transport(error, secrets.redact(String(describing: error))))
        }
        let duration = (clock.now - started).seconds
        let captures = Self.capture(saved, exchange)
        var problems = Self.take(captures, into: &context, missed: &missed)
        // Expected values may name variables, this request's captures included (already in `context`).
        let masking = captures.secrets
        let masked = saved.definition.expectations.check(
            exchange.response, resolvingIn: context, secrets: masking, schemaFolder: Self.schemaFolder(of: saved))
        problems += masked.filter { !$0.passed }.map(\.summary)
        return RunResult(id: saved.id, method: method, url: url, status: exchange.response.status, duration: duration,
                         checks: masked, outcome: problems.isEmpty ? .passed : .failed(problems.map(masking.redact)))
    }
}

extension RunFlow {
    /// Whether preparing failed only on variables nobody defined, as a missed capture leaves them.
    static func wantsAVariable(_ error: RequestError) -> Bool {
        guard case .unresolved(let resolution) = error, !resolution.problems.isEmpty else { return false }
        return resolution.problems.allSatisfy { if case .unknownVariable = $0.kind { true } else { false } }
    }

    /// Where a run's responses go: in memory, without the wire log, which nothing of a run shows.
    static let receiver = ResponseReceiver(recordsWire: false)

    /// A request's captures from its exchange, and the secrets to mask from then on: the
    /// request's own and every value captured with `secret: true`.
    public static func capture(_ saved: SavedRequest, _ exchange: Exchange) -> (found: [CapturedValue], failure: CaptureFailure?, secrets: SecretSet) {
        capture(saved, exchange.response, requestSecrets: exchange.request.secrets)
    }

    static func capture(_ saved: SavedRequest, _ response: HTTPResponse, requestSecrets: SecretSet) -> (found: [CapturedValue], failure: CaptureFailure?, secrets: SecretSet) {
        let (found, failure) = Captures.collect(saved.definition.captures, of: saved.id, in: response)
        var secrets = requestSecrets
        for value in found where value.isSecret { secrets.insert(value.value) }
        return (found, failure, secrets)
    }

    /// Takes a request's captures into the flow: what they found fills the later requests'
    /// `{{name}}`, the names of what they missed are kept (a later request that needs one is
    /// skipped, not failed), and each miss is a problem line of this request.
    static func take(
        _ captures: (found: [CapturedValue], failure: CaptureFailure?, secrets: SecretSet), into context: inout SendContext, missed: inout [String]
    ) -> [String] {
        context.captured += captures.found
        let misses = captures.failure?.misses ?? []
        missed += misses.map(\.name)
        return misses.map(\.summary)
    }

    /// The folder a `schema:` file is read from, only when the request has a `schema:` check: a
    /// URL operation per request was 3% of the Swift pool threads' samples in `sonde run --jobs
    /// 50` (perf).
    static func schemaFolder(of saved: SavedRequest) -> URL? {
        saved.definition.expectations.schema == nil ? nil : saved.fileURL.deletingLastPathComponent()
    }
}

/// One request's execution in a run.
public struct RunResult: Sendable {
    public enum Outcome: Sendable {
        case passed
        /// Expectations or captures failed: one masked line each.
        case failed([String])
        /// Nothing usable came back (or nothing was sent): the error and its masked text.
        case transport(SendError, String)
        case skipped(String)

        public var isFailure: Bool {
            switch self {
            case .failed, .transport: true
            case .passed, .skipped: false
            }
        }
    }

    public var id: String
    public var method: String
    public var url: String
    public var status: Int?
    public var duration: Double?
    public var checks: [ExpectationResult] = []
    public var outcome: Outcome

    public init(id: String, method: String, url: String, status: Int? = nil, duration: Double? = nil, checks: [ExpectationResult] = [], outcome: Outcome) {
        self.id = id
        self.method = method
        self.url = url
        self.status = status
        self.duration = duration
        self.checks = checks
        self.outcome = outcome
    }

    /// The lines that say why it failed or was skipped (already masked).
    public var reasons: [String] {
        switch outcome {
        case .passed: []
        case .failed(let lines): lines
        case .transport(_, let line), .skipped(let line): [line]
        }
    }
}

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

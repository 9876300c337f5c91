import Foundation
import SondeCore

/// One flow of `sonde run`: requests sent in order, each one's captures feeding the later
/// ones' `{{name}}` through `SendContext.captured`, all sharing the environment's cookie jar.
struct RunFlow: Sendable {
    var name: String
    var requests: [SavedRequest]
    var context: SendContext

    /// The flows a target names: a request id is a flow of one; a folder is a flow of its
    /// requests in run order (its `order:`, then file-name order); nothing is one flow per
    /// top-level folder (and one of the requests at the top, if any).
    static func flows(for target: String?, collectionName: String, in collection: RequestCollection, context: SendContext) -> [RunFlow] {
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

    func run(with sender: RequestSender, onEach: @Sendable (RunResult) -> Void) async -> [RunResult] {
        var context = context
        var missed: [String] = []
        var results: [RunResult] = []
        for saved in requests {
            let result = await send(saved, context: &context, missed: &missed, sender: sender)
            if result.outcome.isFailure, missed.isEmpty { missed.append("after \(saved.id) failed") }
            onEach(result)
            results.append(result)
        }
        return results
    }

    private func send(_ saved: SavedRequest, context: inout SendContext, missed: inout [String], sender: RequestSender) async -> RunResult {
        let method = saved.definition.method.rawValue
        let preparation: Preparation
        do {
            preparation = try RequestPreparer.prepare(saved, in: context)
        } catch {
            if !missed.isEmpty {
                return RunResult(id: saved.id, method: method, url: "", outcome: .skipped("needs what an earlier request did not give (\(missed.joined(separator: ", "))): \(error.description)"))
            }
            return RunResult(id: saved.id, method: method, url: "", outcome: .transport(.unresolved, error.description))
        }
        let secrets = preparation.request.secrets
        let url = secrets.redact(preparation.request.url)
        let clock = ContinuousClock()
        let started = clock.now
        let exchange: Exchange
        do {
            exchange = try await sender.send(preparation)
        } catch {
            let elapsed = clock.now - started
            return RunResult(id: saved.id, method: method, url: url, duration: elapsed.seconds,
                             outcome: .transport(SendExitCode(error), secrets.redact(String(describing: error))))
        }
        let duration = (clock.now - started).seconds
        let captures = SendCommand.capture(saved, exchange)
        context.captured += captures.found
        missed += captures.failure?.misses.map(\.name) ?? []
        var problems = (captures.failure?.misses ?? []).map { "capture \($0.name) (\($0.expression)) found nothing: \($0.reason)" }
        // Expected values may name variables, this request's captures included.
        var masking = captures.secrets
        var checks: [ExpectationResult] = []
        do {
            let (expectations, used) = try saved.definition.expectations.resolvingVariables(in: context)
            masking.formUnion(used)
            checks = expectations.check(exchange.response, secrets: masking, schemaFolder: saved.fileURL.deletingLastPathComponent())
        } catch {
            problems.append("expected values: \(error.description)")
        }
        let masked = checks.map {
            ExpectationResult(passed: $0.passed, description: masking.redact($0.description),
                              expected: masking.redact($0.expected), actual: masking.redact($0.actual))
        }
        problems += masked.filter { !$0.passed }.map(\.summary)
        return RunResult(id: saved.id, method: method, url: url, status: exchange.response.status, duration: duration,
                         checks: masked, outcome: problems.isEmpty ? .passed : .failed(problems.map(masking.redact)))
    }
}

/// One request's execution in a run.
struct RunResult: Sendable {
    enum Outcome: Sendable {
        case passed
        case failed([String])
        case transport(SendExitCode, String)
        case skipped(String)

        var isFailure: Bool {
            switch self {
            case .failed, .transport: true
            case .passed, .skipped: false
            }
        }
    }

    var id: String
    var method: String
    var url: String
    var status: Int?
    var duration: Double?
    var checks: [ExpectationResult] = []
    var outcome: Outcome

    init(id: String, method: String, url: String, status: Int? = nil, duration: Double? = nil, checks: [ExpectationResult] = [], outcome: Outcome) {
        self.id = id
        self.method = method
        self.url = url
        self.status = status
        self.duration = duration
        self.checks = checks
        self.outcome = outcome
    }

    /// The lines that say why it failed or was skipped (already masked).
    var reasons: [String] {
        switch outcome {
        case .passed: []
        case .failed(let lines): lines
        case .transport(_, let line), .skipped(let line): [line]
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

import Foundation
import SondeCore
import SondeHTTP
import Testing

/// `RunFlow.run(with:cancellation:onEach:)`, the variant the TUI's folder run uses: each
/// request's exchange handed over as it ends (the run keeps none), and a raised flag stopping
/// the transfer in flight and every request after it.
@Suite("RunFlow: exchanges handed over, cancellation")
struct RunFlowExchangeTests {
    /// A collection in a temp folder whose folder `flow` holds `files` (name → YAML), loaded.
    func flow(_ files: [String: String], baseURL: String) throws -> (RunFlow, URL) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-runflow-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("flow")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try "name: t\nvariables:\n  - {name: baseUrl, value: \"\(baseURL)\"}\n".write(
            to: root.appendingPathComponent(CollectionLoader.collectionFileName), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        let loaded = CollectionLoader.load(from: root)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        let context = SendContext(collection: loaded.collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        let flows = RunFlow.flows(for: "flow", collectionName: "t", in: loaded.collection, context: context)
        return (try #require(flows.first), root)
    }

    static let list = """
        name: list
        method: GET
        url: "{{baseUrl}}/users"
        captures:
          firstUserId: {json: "$[0].id"}
        expect:
          status: 200
        """

    @Test("Each result comes with its exchange; a capture fills the next request's URL")
    func exchangesHandedOver() async throws {
        try await withDemoServer { demo in
            let (flow, root) = try flow([
                "1-list.yaml": Self.list,
                "2-get.yaml": "name: get\nmethod: GET\nurl: \"{{baseUrl}}/users/{{firstUserId}}\"\nexpect:\n  status: 404\n",
            ], baseURL: demo.url(""))
            defer { try? FileManager.default.removeItem(at: root) }
            let seen = Seen()
            let results = await flow.run(with: RequestSender(transport: CurlTransport()), cancellation: nil) { result, exchange in
                seen.add(result.id, exchange.map { ($0.request.url, $0.response.status) })
            }
            #expect(results.map(\.id) == ["flow/1-list", "flow/2-get"])
            #expect(results.map(\.outcome.isFailure) == [false, true])
            #expect(seen.ids == ["flow/1-list", "flow/2-get"])
            #expect(seen.exchanges[0]?.status == 200)
            #expect(seen.exchanges[1]?.url == demo.url("/users/1"))
            #expect(seen.exchanges[1]?.status == 200)
            // The failed expectation says what was expected and what came.
            #expect(results[1].checks.first { !$0.passed } == ExpectationResult(passed: false, description: "status", expected: "404", actual: "200"))
        }
    }

    @Test("A raised flag stops the request in flight and sends none after it")
    func cancellationStopsTheRun() async throws {
        try await withDemoServer { demo in
            let (flow, root) = try flow([
                "1-slow.yaml": "name: slow\nmethod: GET\nurl: \"{{baseUrl}}/slow?ms=5000\"\n",
                "2-list.yaml": Self.list,
            ], baseURL: demo.url(""))
            defer { try? FileManager.default.removeItem(at: root) }
            let flag = CancellationFlag()
            let seen = Seen()
            let started = ContinuousClock.now
            async let results = flow.run(with: RequestSender(transport: CurlTransport()), cancellation: flag) { result, exchange in
                seen.add(result.id, exchange.map { ($0.request.url, $0.response.status) })
            }
            try await Task.sleep(for: .milliseconds(300))
            flag.cancel()
            let finished = await results
            #expect(ContinuousClock.now - started < .seconds(3))
            #expect(finished.map(\.id) == ["flow/1-slow"])
            guard case .transport(let error, _) = finished.first?.outcome else {
                Issue.record("expected a transport outcome, got \(String(describing: finished.first?.outcome))")
                return
            }
            #expect(error.isCancelled)
            #expect(seen.ids == ["flow/1-slow"])
            #expect(seen.exchanges.count == 1)
            #expect(seen.exchanges.first.map { $0 == nil } == true)
        }
    }
}

/// What `onEach` was handed, in order.
private final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [(id: String, exchange: (url: String, status: Int)?)] = []

    func add(_ id: String, _ exchange: (url: String, status: Int)?) {
        lock.withLock { entries.append((id, exchange)) }
    }

    var ids: [String] { lock.withLock { entries.map(\.id) } }
    var exchanges: [(url: String, status: Int)?] { lock.withLock { entries.map(\.exchange) } }
}

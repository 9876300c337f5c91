import ArgumentParser
import Foundation
import SondeCore
import SondeHTTP
import Synchronization

/// `sonde run`: runs flows (a folder's requests in file-name order, sharing captures and the
/// cookie jar) and reports each request's checks, a latency table and optional reports.
///
/// Flows run concurrently (`--jobs`) as Swift tasks over `RequestSender`, whose transfers all
/// go through one `CurlEventLoop`: libcurl's multi interface on one thread, with the
/// connection limits (`--max-per-host`, and `--jobs` in all), not a thread per transfer.
/// `--data rows.csv` runs the flows once per row, its columns as variables.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run flows of requests with their captures and expectations.",
        discussion: "Exit 0 when everything passed, 2 when an expectation or capture failed, the transport codes of `send` when only transport failed.")

    @Argument(help: "Flows: <collection>/<folder> or a request id (default: every collection's top-level folders).")
    var paths: [String] = []

    @OptionGroup var location: CollectionOptions

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable, over the environment's.", valueName: "name=value"))
    var variables: [String] = []

    @Option(help: "How many flows run at once (and connections open at once, in all).") var jobs = 1
    @Option(help: "At most this many connections to one host at once (default: --jobs).") var maxPerHost: Int?
    @Option(help: ArgumentHelp("Run the flows once per row of a CSV file, its columns (named by the header row) as variables.", valueName: "rows.csv"))
    var data: String?
    @Option(help: "Run all flows this many times.") var `repeat` = 1
    @Flag(help: "Start no new flow after the first failure.") var failFast = false
    @Flag(help: "Fetch every page of a request with a paginate: block, each page checked against its expect:.")
    var allPages = false
    @Option(help: ArgumentHelp("Write a report: junit=FILE, json=FILE or tap=FILE (repeatable).", valueName: "kind=file"))
    var report: [String] = []

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
        if let maxPerHost, maxPerHost < 1 { throw ValidationError("--max-per-host must be at least 1") }
        for pair in variables where !pair.contains("=") { throw ValidationError("--var takes name=value, not \(pair)") }
        for spec in report where RunReportSpec(spec) == nil {
            throw ValidationError("--report takes junit=FILE, json=FILE or tap=FILE, not \(spec)")
        }
        // Two reports into one file: the last written would silently replace the other.
        var files: [String: String] = [:]
        for spec in report.compactMap(RunReportSpec.init) {
            let file = URL(fileURLWithPath: spec.path).standardizedFileURL.path
            if let other = files[file] {
                throw ValidationError("--report \(spec.kind.rawValue)=\(spec.path): the \(other) report goes to that file too; give each report its own")
            }
            files[file] = spec.kind.rawValue
        }
    }

    func run() async throws {
        let code = await execute()
        if code != .success { throw ExitCode(code.rawValue) }
    }

    private var overrides: [String: String] {
        var values: [String: String] = [:]
        for pair in variables {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        return values
    }

    private func fail(_ code: SendExitCode, _ message: String) -> SendExitCode {
        StandardError.write("sonde: \(message)\n")
        return code
    }

    private func execute() async -> SendExitCode {
        let root = location.collectionsURL
        var flows: [RunFlow] = []
        let targets = paths.isEmpty ? CollectionLocator.collections(in: root).map(\.lastPathComponent) : paths
        var loadedByName: [String: LoadedCollection] = [:]
        for target in targets {
            let parts = target.split(separator: "/", maxSplits: 1).map(String.init)
            let name = parts[0]
            let collectionRoot = root.appendingPathComponent(name)
            let loaded = loadedByName[name] ?? CollectionLoader.load(from: collectionRoot)
            loadedByName[name] = loaded
            var environment: Environment?
            if let env = location.env {
                switch SendCommand.environment(named: env, in: loaded) {
                case .success(let found): environment = found
                case .failure(let missing): return fail(.collectionProblem, missing.message)
                }
            }
            let context = SendContext(
                collection: loaded.collection, environment: environment,
                secretSource: SendCommand.secretSource(for: collectionRoot),
                overrides: overrides,
                cookieJars: CookieJarFile.defaultDirectory(environment: ProcessInfo.processInfo.environment))
            var found = RunFlow.flows(for: parts.count > 1 ? parts[1] : nil, collectionName: name, in: loaded.collection, context: context)
            for index in found.indices { found[index].fetchesAllPages = allPages }
            if found.isEmpty { return fail(.collectionProblem, "no requests under \(target)") }
            // As `send` does: problems in the files these requests depend on stop the run,
            // warnings (an unknown key, an `order:` name that is not there) are said.
            var problems: [LoadProblem] = []
            for saved in found.flatMap(\.requests) {
                for problem in loaded.collection.problems(affecting: saved, environment: environment, among: loaded.problems)
                where !problems.contains(problem) { problems.append(problem) }
            }
            let errors = problems.filter { !$0.isWarning }
            if !errors.isEmpty { return fail(.collectionProblem, errors.map(\.description).joined(separator: "\n")) }
            for problem in problems { SendCommand.warn(problem.description) }
            flows += found
        }
        var rows: [DataTable.Row?] = [nil]
        if let data {
            do {
                let text = try String(contentsOf: URL(fileURLWithPath: data), encoding: .utf8)
                let table = try DataTable.parse(text, file: data)
                if table.rows.isEmpty { return fail(.usage, "\(data): no rows under the header row; nothing to run") }
                rows = table.rows
            } catch let error as DataTableError {
                return fail(.usage, error.description)
            } catch {
                return fail(.usage, "cannot read \(data): \(FileErrorText.describe(error))")
            }
        }
        let plan = RunPlan(flows: flows, rows: rows, dataFile: data, repeats: `repeat`)
        let specs = report.compactMap(RunReportSpec.init)
        var jsonReports: [(spec: RunReportSpec, report: RunJSONReport)] = []
        for spec in specs where spec.kind == .json {
            do {
                jsonReports.append((spec, try RunJSONReport(path: spec.path)))
            } catch {
                return fail(.outputUnwritable, "could not write the json report \(spec.path): \(FileErrorText.describe(error))")
            }
        }
        let progress = RunProgress(total: plan.requestCount, live: isatty(STDERR_FILENO) == 1)
        let transport = CurlTransport(
            connectionLimits: ConnectionLimits(perHost: maxPerHost, total: jobs),
            onCookieJarProblem: { SendCommand.warn($0) })
        let sender = SendCommand.sender(transport: transport)
        let stop = CancellationFlag()
        // Ctrl-C stops the transfers in flight and starts nothing more; what ran is summed up
        // and reported as usual, and the exit code is 130.
        let interruption = CancellationFlag()
        let interrupt = InterruptHandler { interruption.cancel() }
        defer { interrupt.stop() }
        let failFast = failFast
        let recorder = RunRecorder(
            summary: RunSummary(
                requestOrder: flows.flatMap { $0.requests.map(\.id) }, keepsResults: specs.contains { $0.kind != .json }),
            jsonReports: jsonReports)
        // `--jobs` workers, each taking the next flow when its last one ends, rather than a
        // child task per flow handing its results back to this one: with `--repeat`, a flow
        // is often one request, and a task made, switched to and torn down per request
        // showed in the profile of `sonde run --repeat 20000 --jobs 50`.
        let nextFlow = FlowCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<min(jobs, plan.flowCount) {
                group.addTask {
                    while !(failFast && stop.isCancelled), !interruption.isCancelled {
                        let index = nextFlow.take()
                        guard index < plan.flowCount else { return }
                        let flow = plan.flow(at: index)
                        let results = await flow.run(
                            with: sender, preparations: plan.preparations(at: index), cancellation: interruption, keepsWire: false
                        ) { result, _ in progress.done(result) }
                        if failFast, results.contains(where: { $0.outcome.isFailure }) { stop.cancel() }
                        recorder.add(results, of: flow, index: index)
                    }
                }
            }
        }
        let (summary, reportProblem) = recorder.finished
        progress.finish()
        if interruption.isCancelled { StandardError.write("sonde: interrupted (Ctrl-C); what ran so far:\n") }
        print(summary.failuresText, terminator: "")
        print(summary.table, terminator: "")
        print(summary.lastLine)
        for (spec, report) in jsonReports {
            do {
                if let reportProblem { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: reportProblem]) }
                try report.finish(summary)
            } catch {
                report.abandon()
                return fail(.outputUnwritable, reportProblem ?? "could not write the json report \(spec.path): \(FileErrorText.describe(error))")
            }
        }
        for spec in specs {
            guard let text = spec.kind.render(summary) else { continue }
            do {
                try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: spec.path))
            } catch {
                return fail(.outputUnwritable, "could not write the \(spec.kind.rawValue) report \(spec.path): \(FileErrorText.describe(error))")
            }
        }
        return interruption.isCancelled ? .cancelled : summary.exitCode
    }
}

/// Where `sonde run`'s workers put each flow's results as it ends: the summary and the JSON
/// reports, one flow at a time.
///
/// `@unchecked Sendable`: the summary, the reports and the first report problem are touched
/// only under `lock`.
private final class RunRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var summary: RunSummary
    private let jsonReports: [(spec: RunReportSpec, report: RunJSONReport)]
    private var reportProblem: String?

    init(summary: RunSummary, jsonReports: [(spec: RunReportSpec, report: RunJSONReport)]) {
        self.summary = summary
        self.jsonReports = jsonReports
    }

    /// Adds the results of the flow started `index`-th; the JSON reports get them in the order
    /// flows end, and stop at the first write that fails.
    func add(_ results: [RunResult], of flow: RunFlow, index: Int) {
        lock.lock()
        defer { lock.unlock() }
        summary.add(results, of: flow, index: index)
        for (spec, report) in jsonReports where reportProblem == nil {
            do { try report.append(results, of: flow) } catch {
                reportProblem = "could not write the json report \(spec.path): \(FileErrorText.describe(error))"
            }
        }
    }

    /// The summary, and the first report problem, once every worker has ended.
    var finished: (summary: RunSummary, reportProblem: String?) {
        lock.lock()
        defer { lock.unlock() }
        return (summary, reportProblem)
    }
}

/// Hands out the flows' indices in order, to whichever worker asks next.
private final class FlowCounter: Sendable {
    private let next = Atomic<Int>(0)

    func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).oldValue }
}

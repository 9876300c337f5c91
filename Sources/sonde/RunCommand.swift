import ArgumentParser
import Foundation
import SondeCore
import SondeHTTP

/// `sonde run`: runs flows (a folder's requests in file-name order, sharing captures and the
/// cookie jar) and reports each request's checks, a latency table and optional reports.
///
/// Flows run concurrently (`--jobs`) as Swift tasks over `RequestSender`, one libcurl easy
/// handle per transfer. The next step is libcurl's multi interface driven by one event loop,
/// which would spare a thread per transfer; it is not built yet.
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

    @Option(help: "How many flows run at once.") var jobs = 1
    @Option(help: "Run all flows this many times.") var `repeat` = 1
    @Flag(help: "Start no new flow after the first failure.") var failFast = false
    @Option(help: ArgumentHelp("Write a report: junit=FILE, json=FILE or tap=FILE (repeatable).", valueName: "kind=file"))
    var report: [String] = []

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if `repeat` < 1 { throw ValidationError("--repeat must be at least 1") }
        for pair in variables where !pair.contains("=") { throw ValidationError("--var takes name=value, not \(pair)") }
        for spec in report where RunReportSpec(spec) == nil {
            throw ValidationError("--report takes junit=FILE, json=FILE or tap=FILE, not \(spec)")
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
            let found = RunFlow.flows(for: parts.count > 1 ? parts[1] : nil, collectionName: name, in: loaded.collection, context: context)
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
        let all = (0..<`repeat`).flatMap { _ in flows }
        let total = all.reduce(0) { $0 + $1.requests.count }
        let progress = RunProgress(total: total, live: isatty(STDERR_FILENO) == 1)
        let sender = SendCommand.sender(transport: CurlTransport(onCookieJarProblem: { SendCommand.warn($0) }))
        let stop = CancellationFlag()
        let failFast = failFast
        let jobs = jobs
        let results = await withTaskGroup(of: (Int, [RunResult]).self) { group in
            var next = 0
            var collected: [(Int, [RunResult])] = []
            func start() {
                guard next < all.count, !(failFast && stop.isCancelled) else { return }
                let index = next
                let flow = all[index]
                next += 1
                group.addTask {
                    let results = await flow.run(with: sender) { progress.done($0) }
                    if failFast, results.contains(where: { $0.outcome.isFailure }) { stop.cancel() }
                    return (index, results)
                }
            }
            for _ in 0..<jobs { start() }
            for await finished in group {
                collected.append(finished)
                start()
            }
            return collected.sorted { $0.0 < $1.0 }.map { (all[$0.0], $0.1) }
        }
        progress.finish()
        let summary = RunSummary(runs: results)
        print(summary.failuresText, terminator: "")
        print(summary.table, terminator: "")
        print(summary.lastLine)
        for spec in report.compactMap(RunReportSpec.init) {
            do {
                try AtomicFile.write(Data(spec.kind.render(summary).utf8), to: URL(fileURLWithPath: spec.path))
            } catch {
                return fail(.outputUnwritable, "could not write the \(spec.kind.rawValue) report \(spec.path): \(FileErrorText.describe(error))")
            }
        }
        return summary.exitCode
    }
}

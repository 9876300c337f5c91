import Foundation
import SondeCore

/// The loop that joins the pure app to the world: reads input from the backend, feeds events to
/// `AppState.update`, runs the effects it returns (transfers and file I/O on background tasks,
/// whose results come back as events), and presents each new frame.
///
/// The loop never waits on a transfer: it polls input with a short timeout while work is in
/// flight (30 ms, so a finished response shows within a frame or two) and a longer one when idle.
public final class AppRunner {
    package private(set) var state: AppState
    private let backend: any TerminalBackend
    /// All that background tasks touch: they capture this, never the runner.
    private let background: BackgroundWork
    /// The flags Esc raises, per transfer in flight, and per token panel fetch (by row): Esc in
    /// the login dialog raises the one of the work that waits on the login.
    private var cancellations: [Int: CancellationFlag] = [:]
    private var tokenFetches: [Int: CancellationFlag] = [:]
    private let start = ContinuousClock.now
    /// Set from a signal handler (SIGTERM, SIGHUP) to leave the loop cleanly.
    private let stopRequested: @Sendable () -> Bool

    /// For bench/tui.sh: leave right after the first frame is on the terminal.
    private let quitAfterFirstFrame: Bool
    /// Edits made to the collection files outside sonde; nil without inotify.
    private let watcher: CollectionWatcher?

    package init(
        state: AppState, backend: any TerminalBackend, services: AppServices,
        stopRequested: @escaping @Sendable () -> Bool = { false }, quitAfterFirstFrame: Bool = false
    ) {
        self.state = state
        self.quitAfterFirstFrame = quitAfterFirstFrame
        self.backend = backend
        background = BackgroundWork(services: services)
        self.stopRequested = stopRequested
        watcher = CollectionWatcher(roots: services.collectionFolders)
        self.state.secretSources = services.secretSources(for: state.collections)
        self.state.timeZone = .current
        self.state.clockOrigin = Date().timeIntervalSince1970
    }

    /// The command line's way in: the same runner on the ncurses terminal.
    public convenience init(
        state: AppState, terminal: CursesTerminal, services: AppServices,
        stopRequested: @escaping @Sendable () -> Bool = { false }, quitAfterFirstFrame: Bool = false
    ) {
        self.init(state: state, backend: terminal, services: services, stopRequested: stopRequested, quitAfterFirstFrame: quitAfterFirstFrame)
    }

    private var now: Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Runs until the user quits. Returns the final state (tests look at it).
    @discardableResult
    public func run() -> AppState {
        let size = backend.size
        apply(.input(.resize(width: size.width, height: size.height)))
        var lastFrame: ScreenGrid?
        var lastTick = now
        while !state.wantsQuit && !stopRequested() {
            let frame = AppRenderer.render(state)
            if frame != lastFrame {
                backend.present(frame)
                let isFirstFrame = lastFrame == nil
                lastFrame = frame
                if quitAfterFirstFrame { break }
                if isFirstFrame { readOutlinedCollections() }
            }
            let busy = background.isRunning || state.transfer != nil
            if let input = backend.nextEvent(timeout: busy ? 0.03 : 0.25) {
                apply(.input(input))
            }
            for event in background.takeEvents() {
                apply(event)
            }
            if let changed = watcher?.changedFiles(), !changed.isEmpty {
                apply(.filesChanged(changed))
            }
            if now - lastTick >= 0.1 {
                lastTick = now
                apply(.tick)
            }
        }
        for flag in cancellations.values { flag.cancel() }
        for flag in tokenFetches.values { flag.cancel() }
        return state
    }

    /// Applies an event and runs the effects it produces.
    package func apply(_ event: AppEvent) {
        switch event {
        case .transferFinished(let id, _), .pagesFetched(let id, _, _), .runFinished(let id, _): cancellations[id] = nil
        case .tokenFetched(let row, _, _, _): tokenFetches[row] = nil
        default: break
        }
        for effect in state.update(event, now: now) { run(effect) }
    }

    private func run(_ effect: AppEffect) {
        switch effect {
        case .quit:
            break
        case .fetchToken(let order):
            let flag = CancellationFlag()
            tokenFetches[order.row] = flag
            TokenPanelWork.run(effect, on: background, cancellation: flag)
        case .loadStoredTokens, .clearToken:
            TokenPanelWork.run(effect, on: background)
        case .cancelTokenFetch(let row):
            tokenFetches[row]?.cancel()
        case .send(let order):
            send(order)
        case .runFlow(let order):
            runFlow(order)
        case .fetchPages(let order, let all):
            fetchPages(order, all: all)
        case .cancel(let id):
            cancellations[id]?.cancel()
        case .save(let reference, let request):
            save(reference, request)
        case .createRequest(let index, let folderPath, let name):
            fileOperation { collections in
                let id = try RequestFileOperations.create(in: collections[index], folderPath: folderPath, name: name)
                return RequestReference(collection: index, requestID: id)
            }
        case .duplicateRequest(let reference, let name):
            guard let request = state.savedRequest(reference) else { return }
            fileOperation { collections in
                let id = try RequestFileOperations.duplicate(request, in: collections[reference.collection], name: name)
                return RequestReference(collection: reference.collection, requestID: id)
            }
        case .renameRequest(let reference, let name):
            guard let request = state.savedRequest(reference) else { return }
            fileOperation { collections in
                let id = try RequestFileOperations.rename(request, in: collections[reference.collection], to: name)
                return RequestReference(collection: reference.collection, requestID: id)
            }
        case .deleteRequest(let reference):
            guard let request = state.savedRequest(reference) else { return }
            fileOperation { _ in
                try RequestFileOperations.delete(request)
                return nil
            }
        case .reloadCollections(let select):
            background.start { work in
                work.post(.collectionsReloaded(work.services.loadCollections(), select: select))
            }
        case .loadHistory(let reference):
            loadHistory(reference)
        case .editExternally(let reference, let text, let fileExtension):
            background.post(.externalEditFinished(reference, ExternalEditor.edit(text, fileExtension: fileExtension, environment: background.services.environment, backend: backend)))
        case .writeCurlScript(let command, let path):
            // Said with its whole path: a bare name is in the folder sonde was started from,
            // which need not be anywhere near the collection.
            let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
            apply(.curlScriptWritten(path: absolute, CurlScriptFile.write(command, to: absolute)))
        case .copyAsCurl(let order, let destination):
            background.start { work in
                do throws(RequestError) {
                    let prepared = try RequestPreparer.prepare(order.request, in: order.context)
                    work.post(.curlCommandReady(CurlCommand.render(prepared.request, pendingOAuth2: prepared.pendingOAuth2), to: destination))
                } catch {
                    work.post(.operationFailed(AppFailure("Not copied: \(error.description)")))
                }
            }
        case .trustCollection(let collection, let reference):
            guard state.collections.indices.contains(collection) else { return }
            do {
                try TrustedCollections(environment: background.services.environment).add(state.collections[collection].rootURL)
                apply(.collectionTrusted(collection: collection, thenSend: reference))
            } catch {
                apply(.operationFailed(AppFailure("Not trusted: \(FileErrorText.describe(error))")))
            }
        case .runImport(let source, let collection, let dryRun):
            guard state.collections.indices.contains(collection) else { return }
            let into = state.collections[collection].rootURL
            let name = state.collections[collection].name
            guard let executable = background.services.sondeExecutable else {
                apply(.operationFailed(AppFailure("Import needs the sonde executable")))
                return
            }
            background.startBlocking { work in
                let (output, succeeded) = ImportProcess.run(executable, source: source, into: into, dryRun: dryRun, environment: work.services.environment)
                work.post(.importFinished(ImportPreview(
                    source: source, collection: collection, collectionName: name, isDryRun: dryRun, succeeded: succeeded, output: output)))
            }
        case .writeClipboard(let text):
            backend.copyToClipboard(text)
        case .checkPaths(let reference, let paths):
            // A stat per path: quick enough to answer before the next frame.
            var problems: [PathToCheck: String] = [:]
            for path in paths { problems[path] = path.problem() }
            background.post(.pathsChecked(reference, problems))
        case .editFile(let file, let line):
            background.post(.fileEditFinished(ExternalEditor.editFile(file, line: line, environment: background.services.environment, backend: backend)))
        case .saveAuth(let order):
            saveAuth(order)
        case .environmentOperation(let collection, let operation):
            guard state.collections.indices.contains(collection) else { return }
            let result: Result<EnvironmentOperation.Done, AppFailure>
            var references: [String] = []
            if case .save(let environment, let variables) = operation {
                references = [(try? String(contentsOf: environment.fileURL, encoding: .utf8)) ?? ""] + variables.map(\.value)
            }
            do {
                result = .success(try operation.run(
                    in: state.collections[collection].rootURL, existing: state.collections[collection].environments,
                    secrets: Self.secretsNotToWrite(in: state.sendContext(for: collection), referencedIn: references)))
            } catch {
                result = .failure(AppFailure(error.description))
            }
            apply(.environmentOperationFinished(collection: collection, result))
        case .setSecret(let collection, let name, let value):
            guard state.collections.indices.contains(collection) else { return }
            let root = state.collections[collection].rootURL
            let result: Result<String?, AppFailure>
            do {
                let outcome = try DotEnvFile.set(name, to: value, in: root)
                result = .success(outcome.ignoredIn.map { CollectionLoader.relativePath($0, root: root) })
            } catch {
                result = .failure(AppFailure(error.description))
            }
            apply(.secretSaved(collection: collection, name: name, dotEnv: DotEnv.load(besides: root), result))
        }
    }

    /// Reads the request files of collections that started as outlines, after the first frame
    /// so that reading them never delays it (bench/tui.sh).
    private func readOutlinedCollections() {
        guard state.collections.contains(where: \.isOutline) else { return }
        background.start { work in
            work.post(.collectionsParsed(work.services.loadCollections()))
        }
    }

    /// Starts a transfer's work off the loop, with the flag Esc raises to cancel it: the one way
    /// sends and page fetches start.
    private func startTransfer(_ id: Int, _ work: @escaping @Sendable (BackgroundWork, CancellationFlag) async -> Void) {
        let flag = CancellationFlag()
        cancellations[id] = flag
        background.start { await work($0, flag) }
    }

    private func send(_ order: TransferOrder) {
        let id = order.id
        let secrets = Self.secrets(of: order.request, in: order.context)
        startTransfer(id) { work, cancellation in
            let outcome: TransferOutcome
            var exchange: Exchange?
            do throws(SendError) {
                // NDJSON and event-stream records go to the screen as they arrive, masked.
                let feed = LiveRecordFeed { record in work.post(.liveRecord(transfer: id, LiveRecordText.line(for: record, secrets: secrets))) }
                defer { feed.finish() }
                let sender = work.sender(loggingInFor: .transfer(id))
                let result = try await sender.send(order.request, in: order.context, receiver: feed.receiver(), cancellation: cancellation) { event in
                    work.post(.retry(transfer: id, event))
                }
                exchange = result
                outcome = .completed(ResponseDocument(
                    exchange: result, receivedAt: Date(), checking: order.request.definition, requestID: order.reference.requestID,
                    earlierSecrets: SecretSet(order.context.captured.filter(\.isSecret).map(\.value)),
                    schemaFolder: order.request.fileURL.deletingLastPathComponent(), context: order.context))
            } catch {
                outcome = error.isCancelled ? .cancelled : .failed(error.description)
            }
            work.post(.transferFinished(transfer: id, outcome: outcome))
            if let exchange, let history = work.services.history {
                // History is a nicety: a failure to write it is reported, never fatal.
                let collectionRoot = order.context.collection.rootURL
                do {
                    try history.append(HistoryEntry.make(from: exchange, date: Date()), collectionRoot: collectionRoot, requestID: order.reference.requestID)
                    let entries = try history.entries(collectionRoot: collectionRoot, requestID: order.reference.requestID)
                    work.post(.historyLoaded(order.reference, entries))
                } catch {
                    work.post(.operationFailed(AppFailure("History not saved: \(FileErrorText.describe(error))")))
                }
            }
        }
    }

    /// Runs a folder as a flow off the loop, posting each request's result with its response
    /// (masked as a single send's: the secrets captured earlier in the run included) as it ends.
    /// A request stopped by Esc is no result: the run just ends, cancelled.
    private func runFlow(_ order: FlowRunOrder) {
        let id = order.id
        let requests = Dictionary(order.requests.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        startTransfer(id) { work, cancellation in
            var secrets = SecretSet(order.context.captured.filter(\.isSecret).map(\.value))
            for flowRequests in order.flows where !cancellation.isCancelled {
                let flow = RunFlow(name: order.name, requests: flowRequests, context: order.context)
                _ = await flow.run(with: work.services.sender, cancellation: cancellation) { result, exchange in
                    if case .transport(let error, _) = result.outcome, error.isCancelled { return }
                    var document: ResponseDocument?
                    if let exchange, let saved = requests[result.id] {
                        let step = ResponseDocument(runOf: saved, exchange: exchange, result: result, earlierSecrets: secrets, receivedAt: Date())
                        for value in step.captured where value.isSecret { secrets.insert(value.value) }
                        document = step
                    }
                    work.post(.runStepFinished(run: id, FlowRun.Step(result: result, document: document)))
                }
            }
            work.post(.runFinished(run: id, cancelled: cancellation.isCancelled))
        }
    }

    /// What no file sonde writes may hold (`secretsNotToWrite`), with the file as loaded for its
    /// references, and every value the request resolves as secret: what must never reach its
    /// file when saving, nor the screen when a stream echoes it.
    static func secrets(of request: SavedRequest, in context: SendContext) -> SecretSet {
        var secrets = secretsNotToWrite(in: context, referencedIn: [request.sourceText ?? ""])
        if let prepared = try? RequestPreparer.prepare(request, in: context) { secrets.formUnion(prepared.request.secrets) }
        return secrets
    }

    /// What no file sonde writes into the collection of `context` may hold: every `.env` value,
    /// every secret captured so far (no more to be saved than an {{env:}} value), and the value
    /// of each `{{env:NAME}}` that `texts` (the file as it is, the new values) refer to, so a
    /// token typed over its own reference is caught wherever it is set.
    static func secretsNotToWrite(in context: SendContext, referencedIn texts: [String]) -> SecretSet {
        let source = context.secretSource
        var secrets = SecretSet(source.dotEnv.values.filter { !$0.isEmpty })
        secrets.formUnion(SecretSet(context.captured.filter(\.isSecret).map(\.value)))
        for name in PlaceholderStyle.secretNames(in: texts) {
            if let value = source.value(of: name) { secrets.insert(value) }
        }
        return secrets
    }

    private func fetchPages(_ order: TransferOrder, all: Bool) {
        let id = order.id
        guard let paginator = Paginator(order.request, in: order.context, sender: background.sender(loggingInFor: .transfer(id))) else {
            // Update only asks for pages of a request with `paginate:`; end the transfer all the same.
            background.post(.transferFinished(transfer: id, outcome: .failed("This request has no paginate: section")))
            return
        }
        // The listing so far lives in the state; the effect can't carry it (see `AppEffect.fetchPages`).
        let start = state.responses[order.reference]?.pages ?? paginator.start()
        startTransfer(id) { work, cancellation in
            let observer: PaginationObserver = { event in
                switch event {
                case .pageStarted(let progress): work.post(.pagesProgress(transfer: id, progress))
                case .retry(_, let retry): work.post(.retry(transfer: id, retry))
                case .pageFinished, .pageFailed: break
                }
            }
            let pages = all
                ? await paginator.fetchAll(from: start, cancellation: cancellation, observer: observer)
                : await paginator.fetchNextPage(after: start, cancellation: cancellation, observer: observer)
            // The merged items as one JSON array, shown like a response of its own.
            var document: ResponseDocument?
            if let last = pages.pages.last {
                var merged = last.response
                merged.body = Data(JSONTree.arrayBytes(of: pages.items))
                merged.bodyFile = nil
                merged.headers = merged.headers.filter { $0.name.lowercased() != "content-length" }
                document = ResponseDocument(response: merged, method: last.request.method,
                                            url: last.request.secrets.redact(last.request.url), secrets: last.request.secrets, receivedAt: Date())
            }
            work.post(.pagesFetched(transfer: id, pages, document))
        }
    }

    private func save(_ reference: RequestReference, _ request: SavedRequest) {
        let secrets = Self.secrets(of: request, in: state.sendContext(for: reference.collection))
        let result: Result<SavedRequest, AppFailure>
        do {
            result = .success(try RequestFileWriter.save(request, secrets: secrets))
        } catch {
            result = .failure(AppFailure(error.description))
        }
        apply(.saved(reference, result))
    }

    /// Writes one level's `auth:` block; no value of `.env` and no captured secret may reach it.
    private func saveAuth(_ order: AuthSaveOrder) {
        var failure: AppFailure?
        if state.collections.indices.contains(order.collection) {
            let references = [(try? String(contentsOf: order.file, encoding: .utf8)) ?? ""]
            let secrets = Self.secretsNotToWrite(in: state.sendContext(for: order.collection), referencedIn: references)
            do {
                try AuthBlockWriter.save(order.auth, to: order.file, loaded: order.loaded, secrets: secrets)
            } catch {
                failure = AppFailure(error.description)
            }
        } else {
            failure = AppFailure("the collection is gone")
        }
        apply(.authSaved(order, failure))
    }

    private func fileOperation(_ operation: @escaping @Sendable ([RequestCollection]) throws -> RequestReference?) {
        let collections = state.collections
        background.start { work in
            do {
                let select = try operation(collections)
                work.post(.collectionsReloaded(work.services.loadCollections(), select: select))
            } catch {
                work.post(.operationFailed(AppFailure(FileErrorText.describe(error))))
                work.post(.collectionsReloaded(work.services.loadCollections(), select: nil))
            }
        }
    }

    private func loadHistory(_ reference: RequestReference) {
        guard let history = background.services.history, state.collections.indices.contains(reference.collection) else { return }
        let root = state.collections[reference.collection].rootURL
        background.start { work in
            let entries = (try? history.entries(collectionRoot: root, requestID: reference.requestID)) ?? []
            work.post(.historyLoaded(reference, entries))
        }
    }
}

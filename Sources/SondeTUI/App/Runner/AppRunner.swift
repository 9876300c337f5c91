import Foundation
import SondeCore
import Synchronization

/// The loop that joins the pure app to the world: reads input from the backend, feeds events to
/// `AppState.update`, runs the effects it returns (transfers and file I/O on background tasks,
/// whose results come back as events), and presents each new frame.
///
/// The loop never waits on a transfer: it polls input with a short timeout while work is in
/// flight (30 ms, so a finished response shows within a frame or two) and a longer one when idle.
public final class AppRunner {
    package private(set) var state: AppState
    private let backend: any TerminalBackend
    private let services: AppServices
    private let inbox = Mutex<[AppEvent]>([])
    private let inFlight = Atomic<Int>(0)
    private var cancellations: [Int: CancellationFlag] = [:]
    private let start = ContinuousClock.now
    /// Set from a signal handler (SIGTERM, SIGHUP) to leave the loop cleanly.
    private let stopRequested: @Sendable () -> Bool

    /// For bench/tui.sh: leave right after the first frame is on the terminal.
    private let quitAfterFirstFrame: Bool

    package init(
        state: AppState, backend: any TerminalBackend, services: AppServices,
        stopRequested: @escaping @Sendable () -> Bool = { false }, quitAfterFirstFrame: Bool = false
    ) {
        self.state = state
        self.quitAfterFirstFrame = quitAfterFirstFrame
        self.backend = backend
        self.services = services
        self.stopRequested = stopRequested
        self.state.secretSources = services.secretSources(for: state.collections)
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
                lastFrame = frame
                if quitAfterFirstFrame { break }
            }
            let busy = inFlight.load(ordering: .relaxed) > 0 || state.transfer != nil
            if let input = backend.nextEvent(timeout: busy ? 0.03 : 0.25) {
                apply(.input(input))
            }
            for event in inbox.withLock({ events in defer { events.removeAll() }; return events }) {
                apply(event)
            }
            if now - lastTick >= 0.1 {
                lastTick = now
                apply(.tick)
            }
        }
        for flag in cancellations.values { flag.cancel() }
        return state
    }

    /// Applies an event and runs the effects it produces.
    package func apply(_ event: AppEvent) {
        for effect in state.update(event, now: now) { run(effect) }
    }

    private func post(_ event: AppEvent) {
        inbox.withLock { $0.append(event) }
    }

    /// Runs `work` off the loop, counting it as in flight so the loop polls faster meanwhile.
    private func background(_ work: @escaping @Sendable () async -> Void) {
        inFlight.add(1, ordering: .relaxed)
        let counter = inFlightCounter
        Task.detached {
            await work()
            counter.decrement()
        }
    }

    private var inFlightCounter: InFlightCounter { InFlightCounter(runner: self) }

    fileprivate func decrementInFlight() { inFlight.subtract(1, ordering: .relaxed) }

    private func run(_ effect: AppEffect) {
        switch effect {
        case .quit:
            break
        case .send(let id, let reference, let request, _):
            send(id: id, reference: reference, request: request)
        case .fetchPages(let id, let reference, let request, _, let all):
            fetchPages(id: id, reference: reference, request: request, all: all)
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
            let services = self.services
            background { [weak self] in
                let loaded = services.loadCollections()
                self?.post(.collectionsReloaded(loaded, select: select))
            }
        case .loadHistory(let reference):
            loadHistory(reference)
        case .editExternally(let reference, let text, let fileExtension):
            post(.externalEditFinished(reference, ExternalEditor.edit(text, fileExtension: fileExtension, environment: services.environment, backend: backend)))
        }
    }

    private func send(id: Int, reference: RequestReference, request: SavedRequest) {
        let flag = CancellationFlag()
        cancellations[id] = flag
        let context = state.sendContext(for: reference.collection)
        let services = self.services
        let collectionRoot = context.collection.rootURL
        let secrets = Self.secrets(of: request, in: context)
        background { [weak self] in
            let outcome: TransferOutcome
            var exchange: Exchange?
            do throws(SendError) {
                let runner = self
                // NDJSON and event-stream records go to the screen as they arrive, masked.
                let feed = LiveRecordFeed { record in runner?.post(.liveRecord(transfer: id, LiveRecordText.line(for: record, secrets: secrets))) }
                defer { feed.finish() }
                let result = try await services.sender.send(request, in: context, receiver: feed.receiver(), cancellation: flag) { event in
                    runner?.post(.retry(transfer: id, event))
                }
                exchange = result
                outcome = .completed(ResponseDocument(exchange: result, receivedAt: Date()))
            } catch {
                outcome = error.isCancelled ? .cancelled : .failed(error.description)
            }
            self?.post(.transferFinished(transfer: id, outcome: outcome))
            if let exchange, let history = services.history {
                // History is a nicety: a failure to write it is reported, never fatal.
                do {
                    try history.append(HistoryEntry.make(from: exchange, date: Date()), collectionRoot: collectionRoot, requestID: reference.requestID)
                    let entries = try history.entries(collectionRoot: collectionRoot, requestID: reference.requestID)
                    self?.post(.historyLoaded(reference, entries))
                } catch {
                    self?.post(.operationFailed(AppFailure("History not saved: \(error)")))
                }
            }
        }
    }

    /// Every value of `.env` and every value the request resolves as secret: what must never
    /// reach its file when saving, nor the screen when a stream echoes it.
    static func secrets(of request: SavedRequest, in context: SendContext) -> SecretSet {
        var secrets = SecretSet(context.secretSource.dotEnv.values.filter { !$0.isEmpty })
        if let prepared = try? RequestPreparer.prepare(request, in: context) { secrets.formUnion(prepared.request.secrets) }
        return secrets
    }

    private func fetchPages(id: Int, reference: RequestReference, request: SavedRequest, all: Bool) {
        let flag = CancellationFlag()
        cancellations[id] = flag
        let context = state.sendContext(for: reference.collection)
        guard let paginator = Paginator(request, in: context, sender: services.sender) else { return }
        let start = state.responses[reference]?.pages ?? paginator.start()
        background { [weak self] in
            let runner = self
            let observer: PaginationObserver = { event in
                switch event {
                case .pageStarted(let progress): runner?.post(.pagesProgress(transfer: id, progress))
                case .retry(_, let retry): runner?.post(.retry(transfer: id, retry))
                case .pageFinished, .pageFailed: break
                }
            }
            let pages = all
                ? await paginator.fetchAll(from: start, cancellation: flag, observer: observer)
                : await paginator.fetchNextPage(after: start, cancellation: flag, observer: observer)
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
            runner?.post(.pagesFetched(transfer: id, pages, document))
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

    private func fileOperation(_ operation: @escaping @Sendable ([RequestCollection]) throws -> RequestReference?) {
        let collections = state.collections
        let services = self.services
        background { [weak self] in
            do {
                let select = try operation(collections)
                self?.post(.collectionsReloaded(services.loadCollections(), select: select))
            } catch {
                self?.post(.operationFailed(AppFailure("\(error.localizedDescription)")))
                self?.post(.collectionsReloaded(services.loadCollections(), select: nil))
            }
        }
    }

    private func loadHistory(_ reference: RequestReference) {
        guard let history = services.history, state.collections.indices.contains(reference.collection) else { return }
        let root = state.collections[reference.collection].rootURL
        background { [weak self] in
            let entries = (try? history.entries(collectionRoot: root, requestID: reference.requestID)) ?? []
            self?.post(.historyLoaded(reference, entries))
        }
    }
}

/// Lets a detached task mark its work done without capturing the runner strongly.
private struct InFlightCounter: @unchecked Sendable {
    weak var runner: AppRunner?
    func decrement() { runner?.decrementInFlight() }
}

extension AppRunner: @unchecked Sendable {}

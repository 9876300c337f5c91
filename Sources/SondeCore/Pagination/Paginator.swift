import Foundation

/// Fetches the pages of a paged listing, as the request's `paginate:` block describes, one
/// after the other or one at a time on demand.
///
/// Each page is a normal send of the saved request (`RequestSender`), resolved, authorized and
/// retried as a single send would be, with only its page parameters or URL changed (see
/// `PageLocation`). A page that fails after its retries stops the fetching with a
/// `PageFailure` naming the page; the pages before it are kept.
///
///     guard let paginator = Paginator(saved, in: context, sender: sender) else { return }
///     let state = await paginator.fetchAll(cancellation: flag) { event in ... }
///     let json = JSONTree.arrayBytes(of: state.items)
public struct Paginator: Sendable {
    public let request: SavedRequest
    public let context: SendContext
    public let pagination: Pagination
    public let sender: RequestSender

    /// Nil when the request has no `paginate:` block.
    public init?(_ request: SavedRequest, in context: SendContext, sender: RequestSender) {
        guard let pagination = request.definition.pagination else { return nil }
        self.request = request
        self.context = context
        self.pagination = pagination
        self.sender = sender
    }

    /// The listing before its first page.
    public func start() -> PaginationState {
        PaginationState(pagination)
    }

    /// Fetches pages from `state` (by default the first) until the listing ends, a page fails,
    /// or `cancellation` is raised (a `.cancelled` failure).
    public func fetchAll(
        from state: PaginationState? = nil, cancellation: CancellationFlag? = nil, observer: PaginationObserver? = nil
    ) async -> PaginationState {
        var state = state ?? start()
        repeat {
            state = await fetchNextPage(after: state, cancellation: cancellation, observer: observer)
        } while !state.isFinished && state.failure == nil
        return state
    }

    /// Fetches the next page after `state` and returns the state one page further, or with a
    /// `failure` for that page. A finished listing is returned as it is.
    public func fetchNextPage(
        after state: PaginationState, cancellation: CancellationFlag? = nil, observer: PaginationObserver? = nil
    ) async -> PaginationState {
        guard !state.isFinished else { return state }
        var state = state
        let number = state.nextPageNumber
        let started = ContinuousClock.now
        var progress = state.progress
        progress.page = number
        observer?(.pageStarted(progress))

        func failed(_ failure: PageFailure) -> PaginationState {
            state.record(failure, duration: Self.seconds(since: started))
            observer?(.pageFailed(failure))
            return state
        }

        if cancellation?.isCancelled == true || Task.isCancelled {
            return failed(PageFailure(page: number, reason: .send(.transport(TransportFailure(error: .cancelled, attempts: [])))))
        }
        var preparation: Preparation
        do {
            preparation = try RequestPreparer.prepare(request, in: context)
        } catch {
            return failed(PageFailure(page: number, reason: .send(.preparation(error))))
        }
        preparation.request.url = state.next.apply(to: preparation.request.url)

        var events: RetryObserver?
        if let observer { events = { event in observer(.retry(page: number, event)) } }
        do {
            let exchange = try await sender.send(preparation, cancellation: cancellation, events: events)
            state.record(
                request: exchange.request, response: exchange.response, attempts: exchange.attempts,
                duration: Self.seconds(since: started))
        } catch {
            return failed(PageFailure(page: number, reason: .send(error), attempts: error.attempts))
        }
        if let failure = state.failure {
            observer?(.pageFailed(failure))
        } else if let page = state.pages.last {
            observer?(.pageFinished(page, state.progress))
        }
        return state
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = (ContinuousClock.now - start).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
    }
}

import Foundation

extension RunFlow {
    /// One paginated request of a flow: every page fetched, each checked against `expect:` (a
    /// failure names its page), captures taken from the first page (the answer to the request as
    /// written), and the listing's end judged as `sonde send --all-pages` judges it: a page that
    /// answers non-2xx or is not JSON fails the request, a transport error is its outcome.
    func sendAllPages(_ saved: SavedRequest, _ paginator: Paginator, context: inout SendContext, missed: inout [String]) async -> RunResult {
        let method = saved.definition.method.rawValue
        let state = await paginator.fetchAll()
        defer { for page in state.pages { page.response.bodyFile?.discard() } }
        var secrets = SecretSet()
        for page in state.pages { secrets.formUnion(page.request.secrets) }
        let url = state.pages.first.map { secrets.redact($0.request.url) } ?? ""
        guard let first = state.pages.first else {
            let failure = state.failure ?? PageFailure(page: 1, reason: .unreadable("no page was fetched"))
            if case .send(let error) = failure.reason {
                return RunResult(id: saved.id, method: method, url: url, duration: state.elapsed,
                                 outcome: .transport(error, secrets.redact(failure.description)))
            }
            return RunResult(id: saved.id, method: method, url: url, status: failure.response?.status, duration: state.elapsed,
                             outcome: .failed([secrets.redact(failure.description)]))
        }
        let captures = Self.capture(saved, first.response, requestSecrets: secrets)
        var problems = Self.take(captures, into: &context, missed: &missed)
        secrets.formUnion(captures.secrets)
        var checks: [ExpectationResult] = []
        let folder = Self.schemaFolder(of: saved)
        for page in state.pages {
            let results = saved.definition.expectations.check(page.response, resolvingIn: context, secrets: secrets, schemaFolder: folder)
            checks += state.pages.count == 1 ? results : results.map {
                ExpectationResult(passed: $0.passed, description: "page \(page.number): \($0.description)", expected: $0.expected, actual: $0.actual)
            }
        }
        problems += checks.filter { !$0.passed }.map(\.summary)
        var status = state.pages.last?.response.status
        if let failure = state.failure {
            if case .send(let error) = failure.reason {
                return RunResult(id: saved.id, method: method, url: url, status: status, duration: state.elapsed, checks: checks,
                                 outcome: .transport(error, secrets.redact(failure.description)))
            }
            status = failure.response?.status ?? status
            problems.append(failure.description)
        }
        return RunResult(id: saved.id, method: method, url: url, status: status, duration: state.elapsed,
                         checks: checks, outcome: problems.isEmpty ? .passed : .failed(problems.map(secrets.redact)))
    }
}

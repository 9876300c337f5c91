import Synchronization

/// The preparations of one flow's requests, kept between the flow's repeats (`sonde run
/// --repeat`, `--jobs`): preparing resolves every template, inherits headers and options and
/// encodes the body, the same work for every repeat of a request that fills in only variables.
///
/// A preparation is reused only while everything it was made from is the same: it filled in
/// nothing but variables (`Preparation.isRepeatable`: no secret, file, command or dynamic
/// value), the `--var` and data-row values are the same, and so is every captured value it
/// could have used (a capture of this repeat's earlier request, fresh each repeat, prepares the
/// request again). The flow's collection and environment are the same for all its repeats. A
/// request ID the preparation made is new for each send (`Preparation.again()`).
///
/// Preparing is the largest Swift cost per request: 58% of the samples of the Swift pool threads
/// of `sonde run --repeat 5000 --jobs 50` of one GET that cannot be reused (its header fills in
/// an `{{env:}}` secret), about 160 µs of CPU a request, against nginx on loopback (perf); that
/// run did 5,300 req/s, the same GET reused 9,700 req/s.
public final class PreparationCache: Sendable {
    private struct Entry: Sendable {
        var preparation: Preparation
        var overrides: [String: String]
        /// The latest capture of each variable the request uses, nil for none, when prepared.
        var captures: [String: CapturedValue?]

        func matches(_ context: SendContext) -> Bool {
            overrides == context.overrides
                && captures.allSatisfy { name, value in PreparationCache.latestCapture(of: name, in: context) == value }
        }
    }

    /// By the request's place in its flow.
    private let entries = Mutex<[Int: Entry]>([:])

    public init() {}

    /// The preparation of `saved`, the `index`-th request of the flow, in `context`: the kept
    /// one when it still holds, else a new one (kept when it can be reused).
    func preparation(of saved: SavedRequest, at index: Int, in context: SendContext) throws(RequestError) -> Preparation {
        if let entry = entries.withLock({ $0[index] }), entry.matches(context) { return entry.preparation.again() }
        let preparation = try RequestPreparer.prepare(saved, in: context)
        guard preparation.isRepeatable else { return preparation }
        var captures: [String: CapturedValue?] = [:]
        for name in preparation.usedVariables { captures[name] = Self.latestCapture(of: name, in: context) }
        let entry = Entry(preparation: preparation, overrides: context.overrides, captures: captures)
        entries.withLock { $0[index] = entry }
        return preparation
    }

    /// The value captured last under `name`: the one `{{name}}` fills in (see `SendContext.variableScopes`).
    private static func latestCapture(of name: String, in context: SendContext) -> CapturedValue? {
        context.captured.last { $0.name == name }
    }
}

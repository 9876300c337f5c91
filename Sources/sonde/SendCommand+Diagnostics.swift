import Foundation
import SondeCore
import SondeHTTP

/// What `sonde send` says on stderr besides errors: warnings, notes, and the messages for a
/// request or environment that is not there, with the nearest names when some are near.
extension SendCommand {
    /// The transport for this send, which warns when the cookie jar cannot be saved.
    func makeTransport() -> CurlTransport {
        CurlTransport(onCookieJarProblem: { Self.warn($0) })
    }

    /// A sender that keeps OAuth2 tokens under `$XDG_STATE_HOME/sonde/oauth2` and logs in with
    /// the browser or a device code, talking on stderr.
    static func sender(transport: any HTTPTransport) -> RequestSender {
        let environment = ProcessInfo.processInfo.environment
        return RequestSender(
            transport: transport, tokenStore: OAuth2TokenStore(folder: OAuth2TokenStore.defaultFolder(environment: environment)),
            userAgent: TerminalOAuth2UserAgent(environment: environment, write: { StandardError.write($0) }))
    }

    /// Prints `sonde: warning: <message>` on stderr; the send goes on.
    func warn(_ message: String) { Self.warn(message) }

    static func warn(_ message: String) {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        StandardError.write(style.paint("sonde: warning:", "1;33") + " \(TerminalSafeText.make(message))\n")
    }

    /// Prints `sonde: note: <message>` on stderr, for what sonde assumed that the user may not know.
    func note(_ message: String) {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        StandardError.write(style.dim("sonde: note: \(TerminalSafeText.make(message))") + "\n")
    }

    /// Says what goes out otherwise than written, once per run: a URL without a scheme, a header
    /// sent as UTF-8 bytes, a `--var` that no template of the request uses.
    func tellWhatIsSentOtherwise(_ prepared: Preparation) {
        if prepared.schemeAssumed { note(RequestPreparer.noSchemeNotice) }
        for warning in prepared.warnings { warn(warning) }
        for name in Self.unusedVariables(overrides.keys, used: prepared.usedVariables) {
            var message = "--var \(name) is not used by this request"
            if let near = EditDistance.nearest(to: name, among: prepared.usedVariables.sorted()) { message += " (did you mean \(near)?)" }
            warn(message)
        }
    }

    /// The `--var` names that no template uses, in order.
    static func unusedVariables(_ names: some Sequence<String>, used: Set<String>) -> [String] {
        names.filter { !used.contains($0) }.sorted()
    }

    /// "no request users/lst in collection demo (...); did you mean users/list?", or the first
    /// ids when none is near, or that the collection has none.
    static func noRequestMessage(_ id: String, in collection: RequestCollection) -> String {
        let ids = collection.root.allRequests.map(\.id)
        let start = "no request \(id) in collection \(collection.name) (\(collection.rootURL.path))"
        if ids.isEmpty { return "\(start): the collection has no requests (a request is a .yaml file with at least `url:`)" }
        let near = EditDistance.suggestions(for: id, among: ids)
        if !near.isEmpty { return "\(start); did you mean \(alternatives(near))?" }
        let more = ids.count > 12 ? " (and \(ids.count - 12) more)" : ""
        return "\(start); it has: \(ids.prefix(12).joined(separator: ", "))\(more)"
    }

    /// Why an environment named on the command line is not there.
    struct MissingEnvironment: Error {
        var message: String
    }

    /// The environment `name` of a loaded collection, or why there is none: what is wrong in its
    /// file when the file did not load, else the nearest names (`noEnvironmentMessage`).
    static func environment(named name: String, in loaded: LoadedCollection) -> Result<Environment, MissingEnvironment> {
        if let found = loaded.collection.environment(named: name) { return .success(found) }
        // A file that did not load is why its environment is missing: say what is wrong in it.
        let files = ["yaml", "yml"].map { "\(CollectionLoader.environmentsFolderName)/\(name).\($0)" }
        let fileProblems = loaded.problems.filter { problem in !problem.isWarning && files.contains(problem.file) }
        if !fileProblems.isEmpty { return .failure(MissingEnvironment(message: fileProblems.map(\.description).joined(separator: "\n"))) }
        return .failure(MissingEnvironment(message: noEnvironmentMessage(name, in: loaded.collection)))
    }

    /// "no environment lcoal in collection demo; did you mean local?", or the list of environments.
    static func noEnvironmentMessage(_ name: String, in collection: RequestCollection) -> String {
        let names = collection.environments.map(\.name)
        let start = "no environment \(name) in collection \(collection.name)"
        if names.isEmpty { return "\(start); it has none (environments/<name>.yaml)" }
        let near = EditDistance.suggestions(for: name, among: names)
        if !near.isEmpty { return "\(start); did you mean \(alternatives(near))?" }
        return "\(start); it has: \(names.joined(separator: ", "))"
    }

    /// "a", "a or b", "a, b or c".
    private static func alternatives(_ names: [String]) -> String {
        names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    /// Where a collection's secrets come from: the process environment, the `.env` beside it,
    /// its files, and its commands if the user trusts it (`sonde trust`). `send` and `run` alike.
    static func secretSource(for collectionRoot: URL) -> SecretSource {
        SecretSource(
            dotEnv: DotEnv.load(besides: collectionRoot), collectionRoot: collectionRoot,
            commandsTrusted: TrustedCollections(environment: ProcessInfo.processInfo.environment).isTrusted(collectionRoot))
    }
}

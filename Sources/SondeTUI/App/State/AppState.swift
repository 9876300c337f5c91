import Foundation
import SondeCore

/// The panes that take turns at the keyboard.
package enum Pane: Int, Sendable, CaseIterable {
    case collections, request, response

    package var title: String {
        switch self {
        case .collections: "Collections"
        case .request: "Request"
        case .response: "Response"
        }
    }
}

/// A line in the status bar that goes away by itself.
package struct Notice: Sendable, Equatable {
    package enum Kind: Sendable, Equatable { case info, success, warning, error }
    package var text: String
    package var kind: Kind
    package var until: Double
}

/// A transfer in flight.
package struct TransferState: Sendable, Equatable {
    package var id: Int
    package var reference: RequestReference
    package var startedAt: Double
    /// The try in progress (1 for the first).
    package var attempt = 1
    /// While waiting before a retry: when the wait ends, why, and how the last try ended.
    package var retryAt: Double?
    package var retryReason: RetryWait.Reason?
    package var lastOutcome: String?
    /// Set while fetching pages: how far it got.
    package var pages: PaginationProgress?
    /// Records of a streamed response so far (the newest `liveRecordLimit`), and their count.
    package var liveRecords: [String] = []
    package var liveRecordCount = 0
    static let liveRecordLimit = 500

    mutating func appendLiveRecord(_ text: String) {
        liveRecordCount += 1
        liveRecords.append(text)
        if liveRecords.count > Self.liveRecordLimit { liveRecords.removeFirst(liveRecords.count - Self.liveRecordLimit) }
    }

    /// "rate limited, retrying in 12 s" while a retry waits; nil otherwise.
    package func waitText(now: Double) -> String? {
        guard let retryAt else { return nil }
        let seconds = max(0, retryAt - now)
        let left = seconds >= 10 ? "\(Int(seconds.rounded(.up))) s" : RetryWait.format(seconds)
        let why = retryReason == .retryAfter ? "rate limited" : (lastOutcome ?? "failed")
        return "\(why), retrying in \(left) (attempt \(attempt + 1))"
    }
}

/// The whole TUI as a value. `update(_:now:)` changes it in answer to an event and returns the
/// effects to run; `AppRenderer` draws it. Nothing here touches a terminal, a file or the network.
public struct AppState: Sendable {
    package var collections: [RequestCollection]
    /// What went wrong reading each collection's files, by collection index.
    package var problemsPerCollection: [[LoadProblem]]
    package var environmentName: String?
    /// The folder of cookie jars sends use (`CookieJarFile`); nil sends no cookies.
    package var cookieJars: URL?
    package var focus: Pane = .collections {
        // Leaving or entering a pane never leaves a field in edit mode: see `RequestEditorState.isEditing`.
        didSet { if focus != oldValue { editor?.isEditing = false } }
    }
    package var size: (width: Int, height: Int)
    package var theme: Theme = .standard
    package var now: Double = 0
    /// Seconds since 1970 at `now == 0`, set by the runner: `wallClock` is the date shown for
    /// token expiry ("expires in 4 min") while `update` stays free of the system clock.
    package var clockOrigin: Double = 0
    package var wallClock: Date { Date(timeIntervalSince1970: clockOrigin + now) }
    /// The zone history dates are shown in: the runner sets the system's; tests keep UTC.
    package var timeZone = TimeZone.gmt

    // Collections pane
    package var expanded: Set<String> = []
    package var treeRows: [CollectionTreeRow] = []
    package var treeSelection = 0
    package var treeScroll = 0
    package var filter = LineEditor()
    package var isFiltering = false

    // Request editor: the request shown, and every draft edited so far (kept while browsing).
    package var editor: RequestEditorState?
    package var drafts: [RequestReference: RequestEditorState] = [:]
    /// Drafts the user kept over their file changed on disk: at the next reload they are based on
    /// the file as it is now, so a save writes their edits into it (it was refused forever).
    package var draftsToRebase: Set<RequestReference> = []
    /// What the Auth tab shows for the open request, while that tab is open; see `AuthPreview`.
    package internal(set) var authPreview: AuthPreview?

    // Responses, per request, and the transfer in flight.
    package var responses: [RequestReference: ResponseViewState] = [:]
    package var transfer: TransferState?
    package var nextTransferID = 1

    package var overlay: Overlay?
    /// The token panel as last seen, so fetched tokens (and fetches still running) outlive closing it.
    package var tokenPanelMemory: TokenPanel?
    package var notice: Notice?
    /// Secrets are shown in clear until this time (after the reveal key), masked otherwise.
    package var revealUntil: Double = 0
    /// The first key of a two-key command (`g` of `gg`, `z` of `zc`).
    package var pendingPrefix: Character?
    package var wantsQuit = false
    /// Where `{{env:NAME}}` values come from, per collection (process environment, then its `.env`).
    package var secretSources: [SecretSource] = []
    /// Values captured from responses (`captures:`) per collection, kept until the TUI quits:
    /// variables for the collection's later sends, shown in the environment list.
    package var captured: [Int: [CapturedValue]] = [:]
    /// The folder run as a flow (`R`): running, or the last one's results (`V` shows them).
    package var flowRun: FlowRun?

    public init(collections: [LoadedCollection], environmentName: String?, size: (width: Int, height: Int)) {
        self.collections = collections.map(\.collection)
        problemsPerCollection = collections.map(\.problems)
        self.size = size
        self.environmentName = environmentName ?? self.environmentNames.first
        for index in self.collections.indices {
            expanded.insert(CollectionTree.key(collection: index, folderPath: ""))
        }
        refreshTree()
        if let summary = problemSummary { notice = Notice(text: summary.text, kind: summary.kind, until: .infinity) }
    }

    /// Every load problem of every collection, in order.
    package var loadProblems: [LoadProblem] { problemsPerCollection.flatMap { $0 } }

    /// Every load problem with the collection it belongs to: what the problems list shows.
    package var allProblems: [(collection: Int, problem: LoadProblem)] {
        problemsPerCollection.enumerated().flatMap { index, problems in problems.map { (index, $0) } }
    }

    /// The status line for load problems: how many and the key that lists them first (a long
    /// line is cut at the right), then the problem itself when there is one; a warning's colour
    /// when all are warnings (unknown keys), an error's when any file did not load.
    package var problemSummary: (text: String, kind: Notice.Kind)? {
        let problems = loadProblems
        guard let first = problems.first(where: { !$0.isWarning }) ?? problems.first else { return nil }
        let key = KeyMap.keyLabel(for: .listProblems)
        let kind: Notice.Kind = first.isWarning ? .warning : .error
        if problems.count == 1 { return ("1 problem · \(key) to list · \(first.description)", kind) }
        return ("\(problems.count) problems · \(key) to list", kind)
    }

    /// The problems that stop a request from being sent (its file, its folders', the
    /// collection's, the environment's); empty when it can go.
    package func problems(blocking reference: RequestReference) -> [LoadProblem] {
        guard problemsPerCollection.indices.contains(reference.collection), !problemsPerCollection[reference.collection].isEmpty,
              let saved = savedRequest(reference) else { return [] }
        return collections[reference.collection].problems(
            blocking: saved, environment: environment(for: reference.collection), among: problemsPerCollection[reference.collection])
    }

    /// Every environment name across the collections, in order of first appearance.
    package var environmentNames: [String] {
        var seen: [String] = []
        for collection in collections {
            for environment in collection.environments where !seen.contains(environment.name) { seen.append(environment.name) }
        }
        return seen
    }

    package var isRevealingSecrets: Bool { now < revealUntil }

    package func secretSource(for collection: Int) -> SecretSource {
        secretSources.indices.contains(collection) ? secretSources[collection] : SecretSource(processEnvironment: [:])
    }

    /// The saved request a reference points to, if it still exists. None while its collection is
    /// an outline: opening, sending, saving and file operations all start here, and none of them
    /// may use a request whose file is not read yet.
    package func savedRequest(_ reference: RequestReference) -> SavedRequest? {
        guard collections.indices.contains(reference.collection), !collections[reference.collection].isOutline else { return nil }
        return collections[reference.collection].request(id: reference.requestID)
    }

    /// The environment in use for a collection, by the selected name.
    package func environment(for collection: Int) -> Environment? {
        guard let name = environmentName, collections.indices.contains(collection) else { return nil }
        return collections[collection].environment(named: name)
    }

    /// What requests of a collection are prepared and sent with: the collection, the chosen
    /// environment, and where its `{{env:NAME}}` secrets come from.
    package func sendContext(for collection: Int) -> SendContext {
        SendContext(
            collection: collections[collection], environment: environment(for: collection), secretSource: secretSource(for: collection),
            cookieJars: cookieJars, captured: captured[collection] ?? [])
    }

    /// Requests with unsaved changes, the one open included.
    package var dirtyReferences: [RequestReference] {
        var all = drafts
        if let editor { all[editor.reference] = editor }
        return all.values.filter(\.isDirty).map(\.reference).sorted { $0.requestID < $1.requestID }
    }

    package func isDirty(_ reference: RequestReference) -> Bool {
        if let editor, editor.reference == reference { return editor.isDirty }
        return drafts[reference]?.isDirty ?? false
    }

    /// Recomputes the collections pane rows after the collections, folds or filter changed.
    /// The rows again; the selection stays on the same request or folder when it is still shown
    /// (clearing a filter left it on whatever row had its number, and `R` then ran that folder).
    package mutating func refreshTree() {
        let selected = selectedTreeRow
        treeRows = CollectionTree.rows(collections: collections, expanded: expanded, filter: filter.text)
        if let selected, let same = treeRows.firstIndex(where: { row in
            if let reference = selected.request { return row.request == reference }
            return selected.folderKey != nil && row.folderKey == selected.folderKey
        }) {
            treeSelection = same
        }
        treeSelection = min(max(0, treeSelection), max(0, treeRows.count - 1))
    }

    package var selectedTreeRow: CollectionTreeRow? {
        treeRows.indices.contains(treeSelection) ? treeRows[treeSelection] : nil
    }

    /// Keeps `values` as the collection's captured variables, each replacing any of its name.
    package mutating func keepCaptured(_ values: [CapturedValue], collection: Int) {
        guard !values.isEmpty else { return }
        var kept = captured[collection] ?? []
        for value in values {
            kept.removeAll { $0.name == value.name }
            kept.append(value)
        }
        captured[collection] = kept
    }

    package var currentResponse: ResponseViewState? {
        editor.flatMap { responses[$0.reference] }
    }
}

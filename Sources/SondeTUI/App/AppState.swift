import Foundation
import SondeCore

/// The panes that take turns at the keyboard.
public enum Pane: Int, Sendable, CaseIterable {
    case collections, request, response

    public var title: String {
        switch self {
        case .collections: "Collections"
        case .request: "Request"
        case .response: "Response"
        }
    }
}

/// A line in the status bar that goes away by itself.
public struct Notice: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, success, error }
    public var text: String
    public var kind: Kind
    public var until: Double
}

/// A transfer in flight.
public struct TransferState: Sendable, Equatable {
    public var id: Int
    public var reference: RequestReference
    public var startedAt: Double
    /// The try in progress (1 for the first).
    public var attempt = 1
    /// While waiting before a retry: when the wait ends, why, and how the last try ended.
    public var retryAt: Double?
    public var retryReason: RetryWait.Reason?
    public var lastOutcome: String?
    /// Set while fetching pages: how far it got.
    public var pages: PaginationProgress?
    /// Records of a streamed response so far (the newest `liveRecordLimit`), and their count.
    public var liveRecords: [String] = []
    public var liveRecordCount = 0
    static let liveRecordLimit = 500

    mutating func appendLiveRecord(_ text: String) {
        liveRecordCount += 1
        liveRecords.append(text)
        if liveRecords.count > Self.liveRecordLimit { liveRecords.removeFirst(liveRecords.count - Self.liveRecordLimit) }
    }

    /// "rate limited, retrying in 12 s" while a retry waits; nil otherwise.
    public func waitText(now: Double) -> String? {
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
    public var collections: [RequestCollection]
    public var loadProblems: [LoadProblem]
    public var environmentName: String?
    public var focus: Pane = .collections
    public var size: (width: Int, height: Int)
    public var theme: Theme = .standard
    public var now: Double = 0

    // Collections pane
    public var expanded: Set<String> = []
    public var treeRows: [CollectionTreeRow] = []
    public var treeSelection = 0
    public var treeScroll = 0
    public var filter = LineEditor()
    public var isFiltering = false

    // Request editor: the request shown, and every draft edited so far (kept while browsing).
    public var editor: RequestEditorState?
    public var drafts: [RequestReference: RequestEditorState] = [:]

    // Responses, per request, and the transfer in flight.
    public var responses: [RequestReference: ResponseViewState] = [:]
    public var transfer: TransferState?
    public var nextTransferID = 1

    public var overlay: Overlay?
    public var notice: Notice?
    /// Secrets are shown in clear until this time (after the reveal key), masked otherwise.
    public var revealUntil: Double = 0
    /// The first key of a two-key command (`g` of `gg`, `z` of `zc`).
    public var pendingPrefix: Character?
    public var wantsQuit = false
    /// Effects asked for by helpers that return none themselves (opening a request loads its history).
    var queuedEffects: [AppEffect] = []
    /// Where `{{env:NAME}}` values come from, per collection (process environment, then its `.env`).
    public var secretSources: [SecretSource] = []

    public init(collections: [LoadedCollection], environmentName: String?, size: (width: Int, height: Int)) {
        self.collections = collections.map(\.collection)
        loadProblems = collections.flatMap(\.problems)
        self.size = size
        self.environmentName = environmentName ?? self.environmentNames.first
        for index in self.collections.indices {
            expanded.insert(CollectionTree.key(collection: index, folderPath: ""))
        }
        refreshTree()
        if let problem = loadProblems.first {
            notice = Notice(
                text: loadProblems.count == 1 ? problem.description : "\(problem.description) (and \(loadProblems.count - 1) more)",
                kind: .error, until: .infinity)
        }
    }

    /// Every environment name across the collections, in order of first appearance.
    public var environmentNames: [String] {
        var seen: [String] = []
        for collection in collections {
            for environment in collection.environments where !seen.contains(environment.name) { seen.append(environment.name) }
        }
        return seen
    }

    public var isRevealingSecrets: Bool { now < revealUntil }

    public func secretSource(for collection: Int) -> SecretSource {
        secretSources.indices.contains(collection) ? secretSources[collection] : SecretSource(processEnvironment: [:])
    }

    /// The saved request a reference points to, if it still exists.
    public func savedRequest(_ reference: RequestReference) -> SavedRequest? {
        guard collections.indices.contains(reference.collection) else { return nil }
        return collections[reference.collection].request(id: reference.requestID)
    }

    /// The environment in use for a collection, by the selected name.
    public func environment(for collection: Int) -> Environment? {
        guard let name = environmentName, collections.indices.contains(collection) else { return nil }
        return collections[collection].environment(named: name)
    }

    /// What requests of a collection are prepared and sent with: the collection, the chosen
    /// environment, and where its `{{env:NAME}}` secrets come from.
    public func sendContext(for collection: Int) -> SendContext {
        SendContext(collection: collections[collection], environment: environment(for: collection), secretSource: secretSource(for: collection))
    }

    /// Requests with unsaved changes, the one open included.
    public var dirtyReferences: [RequestReference] {
        var all = drafts
        if let editor { all[editor.reference] = editor }
        return all.values.filter(\.isDirty).map(\.reference).sorted { $0.requestID < $1.requestID }
    }

    public func isDirty(_ reference: RequestReference) -> Bool {
        if let editor, editor.reference == reference { return editor.isDirty }
        return drafts[reference]?.isDirty ?? false
    }

    /// Recomputes the collections pane rows after the collections, folds or filter changed.
    public mutating func refreshTree() {
        treeRows = CollectionTree.rows(collections: collections, expanded: expanded, filter: filter.text)
        treeSelection = min(max(0, treeSelection), max(0, treeRows.count - 1))
    }

    public var selectedTreeRow: CollectionTreeRow? {
        treeRows.indices.contains(treeSelection) ? treeRows[treeSelection] : nil
    }

    public var currentResponse: ResponseViewState? {
        editor.flatMap { responses[$0.reference] }
    }
}

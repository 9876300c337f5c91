import Foundation

/// A saved request and the file it lives in.
public struct SavedRequest: Sendable, Equatable {
    /// The path from the collection root without `.yaml`: `users/list`.
    public var id: String
    public var fileURL: URL
    public var definition: RequestDefinition
    /// The file's text as loaded, so saving can keep key order and keys sonde does not know.
    public var sourceText: String?

    public init(id: String, fileURL: URL, definition: RequestDefinition, sourceText: String? = nil) {
        self.id = id
        self.fileURL = fileURL
        self.definition = definition
        self.sourceText = sourceText
    }
}

/// A folder of requests: a sub-collection with optional defaults in its `folder.yaml`.
public struct RequestFolder: Sendable, Equatable {
    public var name: String
    /// The path from the collection root: "" for the root, `users` for a sub-folder.
    public var path: String
    public var url: URL
    public var defaults: RequestDefaults
    public var folders: [RequestFolder]
    public var requests: [SavedRequest]
    /// `order:` in `folder.yaml`: the names of requests (file names without `.yaml`) and
    /// sub-folders that `sonde run` sends first, in this order (see `requestsInRunOrder`).
    public var runOrder: [String] = []

    public init(name: String, path: String, url: URL, defaults: RequestDefaults = RequestDefaults(), folders: [RequestFolder] = [], requests: [SavedRequest] = []) {
        self.name = name
        self.path = path
        self.url = url
        self.defaults = defaults
        self.folders = folders
        self.requests = requests
    }

    /// Every request in this folder and below, folders first in name order.
    public var allRequests: [SavedRequest] {
        folders.flatMap(\.allRequests) + requests
    }

    /// Every request in this folder and below in the order a flow sends them: those `order:`
    /// names first, as listed (a sub-folder named there in its own run order), then the rest
    /// by id, which is file-name order.
    public var requestsInRunOrder: [SavedRequest] {
        var ordered: [SavedRequest] = []
        var taken: Set<String> = []
        for name in runOrder {
            if let request = requests.first(where: { $0.id.split(separator: "/").last.map(String.init) == name }) {
                if taken.insert(request.id).inserted { ordered.append(request) }
            } else if let folder = folders.first(where: { $0.url.lastPathComponent == name }) {
                for request in folder.requestsInRunOrder where taken.insert(request.id).inserted { ordered.append(request) }
            }
        }
        return ordered + allRequests.filter { !taken.contains($0.id) }.sorted { $0.id < $1.id }
    }
}

/// A named set of variables and defaults: local, staging, prod.
public struct Environment: Sendable, Equatable {
    public var name: String
    public var fileURL: URL
    public var variables: [KeyValue]
    public var defaults: RequestDefaults

    public init(name: String, fileURL: URL, variables: [KeyValue] = [], defaults: RequestDefaults = RequestDefaults()) {
        self.name = name
        self.fileURL = fileURL
        self.variables = variables
        self.defaults = defaults
    }
}

/// A collection folder on disk: `collection.yaml`, request files, sub-folders, environments.
public struct RequestCollection: Sendable, Equatable {
    public var name: String
    public var description: String
    public var rootURL: URL
    public var variables: [KeyValue]
    public var root: RequestFolder
    public var environments: [Environment]
    /// True when the request files were only listed, not read (`CollectionLoader.loadOutline`):
    /// each request has its file name for a name and no method, URL or anything else yet, so
    /// none may be shown as a request, sent or saved until the collection is loaded in full.
    public var isOutline = false

    public init(name: String, description: String = "", rootURL: URL, variables: [KeyValue] = [], root: RequestFolder, environments: [Environment] = []) {
        self.name = name
        self.description = description
        self.rootURL = rootURL
        self.variables = variables
        self.root = root
        self.environments = environments
    }

    /// The collection-wide defaults, kept in `collection.yaml`.
    public var defaults: RequestDefaults { root.defaults }

    public func environment(named name: String) -> Environment? {
        environments.first { $0.name == name }
    }

    /// The request with this id (`users/list`, with or without `.yaml`).
    public func request(id: String) -> SavedRequest? {
        let wanted = CollectionLoader.withoutExtension(id)
        return root.allRequests.first { $0.id == wanted }
    }

    /// The folders from the root down to the one that holds `request`, root first.
    public func folderChain(to request: SavedRequest) -> [RequestFolder] {
        let parts = request.id.split(separator: "/").dropLast()
        var chain = [root]
        var current = root
        for part in parts {
            guard let next = current.folders.first(where: { $0.url.lastPathComponent == part }) else { break }
            chain.append(next)
            current = next
        }
        return chain
    }
}

/// Which level set the auth a request will use, so the user can see why it sends what it sends.
public enum AuthSource: Sendable, Equatable, CustomStringConvertible {
    case request
    case folder(String)
    case collection
    case environment(String)
    /// Nothing sets any auth.
    case nowhere

    public var description: String {
        switch self {
        case .request: "the request"
        case .folder(let path): "folder \(path)"
        case .collection: "the collection"
        case .environment(let name): "environment \(name)"
        case .nowhere: "nowhere"
        }
    }
}

/// The auth a request uses after inheritance, and where it came from.
public struct EffectiveAuth: Sendable, Equatable {
    public var auth: AuthConfig
    public var source: AuthSource

    /// Request, then its folders from the nearest up, then the collection, then the environment:
    /// the first that sets anything but `inherit` wins.
    public static func resolve(request: SavedRequest, in collection: RequestCollection, environment: Environment?) -> EffectiveAuth {
        if request.definition.auth != .inherit { return EffectiveAuth(auth: request.definition.auth, source: .request) }
        for folder in collection.folderChain(to: request).dropFirst().reversed() where folder.defaults.auth != .inherit {
            return EffectiveAuth(auth: folder.defaults.auth, source: .folder(folder.path))
        }
        if collection.defaults.auth != .inherit { return EffectiveAuth(auth: collection.defaults.auth, source: .collection) }
        if let environment, environment.defaults.auth != .inherit {
            return EffectiveAuth(auth: environment.defaults.auth, source: .environment(environment.name))
        }
        return EffectiveAuth(auth: .none, source: .nowhere)
    }
}

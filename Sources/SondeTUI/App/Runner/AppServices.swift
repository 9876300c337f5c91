import Foundation
import SondeCore

/// What the runner needs from the outside world, passed in so the TUI never builds a transport
/// itself (SondeTUI does not link libcurl) and tests can point it at temp folders.
public struct AppServices: Sendable {
    package var sender: RequestSender
    /// The folder given with `--collections`: one collection, or a folder of them.
    package var collectionsRoot: URL
    package var history: ResponseHistory?
    /// The process environment: `$EDITOR`, and `{{env:NAME}}` values before each `.env`.
    package var environment: [String: String]
    /// The `sonde` executable, which the palette's Import… runs (`sonde import`): the one
    /// importer, not a copy inside the TUI. Nil: import is not offered.
    package var sondeExecutable: URL?
    /// Starts the listener on 127.0.0.1 an authorization code login waits on
    /// (`LoopbackCallbackListener`, in SondeHTTP, which the TUI does not link). Nil: such a
    /// login fails saying so; a device code login needs none.
    package var listenForCallback: CallbackListening?

    /// Starts a callback listener on a port (nil: a free one).
    public typealias CallbackListening = @Sendable (Int?) throws(OAuth2Error) -> any OAuth2CallbackListener

    public init(
        sender: RequestSender, collectionsRoot: URL, history: ResponseHistory?, environment: [String: String], sondeExecutable: URL? = nil,
        listenForCallback: CallbackListening? = nil
    ) {
        self.sender = sender
        self.collectionsRoot = collectionsRoot
        self.history = history
        self.environment = environment
        self.sondeExecutable = sondeExecutable
        self.listenForCallback = listenForCallback
    }

    /// The collection folders below the root, or the root itself when it is a collection.
    package var collectionFolders: [URL] {
        let own = collectionsRoot.appendingPathComponent(CollectionLoader.collectionFileName)
        if FileManager.default.fileExists(atPath: own.path) { return [collectionsRoot] }
        return CollectionLocator.collections(in: collectionsRoot)
    }

    package func loadCollections() -> [LoadedCollection] {
        collectionFolders.map { CollectionLoader.load(from: $0) }
    }

    /// The collections listed without reading their request files, for the first frame; the
    /// runner reads them in full right after it.
    package func loadCollectionOutlines() -> [LoadedCollection] {
        collectionFolders.map { CollectionLoader.loadOutline(from: $0) }
    }

    /// Secret sources, one per collection: the process environment, then the `.env` beside it;
    /// its files; its commands when the user trusts it (`sonde trust`).
    package func secretSources(for collections: [RequestCollection]) -> [SecretSource] {
        let trusted = TrustedCollections(environment: environment)
        return collections.map {
            SecretSource(
                processEnvironment: environment, dotEnv: DotEnv.load(besides: $0.rootURL), collectionRoot: $0.rootURL,
                commandsTrusted: trusted.isTrusted($0.rootURL))
        }
    }
}

import Foundation

/// Why a request named on the command line could not be found.
public struct LocateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Finds the collection folder and request id for a name like `demo/users/list`.
public enum CollectionLocator {
    /// `name` is `<collection>/<request id>` below `collectionsRoot`, or a request id when
    /// `collectionsRoot` is itself a collection, or a path to a request file.
    public static func locate(_ name: String, in collectionsRoot: URL) throws(LocateError) -> (collectionRoot: URL, requestID: String) {
        let fileManager = FileManager.default
        let asFile = URL(fileURLWithPath: name).standardizedFileURL
        if CollectionLoader.hasYAMLExtension(name), fileManager.fileExists(atPath: asFile.path) {
            var folder = asFile.deletingLastPathComponent()
            while folder.path != "/" {
                if fileManager.fileExists(atPath: folder.appendingPathComponent(CollectionLoader.collectionFileName).path) {
                    return (folder, CollectionLoader.relativePath(asFile, root: folder))
                }
                folder = folder.deletingLastPathComponent()
            }
            throw LocateError(message: "\(name) is not inside a collection (no collection.yaml above it)")
        }
        if isCollection(collectionsRoot) { return (collectionsRoot, name) }
        let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            throw LocateError(message: "name a request as <collection>/<path>, e.g. demo/users/list; collections here: \(available(in: collectionsRoot))")
        }
        let collectionRoot = collectionsRoot.appendingPathComponent(parts[0])
        guard isCollection(collectionRoot) || fileManager.fileExists(atPath: collectionRoot.path) else {
            throw LocateError(message: "no collection \(parts[0]) in \(collectionsRoot.path); collections here: \(available(in: collectionsRoot))")
        }
        return (collectionRoot, parts[1])
    }

    /// The collection a command about a whole collection means (`sonde cookies`): `name` below
    /// `collectionsRoot`, or a path to a collection; without a name, `collectionsRoot` when it is a
    /// collection, else the only one below it.
    public static func locateCollection(_ name: String?, in collectionsRoot: URL) throws(LocateError) -> URL {
        guard let name else {
            if isCollection(collectionsRoot) { return collectionsRoot }
            let found = collections(in: collectionsRoot)
            if found.count == 1 { return found[0] }
            if found.isEmpty { throw LocateError(message: "no collection in \(collectionsRoot.path) (a collection is a folder with \(CollectionLoader.collectionFileName)); pass --collections <folder>") }
            throw LocateError(message: "\(collectionsRoot.path) has several collections: name one with --collection (\(available(in: collectionsRoot)))")
        }
        if isCollection(collectionsRoot), name == collectionsRoot.lastPathComponent { return collectionsRoot }
        let below = collectionsRoot.appendingPathComponent(name)
        if isCollection(below) { return below }
        let asPath = URL(fileURLWithPath: name).standardizedFileURL
        if isCollection(asPath) { return asPath }
        var message = "no collection \(name) in \(collectionsRoot.path)"
        let names = collections(in: collectionsRoot).map(\.lastPathComponent)
        if let near = EditDistance.nearest(to: name, among: names) {
            message += "; did you mean \(near)?"
        } else {
            message += "; collections here: \(available(in: collectionsRoot))"
        }
        throw LocateError(message: message)
    }

    /// The collection folders directly below `root`.
    public static func collections(in root: URL) -> [URL] {
        let entries = (try? FileManager.default.contentsOfDirectory(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])) ?? []
        return entries.filter(isCollection).sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private static func isCollection(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent(CollectionLoader.collectionFileName).path)
    }

    private static func available(in root: URL) -> String {
        let names = collections(in: root).map(\.lastPathComponent)
        return names.isEmpty ? "none" : names.joined(separator: ", ")
    }
}

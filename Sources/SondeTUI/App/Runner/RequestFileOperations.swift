import Foundation
import SondeCore

/// New, duplicate, rename and delete on request files. Every write goes through a temp file and
/// a rename, and nothing is overwritten: a name already taken gets a numbered file name.
enum RequestFileOperations {
    /// A file name from a request name: lowercase words joined by dashes ("List users" → "list-users").
    static func slug(_ name: String) -> String {
        var slug = ""
        for character in name.lowercased() {
            if character.isLetter || character.isNumber { slug.append(character) } else if slug.last != "-", !slug.isEmpty { slug.append("-") }
        }
        while slug.last == "-" { slug.removeLast() }
        return slug.isEmpty ? "request" : String(slug.prefix(60))
    }

    /// A path for a new request file in `folder` that does not exist yet.
    static func freeFileURL(in folder: URL, name: String) -> URL {
        let base = slug(name)
        var candidate = folder.appendingPathComponent(base + ".yaml")
        var counter = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = folder.appendingPathComponent("\(base)-\(counter).yaml")
            counter += 1
        }
        return candidate
    }

    /// The request id (path below the collection, without extension) of a request file.
    static func requestID(of file: URL, in collection: RequestCollection) -> String {
        CollectionLoader.withoutExtension(CollectionLoader.relativePath(file, root: collection.rootURL))
    }

    static func create(in collection: RequestCollection, folderPath: String, name: String) throws -> String {
        let folder = folderPath.isEmpty ? collection.rootURL : collection.rootURL.appendingPathComponent(folderPath)
        // Start from the collection's base URL variable when it has one (base_url, baseUrl, …).
        let variables = collection.variables + collection.environments.flatMap(\.variables)
        let base = variables.first { $0.name.lowercased().replacingOccurrences(of: "_", with: "") == "baseurl" }
        let definition = RequestDefinition(name: name, method: .GET, url: base.map { "{{\($0.name)}}/" } ?? "http://127.0.0.1:8787/")
        let file = freeFileURL(in: folder, name: name)
        try AtomicFile.write(Data(try RequestFileWriter.yaml(for: definition, original: nil).utf8), to: file)
        return requestID(of: file, in: collection)
    }

    static func duplicate(_ request: SavedRequest, in collection: RequestCollection, name: String) throws -> String {
        var definition = request.definition
        definition.name = name
        let file = freeFileURL(in: request.fileURL.deletingLastPathComponent(), name: name)
        try AtomicFile.write(Data(try RequestFileWriter.yaml(for: definition, original: request.sourceText).utf8), to: file)
        return requestID(of: file, in: collection)
    }

    /// Renames the request (its `name:`) and its file to match; the new file is written before
    /// the old one is removed, so a failure never loses the request.
    static func rename(_ request: SavedRequest, in collection: RequestCollection, to name: String) throws -> String {
        var definition = request.definition
        definition.name = name
        let text = try RequestFileWriter.yaml(for: definition, original: request.sourceText)
        let folder = request.fileURL.deletingLastPathComponent()
        let wanted = folder.appendingPathComponent(slug(name) + ".yaml")
        let target = wanted.standardizedFileURL == request.fileURL.standardizedFileURL ? wanted : freeFileURL(in: folder, name: name)
        try AtomicFile.write(Data(text.utf8), to: target)
        if target.standardizedFileURL != request.fileURL.standardizedFileURL {
            try FileManager.default.removeItem(at: request.fileURL)
        }
        return requestID(of: target, in: collection)
    }

    static func delete(_ request: SavedRequest) throws {
        try FileManager.default.removeItem(at: request.fileURL)
    }
}

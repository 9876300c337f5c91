import Foundation
import SondeCore
import SondeOpenAPI
import Testing

/// A temporary folder removed when the value goes.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func text(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }
}

enum OpenAPITestSupport {
    static func convert(_ text: String, _ name: String) throws -> ImportedCollection {
        try OpenAPIImporter.convert(Data(text.utf8), sourceName: name)
    }

    /// Plans and writes `imported` into a new folder, loads it back and expects no problem.
    static func writeAndLoad(_ imported: ImportedCollection) throws -> (ScratchFolder, ImportPlan, RequestCollection) {
        let folder = try ScratchFolder()
        let plan = try ImportPlan.make(imported, into: ImportPlan.Target(), secretsToDotEnv: false)
        try ImportWriter.write(plan, into: folder.url)
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        return (folder, plan, loaded.collection)
    }

    /// The imported request with this name, anywhere in the tree.
    static func request(_ name: String, in folder: ImportedFolder) -> ImportedRequest? {
        folder.requests.first { $0.definition.name == name } ?? folder.folders.lazy.compactMap { request(name, in: $0) }.first
    }
}

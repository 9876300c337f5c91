import Foundation
import Testing
@testable import SondeCore

/// An imported collection written the way `sonde import` writes it (`ImportPlan`,
/// `ImportWriter`) into a temporary folder, and loaded back with `CollectionLoader`.
struct ImportedCollectionLoad {
    let folder: TemporaryFolder
    let plan: ImportPlan
    let collection: RequestCollection

    init(_ imported: ImportedCollection, secretsToDotEnv: Bool = false) throws {
        folder = try TemporaryFolder()
        plan = try ImportPlan.make(imported, into: ImportPlan.Target(), secretsToDotEnv: secretsToDotEnv)
        try ImportWriter.write(plan, into: folder.url)
        let loaded = CollectionLoader.load(from: folder.url)
        let errors = loaded.problems.filter { !$0.isWarning }
        #expect(errors.isEmpty, "\(errors)")
        collection = loaded.collection
        for file in plan.files where file.path != ".env" {
            for (name, value) in imported.secretValues where ImportedCollection.isSearchedFor(value) {
                #expect(!file.contents.contains(value), "secret \(name) written to \(file.path)")
            }
        }
    }

    /// The loaded request at `id` (`users/admin/get-user`).
    func request(_ id: String) throws -> RequestDefinition {
        try #require(collection.request(id: id), "no request \(id) among \(collection.root.allRequests.map(\.id))").definition
    }

    /// The loaded folder at `path` (`users/admin`).
    func folderDefaults(_ path: String) throws -> RequestDefaults {
        var current = collection.root
        for part in path.split(separator: "/") {
            current = try #require(current.folders.first { $0.url.lastPathComponent == part }, "no folder \(path)")
        }
        return current.defaults
    }

    /// A request file's text.
    func text(_ path: String) throws -> String {
        try folder.read(path)
    }
}

extension ImportedCollection {
    /// `{{env:NAME}}` for the secret whose value is `value`.
    func reference(to value: String) -> String {
        "{{env:\(secretValues.first { $0.value == value }?.key ?? "no secret with value \(value)")}}"
    }
}

import Foundation
import Testing
@testable import SondeCore
import Yams

/// Converted `.http` files written as sonde YAML and loaded back: the same requests, no
/// error-level problems, and no secret value in any file.
@Suite struct HTTPFileRoundTripTests {
    /// Writes `imported` as a collection folder the way `sonde import` lays it out: one file per
    /// request, `collection.yaml` with the variables, `environments/NAME.yaml`.
    static func write(_ imported: ImportedCollection, to folder: TemporaryFolder) throws {
        var collection: [(Node, Node)] = [(Node("name"), Node(imported.name))]
        if !imported.variables.isEmpty { collection.append((Node("variables"), RequestFileWriter.encode(imported.variables))) }
        try folder.write(CollectionLoader.collectionFileName, try YAMLSplice.serialize(Node(collection)))
        for (index, request) in imported.root.requests.enumerated() {
            try folder.write("r\(index).yaml", try RequestFileWriter.yaml(for: request.definition, original: nil))
        }
        for environment in imported.environments {
            let node = Node([(Node("name"), Node(environment.name)), (Node("variables"), RequestFileWriter.encode(environment.variables))])
            try folder.write("\(CollectionLoader.environmentsFolderName)/\(environment.name).yaml", try YAMLSplice.serialize(node))
        }
    }

    /// Every YAML file's text under `folder`.
    static func texts(in folder: TemporaryFolder) throws -> [String] {
        let files = FileManager.default.enumerator(at: folder.url, includingPropertiesForKeys: nil)?.compactMap { $0 as? URL } ?? []
        return try files.filter { $0.pathExtension == "yaml" }.map { try String(contentsOf: $0, encoding: .utf8) }
    }

    /// Every scalar under `node` that is not a mapping's key (a secret `password` is no key `password:`).
    static func scalarValues(_ node: Node?) -> [String] {
        switch node {
        case .scalar(let scalar)?: [scalar.string]
        case .mapping(let mapping)?: mapping.values.flatMap { scalarValues($0) }
        case .sequence(let sequence)?: sequence.flatMap { scalarValues($0) }
        case .alias?, nil: []
        }
    }

    /// Writes, loads, and checks `imported`; returns the loaded requests in file order.
    @discardableResult
    static func roundTrip(_ imported: ImportedCollection) throws -> [RequestDefinition] {
        let folder = try TemporaryFolder()
        try write(imported, to: folder)
        let loaded = CollectionLoader.load(from: folder.url)
        let errors = loaded.problems.filter { !$0.isWarning }
        #expect(errors.isEmpty, "\(errors)")
        let values = try texts(in: folder).flatMap { try scalarValues(Yams.compose(yaml: $0)) }
        for (name, value) in imported.secretValues where ImportedCollection.isSearchedFor(value) {
            #expect(!values.contains { $0.contains(value) }, "secret \(name) written to YAML")
        }
        #expect(loaded.collection.variables == imported.variables)
        #expect(loaded.collection.environments.map(\.variables) == imported.environments.map(\.variables))
        return imported.root.requests.indices.compactMap { loaded.collection.request(id: "r\($0)")?.definition }
    }

    @Test func jetBrainsAndVSCodeFilesLoadBackAsConverted() throws {
        for (text, name) in [(HTTPFileFixtures.jetBrains, "api.http"), (HTTPFileFixtures.vsCode, "notes.rest")] {
            var imported = try HTTPFileImporter.convert(text, sourceName: name)
            imported.add(try HTTPFileImporter.convertEnvironments(
                public: Data(HTTPFileFixtures.publicEnvironments.utf8), private: Data(HTTPFileFixtures.privateEnvironments.utf8)))
            let loaded = try Self.roundTrip(imported)
            #expect(loaded == imported.root.requests.map(\.definition))
            #expect(!imported.secretValues.isEmpty)
        }
    }
}

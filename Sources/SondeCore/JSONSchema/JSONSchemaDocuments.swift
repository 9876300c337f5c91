import Foundation

/// Schema documents other schemas may `$ref` by URI, parsed once: the resolver hook. sonde never
/// fetches a schema over the network; a `$ref` to a document that is not here is an error that
/// names it. The 2020-12 metaschemas are always present (embedded, see `JSONSchemaMetaschema`).
///
///     let documents = try JSONSchemaDocuments(["https://example.com/user.json": userSchemaBytes])
///     let schema = try JSONSchema(data: bytes, documents: documents)
public struct JSONSchemaDocuments: Sendable {
    /// The documents scanned for resources and anchors, ready for schemas to be compiled against.
    let registry: JSONSchemaCompiler

    /// Only the metaschemas: what a schema without other documents is compiled against.
    public static let metaschemasOnly = JSONSchemaDocuments(parsed: [:])

    /// Parses every document; the error names the URI of the one that is not JSON.
    public init(_ documents: [String: Data] = [:]) throws {
        var values: [String: JSONSchemaValue] = [:]
        for (uri, data) in documents {
            do {
                values[JSONSchemaURI(uri).withoutFragment.text] = try JSONSchemaValue.parse(data, rejectDuplicates: false)
            } catch let error as JSONSchemaError {
                throw JSONSchemaError.invalidSchema("\(uri): \(error.description)")
            }
        }
        self.init(parsed: values)
    }

    private init(parsed values: [String: JSONSchemaValue]) {
        var registry = JSONSchemaCompiler()
        registry.register(Self.all(values))
        self.registry = registry
    }

    /// The embedded metaschemas, then the given documents (which may replace them).
    private static func all(_ values: [String: JSONSchemaValue]) -> [(uri: String, value: JSONSchemaValue)] {
        var merged = JSONSchemaMetaschema.documents
        merged.merge(values) { _, given in given }
        return merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

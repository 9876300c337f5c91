import Foundation

/// Schema documents other schemas may `$ref` by URI, parsed once: the resolver hook. sonde never
/// fetches a schema over the network; a `$ref` to a document that is not here is an error that
/// names it. The 2020-12 metaschemas are always present (embedded, see `JSONSchemaMetaschema`).
///
///     let documents = try JSONSchemaDocuments(["https://example.com/user.json": userSchemaBytes])
///     let schema = try JSONSchema(data: bytes, documents: documents)
public struct JSONSchemaDocuments: Sendable {
    /// Documents by the URI they are retrieved from (no fragment).
    var values: [String: JSONSchemaValue]

    /// Parses every document; the error names the URI of the one that is not JSON.
    public init(_ documents: [String: Data] = [:]) throws {
        values = [:]
        for (uri, data) in documents {
            do {
                values[JSONSchemaURI(uri).withoutFragment.text] = try JSONSchemaValue.parse(data, rejectDuplicates: false)
            } catch let error as JSONSchemaError {
                throw JSONSchemaError.invalidSchema("\(uri): \(error.description)")
            }
        }
    }

    /// The embedded metaschemas, then the given documents (which may replace them).
    var all: [(uri: String, value: JSONSchemaValue)] {
        var merged = JSONSchemaMetaschema.documents
        merged.merge(values) { _, given in given }
        return merged.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}

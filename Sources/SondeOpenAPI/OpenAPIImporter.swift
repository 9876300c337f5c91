import Foundation
import SondeCore

/// Reads OpenAPI 3.0, 3.1 and 3.2 documents (JSON or YAML) into sonde's import model: a folder
/// per tag, a request per operation, an environment per server, security schemes as auth with
/// `{{env:}}` secrets, and each operation's 2xx JSON response schema as a file beside its request
/// that `expect:` validates against. Pure: bytes in, an `ImportedCollection` out.
public enum OpenAPIImporter {
    /// The converters this module adds to `Importer.convert`, by format.
    public static let converters: [ImportFormat: Importer.Converter] = [
        .openapi: { data, sourceName in try convert(data, sourceName: sourceName) },
    ]

    /// `data` as an imported collection. A document OpenAPIKit cannot read is refused with its
    /// reason and line; what reads but has no place in sonde is kept and warned about.
    public static func convert(_ data: Data, sourceName: String) throws(OpenAPIImportError) -> ImportedCollection {
        let source = try OpenAPISource.read(data, sourceName: sourceName)
        var warnings: [ImportWarning] = []
        let checked = source.isVersion30
            ? OpenAPIValidation30.check(data, syntax: source.syntax)
            : OpenAPIValidation.check(data, syntax: source.syntax, version: source.version)
        switch checked {
        case .success(let found):
            warnings += found.map { ImportWarning(place: sourceName, message: "OpenAPIKit: \($0)") }
        case .failure(let failure):
            throw .invalid(file: sourceName, line: source.line(of: failure.codingPath), reason: failure.reason)
        }
        if !["3.0", "3.1", "3.2"].contains(where: { source.version.hasPrefix($0 + ".") || source.version == $0 }) {
            warnings.append(ImportWarning(place: sourceName, message: "openapi: \(source.version) is newer than sonde knows: read as 3.2"))
        }
        var converter = OpenAPIConverter(source: source, sourceName: sourceName)
        converter.warnings = warnings
        return converter.collection()
    }
}

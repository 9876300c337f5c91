import Foundation

/// The one switch from a format to its converter, so `sonde import` and the TUI's Import…
/// read every format the same way. A format without a converter yet is `Unsupported`.
public enum Importer {
    /// A format sonde recognises but cannot convert yet.
    public struct Unsupported: Error, Sendable, Equatable, CustomStringConvertible {
        public var format: ImportFormat
        public var description: String {
            "import of \(format.displayName) is not supported yet; sonde imports: "
                + Importer.supported.map(\.displayName).joined(separator: ", ")
        }
    }

    /// The source is not UTF-8 text.
    public struct NotText: Error, Sendable, Equatable, CustomStringConvertible {
        public var sourceName: String
        public var description: String { "\(sourceName): not UTF-8 text" }
    }

    /// The formats with a converter.
    public static let supported: [ImportFormat] = [.curl]

    /// `data` converted as `format`; `sourceName` names it in warnings and errors.
    public static func convert(_ data: Data, format: ImportFormat, sourceName: String) throws -> ImportedCollection {
        switch format {
        case .curl:
            guard let text = String(data: data, encoding: .utf8) else { throw NotText(sourceName: sourceName) }
            return try CurlImporter.convert(text, sourceName: sourceName)
        case .postman, .postmanEnvironment, .http, .openapi, .insomnia, .bruno:
            throw Unsupported(format: format)
        }
    }
}

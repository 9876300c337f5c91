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

    /// A converter that lives outside SondeCore (OpenAPI's, in SondeOpenAPI, whose OpenAPIKit
    /// the core does not build): bytes and the source's name in.
    public typealias Converter = @Sendable (_ data: Data, _ sourceName: String) throws -> ImportedCollection

    /// The formats with a converter (OpenAPI's passed in by the command line: `converters`).
    public static let supported: [ImportFormat] = [.curl, .postman, .postmanEnvironment, .http, .openapi, .insomnia, .bruno]

    /// `data` converted as `format`; `sourceName` names it in warnings and errors.
    /// `companions` are the files beside the source that its format reads too, by name (a
    /// `.http` file's `http-client.env.json` and `http-client.private.env.json`); the caller
    /// reads them, so this stays free of the file system. `converters` add the formats whose
    /// converters live in other modules (`OpenAPIImporter.converters`).
    public static func convert(
        _ data: Data, format: ImportFormat, sourceName: String, companions: [String: Data] = [:],
        converters: [ImportFormat: Converter] = [:]
    ) throws -> ImportedCollection {
        if let converter = converters[format] { return try converter(data, sourceName) }
        switch format {
        case .curl:
            return try CurlImporter.convert(text(data, sourceName), sourceName: sourceName)
        case .http:
            var collection = try HTTPFileImporter.convert(text(data, sourceName), sourceName: sourceName)
            if let environments = companions[HTTPFileImporter.publicEnvironmentFile] {
                collection.add(try HTTPFileImporter.convertEnvironments(
                    public: environments, private: companions[HTTPFileImporter.privateEnvironmentFile]))
            }
            return collection
        case .postman:
            return try PostmanImporter.convertCollection(data, sourceName: sourceName)
        case .postmanEnvironment:
            // An environment alone: environments/NAME.yaml in the collection folder named
            // with --into (or a new one), and its secrets as usual.
            let environments = try PostmanImporter.convertEnvironment(data, sourceName: sourceName)
            var collection = ImportedCollection(name: environments.environments.first?.name ?? "environments")
            collection.add(environments)
            return collection
        case .insomnia:
            return try InsomniaImporter.convert(data, sourceName: sourceName)
        case .bruno:
            return try BrunoImporter.convertFile(data, sourceName: sourceName)
        case .openapi:
            throw Unsupported(format: format)
        }
    }

    /// A folder's files (by `/`-separated path below it) converted as `format`: a Bruno
    /// collection folder, read by `BrunoFolderReader`. Other formats are single files.
    public static func convertFolder(_ files: [String: Data], format: ImportFormat, sourceName: String) throws -> ImportedCollection {
        switch format {
        case .bruno: return try BrunoImporter.convert(files: files, sourceName: sourceName)
        default: throw NotAFolderFormat(format: format, sourceName: sourceName)
        }
    }

    /// A folder given for a format that is read from one file.
    public struct NotAFolderFormat: Error, Sendable, Equatable, CustomStringConvertible {
        public var format: ImportFormat
        public var sourceName: String
        public var description: String {
            "\(sourceName) is a folder: sonde imports \(format.displayName) from a file (a folder only as a Bruno collection, with bruno.json)"
        }
    }

    /// The names of the files beside a source of `format` that `convert` reads too.
    public static func companionNames(of format: ImportFormat) -> [String] {
        switch format {
        case .http: [HTTPFileImporter.publicEnvironmentFile, HTTPFileImporter.privateEnvironmentFile]
        default: []
        }
    }

    private static func text(_ data: Data, _ sourceName: String) throws -> String {
        guard let text = String(data: data, encoding: .utf8) else { throw NotText(sourceName: sourceName) }
        return text
    }
}

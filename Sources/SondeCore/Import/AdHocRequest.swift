import Foundation

/// Why an ad-hoc request (`sonde send --url`) could not be made or kept.
public struct AdHocRequestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A request given on the command line (`sonde send --url URL -X M -H 'K: V' -d BODY`) rather
/// than in a file. Its flags are curl's, so it is read by the curl importer: the same request
/// `curl` would send, secrets (an Authorization value, a password) moved to `{{env:NAME}}`
/// with their values beside it, so they are masked in every printout and never saved.
public struct AdHocRequest: Sendable, Equatable {
    public var definition: RequestDefinition
    /// The values of the `{{env:}}` references the definition holds, by name.
    public var secretValues: [String: String]
    public var warnings: [String]

    public init(
        url: String, method: String? = nil, headers: [String] = [], data: [String] = [], json: String? = nil
    ) throws(AdHocRequestError) {
        guard !url.isEmpty else { throw AdHocRequestError(message: "--url needs a URL") }
        if let method, HTTPMethod(rawValue: method.uppercased()) == nil {
            throw AdHocRequestError(message: "-X \(method): sonde sends \(HTTPMethod.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        for header in headers where !header.contains(":") && !header.hasSuffix(";") {
            throw AdHocRequestError(message: "-H \(header): write a header as 'Name: value' (or 'Name;' for an empty value)")
        }
        var words = ["--url", url]
        if let method { words += ["-X", method.uppercased()] }
        for header in headers { words += ["-H", header] }
        // As curl reads -d: `@file` is the file's content.
        for item in data { words += ["--data", item] }
        if let json { words += ["--json", json] }
        let invocation = CurlInvocation(words: words)
        var warnings = invocation.warnings
        var secrets = ImportSecrets()
        guard var request = CurlImporter.request(from: invocation, secrets: &secrets, warnings: &warnings) else {
            throw AdHocRequestError(message: "--url needs a URL")
        }
        // A file named relative to where the command runs, wherever the request is saved.
        if case .file(let path, let contentType) = request.definition.body, !path.hasPrefix("/") {
            let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
            request.definition.body = .file(path: absolute, contentType: contentType)
        }
        request.definition.name = Self.name(request.definition)
        definition = request.definition
        secretValues = secrets.values
        self.warnings = warnings
    }

    /// `GET /users`: the method and the URL's path, as a saved request is listed.
    static func name(_ definition: RequestDefinition) -> String {
        var path = definition.url
        if let scheme = path.range(of: "://") {
            let rest = path[scheme.upperBound...]
            path = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? "/"
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        return "\(definition.method.rawValue) \(path.isEmpty ? "/" : path)"
    }

    /// Writes `definition` as a new request file at `path` (`.yaml` added when missing),
    /// creating its folders; a taken name gets `-2`, `-3`, …: nothing is ever overwritten.
    /// Returns the file written.
    public static func save(_ definition: RequestDefinition, to path: String) throws(AdHocRequestError) -> URL {
        var base = path
        if !CollectionLoader.hasYAMLExtension(base) { base += ".yaml" }
        let url = URL(fileURLWithPath: base)
        let folder = url.deletingLastPathComponent()
        let ext = url.pathExtension
        let stem = url.deletingPathExtension().lastPathComponent
        guard !stem.isEmpty else { throw AdHocRequestError(message: "--save \(path): name the file to write") }
        let text: String
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            text = try RequestFileWriter.yaml(for: definition, original: nil)
        } catch {
            throw AdHocRequestError(message: "cannot save \(path): \(FileErrorText.describe(error))")
        }
        let bytes = Array(text.utf8)
        for counter in 1...10_000 {
            let candidate = folder.appendingPathComponent(counter == 1 ? "\(stem).\(ext)" : "\(stem)-\(counter).\(ext)")
            // A file that appears between a check and the write is never overwritten.
            do {
                try NewFile.create(candidate.path, bytes)
            } catch {
                switch error {
                case .exists:
                    continue
                case .failed(let reason):
                    throw AdHocRequestError(message: "cannot save \(candidate.path): \(reason)")
                }
            }
            return candidate
        }
        throw AdHocRequestError(message: "cannot save \(path): every name up to -10000 is taken")
    }
}

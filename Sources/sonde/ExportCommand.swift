import ArgumentParser
import Foundation
import SondeCore

/// `sonde export`: a request, a folder or a whole collection as curl commands, a `.http` file
/// or a Postman collection, for people and tools without sonde. No secret value is written.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a request, a folder or a collection as curl, .http or Postman.",
        discussion: """
            curl: one command per request, every variable resolved (--env), quoted for POSIX shells; a secret from {{env:NAME}} is written as "${NAME}", never its value. http: a JetBrains / VS Code REST Client file, ### between requests, variables as {{name}} (the collection's and the environment's as @name = value), secrets as {{$processEnv NAME}}. postman: a Postman v2.1 collection with folders, auth at each level, variables, switched-off rows, every body kind, and expect:/captures: as pm.test scripts where they have a simple one. What a format cannot say is listed on stderr. `sonde import` reads http and postman exports back to the same requests.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case curl, http, postman
    }

    @Argument(help: "What to export: <collection>/<request>, <collection>/<folder>, <collection>, or a request file.")
    var target: String

    @Option(name: .long, help: "curl, http or postman.")
    var format: Format

    @OptionGroup var location: CollectionOptions

    @Option(name: .shortAndLong, help: "Write to this file (never over an existing one) instead of stdout.")
    var output: String?

    func run() async throws {
        let (collectionRoot, path) = try locate()
        let loaded = CollectionLoader.load(from: collectionRoot)
        let collection = loaded.collection
        var environment: Environment?
        if let name = location.env {
            switch SendCommand.environment(named: name, in: loaded) {
            case .success(let found): environment = found
            case .failure(let missing): throw Self.failure(missing.message)
            }
        }
        let selected: (folder: RequestFolder, only: SavedRequest?)
        if let request = collection.request(id: path) {
            let parent = collection.folderChain(to: request).last ?? collection.root
            selected = (parent, request)
        } else if let folder = Self.folder(path, in: collection.root) {
            selected = (folder, nil)
        } else {
            let own = loaded.problems.filter { $0.file.hasPrefix(CollectionLoader.withoutExtension(path) + ".") && !$0.isWarning }
            throw Self.failure(own.isEmpty ? SendCommand.noRequestMessage(path, in: collection) : own.map(\.description).joined(separator: "\n"))
        }
        let requests = selected.only.map { [$0] } ?? selected.folder.requestsInRunOrder
        let errors = requests.flatMap { collection.problems(affecting: $0, environment: environment, among: loaded.problems) }.filter { !$0.isWarning }
        if !errors.isEmpty { throw Self.failure(errors.map(\.description).joined(separator: "\n")) }

        let text: String
        var warnings: [String] = []
        switch format {
        case .curl:
            text = try curl(requests, collection: collection, environment: environment, root: collectionRoot)
        case .http:
            let exported = requests.map { ExportedRequest($0, in: collection, environment: environment) }
            (text, warnings) = HTTPFileExporter.render(exported, collection: collection, environment: environment)
        case .postman:
            (text, warnings) = PostmanExporter.render(collection, folder: selected.folder, only: selected.only, environment: environment)
        }
        for warning in warnings { SendCommand.warn(warning) }
        if let output {
            do {
                try NewFile.create(output, Array(text.utf8))
            } catch {
                switch error {
                case .exists:
                    throw Self.failure("cannot write \(output): it exists (sonde export never overwrites)", code: .outputUnwritable)
                case .failed(let reason):
                    throw Self.failure("cannot write \(output): \(reason)", code: .outputUnwritable)
                }
            }
            let count = requests.count == 1 ? "1 request" : "\(requests.count) requests"
            StandardError.write("exported \(count) to \(TerminalSafeText.singleLine(output))\n")
        } else {
            StandardOutput.write(Array(text.utf8))
        }
    }

    /// The collection folder and the path inside it ("" for all of it).
    private func locate() throws -> (URL, String) {
        if let root = try? CollectionLocator.locateCollection(target, in: location.collectionsURL) { return (root, "") }
        do {
            let located = try CollectionLocator.locate(target, in: location.collectionsURL)
            return (located.collectionRoot, CollectionLoader.withoutExtension(located.requestID).trimmingCharacters(in: CharacterSet(charactersIn: "/")))
        } catch {
            throw Self.failure(error.description)
        }
    }

    static func folder(_ path: String, in root: RequestFolder) -> RequestFolder? {
        if path.isEmpty { return root }
        var current = root
        for part in path.split(separator: "/") {
            guard let next = current.folders.first(where: { $0.url.lastPathComponent == part }) else { return nil }
            current = next
        }
        return current
    }

    /// Each request prepared as `sonde send --curl` prepares it, one command after another.
    private func curl(_ requests: [SavedRequest], collection: RequestCollection, environment: Environment?, root: URL) throws -> String {
        // Secrets are never read: each {{env:NAME}} resolves to a stand-in that CurlCommand
        // writes back as "${NAME}", so the export needs no secret set and cannot leak one.
        var secretSource = SendCommand.secretSource(for: root)
        secretSource.dotEnv = [:]
        secretSource.processEnvironment = [:]
        for name in Self.secretNames(under: root) {
            secretSource.processEnvironment[name] = "sonde-export-stand-in-\(name)-\(UUID().uuidString)"
        }
        // A value a request captures when its flow runs is not there to export: each is a
        // stand-in too, written back as "${name}" (a secret, so never as a value).
        let captured = Set(collection.root.allRequests.flatMap { request in request.definition.captures.map { $0.name } }).sorted()
        let context = SendContext(
            collection: collection, environment: environment, secretSource: secretSource, cookieJars: nil,
            captured: captured.map { CapturedValue(name: $0, value: "sonde-export-capture-\($0)-\(UUID().uuidString)", isSecret: true) })
        var used: Set<String> = []
        var commands: [String] = []
        for saved in requests {
            do {
                let prepared = try RequestPreparer.prepare(saved, in: context)
                // As filled in, inherited auth and variables of variables included.
                used.formUnion(prepared.usedVariables.intersection(captured))
                let name = TerminalSafeText.singleLine(saved.definition.name)
                commands.append("# \(name) (\(saved.id))\n" + CurlCommand.render(prepared.request, pendingOAuth2: prepared.pendingOAuth2))
            } catch {
                let hint = environment == nil && !collection.environments.isEmpty ? " (try --env \(collection.environments[0].name))" : ""
                throw Self.failure("\(saved.id): \(error)\(hint)")
            }
        }
        if !used.isEmpty {
            SendCommand.warn("values captured when a flow runs are written as \"${name}\": set \(used.sorted().joined(separator: ", ")) before running the commands")
        }
        return commands.joined(separator: "\n\n") + "\n"
    }

    /// Every `{{env:NAME}}` named in the collection's YAML files.
    static func secretNames(under root: URL) -> [String] {
        var texts: [String] = []
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles])
        while let file = files?.nextObject() as? URL {
            guard ["yaml", "yml"].contains(file.pathExtension), let data = FileManager.default.contents(atPath: file.path) else { continue }
            texts.append(String(decoding: data, as: UTF8.self))
        }
        return PlaceholderStyle.secretNames(in: texts)
    }

    /// Says `message` on stderr; the exit code is `send`'s for the same trouble (3 for what
    /// could not be found or loaded, 6 for an `-o` file that could not be written).
    static func failure(_ message: String, code: SendExitCode = .collectionProblem) -> ExitCode {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        StandardError.write(style.paint("error:", "1;31") + " \(TerminalSafeText.make(message))\n")
        return ExitCode(code.rawValue)
    }
}

import ArgumentParser
import Foundation
import SondeCore
import SondeOpenAPI

extension ImportFormat: ExpressibleByArgument {}

/// `sonde import FILE`: turns curl commands, Postman, .http, OpenAPI, Insomnia and Bruno files
/// into a collection folder of YAML files.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import requests (curl, Postman, .http, Insomnia, Bruno) into a collection folder.",
        discussion: """
            The format is read from the content (--format to say it). Files are never overwritten: a taken name gets -2, -3. Secrets (passwords, Authorization and API-key headers, tokens, cookies) are written as {{env:NAME}}; their names go to .env.example and, with --secrets-to-dotenv, their values to the collection's .env (0600, git-ignored).

            Exit codes:
            \(ImportExitCode.table)
            """)

    @Argument(help: "The file to import, a Bruno collection folder, or - for standard input.")
    var file: String

    @Option(name: .long, help: "The collection folder to create or add to (default: ./collections/<source name>).")
    var into: String?

    @Option(name: .long, help: "The source's format, instead of detecting it.")
    var format: ImportFormat?

    @Flag(name: .long, help: "Show the files that would be written, the secrets to set and every warning; write nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Write the secret values to the collection's .env (0600) and git-ignore it.")
    var secretsToDotenv = false

    func run() throws {
        let (format, converted) = try convert()
        let fileCheck = ImportFileCopies.check(converted, base: fileBase(format))
        var imported = ImportFileCopies.applying(fileCheck, to: converted)
        let sourceName = file == "-" ? "stdin" : source
        if file == "-", imported.name == sourceName { imported.name = "imported" }

        let folder = into.map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: "collections").appendingPathComponent(ImportPlan.slug(imported.name, fallback: "imported"))
        let target: ImportPlan.Target
        let plan: ImportPlan
        do {
            target = try ImportWriter.target(at: folder)
            plan = try ImportPlan.make(imported, into: target, secretsToDotEnv: secretsToDotenv, copies: fileCheck.copies)
        } catch {
            throw Self.failure(.unwritable, "\(error)")
        }
        let shownFolder = TerminalSafeText.singleLine(folder.relativePath)
        let requests = plan.requestIDs.count == 1 ? "1 request" : "\(plan.requestIDs.count) requests"
        let into = target.paths.isEmpty ? shownFolder : "\(shownFolder) (adding to what is there)"

        if dryRun {
            print("would import \(requests) from \(TerminalSafeText.singleLine(sourceName)) (\(format.displayName)) into \(into):")
            print(Self.tree(plan, root: shownFolder))
            printSecrets(plan, imported: imported, folder: shownFolder)
            printWarnings(plan)
            print("nothing written (--dry-run)")
            return
        }

        do {
            try ImportWriter.write(plan, into: folder)
        } catch {
            throw Self.failure(.unwritable, "\(error)")
        }
        print("imported \(requests) from \(TerminalSafeText.singleLine(sourceName)) (\(format.displayName)) into \(into):")
        for file in plan.files {
            let copied = file.copiedFrom.map { " (copied from \(TerminalSafeText.singleLine($0)))" } ?? ""
            print("  \(shownFolder)/\(TerminalSafeText.singleLine(file.path))\(copied)")
        }
        printSecrets(plan, imported: imported, folder: shownFolder)
        printWarnings(plan)

        let loaded = CollectionLoader.load(from: folder)
        let errors = loaded.problems.filter { !$0.isWarning }
        guard errors.isEmpty else {
            throw Self.failure(.collectionProblem, "the imported collection does not load:\n" + errors.map { "  \($0)" }.joined(separator: "\n"))
        }
        if let first = plan.requestIDs.first {
            print("try: \(sendHint(for: first, collection: folder))")
        }
    }

    /// Where the files bodies name are looked for, and the folder they must lie in to be
    /// copied: the source's folder (a Bruno collection's own), or the current folder for curl
    /// commands and stdin, as curl reads them from there.
    private func fileBase(_ format: ImportFormat) -> URL {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        guard file != "-", format != .curl else { return current }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue {
            return URL(fileURLWithPath: source)
        }
        return URL(fileURLWithPath: source).deletingLastPathComponent()
    }

    /// What is imported: `file`, or the folder of a Bruno collection's `bruno.json`.
    private var source: String {
        guard (file as NSString).lastPathComponent == BrunoImporter.configFile else { return file }
        let folder = (file as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }

    /// The source converted, and its format: a folder (a Bruno collection) or a file.
    private func convert() throws -> (ImportFormat, ImportedCollection) {
        var isDirectory: ObjCBool = false
        let source = self.source
        if file != "-", FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory), isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []
            guard let format = self.format ?? ImportFormat.detect(folderEntries: names) else {
                throw Self.failure(.notImportable, "\(source) is a folder with no bruno.json or .bru files: name a file to import, or a Bruno collection folder")
            }
            do {
                let files = try BrunoFolderReader.files(in: URL(fileURLWithPath: source))
                return (format, try Importer.convertFolder(files, format: format, sourceName: source))
            } catch {
                throw Self.failure(.notImportable, "\(error)")
            }
        }
        let (data, sourceName) = try readSource()
        let format = try self.format ?? detectedFormat(data, sourceName: sourceName)
        do {
            return (format, try Importer.convert(data, format: format, sourceName: sourceName, companions: companions(of: format),
                                                 converters: OpenAPIImporter.converters))
        } catch {
            throw Self.failure(.notImportable, "\(error)")
        }
    }

    /// The bytes to import and the name that stands for them in messages.
    private func readSource() throws -> (Data, String) {
        if file == "-" { return (FileHandle.standardInput.readDataToEndOfFile(), "stdin") }
        do {
            return (try Data(contentsOf: URL(fileURLWithPath: file)), file)
        } catch {
            throw Self.failure(.notImportable, "cannot read \(file): \(FileErrorText.describe(error))")
        }
    }

    private func detectedFormat(_ data: Data, sourceName: String) throws -> ImportFormat {
        guard let format = ImportFormat.detect(data, fileName: file == "-" ? "" : file) else {
            throw Self.failure(.notImportable, """
                \(sourceName): not a format sonde knows (curl commands, Postman, .http, OpenAPI, Insomnia, Bruno); \
                say which with --format
                """)
        }
        return format
    }

    private func printSecrets(_ plan: ImportPlan, imported: ImportedCollection, folder: String) {
        guard !plan.secretNames.isEmpty else { return }
        let place = secretsToDotenv ? "written to \(folder)/.env" : "set them in the environment or in \(folder)/.env"
        print("secrets (\(place); names in .env.example):")
        for name in plan.secretNames {
            let missing = secretsToDotenv && imported.secretValues[name] == nil ? " (no value in the source: set it)" : ""
            print("  \(TerminalSafeText.singleLine(name))\(missing)")
        }
    }

    private func printWarnings(_ plan: ImportPlan) {
        guard !plan.warnings.isEmpty else { return }
        let style = TerminalStyle.forStream(STDOUT_FILENO)
        print(style.paint("warnings:", "33"))
        for warning in plan.warnings { print("  \(TerminalSafeText.singleLine(warning.description))") }
    }

    /// `sonde send <collection>/<id>`, with `--collections` when the collection is not under
    /// `./collections`.
    private func sendHint(for id: String, collection folder: URL) -> String {
        let standard = folder.standardizedFileURL
        let parent = standard.deletingLastPathComponent()
        let name = standard.lastPathComponent
        let defaultParent = URL(fileURLWithPath: "collections").standardizedFileURL
        let request = ShellWords.quote("\(name)/\(id)")
        if parent.path == defaultParent.path { return "sonde send \(request)" }
        return "sonde send \(request) --collections \(ShellWords.quote(parent.path))"
    }

    /// The plan's files as an indented tree below `root`.
    static func tree(_ plan: ImportPlan, root: String) -> String {
        var lines = ["  \(root)/"]
        var shown = Set<String>()
        for file in plan.files {
            let parts = file.path.split(separator: "/").map(String.init)
            for depth in 0..<(parts.count - 1) {
                let folder = parts[...depth].joined(separator: "/")
                if shown.insert(folder).inserted {
                    lines.append(String(repeating: "  ", count: depth + 2) + TerminalSafeText.singleLine(parts[depth]) + "/")
                }
            }
            let note = file.updatesExisting ? " (lines added)"
                : file.copiedFrom.map { " (copied from \(TerminalSafeText.singleLine($0)))" } ?? ""
            lines.append(String(repeating: "  ", count: parts.count + 1) + TerminalSafeText.singleLine(parts.last ?? "") + note)
        }
        return lines.joined(separator: "\n")
    }

    static func failure(_ code: ImportExitCode, _ message: String) -> ExitCode {
        let style = TerminalStyle.forStream(STDERR_FILENO)
        StandardError.write(style.paint("error:", "1;31") + " \(TerminalSafeText.make(message))\n")
        return ExitCode(code.rawValue)
    }

    /// The files beside the source that its format reads too (a `.http` file's environments);
    /// none for stdin.
    private func companions(of format: ImportFormat) -> [String: Data] {
        guard file != "-" else { return [:] }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        var found: [String: Data] = [:]
        for name in Importer.companionNames(of: format) {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) { found[name] = data }
        }
        return found
    }
}

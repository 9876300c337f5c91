import Foundation
import Yams

/// Why an environment file was not created, changed or removed. Files on disk are left as they were.
public enum EnvironmentFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidName(String, reason: String)
    case nameTaken(String, file: String)
    /// The file no longer reads as what sonde loaded (another editor, a `git pull`).
    case changedOnDisk(file: String)
    case writeFailed(file: String, reason: String)
    /// The text to write holds a secret's value; secrets are only ever saved as `{{env:NAME}}`.
    case containsSecret(file: String)

    public var description: String {
        switch self {
        case .invalidName(let name, let reason): "invalid environment name \"\(name)\": \(reason)"
        case .nameTaken(let name, let file): "an environment named \"\(name)\" exists already (\(file))"
        case .changedOnDisk(let file): "cannot save \(file): it changed on disk since sonde loaded it; reload (Ctrl-L) to see that change"
        case .writeFailed(let file, let reason): "cannot write \(file): \(reason)"
        case .containsSecret(let file):
            "refusing to save \(file): it would contain a secret value; refer to it as {{env:NAME}} instead"
        }
    }
}

/// Creates, saves, duplicates, renames and deletes environment files
/// (`<collection>/environments/<name>.yaml`).
///
/// A save changes only the text of `name:` and `variables:` (`YAMLSplice`): comments, key order
/// and every other key (`auth:`, `options:`) stay byte for byte, as `RequestFileWriter` does for
/// requests. The file is read again first and must still read as the environment sonde loaded;
/// otherwise nothing is written (`changedOnDisk`). Every write is atomic (`AtomicFile`).
public enum EnvironmentFileWriter {
    /// The keys of an environment file, in the order new ones are written.
    static let order = ["name", "variables", "auth", "options"]

    /// Why `name` cannot name a new environment among `existing`, or nil when it can.
    public static func problem(withName name: String, among existing: [Environment], except current: Environment? = nil) -> EnvironmentFileError? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .invalidName(name, reason: "a name is needed") }
        if trimmed.contains("/") || trimmed.contains("\\") { return .invalidName(name, reason: "it cannot contain / or \\") }
        if trimmed.hasPrefix(".") { return .invalidName(name, reason: "it cannot start with a dot (the file would be hidden)") }
        if trimmed.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return .invalidName(name, reason: "it cannot contain control characters")
        }
        let others = existing.filter { $0.fileURL.standardizedFileURL != current?.fileURL.standardizedFileURL }
        if let taken = others.first(where: { $0.name.lowercased() == trimmed.lowercased() }) {
            return .nameTaken(trimmed, file: "environments/" + taken.fileURL.lastPathComponent)
        }
        return nil
    }

    /// Why `name` cannot name a variable, or nil: the characters `{{name}}` accepts.
    public static func problem(withVariableName name: String) -> String? {
        if name.isEmpty { return "a variable needs a name" }
        if Template("{{\(name)}}").segments != [.variable(name)] {
            return "invalid variable name \"\(name)\": use letters, digits, _, - and . (it is used as {{\(name)}})"
        }
        return nil
    }

    /// The file for an environment called `name` in the collection at `root`: the name itself
    /// when it is a plain file name (`staging`, `eu-west.2`), else its slug (`ImportPlan.slug`).
    static func fileURL(forName name: String, root: URL) -> URL {
        let plain = name.count <= 60 && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
        let base = plain ? name : ImportPlan.slug(name, fallback: "environment")
        return root.appendingPathComponent(CollectionLoader.environmentsFolderName).appendingPathComponent(base + ".yaml")
    }

    /// Creates `environments/<name>.yaml` with the name and no variables.
    @discardableResult
    public static func create(named name: String, in root: URL, existing: [Environment]) throws(EnvironmentFileError) -> URL {
        try write(new: "name: \(quoted(name.trimmingCharacters(in: .whitespaces)))\n", named: name, in: root, existing: existing)
    }

    /// Copies an environment's file (comments, auth and options included) under a new name.
    @discardableResult
    public static func duplicate(_ environment: Environment, as name: String, in root: URL, existing: [Environment]) throws(EnvironmentFileError) -> URL {
        let text = try current(environment, root: root)
        return try write(new: try renamed(text, environment: environment, to: name, root: root), named: name, in: root, existing: existing)
    }

    /// Renames an environment: its `name:` and its file.
    @discardableResult
    public static func rename(_ environment: Environment, to name: String, in root: URL, existing: [Environment]) throws(EnvironmentFileError) -> URL {
        let text = try current(environment, root: root)
        let edited = try renamed(text, environment: environment, to: name, root: root)
        let target = fileURL(forName: name.trimmingCharacters(in: .whitespaces), root: root)
        if target.standardizedFileURL == environment.fileURL.standardizedFileURL {
            try atomicWrite(edited, to: target, root: root)
            return target
        }
        let url = try write(new: edited, named: name, in: root, existing: existing, except: environment)
        do {
            try FileManager.default.removeItem(at: environment.fileURL)
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw .writeFailed(file: relative(environment.fileURL, root), reason: FileErrorText.reason(of: error))
        }
        return url
    }

    /// Removes an environment's file, when it still reads as what sonde loaded.
    public static func delete(_ environment: Environment, in root: URL) throws(EnvironmentFileError) {
        _ = try current(environment, root: root)
        do {
            try FileManager.default.removeItem(at: environment.fileURL)
        } catch {
            throw .writeFailed(file: relative(environment.fileURL, root), reason: FileErrorText.reason(of: error))
        }
    }

    /// Writes `variables` into the environment's file, changing only the `variables:` node.
    /// Nothing is written when the new text holds one of `secrets` (`SecretSet.occurs(in:)`):
    /// a token typed over its `{{env:NAME}}` would otherwise land in a file kept in git.
    public static func save(_ environment: Environment, variables: [KeyValue], in root: URL, secrets: SecretSet = SecretSet()) throws(EnvironmentFileError) {
        let text = try current(environment, root: root)
        var edited = text
        var expected = environment
        for rows in steps(from: environment.variables, to: variables) where rows != expected.variables {
            expected.variables = rows
            edited = try self.edited(edited, changes: [("variables", rows.isEmpty ? nil : RequestFileWriter.encode(rows))], expecting: expected, root: root)
        }
        guard edited != text else { return }
        if secrets.occurs(in: edited) { throw .containsSecret(file: relative(environment.fileURL, root)) }
        try atomicWrite(edited, to: environment.fileURL, root: root)
    }

    /// The rows on the way from `old` to `new`, one kind of change at a time: values changed in
    /// place, then each removed row, then each added row, then the new order. `YAMLSplice`
    /// edits a list in place when its length stays, and isolates one removed or added item by
    /// the items around it; a change of both at once would rewrite the items between, and
    /// their comments with them. Rows with repeated names go in one step.
    static func steps(from old: [KeyValue], to new: [KeyValue]) -> [[KeyValue]] {
        guard Set(old.map(\.name)).count == old.count, Set(new.map(\.name)).count == new.count else { return [new] }
        var steps: [[KeyValue]] = []
        var rows = old.map { row in new.first { $0.name == row.name } ?? row }
        steps.append(rows)
        while let index = rows.firstIndex(where: { row in !new.contains { $0.name == row.name } }) {
            rows.remove(at: index)
            steps.append(rows)
        }
        for (index, row) in new.enumerated() where !rows.contains(where: { $0.name == row.name }) {
            rows.insert(row, at: min(index, rows.count))
            steps.append(rows)
        }
        steps.append(new)
        return steps
    }

    // MARK: - Text

    /// The file's text now, refusing a file that no longer reads as `environment`.
    static func current(_ environment: Environment, root: URL) throws(EnvironmentFileError) -> String {
        let file = relative(environment.fileURL, root)
        guard let data = FileManager.default.contents(atPath: environment.fileURL.path), let text = String(data: data, encoding: .utf8) else {
            throw .changedOnDisk(file: file)
        }
        var problems: [LoadProblem] = []
        guard let onDisk = CollectionLoader.environment(text, at: environment.fileURL, root: root, problems: &problems),
              onDisk == environment else { throw .changedOnDisk(file: file) }
        return text
    }

    private static func renamed(_ text: String, environment: Environment, to name: String, root: URL) throws(EnvironmentFileError) -> String {
        var expected = environment
        expected.name = name.trimmingCharacters(in: .whitespaces)
        return try edited(text, changes: [("name", Node(expected.name))], expecting: expected, root: root)
    }

    /// `text` with the top-level `changes` spliced in, checked to read back as `expected` (its
    /// file aside); when splicing cannot, the file is written whole from its parsed nodes, its
    /// opening comments kept.
    private static func edited(_ text: String, changes: [(key: String, value: Node?)], expecting expected: Environment, root: URL) throws(EnvironmentFileError) -> String {
        func reads(_ candidate: String) -> Bool {
            var problems: [LoadProblem] = []
            return CollectionLoader.environment(candidate, at: expected.fileURL, root: root, problems: &problems) == expected
        }
        if let spliced = try? YAMLSplice.splice(text, changes: changes, order: order), reads(spliced) { return spliced }
        var pairs: [(Node, Node)] = []
        if let node = try? Yams.compose(yaml: text, Resolver.basic, Constructor.default, .utf8), let mapping = node.mapping { pairs = Array(mapping) }
        for (key, value) in changes {
            let index = pairs.firstIndex { $0.0.scalar?.string == key }
            switch (index, value) {
            case (let index?, let value?): pairs[index].1 = YAMLSplice.styled(value)
            case (let index?, nil): pairs.remove(at: index)
            case (nil, let value?): pairs.insert((Node(key), YAMLSplice.styled(value)), at: key == "name" ? 0 : pairs.count)
            case (nil, nil): break
            }
        }
        let whole = ((try? YAMLSplice.serialize(Node(pairs))) ?? "")
        let result = RequestFileWriter.leadingComments(of: text) + whole
        guard reads(result) else {
            throw .writeFailed(file: relative(expected.fileURL, root), reason: "the edited file would not read back as intended")
        }
        return result
    }

    private static func write(new text: String, named name: String, in root: URL, existing: [Environment], except current: Environment? = nil) throws(EnvironmentFileError) -> URL {
        if let problem = problem(withName: name, among: existing, except: current) { throw problem }
        let url = fileURL(forName: name.trimmingCharacters(in: .whitespaces), root: root)
        if FileManager.default.fileExists(atPath: url.path) || FileManager.default.fileExists(atPath: url.deletingPathExtension().appendingPathExtension("yml").path) {
            throw .nameTaken(name, file: relative(url, root))
        }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .writeFailed(file: relative(url, root), reason: FileErrorText.reason(of: error))
        }
        try atomicWrite(text, to: url, root: root)
        return url
    }

    private static func atomicWrite(_ text: String, to url: URL, root: URL) throws(EnvironmentFileError) {
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw .writeFailed(file: relative(url, root), reason: FileErrorText.reason(of: error))
        }
    }

    private static func quoted(_ name: String) -> String {
        YAMLSplice.isPlainSafe(name, flow: false) ? name : YAMLSplice.doubleQuoted(name)
    }

    private static func relative(_ url: URL, _ root: URL) -> String {
        CollectionLoader.relativePath(url, root: root)
    }
}

import Foundation
import SondeCore

/// A change to an environment file that the environments view asks the runner to make.
package enum EnvironmentOperation: Sendable, Equatable {
    case create(name: String)
    case duplicate(Environment, name: String)
    case rename(Environment, name: String)
    case delete(Environment)
    case save(Environment, variables: [KeyValue])

    /// How an operation ended well: the status-bar line, the environment to select afterwards,
    /// and for a rename or delete the old name (the environment in use follows it, or, deleted,
    /// becomes the first one left).
    package struct Done: Sendable, Equatable {
        package var notice: String
        package var select: String?
        package var renamedFrom: String?
        /// A save: the table shows the file as written, not the draft.
        package var saved = false
    }

    /// Carries the operation out on the collection at `root` (whose environments are `existing`);
    /// a save writes none of `secrets`.
    package func run(in root: URL, existing: [Environment], secrets: SecretSet = SecretSet()) throws(EnvironmentFileError) -> Done {
        func file(_ url: URL) -> String { CollectionLoader.relativePath(url, root: root) }
        switch self {
        case .create(let name):
            let url = try EnvironmentFileWriter.create(named: name, in: root, existing: existing)
            return Done(notice: "Created \(file(url))", select: name.trimmingCharacters(in: .whitespaces))
        case .duplicate(let environment, let name):
            let url = try EnvironmentFileWriter.duplicate(environment, as: name, in: root, existing: existing)
            return Done(notice: "Created \(file(url)) from \(environment.name)", select: name.trimmingCharacters(in: .whitespaces))
        case .rename(let environment, let name):
            let url = try EnvironmentFileWriter.rename(environment, to: name, in: root, existing: existing)
            return Done(notice: "Renamed \(environment.name) to \(file(url))", select: name.trimmingCharacters(in: .whitespaces), renamedFrom: environment.name)
        case .delete(let environment):
            try EnvironmentFileWriter.delete(environment, in: root)
            return Done(notice: "Deleted \(file(environment.fileURL))", select: nil, renamedFrom: environment.name)
        case .save(let environment, let variables):
            try EnvironmentFileWriter.save(environment, variables: variables, in: root, secrets: secrets)
            return Done(notice: "Saved \(file(environment.fileURL))", select: environment.name, saved: true)
        }
    }
}

import SondeCore

/// The environments view of one collection: its environments on the left (switch, create,
/// duplicate, rename, delete), the selected one's variables in a table on the right, or the
/// matrix of variables × environments. Variable edits are drafts until saved; creating, renaming,
/// deleting and setting a secret's value each take a confirming key (Enter in a prompt, `y`).
package struct EnvironmentViewState: Sendable, Equatable {
    package enum Focus: Sendable, Equatable { case list, variables }

    /// A one-line question inside the view.
    package struct Prompt: Sendable, Equatable {
        package enum Purpose: Sendable, Equatable {
            case create, duplicate, rename
            /// The value of the secret `{{env:NAME}}`: typed masked, written only to `.env`.
            case secretValue(name: String)
        }

        package var purpose: Purpose
        package var editor: LineEditor

        package var title: String {
            switch purpose {
            case .create: "New environment"
            case .duplicate: "Duplicate as"
            case .rename: "Rename to"
            case .secretValue(let name): "Value of \(name) (saved in .env only)"
            }
        }

        package var isMasked: Bool { if case .secretValue = purpose { true } else { false } }
    }

    package enum Confirmation: Sendable, Equatable {
        case delete(environment: String)
        /// Closing the view with unsaved variable edits.
        case discard
    }

    package var collection: Int
    /// The selected environment, an index into the collection's environments.
    package var selection = 0
    package var focus = Focus.list
    /// The selected environment's variables: a draft until saved.
    package var table = KeyValueTable(rows: [])
    /// The file (path) the table holds the variables of.
    package var tableFile: String?
    /// Unsaved variables of environments other than the selected one, by file path.
    package var drafts: [String: [KeyValue]] = [:]
    package var showsMatrix = false
    /// The table row whose secret value is shown, until the selection or the view changes.
    package var revealedRow: Int?
    package var prompt: Prompt?
    package var confirmation: Confirmation?
    /// The environment to select once the collection is reloaded (one just created or renamed).
    package var pendingSelection: String?

    package init(collection: Int) {
        self.collection = collection
    }
}

/// How a variable's value stands, as the view and its matrix show it.
package enum VariableStatus: Sendable, Equatable {
    /// A plain value.
    case set
    /// A `{{env:NAME}}` reference whose value is set, and where it comes from.
    case secretSet(name: String, fromDotEnv: Bool)
    case secretUnset(name: String)
    /// The environment has no such variable.
    case missing

    package static func of(_ value: String?, in source: SecretSource) -> VariableStatus {
        guard let value else { return .missing }
        for segment in Template(value).segments {
            if case .secret(let name) = segment {
                if source.processEnvironment[name] != nil { return .secretSet(name: name, fromDotEnv: false) }
                if source.dotEnv[name] != nil { return .secretSet(name: name, fromDotEnv: true) }
                return .secretUnset(name: name)
            }
        }
        return .set
    }

    /// The secret's name, for a reference.
    package var secretName: String? {
        switch self {
        case .secretSet(let name, _), .secretUnset(let name): name
        case .set, .missing: nil
        }
    }

    /// A word for the matrix cell.
    package var label: String {
        switch self {
        case .set: "set"
        case .secretSet: "secret ✓"
        case .secretUnset: "secret ✗"
        case .missing: "missing"
        }
    }
}

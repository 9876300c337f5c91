import Foundation
import SondeCore

/// A level that can set a request's auth, with the file it lives in and its auth as loaded.
package struct AuthLevel: Sendable, Equatable {
    package enum Place: Sendable, Equatable {
        case request
        /// A folder by its path from the collection root (`users`).
        case folder(String)
        case collection
        case environment(String)
    }

    package var place: Place
    /// `folder.yaml`, `collection.yaml` or the environment's file (the request's own for `.request`).
    package var file: URL
    /// The auth the level sets now: the draft's for the request, the file's for the others.
    package var auth: AuthConfig

    package var title: String {
        switch place {
        case .request: "request"
        case .folder(let path): "folder \(path)"
        case .collection: "collection"
        case .environment(let name): "environment \(name)"
        }
    }
}

/// The auth editor: the level being edited (request, its folders, collection, environment), the
/// kind, and the form of its fields. A value in `AppState.overlay`; nothing here writes a file:
/// saving is an effect (`AppEffect.save` for the request, `.saveAuth` for the other levels).
package struct AuthEditorState: Sendable, Equatable {
    /// The form's rows: the level, the kind, then the kind's fields.
    package enum Row: Sendable, Equatable {
        case level, kind
        case field(AuthField)
    }

    package var reference: RequestReference
    package var levels: [AuthLevel]
    package var levelIndex = 0
    package var kind: AuthKind
    /// Each field's text; a field keeps its text when the kind changes.
    package var values: [AuthField: String]
    package var selection = 0
    /// The field being typed into, with its text; nil while moving between rows.
    package var editing: LineEditor?
    /// The secret references the form offers for credentials: `{{env:NAME}}` for the names in
    /// the collection's `.env` and the process environment's names the environment refers to,
    /// `{{name}}` for the current environment's variables.
    package var references: [SecretReferenceChoice]
    package var referenceSelection = 0
    /// What is wrong with the form, after a save was refused.
    package var problem: String?

    package init(reference: RequestReference, levels: [AuthLevel], references: [SecretReferenceChoice]) {
        self.reference = reference
        self.levels = levels
        self.references = references
        let auth = levels.first?.auth ?? .inherit
        kind = AuthKind(auth)
        values = AuthField.values(of: auth)
    }

    package var level: AuthLevel { levels[levelIndex] }

    package var rows: [Row] { [.level, .kind] + kind.fields.map(Row.field) }

    package var selectedRow: Row { rows[min(selection, rows.count - 1)] }

    /// The field being edited, when one is.
    package var editingField: AuthField? {
        guard editing != nil, case .field(let field) = selectedRow else { return nil }
        return field
    }

    /// Moves to the next or previous level and shows the auth it sets.
    package mutating func cycleLevel(by step: Int) {
        guard !levels.isEmpty else { return }
        levelIndex = (levelIndex + step + levels.count) % levels.count
        kind = AuthKind(level.auth)
        values = AuthField.values(of: level.auth)
        selection = 0
        problem = nil
    }

    package mutating func cycleKind(by step: Int) {
        let all = AuthKind.allCases
        kind = all[(kind.rawValue + step + all.count) % all.count]
        // An API key's name starts as the usual header or parameter name.
        if kind == .apiKeyHeader || kind == .apiKeyQuery, (values[.name] ?? "").isEmpty {
            values[.name] = kind == .apiKeyHeader ? "X-API-Key" : "api_key"
        }
        problem = nil
    }

    /// The references matching what is typed in the field (all of them when nothing matches).
    package var matchingReferences: [SecretReferenceChoice] {
        guard let text = editing?.text else { return references }
        let needle = text.lowercased().filter { !"{}:$ ".contains($0) }.replacingOccurrences(of: "env", with: "")
        guard !needle.isEmpty else { return references }
        let matches = references.filter { $0.name.lowercased().contains(needle) }
        return matches.isEmpty ? references : matches
    }

    /// The auth the form describes, or what is wrong with it (an empty token, a header name with
    /// a space). A kind's fields that exist today are set; anything else the loaded auth holds
    /// (fields other editors add to OAuth2) is kept.
    package func auth() -> Result<AuthConfig, AuthFormProblem> {
        func text(_ field: AuthField) -> String { values[field] ?? "" }
        func required(_ field: AuthField, _ what: String) throws(AuthFormProblem) -> String {
            let value = text(field)
            guard !value.trimmingCharacters(in: .whitespaces).isEmpty else { throw AuthFormProblem("\(what): \(field.title) is empty") }
            return value
        }
        do throws(AuthFormProblem) {
            switch kind {
            case .inherit: return .success(.inherit)
            case .none: return .success(.none)
            case .basic: return .success(.basic(username: try required(.username, "basic auth"), password: text(.password)))
            case .digest, .ntlm:
                return .success(.challenge(kind == .digest ? .digest : .ntlm, username: try required(.username, "\(kind.title) auth"),
                                           password: text(.password)))
            case .bearer: return .success(.bearer(token: try required(.token, "bearer auth")))
            case .apiKeyHeader, .apiKeyQuery:
                let location: APIKeyLocation = kind == .apiKeyHeader ? .header : .query
                let name = try required(.name, "API key")
                if let problem = Self.nameProblem(name, location: location) { throw problem }
                return .success(.apiKey(name: name, value: try required(.value, "API key"), location: location))
            case .oauth2:
                var credentials = if case .oauth2ClientCredentials(let loaded) = level.auth { loaded }
                    else { OAuth2ClientCredentials(tokenURL: "", clientID: "", clientSecret: "") }
                credentials.tokenURL = try required(.tokenURL, "OAuth2")
                credentials.clientID = try required(.clientID, "OAuth2")
                credentials.clientSecret = try required(.clientSecret, "OAuth2")
                credentials.scope = text(.scope).isEmpty ? nil : text(.scope)
                return .success(.oauth2ClientCredentials(credentials))
            }
        } catch {
            return .failure(error)
        }
    }

    /// Why an API key's name can't go where it should: a header name is an RFC 9110 token, and
    /// a query parameter name with spaces or `&`/`=` would not come back as itself.
    static func nameProblem(_ name: String, location: APIKeyLocation) -> AuthFormProblem? {
        // A name from a variable ({{keyName}}) is checked when it is resolved, at send time.
        if name.contains("{{") { return nil }
        if name.contains(" ") || name.contains("\t") {
            return AuthFormProblem("API key name \"\(name)\" has a space: \(location == .header ? "header" : "query parameter") names can't")
        }
        switch location {
        case .header:
            let token = CharacterSet(charactersIn: "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
            if let bad = name.unicodeScalars.first(where: { !token.contains($0) }) {
                return AuthFormProblem("API key header name \"\(name)\" has \"\(TerminalSafeText.singleLine(String(bad)))\": header names are letters, digits and !#$%&'*+-.^_`|~")
            }
        case .query:
            if name.contains("&") || name.contains("=") || name.contains("#") {
                return AuthFormProblem("API key query name \"\(name)\" has & = or #: they would split the query")
            }
        }
        return nil
    }
}

/// Why the auth form can't be saved as it is.
package struct AuthFormProblem: Error, Sendable, Equatable {
    package var message: String
    package init(_ message: String) { self.message = message }
}

/// A secret reference the form offers for a credential field.
package struct SecretReferenceChoice: Sendable, Equatable {
    /// The variable or secret name, without braces.
    package var name: String
    /// The text inserted: `{{env:NAME}}` or `{{name}}`.
    package var text: String
    /// Where it comes from and whether it is set: ".env, set", "environment staging".
    package var detail: String
}

/// One placeholder that could not be filled, with where it is used so the user can find it.
public struct ResolutionProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unknownVariable(String)
        case unsetSecret(String)
        case unknownDynamic(String)
        case cycle([String])
        /// The placeholder as written whose value outgrew `VariableResolver.maximumResolvedBytes`.
        case tooLarge(String)
        /// The placeholder as written whose variables refer to variables past `VariableResolver.maximumDepth`.
        case tooDeep(String)
        /// A `{{file:PATH}}` that could not be read, and why.
        case fileSecret(path: String, reason: String)
        /// A `{{cmd:COMMAND}}` that did not give a value, and why (already masked).
        case commandSecret(command: String, reason: String)
    }

    public var kind: Kind
    /// Where the placeholder stands: "url", "header Authorization", "variable baseUrl"...
    public var usedIn: String
    /// The template that uses the placeholder, in its file; nil when it could not be found (a
    /// request edited but not saved). Set by `RequestPreparer` once resolution is over.
    public var location: FilePosition?

    public init(kind: Kind, usedIn: String, location: FilePosition? = nil) {
        self.kind = kind
        self.usedIn = usedIn
        self.location = location
    }

    /// The placeholder as written in its plain form (`{{name}}`, `{{env:NAME}}`, `{{$name}}`).
    public var placeholder: String {
        switch kind {
        case .unknownVariable(let name), .tooLarge(let name), .tooDeep(let name): Template.text(of: .variable(name))
        case .unsetSecret(let name): Template.text(of: .secret(name))
        case .unknownDynamic(let name): Template.text(of: .dynamic(name))
        case .cycle(let names): Template.text(of: .variable(names.first ?? ""))
        case .fileSecret(let path, _): Template.text(of: .file(path))
        case .commandSecret(let command, _): Template.text(of: .command(command))
        }
    }

    /// `file:line:column: ` and what is wrong, or only what is wrong when the place is not known.
    public var description: String {
        (location.map { "\($0): " } ?? "") + problemText
    }

    private var problemText: String {
        switch kind {
        case .unknownVariable(let name):
            "unknown variable {{\(name)}} in \(usedIn): define it in the environment or the collection's variables"
        case .unsetSecret(let name):
            "secret {{env:\(name)}} in \(usedIn) is not set: export \(name)=... or add it to the collection's .env file"
        case .unknownDynamic(let name):
            "unknown dynamic value {{$\(name)}} in \(usedIn): use $uuid, $timestamp or $randomInt"
        case .cycle(let names):
            "variables refer to each other in a loop in \(usedIn): \(names.joined(separator: " → "))"
        case .tooLarge(let name):
            "{{\(name)}} in \(usedIn) grows beyond 10 MB once its variables are filled in: "
                + "do its variables repeat each other ({{b}}{{b}})? Put a body that large in a file"
        case .tooDeep(let name):
            "{{\(name)}} in \(usedIn) refers to variables that refer to variables more than 64 levels deep"
        case .fileSecret(let path, let reason):
            "secret {{file:\(path)}} in \(usedIn): \(reason)"
        case .commandSecret(let command, let reason):
            "secret {{cmd:\(command)}} in \(usedIn): \(reason)"
        }
    }
}

/// Every placeholder of a request that could not be filled; nothing is sent while any remain.
public struct ResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ResolutionProblem]

    public init(problems: [ResolutionProblem]) {
        self.problems = problems
    }

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}

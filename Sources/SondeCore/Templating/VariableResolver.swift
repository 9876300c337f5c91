import Foundation

/// A named set of variables, searched in order: the environment's, then the collection's.
public struct VariableScope: Sendable {
    /// Where these variables are defined, for error messages ("environment local").
    public var origin: String
    public var values: [String: String]
    /// Whether the values are used as they are, not as templates: a value captured from a
    /// response is data, and a `{{` in it is not a placeholder.
    public var isLiteral: Bool
    /// The names whose values are secrets (captures marked `secret: true`), masked as
    /// `{{env:}}` values are.
    public var secretNames: Set<String>

    public init(origin: String, values: [String: String], isLiteral: Bool = false, secretNames: Set<String> = []) {
        self.origin = origin
        self.values = values
        self.isLiteral = isLiteral
        self.secretNames = secretNames
    }
}

/// Fills `{{...}}` placeholders and remembers which results carry secrets.
///
/// It gathers every problem instead of stopping at the first, so one run tells the user all
/// that is missing. Variable values may hold placeholders themselves; loops are reported.
public struct VariableResolver: Sendable {
    public var scopes: [VariableScope]
    public var secretSource: SecretSource
    /// Every secret value resolved so far, for masking.
    public private(set) var secrets = SecretSet()
    public private(set) var problems: [ResolutionProblem] = []
    /// Every variable name a resolved template asked for, found or not, directly or through
    /// another variable's value.
    public private(set) var usedVariables: Set<String> = []
    /// Whether every placeholder filled so far was a variable: no secret, file, command or
    /// dynamic value, whose next read may differ. Then the same variables fill the same text.
    public private(set) var filledOnlyVariables = true

    /// The most a value may grow to once its variables are filled in: 10 MB. Variables that
    /// repeat each other (`a: "{{b}}{{b}}"`, `b: "{{c}}{{c}}"`, ...) double at each step, and
    /// 30 steps asked for gigabytes and hung the TUI and `sonde send`; a body that large belongs
    /// in a file (`body: {type: file}`).
    public static let maximumResolvedBytes = 10_000_000
    /// How deep variables may refer to variables. Resolution recurses once a level, so a chain of
    /// 100,000 (a 3 MB file) would run off the end of the stack; real chains are a few levels.
    public static let maximumDepth = 64
    /// Each variable's size once filled in, worked out once per variable (`expandedSize(of:)`).
    private var expandedSizes: [String: Int] = [:]
    /// Variables already filled in, for their next use: an 8-way chain 7 deep (4 MB) parsed and
    /// filled 2 million placeholders one by one, 11 s. Only values with no dynamic value in them
    /// (each `{{$uuid}}` is new) and no problem (each use names its own field) are kept.
    private var resolvedValues: [String: String] = [:]
    /// How many dynamic values were drawn so far; a fill that draws none can be kept.
    private var dynamicValuesDrawn = 0

    public init(scopes: [VariableScope], secretSource: SecretSource) {
        self.scopes = scopes
        self.secretSource = secretSource
    }

    /// The resolved text; problems are recorded and the placeholder is left as it was.
    public mutating func resolve(_ text: String, usedIn: String) -> String {
        resolve(Template(text), usedIn: usedIn, stack: [])
    }

    /// Whether resolving `text` would involve a secret; resolution records problems as usual.
    public mutating func resolveTrackingSecrets(_ text: String, usedIn: String) -> (value: String, isSecret: Bool) {
        let template = Template(text)
        let value = resolve(template, usedIn: usedIn, stack: [])
        return (value, containsSecret(template))
    }

    /// Throws every recorded problem, if any.
    public func check() throws(ResolutionError) {
        if !problems.isEmpty { throw ResolutionError(problems: problems) }
    }

    /// Marks a derived value (a Basic header's base64, an encoded query value) as secret too.
    public mutating func addSecret(_ value: String) {
        secrets.insert(value)
    }

    private mutating func resolve(_ template: Template, usedIn: String, stack: [String]) -> String {
        var output = ""
        for segment in template.segments {
            switch segment {
            case .literal(let text):
                output += text
            case .secret(let name):
                filledOnlyVariables = false
                if let value = secretSource.value(of: name) {
                    secrets.insert(value, fromVariable: name)
                    output += value
                } else {
                    record(.unsetSecret(name), usedIn: usedIn)
                    output += "{{env:\(name)}}"
                }
            case .file(let path):
                filledOnlyVariables = false
                switch secretSource.fileValue(path) {
                case .success(let found):
                    secrets.insert(found.value, fromCommand: "cat -- " + ShellWords.quote(found.path))
                    output += found.value
                case .failure(let problem):
                    record(.fileSecret(path: path, reason: problem.reason), usedIn: usedIn)
                    output += Template.text(of: segment)
                }
            case .command(let command):
                filledOnlyVariables = false
                switch secretSource.commandValue(command) {
                case .success(let value):
                    secrets.insert(value, fromCommand: command)
                    output += value
                case .failure(let problem):
                    record(.commandSecret(command: command, reason: problem.reason), usedIn: usedIn)
                    output += Template.text(of: segment)
                }
            case .dynamic(let name):
                filledOnlyVariables = false
                dynamicValuesDrawn += 1
                if let value = Self.dynamicValue(name) {
                    output += value
                } else {
                    record(.unknownDynamic(name), usedIn: usedIn)
                    output += "{{$\(name)}}"
                }
            case .variable(let name):
                usedVariables.insert(name)
                if stack.contains(name) {
                    record(.cycle(stack + [name]), usedIn: usedIn)
                    output += "{{\(name)}}"
                } else if stack.count >= Self.maximumDepth {
                    record(.tooDeep(stack[0]), usedIn: usedIn)
                    output += "{{\(name)}}"
                } else if stack.isEmpty, expandedSize(of: name) > Self.maximumResolvedBytes {
                    record(.tooLarge(name), usedIn: usedIn)
                    output += "{{\(name)}}"
                } else if let known = resolvedValues[name] {
                    output += known
                } else if let literal = literal(name) {
                    // Named, as an `{{env:}}` value is: a curl command writes it as "${name}".
                    if literal.isSecret { secrets.insert(literal.value, fromVariable: name) }
                    output += literal.value
                } else if let raw = lookup(name) {
                    let (problemsBefore, drawnBefore) = (problems.count, dynamicValuesDrawn)
                    let value = resolve(Template(raw), usedIn: usedIn, stack: stack + [name])
                    if problems.count == problemsBefore, dynamicValuesDrawn == drawnBefore { resolvedValues[name] = value }
                    output += value
                } else {
                    record(.unknownVariable(name), usedIn: usedIn)
                    output += "{{\(name)}}"
                }
            }
        }
        return output
    }

    /// How many bytes `{{name}}` fills in, without filling it in: the sum over its template, each
    /// variable counted once and remembered, so a 30-step doubling chain costs 30 steps, not 2^30.
    /// A loop, or a chain too deep, counts as its placeholder's text (`resolve` reports either).
    private mutating func expandedSize(of name: String, stack: Set<String> = []) -> Int {
        if let known = expandedSizes[name] { return known }
        if let literal = literal(name) { return literal.value.utf8.count }
        guard !stack.contains(name), stack.count < Self.maximumDepth, let raw = lookup(name) else { return name.utf8.count + 4 }
        var total = 0
        for segment in Template(raw).segments {
            let size = switch segment {
            case .literal(let text): text.utf8.count
            case .secret(let secret): secretSource.value(of: secret)?.utf8.count ?? 0
            case .dynamic: 40
            case .file, .command: 0
            case .variable(let inner): expandedSize(of: inner, stack: stack.union([name]))
            }
            total = total.addingReportingOverflow(size).partialValue
            if total > Self.maximumResolvedBytes || total < 0 { total = Self.maximumResolvedBytes + 1; break }
        }
        expandedSizes[name] = total
        return total
    }

    /// Whether a secret is reachable from `template` through variables. Each variable is looked
    /// at once: walking every path visits a doubling chain's 2^30 leaves.
    private func containsSecret(_ template: Template) -> Bool {
        var seen: Set<String> = []
        var pending = [template]
        while let next = pending.popLast() {
            for segment in next.segments {
                switch segment {
                case .secret, .file, .command: return true
                case .variable(let name):
                    if let literal = literal(name) {
                        if literal.isSecret { return true }
                    } else if seen.insert(name).inserted, let raw = lookup(name) {
                        pending.append(Template(raw))
                    }
                default: break
                }
            }
        }
        return false
    }

    /// The value of `name` as a template, when the first scope that has it is not literal.
    private func lookup(_ name: String) -> String? {
        for scope in scopes {
            if let value = scope.values[name] { return scope.isLiteral ? nil : value }
        }
        return nil
    }

    /// The value of `name` as it is, when the first scope that has it is literal.
    private func literal(_ name: String) -> (value: String, isSecret: Bool)? {
        for scope in scopes {
            if let value = scope.values[name] { return scope.isLiteral ? (value, scope.secretNames.contains(name)) : nil }
        }
        return nil
    }

    private mutating func record(_ kind: ResolutionProblem.Kind, usedIn: String) {
        let problem = ResolutionProblem(kind: kind, usedIn: usedIn)
        if !problems.contains(problem) { problems.append(problem) }
    }

    /// The names `dynamicValue(_:)` knows, for importers that map other tools' dynamic values.
    static let dynamicNames = ["uuid", "guid", "timestamp", "isoTimestamp", "randomInt"]

    /// Values that change on every send, as in Postman: `$uuid`, `$timestamp` (Unix seconds),
    /// `$randomInt` (0...1000).
    static func dynamicValue(_ name: String) -> String? {
        switch name {
        case "uuid", "guid": UUID().uuidString.lowercased()
        case "timestamp": String(Int(Date().timeIntervalSince1970))
        case "isoTimestamp": ISO8601DateFormatter().string(from: Date())
        case "randomInt": String(Int.random(in: 0...1000))
        default: nil
        }
    }
}

import Foundation

/// Reads http-client environment files (`{"dev": {"host": "…"}, "$shared": {…}}`) into
/// environments, in the files' order. Values that are objects (JetBrains' `SSLConfiguration`,
/// `Security`) have no place in a sonde environment and are warned of.
struct HTTPClientEnvironmentReader {
    private var context = HTTPFileContext(file: "")
    private var names: [String] = []
    private var variables: [String: [KeyValue]] = [:]

    static let sharedName = "$shared"

    mutating func read(_ data: Data, file: String, isPrivate: Bool) throws(HTTPFileImportError) {
        context.file = file
        let tree = try parse(data)
        try readEnvironments(tree, object: tree.root, data: data, isPrivate: isPrivate)
    }

    mutating func readVSCodeSettings(_ data: Data, file: String) throws(HTTPFileImportError) {
        context.file = file
        let cleaned = Self.withoutCommentsAndTrailingCommas(data)
        let tree = try parse(cleaned)
        guard tree.kind(of: tree.root) == .object,
              let block = tree.children(of: tree.root).first(where: { tree.key(of: $0) == "rest-client.environmentVariables" })
        else {
            throw context.error(nil, "no \"rest-client.environmentVariables\" object: nothing to import")
        }
        try readEnvironments(tree, object: block, data: cleaned, isPrivate: false)
    }

    /// The environments read so far, `$shared` merged into each (their own values win).
    func result() -> ImportedEnvironments {
        let shared = variables[Self.sharedName] ?? []
        var environments = names.filter { $0 != Self.sharedName }.map { name in
            let own = variables[name] ?? []
            return ImportedEnvironment(name: name, variables: shared.filter { row in !own.contains { $0.name == row.name } } + own)
        }
        if environments.isEmpty, !shared.isEmpty { environments = [ImportedEnvironment(name: "shared", variables: shared)] }
        return ImportedEnvironments(
            environments: environments, secretNames: context.secrets.names, secretValues: context.secrets.values,
            warnings: context.warnings)
    }

    private func parse(_ data: Data) throws(HTTPFileImportError) -> JSONTree {
        do {
            return try JSONTree(data)
        } catch {
            throw context.error(error.line, "invalid JSON (column \(error.column)): \(error.message)")
        }
    }

    private mutating func readEnvironments(_ tree: JSONTree, object: Int, data: Data, isPrivate: Bool) throws(HTTPFileImportError) {
        let lines = LineIndex(data)
        guard tree.kind(of: object) == .object else {
            throw context.error(lines.line(at: tree.valueRange(of: object).lowerBound), "expected an object of environments ({\"dev\": {\"host\": \"…\"}})")
        }
        for environment in tree.children(of: object) {
            let name = tree.key(of: environment) ?? ""
            let line = lines.line(at: tree.valueRange(of: environment).lowerBound)
            guard tree.kind(of: environment) == .object else {
                context.note(line, "\(name) is not an environment (an object of variables): ignored")
                continue
            }
            if !names.contains(name) { names.append(name) }
            for member in tree.children(of: environment) {
                let key = tree.key(of: member) ?? ""
                let memberLine = lines.line(at: tree.valueRange(of: member).lowerBound)
                let kind = tree.kind(of: member)
                if kind.isContainer {
                    context.note(memberLine, "\(name).\(key) is \(kind == .object ? "an object" : "a list"); sonde's environment variables are text: ignored")
                    continue
                }
                guard case .variable? = Template("{{\(key)}}").segments.first else {
                    context.note(memberLine, "\(name).\(key) is not a name sonde can refer to as {{\(key)}}: ignored")
                    continue
                }
                var value = try context.rewrite(tree.scalarText(of: member) ?? "", line: memberLine)
                let isSecret = isPrivate ? !value.isEmpty && !value.contains("{{") : ImportSecrets.shouldMove(name: key, value: value)
                if isSecret {
                    let scoped = name == Self.sharedName ? key : "\(name)_\(key)"
                    value = context.secrets.reference(for: value, suggestedNames: [key, scoped])
                }
                var rows = variables[name] ?? []
                if let existing = rows.firstIndex(where: { $0.name == key }) { rows[existing].value = value } else { rows.append(KeyValue(key, value)) }
                variables[name] = rows
            }
        }
    }

    /// JSON with comments (`//`, `/* */`) and trailing commas, as VS Code's settings allow, made
    /// plain JSON; line breaks are kept so lines still match the file.
    static func withoutCommentsAndTrailingCommas(_ data: Data) -> Data {
        let bytes = Array(data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if inString {
                out.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count { out.append(next); index += 2; continue }
                if byte == UInt8(ascii: "\"") { inString = false }
                index += 1
            } else if byte == UInt8(ascii: "\"") {
                inString = true
                out.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "/"), next == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
            } else if byte == UInt8(ascii: "/"), next == UInt8(ascii: "*") {
                index += 2
                while index < bytes.count, !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/")) {
                    if bytes[index] == UInt8(ascii: "\n") { out.append(bytes[index]) }
                    index += 1
                }
                index += 2
            } else if byte == UInt8(ascii: ",") {
                var ahead = index + 1
                while ahead < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r")].contains(bytes[ahead]) { ahead += 1 }
                if ahead < bytes.count, bytes[ahead] == UInt8(ascii: "}") || bytes[ahead] == UInt8(ascii: "]") { out.append(UInt8(ascii: " ")) } else { out.append(byte) }
                index += 1
            } else {
                out.append(byte)
                index += 1
            }
        }
        return Data(out)
    }
}

/// Line numbers (from 1) of byte offsets in a file.
private struct LineIndex {
    let starts: [Int]

    init(_ data: Data) {
        var starts = [0]
        for (offset, byte) in data.enumerated() where byte == UInt8(ascii: "\n") { starts.append(offset + 1) }
        self.starts = starts
    }

    func line(at offset: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }
}

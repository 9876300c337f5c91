import Foundation

/// The `KEY=value` pairs of a `.env` file, where a collection keeps secrets out of git.
public enum DotEnv {
    /// Parses `.env` text: `#` comments, blank lines, an optional `export ` prefix, and values
    /// optionally in single or double quotes. Malformed lines are skipped, never fatal.
    public static func parse(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let quote = value.first, quote == "\"" || quote == "'", value.last == quote {
                value = String(value.dropFirst().dropLast())
                if quote == "\"" { value = value.replacingOccurrences(of: "\\n", with: "\n") }
            } else if let comment = value.range(of: " #") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard !key.isEmpty else { continue }
            values[key] = value
        }
        return values
    }

    /// The pairs of the `.env` file in `folder`, or none when there is no such file.
    public static func load(besides folder: URL) -> [String: String] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(".env"), encoding: .utf8) else {
            return [:]
        }
        return parse(text)
    }
}

import Foundation
import Yams

/// Writes the `auth:` block of a `collection.yaml`, `folder.yaml` or environment file, and only
/// that: every other byte of the file (comments, variables, key order, quoting) stays as it was,
/// so a TUI edit makes a one-block git diff and merges with edits to the rest of the file.
///
/// Requests are saved whole by `RequestFileWriter`; the defaults files have no editor of their
/// own, so their writer touches the one node the auth editor changes.
public enum AuthBlockWriter {
    /// Where a new `auth:` goes among the keys these files know: after the nearest one before it.
    static let keyOrder = ["name", "description", "variables", "headers", "auth", "options", "order"]

    /// Sets the `auth:` of the file at `url` to `auth` (`inherit` removes the block), refusing when
    /// the auth in the file is no longer `loaded` (changed on disk since sonde read it) or when
    /// the text would hold one of `secrets`' values. A missing file is created with the block
    /// alone (a folder without a `folder.yaml`). Returns the text written.
    @discardableResult
    public static func save(_ auth: AuthConfig, to url: URL, loaded: AuthConfig, secrets: SecretSet = SecretSet()) throws(SaveError) -> String {
        let file = url.path
        let original: String
        if let data = FileManager.default.contents(atPath: file) {
            guard let text = String(data: data, encoding: .utf8) else { throw .writeFailed(file: file, reason: "it is not UTF-8 text") }
            original = text
        } else {
            original = ""
        }
        guard currentAuth(in: original) == loaded else { throw .changedOnDisk(file: file) }
        let text: String
        do {
            text = try yaml(setting: auth, in: original)
        } catch {
            throw .writeFailed(file: file, reason: "\(error)")
        }
        if text == original { return text }
        if secrets.occurs(in: text) { throw .containsSecret(file: file) }
        do {
            try AtomicFile.write(Data(text.utf8), to: url)
        } catch {
            throw .writeFailed(file: file, reason: FileErrorText.reason(of: error))
        }
        return text
    }

    /// The auth a defaults file's text sets; `inherit` for an empty or unreadable file.
    public static func currentAuth(in text: String) -> AuthConfig {
        var reader = YAMLReader(file: "")
        guard !text.isEmpty, let node = reader.compose(text), let fields = node.mapping else { return .inherit }
        return reader.auth(fields["auth"])
    }

    /// `original` with its `auth:` block set to `auth`, the rest of the text unchanged.
    /// Throws when the file is not a YAML mapping sonde can edit in place.
    public static func yaml(setting auth: AuthConfig, in original: String) throws -> String {
        let node = RequestFileWriter.encode(auth).map(YAMLSplice.styled)
        let isEmpty = original.split(separator: "\n").allSatisfy { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\r" }
            return trimmed.isEmpty || trimmed.hasPrefix("#")
        }
        if isEmpty {
            guard let node else { return original }
            let block = try YAMLSplice.serialize(Node([(Node("auth"), node)]))
            return original.isEmpty || original.hasSuffix("\n") ? original + block : original + "\n" + block
        }
        if let text = try? YAMLSplice.splice(original, changes: [(key: "auth", value: node)], order: keyOrder), currentAuth(in: text) == auth {
            return text
        }
        // A block whose keys change (bearer → api_key) is taken out and written again in its
        // place, after the key before it: an in-place edit of its fields could not be made.
        var text = try YAMLSplice.splice(original, changes: [(key: "auth", value: nil)], order: keyOrder)
        if node != nil { text = try YAMLSplice.splice(text, changes: [(key: "auth", value: node)], order: keyOrder) }
        guard currentAuth(in: text) == auth else { throw YAMLSplice.Unsupported() }
        return text
    }
}

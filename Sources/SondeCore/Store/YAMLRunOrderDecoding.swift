import Foundation
import Yams

extension YAMLReader {
    /// `order: [login, protected, users]` in a `folder.yaml`: names of the folder's requests
    /// (file names without `.yaml`) or sub-folders. A name that is neither is a warning at its
    /// line, with the closest name there is: a misspelt step would otherwise run last.
    mutating func runOrder(_ node: Node?, in folder: URL) -> [String] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            problem("order must be a list of request or folder names", at: node)
            return []
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
        var known: Set<String> = []
        for entry in entries {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder.appendingPathComponent(entry).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { known.insert(entry) }
            for suffix in [".yaml", ".yml"] where entry.hasSuffix(suffix) && entry != "folder.yaml" {
                known.insert(String(entry.dropLast(suffix.count)))
            }
        }
        return items.compactMap { item in
            guard let name = string(item, "order") else { return nil }
            if !known.contains(name) {
                let suggestion = EditDistance.nearest(to: name, among: known.sorted()).map { " (did you mean \($0)?)" } ?? ""
                problems.append(LoadProblem(
                    file: file, line: item.mark?.line, column: item.mark?.column,
                    message: "order: no request or folder \(name) here\(suggestion)", severity: .warning))
            }
            return name
        }
    }
}

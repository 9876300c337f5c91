import Foundation
import LibFuzzerDriver
import SondeCore

/// The first line is a JSONPath, the rest a JSON body. Parsing any path and evaluating it
/// against any tree never crash; results are nodes of the tree, and `$` alone selects the root.
runLibFuzzer { data, size in
    let bytes = fuzzBytes(data, size)
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
    let pathText = String(decoding: bytes[..<newline], as: UTF8.self)
    let path: JSONPath
    do throws(JSONPathError) {
        path = try JSONPath(pathText)
    } catch {
        fuzzCheck(error.column >= 1 && error.column <= pathText.unicodeScalars.count + 1, "error column outside the path: \(error)")
        return 0
    }
    let body = Data(bytes[min(newline + 1, bytes.count)...])
    guard let tree = try? JSONTree(body) else { return 0 }
    let selected = path.evaluate(in: tree)
    fuzzCheck(selected.allSatisfy { $0 >= 0 && $0 < tree.count }, "selected a node outside the tree")
    if path.segments.isEmpty { fuzzCheck(selected == [tree.root], "$ selected \(selected)") }
    for node in selected.prefix(8) { _ = tree.scalarText(of: node) }
    return 0
}

import Foundation
import LibFuzzerDriver
import SondeCore

/// Any bytes as a response body: the tree parser and JSONText.validate agree on what is valid
/// JSON; a parsed tree gives a view whose rows, search and output do not crash, and its
/// compact output parses again to a tree of the same shape.
runLibFuzzer { data, size in
    let bytes = fuzzBytes(data, size)
    let validation = JSONText.validate(bytes)
    let tree: JSONTree
    do throws(JSONSyntaxError) {
        tree = try JSONTree(Data(buffer: bytes))
    } catch {
        fuzzCheck(validation != nil, "the tree parser refused what validate accepted: \(error)")
        return 0
    }
    fuzzCheck(validation == nil, "validate refused what the tree parser accepted: \(validation!)")
    var view = JSONTreeView(tree: tree)
    view.previewLimit = 16
    for row in view.rows(from: view.firstPosition, count: 40) {
        fuzzCheck(row.depth == tree.depth(of: row.node), "row depth \(row.depth) for node \(row.node)")
        _ = row.summary
    }
    view.foldAll()
    view.moveCursorToLast()
    view.keepCursorVisible(height: 10)
    _ = view.rows(from: view.top, count: 10)
    view.unfoldAll()
    view.moveCursor(to: view.position(atFraction: 0.5))
    _ = view.rows(from: view.cursor, count: 10)
    _ = tree.matches(of: "a", caseInsensitive: true)
    let compact = tree.prettyBytes(of: tree.root, indent: nil)
    guard let again = try? JSONTree(compact) else {
        fatalError("compact output does not parse: \(String(decoding: compact, as: UTF8.self))")
    }
    fuzzCheck(again.count == tree.count, "compact output has \(again.count) nodes, not \(tree.count)")
    return 0
}

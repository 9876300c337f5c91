// Times JSONTree on one JSON file, for bench/json-tree-vs-jq.sh.
//
//   json-tree-bench screen FILE   read, parse, and build the first screen of rows (what the
//                                 viewer does on opening a body); the script times the process
//   json-tree-bench detail FILE   the same, then each operation timed in-process
import Foundation
import SondeCore

let arguments = CommandLine.arguments
guard arguments.count == 3, ["screen", "detail"].contains(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: json-tree-bench screen|detail FILE\n".utf8))
    exit(64)
}
let data = try Data(contentsOf: URL(fileURLWithPath: arguments[2]))

/// CPU seconds this thread has run: steadier than the wall clock when other work shares the cores.
func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Runs `body` `runs` times and returns the fastest run's CPU seconds (the machine may be
/// busy) and the last result.
func timed<R>(_ runs: Int = 5, _ body: () throws -> R) rethrows -> (Double, R) {
    var samples: [Double] = []
    var result: R?
    for _ in 0..<runs {
        let start = cpuSeconds()
        result = try body()
        samples.append(cpuSeconds() - start)
    }
    return (samples.min()!, result!)
}

let screenHeight = 50
if arguments[1] == "screen" {
    let tree = try JSONTree(data)
    let view = JSONTreeView(tree: tree)
    let rows = view.rows(from: view.firstPosition, count: screenHeight)
    // Print something from the rows so nothing is optimised away.
    print("\(tree.count) nodes, \(rows.count) rows, last: \(rows.last?.text ?? "")")
    exit(0)
}

let megabytes = Double(data.count) / 1e6
func report(_ name: String, _ seconds: Double, _ extra: String = "") {
    let padded = name.count < 36 ? name + String(repeating: " ", count: 36 - name.count) : name
    print(padded + String(format: "%9.2f ms  ", seconds * 1000) + extra)
}

let (parse, tree) = try timed { try JSONTree(data) }
report("parse", parse, String(format: "%.0f MB/s", megabytes / parse))
print(String(format: "nodes: %d, %d bytes each = %.1f MB (%.2f x body), %.1f body bytes per node",
             tree.count, JSONTree.nodeByteSize, Double(tree.nodeBytes) / 1e6, Double(tree.nodeBytes) / Double(data.count),
             Double(data.count) / Double(tree.count)))

var view = JSONTreeView(tree: tree)
let (screen, _) = timed(21) { view.rows(from: view.firstPosition, count: screenHeight) }
report("first screen (\(screenHeight) rows)", screen)
let middle = view.position(atFraction: 0.5)
let (middleScreen, _) = timed(21) { view.rows(from: middle, count: screenHeight) }
report("screen at 50%", middleScreen)
let (pageDown, _) = timed(21) { () -> JSONTreeView in
    var copy = view
    copy.scroll(by: screenHeight, height: screenHeight)
    return copy
}
report("page down", pageDown)
let (toLast, _) = timed(21) { () -> [JSONRow] in
    var copy = view
    copy.moveCursorToLast()
    copy.keepCursorVisible(height: screenHeight)
    return copy.rows(from: copy.top, count: screenHeight)
}
report("jump to last row + screen", toLast)
let (foldAll, _) = timed { () -> JSONTreeView in
    var copy = view
    copy.foldAll()
    return copy
}
report("fold all", foldAll)
view.foldAll()
let (unfoldAll, _) = timed { () -> JSONTreeView in
    var copy = view
    copy.unfoldAll()
    return copy
}
report("unfold all", unfoldAll)

let (searchRare, rare) = timed { tree.matches(of: "user123456@") }
report("search \"user123456@\"", searchRare, String(format: "%d matches, %.0f MB/s", rare.count, megabytes / searchRare))
let (searchCommon, common) = timed { tree.matches(of: "alpha", caseInsensitive: true) }
report("search \"alpha\" case-insensitive", searchCommon, String(format: "%d matches, %.0f MB/s", common.count, megabytes / searchCommon))
let (searchUnicode, unicode) = timed(3) { tree.matches(of: "CAFÉ", caseInsensitive: true) }
report("search \"CAFÉ\" case-insensitive", searchUnicode, "\(unicode.count) matches (decodes the non-ASCII and escaped strings)")
let (reveal, _) = timed(21) { () -> JSONTreeView in
    var copy = view
    if let next = copy.nextMatch(in: rare) { copy.reveal(next) }
    copy.keepCursorVisible(height: screenHeight)
    return copy
}
report("next match + reveal", reveal)

let items = try JSONPath("$.data[*]")
let (pathItems, itemNodes) = timed { items.evaluate(in: tree) }
report("$.data[*]", pathItems, "\(itemNodes.count) nodes")
let emails = try JSONPath("$..email")
let (pathEmails, emailNodes) = timed { emails.evaluate(in: tree) }
report("$..email", pathEmails, "\(emailNodes.count) nodes")
let cursor = try JSONPath("$.meta.next_cursor")
let (pathCursor, cursorText) = timed { cursor.first(in: tree).flatMap(tree.scalarText(of:)) }
report("$.meta.next_cursor", pathCursor, cursorText ?? "none")
let (render, rendered) = timed(3) { JSONTree.arrayBytes(of: itemNodes.map { (tree, $0) }) }
report("$.data[*] as a pretty array", render, String(format: "%.1f MB, %.0f MB/s of input", Double(rendered.count) / 1e6, megabytes / render))
let (jsonText, _) = timed(3) { JSONText.prettyPrintedBytes(data) }
report("JSONText.prettyPrintedBytes (whole)", jsonText, String(format: "%.0f MB/s", megabytes / jsonText))

// Times what the response viewer does with a large non-JSON text body: index it, count its
// wrapped rows, draw screens at the top, middle and end, and search it. bench/text-body-vs-wc.sh
// runs it beside `wc -l` and `grep -c` on the same file.
//
// Usage: text-body-bench FILE [QUERY]    prints "name cpu-ms wall-ms" per step, "name count" per figure.
import Foundation
import SondeCore
import SondeTUI

let arguments = CommandLine.arguments
guard arguments.count >= 2, let data = FileManager.default.contents(atPath: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: text-body-bench FILE [QUERY]\n".utf8))
    exit(64)
}
let query = arguments.count >= 3 ? arguments[2] : "error"

/// Runs `body` and prints its CPU time in milliseconds (this thread's, so other processes on a
/// busy machine do not count) and its wall time.
@discardableResult
func time<T>(_ name: String, _ body: () -> T) -> T {
    func cpu() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1000 + Double(spec.tv_nsec) / 1e6
    }
    let (startCPU, start) = (cpu(), ContinuousClock.now)
    let result = body()
    let wall = ContinuousClock.now - start
    let wallMs = Double(wall.components.seconds) * 1000 + Double(wall.components.attoseconds) / 1e15
    print("\(name) \(String(format: "%.2f", cpu() - startCPU)) \(String(format: "%.2f", wallMs))")
    return result
}

let model = time("open (index lines)") { TextBodyModel(data, secrets: SecretSet(["not-in-the-body-secret"])) }
print("lines \(model.lineCount)")
let rows = time("wrapped row count at 120 columns") { model.rowCount(width: 120, wrap: true) }
print("rows \(rows)")
var grid = ScreenGrid(width: 120, height: 40)
time("first screen, wrapped") { TextBodyView.render(model, into: &grid, in: grid.bounds, scroll: 0, wrap: true, theme: .standard) }
time("middle screen, wrapped") { TextBodyView.render(model, into: &grid, in: grid.bounds, scroll: rows / 2, wrap: true, theme: .standard) }
time("last screen, unwrapped, scrolled right") {
    TextBodyView.render(model, into: &grid, in: grid.bounds, scroll: model.lineCount - 40, column: 30, wrap: false, theme: .standard)
}
let search = time("search \"\(query)\"") { TextBodySearch(query: query, in: model) }
print("matches \(search.matches.count)")
time("screen with matches highlighted") { TextBodyView.render(model, into: &grid, in: grid.bounds, scroll: rows / 3, wrap: true, search: search, theme: .standard) }

import Foundation
import SondeCore
import SondeTUI

// In-process timings of the TUI for bench/tui.sh:
//   tui-bench first-frame DIR            list a folder of collections (outlines), build the state,
//                                        render once, as the TUI's first frame does; then the full
//                                        parse of the request files that follows it
//   tui-bench response FILE [W H]        a JSON body from its bytes to the tree on screen, then
//                                        the cost of each key (scroll, page, fold, fold all) at W×H
// Times are wall clock in milliseconds; the last line is the peak resident memory.

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func peakResidentKilobytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
    return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
}

func format(_ value: Double) -> String { String(format: "%.2f", value) }

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
    print("usage: tui-bench first-frame DIR | response FILE [WIDTH HEIGHT]")
    exit(64)
}

switch arguments[1] {
case "first-frame":
    let root = URL(fileURLWithPath: arguments[2])
    var loaded: [LoadedCollection] = []
    var state: AppState?
    var grid: ScreenGrid?
    let own = root.appendingPathComponent(CollectionLoader.collectionFileName)
    let folders = FileManager.default.fileExists(atPath: own.path) ? [root] : CollectionLocator.collections(in: root)
    let outline = milliseconds { loaded = folders.map { CollectionLoader.loadOutline(from: $0) } }
    let build = milliseconds { state = AppState(collections: loaded, environmentName: nil, size: (120, 40)) }
    let render = milliseconds { grid = AppRenderer.render(state!) }
    // What the runner does next, in the background: read every request file, then redraw.
    let parse = milliseconds { loaded = folders.map { CollectionLoader.load(from: $0) } }
    let parsedFrame = milliseconds {
        _ = state!.update(.collectionsParsed(loaded), now: 0)
        grid = AppRenderer.render(state!)
    }
    let requests = loaded.reduce(0) { $0 + $1.collection.root.allRequests.count }
    print("requests \(requests)")
    print("outline_ms \(format(outline))")
    print("state_ms \(format(build))")
    print("render_ms \(format(render))")
    print("first_frame_ms \(format(outline + build + render))")
    print("parse_ms \(format(parse))  (in the background, after the first frame)")
    print("parsed_frame_ms \(format(parsedFrame))")
    _ = grid
case "response":
    let file = URL(fileURLWithPath: arguments[2])
    let width = arguments.count > 4 ? Int(arguments[3]) ?? 120 : 120
    let height = arguments.count > 4 ? Int(arguments[4]) ?? 40 : 40
    let body = try Data(contentsOf: file)
    let collectionRoot = FileManager.default.temporaryDirectory.appendingPathComponent("tui-bench-\(getpid())")
    try FileManager.default.createDirectory(at: collectionRoot, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: collectionRoot) }
    try "name: Bench\n".write(to: collectionRoot.appendingPathComponent("collection.yaml"), atomically: true, encoding: .utf8)
    try "name: Big\nurl: http://127.0.0.1/big\n".write(to: collectionRoot.appendingPathComponent("big.yaml"), atomically: true, encoding: .utf8)
    var state = AppState(collections: [CollectionLoader.load(from: collectionRoot)], environmentName: nil, size: (width, height))
    state.treeSelection = state.treeRows.firstIndex { $0.request != nil } ?? 0
    let sendEffects = state.update(.input(.key(.enter)), now: 0)
    guard case .send(let order)? = sendEffects.first(where: { if case .send = $0 { true } else { false } }) else {
        print("no send effect"); exit(1)
    }
    let response = HTTPResponse(status: 200, reason: "OK", httpVersion: "1.1",
                                headers: [HeaderField(name: "Content-Type", value: "application/json")], body: body,
                                finalURL: "http://127.0.0.1/big", timings: TransferTimings())
    var document: ResponseDocument?
    var grid = ScreenGrid(width: 0, height: 0)
    // From the last byte received to the tree on screen: parse, then the first frame.
    let toScreen = milliseconds {
        document = ResponseDocument(response: response, method: .GET, url: "http://127.0.0.1/big", secrets: SecretSet(), receivedAt: Date())
        _ = state.update(.transferFinished(transfer: order.id, outcome: .completed(document!)), now: 1)
        state.focus = .response
        grid = AppRenderer.render(state)
    }
    guard grid.contains("\"data\"") || grid.contains("[") else { print("the tree is not on screen"); exit(1) }
    print("body_mb \(format(Double(body.count) / 1e6))")
    print("to_screen_ms \(format(toScreen))")
    // Each key is applied and the frame rendered, as the app loop does.
    func perKey(_ name: String, _ keys: [Key], repeat count: Int) {
        var times: [Double] = []
        for i in 0..<count {
            let key = keys[i % keys.count]
            times.append(milliseconds {
                _ = state.update(.input(.key(key)), now: 2)
                grid = AppRenderer.render(state)
            })
        }
        times.sort()
        print("key_\(name)_median_ms \(format(times[times.count / 2])) max_ms \(format(times.last ?? 0))")
    }
    perKey("down", [.character("j")], repeat: 300)
    perKey("page_down", [.pageDown], repeat: 100)
    perKey("fold_toggle", [.character(" ")], repeat: 50)
    perKey("end_home", [.character("G"), .home], repeat: 10)
    perKey("fold_all_unfold_all", [.character("z"), .character("c"), .character("z"), .character("o")], repeat: 8)
    perKey("search_next", [.character("n")], repeat: 20)
    print("peak_rss_mb \(format(Double(peakResidentKilobytes()) / 1024))")
    print("rss_over_body \(format(Double(peakResidentKilobytes()) * 1024 / Double(max(1, body.count))))")
default:
    print("unknown mode \(arguments[1])")
    exit(64)
}

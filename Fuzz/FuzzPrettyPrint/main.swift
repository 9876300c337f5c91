import LibFuzzerDriver
import SondeCore

/// Any bytes as a body to show: pretty-printing valid JSON gives valid JSON that pretty-prints
/// to itself; whatever is shown is inert for a terminal.
runLibFuzzer { data, size in
    let bytes = fuzzBytes(data, size)
    switch JSONText.prettyPrintedBytes(bytes, indent: 2) {
    case .success(let pretty):
        fuzzCheck(JSONText.validate(pretty) == nil, "pretty output is not valid JSON")
        guard case .success(let twice) = JSONText.prettyPrintedBytes(pretty, indent: 2) else {
            fatalError("pretty output does not pretty-print")
        }
        fuzzCheck(twice == pretty, "pretty-printing is not stable")
        if case .success(let compact) = JSONText.prettyPrintedBytes(bytes, indent: 0) {
            fuzzCheck(JSONText.validate(compact) == nil, "indent 0 output is not valid JSON")
        }
    case .failure(let error):
        fuzzCheck(error.offset >= 0 && error.offset <= bytes.count, "error offset outside the body: \(error)")
        fuzzCheck(error.line >= 1 && error.column >= 1, "error position: \(error)")
    }
    for text in [TerminalSafeText.make(bytes), TerminalSafeText.singleLine(String(decoding: bytes, as: UTF8.self))] {
        fuzzCheck(!text.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{9B}" || $0 == "\r" }, "escape left in safe text")
    }
    _ = TerminalSafeText.looksBinary(bytes)
    return 0
}

import Foundation
import LibFuzzerDriver
import SondeCore

/// Any text as a `.bru` file: the parser never crashes or hangs, an error points at a line of
/// the file, and a parsed file converts as a Bruno request without crashing.
runLibFuzzer { data, size in
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)
    let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count
    do {
        let file = try BruParser.parse(text, file: "fuzz.bru")
        for block in file.blocks { fuzzCheck((1...max(lineCount, 1)).contains(block.line), "block line \(block.line) of \(lineCount)") }
        _ = try? BrunoImporter.convertFile(Data(bytes), sourceName: "fuzz.bru")
    } catch {
        fuzzCheck(error.file == "fuzz.bru" && (1...max(lineCount, 1)).contains(error.line), "error outside the file: \(error)")
    }
    return 0
}

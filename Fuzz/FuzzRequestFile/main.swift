import LibFuzzerDriver
import SondeCore

/// A request file's text, as CollectionLoader decodes it. Never crashes or hangs; every
/// problem carries the file and, when it has a line, a line inside the text. (An empty file
/// decodes to nothing and no problem, as Yams composes no node from it.)
runLibFuzzer { data, size in
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    let (definition, problems) = CollectionLoader.decodeRequest(text: text, file: "fuzz/request.yaml")
    // YAML breaks lines at CR and NEL too, so this is the most lines the text can have.
    let lineCount = text.unicodeScalars.count { ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) } + 1
    for problem in problems {
        fuzzCheck(problem.file == "fuzz/request.yaml", "problem in another file: \(problem)")
        if let line = problem.line { fuzzCheck(line >= 0 && line <= lineCount + 1, "line outside the text: \(problem)") }
    }
    if let definition { _ = definition.name }
    return 0
}

import Foundation
import PropertyBased
import SondeCore
import SondeOpenAPI
import SondeTestSupport
import Testing

/// Random damage to a document never crashes the importer: each mutation imports (and plans)
/// or is refused with a message.
@Suite struct OpenAPIMutationPropertyTests {
    /// `text` with a few random edits: a range cut, a line doubled or moved, a character
    /// replaced by YAML/JSON punctuation, a line indented differently.
    static func mutated(_ text: String, seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        func pick(_ count: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(count, 1)))
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let punctuation = Array("{}[]:,\"' -#&*!|>$/~0")
        for _ in 0...pick(4) {
            guard !lines.isEmpty else { break }
            let index = pick(lines.count)
            switch pick(6) {
            case 0: lines.remove(at: index)
            case 1: lines.insert(lines[index], at: pick(lines.count))
            case 2:
                var characters = Array(lines[index])
                if !characters.isEmpty { characters[pick(characters.count)] = punctuation[pick(punctuation.count)] }
                lines[index] = String(characters)
            case 3: lines[index] = String(repeating: " ", count: pick(12)) + lines[index].drop { $0 == " " }
            case 4:
                let characters = Array(lines[index])
                if !characters.isEmpty { lines[index] = String(characters.prefix(pick(characters.count))) }
            default: lines.swapAt(index, pick(lines.count))
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedDocumentsImportOrAreRefusedWithAMessage() async {
        await propertyCheck(count: 20, input: Gen.int(in: 0...1_000_000)) { seed in
            await recordingThrows {
                for (name, fixture) in [("petstore.yaml", OpenAPIFixtures.petstore30), ("tree.json", OpenAPIFixtures.tree31)] {
                    let text = Self.mutated(fixture, seed: seed)
                    do {
                        let imported = try OpenAPIImporter.convert(Data(text.utf8), sourceName: name)
                        _ = try ImportPlan.make(imported, into: ImportPlan.Target(), secretsToDotEnv: false)
                    } catch let error as OpenAPIImportError {
                        #expect(!"\(error)".isEmpty)
                        #expect("\(error)".hasPrefix(name), "\(error)")
                    }
                }
            }
        }
    }
}

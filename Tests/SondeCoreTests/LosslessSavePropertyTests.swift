import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// Request files in random styles (comments, flow and block rows, quoted and plain scalars,
/// blank lines) save unchanged byte for byte, and one edit changes only the lines it must.
@Suite struct LosslessSavePropertyTests {
    /// A request file built from `seed`, with the number of header rows it has.
    static func file(seed: Int) -> (text: String, headers: Int) {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        func pick(_ count: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(count))
        }
        let words = ["alpha", "1", "two words", "on", "{{token}}", "a: b", "café", "x#y", "it's", "null", "-5"]
        func scalar(_ value: String) -> String {
            switch pick(3) {
            case 0 where YAMLSplice.isPlainSafe(value, flow: true): value
            case 1: "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
            default: YAMLSplice.doubleQuoted(value)
            }
        }
        func comment() -> String { pick(3) == 0 ? "  # note \(pick(100))" : "" }
        func gap() -> String { ["", "\n", "# a comment line\n"][pick(3)] }
        func rows(_ key: String, _ count: Int) -> String {
            var text = "\(key):\(comment())\n"
            let indent = pick(2) == 0 ? "" : "  "
            for index in 0..<count {
                text += gap().isEmpty ? "" : "\(indent)# row \(index)\n"
                let name = scalar("\(key.prefix(1))\(index)"), value = scalar(words[pick(words.count)])
                text += pick(2) == 0
                    ? "\(indent)- {name: \(name), value: \(value)}\(comment())\n"
                    : "\(indent)- name: \(name)\n\(indent)  value: \(value)\(comment())\n"
            }
            return text
        }
        var text = pick(2) == 0 ? "# request \(seed)\n\n" : ""
        text += "name: \(scalar("Request \(pick(1000))"))\(comment())\n" + gap()
        if pick(2) == 0 { text += "description: >\n  folded text\n  over two lines\n" + gap() }
        text += "method: \(["GET", "POST", "PUT"][pick(3)])\(comment())\n"
        text += "url: \(scalar("http://127.0.0.1:8787/items/\(pick(100))"))\(comment())\n" + gap()
        let headers = 1 + pick(3)
        text += rows("params", 1 + pick(3)) + gap() + rows("headers", headers) + gap()
        text += "body:\n  type: text\n  content_type: text/plain\n  content: |\n    first\n    second\n" + gap()
        text += "auth:\n  type: bearer\n  token: \(scalar("{{env:TOKEN}}"))\(comment())\n"
        return (text, headers)
    }

    @Test func unchangedSavesAreByteIdenticalAndOneEditTouchesOnlyItsLines() async throws {
        await propertyCheck(count: 80, input: Gen.int(in: 0...1_000_000), Gen.int(in: 0...6)) { seed, edit in
            await recordingThrows {
                let (text, headers) = Self.file(seed: seed)
                let folder = try TemporaryFolder()
                try folder.write("r.yaml", text)
                let request = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "r"), "\(text)")
                #expect(try RequestFileWriter.yaml(for: request.definition, original: text) == text)

                var edited = request.definition
                var most = (removed: 1, added: 1)
                switch edit {
                case 0: edited.headers.append(KeyValue("X-New", "1")); most = (0, 2)
                case 1: edited.headers.remove(at: headers - 1); most = headers == 1 ? (4, 0) : (2, 0)
                case 2: edited.params[0].value = "changed value"
                case 3: edited.method = .DELETE
                case 4: edited.url += "/more"
                case 5: edited.body = .text("first\nsecond\nthird\n", contentType: "text/plain"); most = (0, 1)
                default: edited.auth = .bearer(token: "{{env:OTHER}}")
                }
                let saved = try RequestFileWriter.yaml(for: edited, original: text)
                var reader = YAMLReader(file: "r.yaml")
                let composed = reader.compose(saved)
                let node = try #require(composed)
                #expect(reader.request(node, fallbackName: "r") == edited, "\(saved)")
                let difference = LosslessSaveTests.difference(text, saved)
                #expect(difference.removed.count <= most.removed && difference.added.count <= most.added, "edit \(edit):\n\(text)\n---\n\(saved)")
                for line in text.split(separator: "\n") where line.hasPrefix("#") || line.contains("  # ") {
                    #expect(saved.contains(line) || difference.removed.contains(String(line)), "lost \(line)")
                }

                // Several edits at once still keep every comment line.
                var many = request.definition
                many.headers.append(KeyValue("X-New", "1"))
                many.params[0].value = "changed value"
                many.method = .DELETE
                many.auth = .bearer(token: "{{env:OTHER}}")
                let combined = try RequestFileWriter.yaml(for: many, original: text)
                var combinedReader = YAMLReader(file: "r.yaml")
                let composedCombined = combinedReader.compose(combined)
                let combinedNode = try #require(composedCombined)
                #expect(combinedReader.request(combinedNode, fallbackName: "r") == many)
                for line in text.split(separator: "\n") where line.hasPrefix("#") {
                    #expect(combined.contains(line), "lost \(line)")
                }

                // A list that changes values and its length in one save (a value changed, a row
                // removed, a row added) is spliced, not rewritten: every comment line stays.
                var mixed = request.definition
                mixed.headers[0].value = "mixed value"
                if headers > 1 { mixed.headers.remove(at: 1 + seed % (headers - 1)) }
                mixed.headers.append(KeyValue("X-Mixed", "2"))
                mixed.params[0].value = "changed value"
                if mixed.params.count > 1 { mixed.params.removeLast() }
                mixed.params.insert(KeyValue("first", "0"), at: 0)
                let mixedText = try RequestFileWriter.yaml(for: mixed, original: text)
                var mixedReader = YAMLReader(file: "r.yaml")
                let composedMixed = mixedReader.compose(mixedText)
                let mixedNode = try #require(composedMixed)
                #expect(mixedReader.request(mixedNode, fallbackName: "r") == mixed, "\(mixedText)")
                for line in text.split(separator: "\n") where line.trimmingCharacters(in: .whitespaces).hasPrefix("#") {
                    #expect(mixedText.contains(line), "lost \(line):\n\(text)\n---\n\(mixedText)")
                }
            }
        }
    }
}

import Foundation
import Testing
@testable import SondeCore

/// Inputs that scripts/fuzz.sh's targets found, fed again exactly as found, and the decoding
/// entry point the request file target calls.
@Suite struct FuzzFindingsTests {
    @Test func decodingARequestFileTextGivesWhatLoadingTheFileGives() throws {
        let file = repositoryCollections.appendingPathComponent("demo/posts/create.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let (definition, problems) = CollectionLoader.decodeRequest(text: text, file: "posts/create.yaml")
        #expect(problems == [])
        let loaded = CollectionLoader.load(from: repositoryCollections.appendingPathComponent("demo"))
        #expect(definition == loaded.collection.request(id: "posts/create")?.definition)
    }

    /// FuzzRequestFile: carriage returns alone break lines in YAML, so the problem is on line 10
    /// of a text with four `\n`; the problem must carry the line YAML counts, as editors do.
    @Test func carriageReturnsCountAsLineBreaksInProblems() throws {
        let input = "name: Raw text body\nmethod: POST\nurl: \"{{baseUrl}}/echo/text\"\nbody:\n \r\r\r\r\r type: tenamxt\n  ceonte"
        let (definition, problems) = CollectionLoader.decodeRequest(text: input, file: "fuzz/request.yaml")
        #expect(definition?.url == "{{baseUrl}}/echo/text")
        #expect(problems.map(\.description) == [
            "fuzz/request.yaml:10:8: unknown body type tenamxt ceonte: expected none, json, form, multipart, text or file",
        ])
    }
}

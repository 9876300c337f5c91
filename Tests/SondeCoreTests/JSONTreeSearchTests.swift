import Testing
import SondeCore

@Suite struct JSONTreeSearchTests {
    static let document = #"""
        {"Name": "Ada Lovelace", "email": "ada@example.com", "city": "caf\u00e9 z\u00fcrich",
         "QUOTE": "say \"hi\"", "items": [{"id": 42, "ok": true}, {"id": 420, "ok": null}],
         "\u0041lias": "x", "Émile": "ÉCOLE"}
        """#

    @Test func matchesKeysAndScalarValuesInDocumentOrder() throws {
        let tree = try JSONTree(text: Self.document)
        #expect(tree.matches(of: "ada") == [2]) // the email; "Ada" differs in case
        #expect(tree.matches(of: "Ada") == [1])
        #expect(tree.matches(of: "ada", caseInsensitive: true) == [1, 2])
        #expect(tree.matches(of: "42") == [7, 10])
        #expect(tree.matches(of: "true") == [8])
        #expect(tree.matches(of: "null") == [11])
        // A container matches by its key.
        #expect(tree.matches(of: "items") == [5])
        #expect(tree.matches(of: "") == [])
        #expect(tree.matches(of: "not there") == [])
    }

    @Test func matchesDecodedTextNotEscapes() throws {
        let tree = try JSONTree(text: Self.document)
        #expect(tree.matches(of: "café") == [3])
        #expect(tree.matches(of: "zürich") == [3])
        #expect(tree.matches(of: "u00e9") == [])
        #expect(tree.matches(of: "say \"hi\"") == [4])
        #expect(tree.matches(of: "Alias") == [12]) // an escaped key
        #expect(tree.matches(of: "\\") == [])
    }

    @Test func neverMatchesAcrossTokens() throws {
        let tree = try JSONTree(text: Self.document)
        #expect(tree.matches(of: "\": \"") == [])
        #expect(tree.matches(of: "Name\"") == [])
        #expect(tree.matches(of: "42, ") == [])
        #expect(tree.matches(of: "{") == [])
        #expect(try JSONTree(text: "  [\"a b\" , 1 ]  ").matches(of: " ") == [1])
    }

    @Test func caseInsensitiveBeyondASCII() throws {
        let tree = try JSONTree(text: Self.document)
        #expect(tree.matches(of: "émile", caseInsensitive: true) == [13])
        #expect(tree.matches(of: "école", caseInsensitive: true) == [13])
        #expect(tree.matches(of: "ÉCOLE") == [13])
        #expect(tree.matches(of: "école") == [])
        #expect(tree.matches(of: "CAFÉ", caseInsensitive: true) == [3])
    }

    @Test func findsEveryOccurrenceInARandomDocument() throws {
        var random = SplitMix64(seed: 7)
        let tree = try JSONTree(text: RandomJSON.document(&random, depth: 6))
        // Found the slow, obvious way: every key and scalar decoded and searched.
        func expected(_ needle: String, _ caseInsensitive: Bool) -> [Int] {
            func contains(_ text: String?) -> Bool {
                guard let text else { return false }
                return caseInsensitive ? text.lowercased().contains(needle.lowercased()) : text.contains(needle)
            }
            return (0..<tree.count).filter { node in
                contains(tree.key(of: node)) || contains(tree.scalarText(of: node)) || (tree.kind(of: node) == .null && contains("null"))
            }
        }
        for needle in ["é", "key", "\n", "😀", "a", "-1.5", "x y", "\"", "Y", "KEY", "É", "Nu", "ULL", "e", "5e"] {
            #expect(tree.matches(of: needle) == expected(needle, false), "\(needle.debugDescription)")
            #expect(tree.matches(of: needle, caseInsensitive: true) == expected(needle, true), "\(needle.debugDescription) ignoring case")
        }
    }
}

import Testing
import SondeCore

@Suite struct JSONTreePathTests {
    static let store = #"""
        {"store": {
          "book": [
            {"category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95},
            {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99},
            {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553", "price": 8.99},
            {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395", "price": 22.99}
          ],
          "bicycle": {"color": "red", "price": 399}
        },
        "next-page": "c2", "a'b": 1, "caf\u00e9": 2, "list": [0, 1, 2, 3, 4, 5]}
        """#

    /// What `path` selects, as compact JSON texts.
    func select(_ path: String, in text: String = store) throws -> [String] {
        let tree = try JSONTree(text: text)
        return try JSONPath(path).evaluate(in: tree).map { tree.prettyText(of: $0, indent: nil) }
    }

    @Test func rootAndMemberNames() throws {
        #expect(try select("$", in: "[1]") == ["[1]"])
        #expect(try select("$.store.bicycle.color") == [#""red""#])
        #expect(try select("$['store'][\"bicycle\"]['price']") == ["399"])
        #expect(try select("$.store.book[0].title") == [#""Sayings""#])
        #expect(try select("$.next-page") == [#""c2""#])
        #expect(try select("$['a\\'b']") == ["1"])
        #expect(try select("$['caf\\u00e9']") == ["2"])
        #expect(try select("$.café") == ["2"])
        #expect(try select("$.missing") == [])
        #expect(try select("$.list.name") == [])
    }

    @Test func indexesFromBothEnds() throws {
        #expect(try select("$.list[0]") == ["0"])
        #expect(try select("$.list[5]") == ["5"])
        #expect(try select("$.list[-1]") == ["5"])
        #expect(try select("$.list[-6]") == ["0"])
        #expect(try select("$.list[6]") == [])
        #expect(try select("$.list[-7]") == [])
        #expect(try select("$.store[0]") == [])
        #expect(try select("$.store.book[-1].author") == [#""J. R. R. Tolkien""#])
    }

    @Test func wildcards() throws {
        #expect(try select("$.store.bicycle.*") == [#""red""#, "399"])
        #expect(try select("$.store.bicycle[*]") == [#""red""#, "399"])
        #expect(try select("$.list[*]") == ["0", "1", "2", "3", "4", "5"])
        #expect(try select("$.store.book[*].price") == ["8.95", "12.99", "8.99", "22.99"])
        #expect(try select("$.list[0].*") == [])
    }

    @Test func slicesLikePython() throws {
        #expect(try select("$.list[1:3]") == ["1", "2"])
        #expect(try select("$.list[:2]") == ["0", "1"])
        #expect(try select("$.list[4:]") == ["4", "5"])
        #expect(try select("$.list[-2:]") == ["4", "5"])
        #expect(try select("$.list[:]") == ["0", "1", "2", "3", "4", "5"])
        #expect(try select("$.list[::2]") == ["0", "2", "4"])
        #expect(try select("$.list[1:5:3]") == ["1", "4"])
        #expect(try select("$.list[::-1]") == ["5", "4", "3", "2", "1", "0"])
        #expect(try select("$.list[4:1:-2]") == ["4", "2"])
        #expect(try select("$.list[-1:-3:-1]") == ["5", "4"])
        #expect(try select("$.list[3:1]") == [])
        #expect(try select("$.list[0:6:0]") == [])
        #expect(try select("$.list[-100:100]").count == 6)
        #expect(try select("$.list[ 1 : 3 ]") == ["1", "2"])
    }

    @Test func recursiveDescent() throws {
        #expect(try select("$..author") == [#""Nigel Rees""#, #""Evelyn Waugh""#, #""Herman Melville""#, #""J. R. R. Tolkien""#])
        #expect(try select("$..price") == ["8.95", "12.99", "8.99", "22.99", "399"])
        #expect(try select("$.store..isbn") == [#""0-553""#, #""0-395""#])
        #expect(try select("$..book[2].title") == [#""Moby Dick""#])
        #expect(try select("$..[0]") == [#"{"category":"reference","author":"Nigel Rees","title":"Sayings","price":8.95}"#, "0"])
        #expect(try select("$..*", in: #"{"a": [1, {"b": 2}]}"#) == [#"[1,{"b":2}]"#, "1", #"{"b":2}"#, "2"])
        // Children of a node before those of its descendants, as RFC 9535 orders them.
        #expect(try select("$..name", in: #"{"a": {"name": 2}, "name": 1}"#) == ["1", "2"])
    }

    @Test func unionsKeepTheirOrderAndRepeats() throws {
        #expect(try select("$.list[0,2]") == ["0", "2"])
        #expect(try select("$.list[2,0,2]") == ["2", "0", "2"])
        #expect(try select("$.list[-1, 0:2]") == ["5", "0", "1"])
        #expect(try select("$.store.bicycle['price','color']") == ["399", #""red""#])
        #expect(try select("$['list', 'next-page'][0]") == ["0"])
        #expect(try select("$..book[0,-1].title") == [#""Sayings""#, #""The Lord""#])
    }

    @Test func matchesEscapedKeysInTheDocument() throws {
        #expect(try select("$['a\"b']", in: #"{"a\"b": 1, "\u0061": 2}"#) == ["1"])
        #expect(try select("$.a", in: #"{"a\"b": 1, "\u0061": 2}"#) == ["2"])
        #expect(try select("$['😀']", in: #"{"\ud83d\ude00": 3}"#) == ["3"])
        #expect(try select("$['\\ud83d\\ude00']", in: #"{"😀": 3}"#) == ["3"])
    }

    @Test(arguments: [
        ("", 1, "a path starts with '$'"),
        ("data", 1, "a path starts with '$'"),
        ("$.", 3, "expected a name or '*' after '.'"),
        ("$.1a", 3, "expected a name or '*' after '.'"),
        ("$..", 4, "expected a name, '*' or '[' after '..'"),
        ("$a", 2, "expected '.', '..' or '['"),
        ("$.a b", 4, "expected '.', '..' or '['"),
        ("$[", 3, "expected a quoted name, an index, a slice or '*'"),
        ("$[]", 3, "expected a quoted name, an index, a slice or '*'"),
        ("$[1", 4, "expected ']' to close the '[' at column 2"),
        ("$[1,]", 5, "expected a quoted name, an index, a slice or '*'"),
        ("$[1.5]", 4, "expected ',' or ']'"),
        ("$[-]", 4, "expected a digit after '-'"),
        ("$[abc]", 3, "expected a quoted name, an index, a slice or '*'"),
        ("$['abc", 3, "unterminated name: expected a closing '"),
        ("$[\"a\\qb\"]", 5, "invalid escape"),
        ("$['\\u12']", 8, "expected four hex digits after \\u"),
        ("$['\\ud800']", 10, "expected a low surrogate"),
        ("$['\\udc00']", 4, "a lone low surrogate"),
        ("$[99999999999999999999]", 3, "number too large"),
        ("$[1:2:3:4]", 8, "expected ',' or ']'"),
        ("$.a[*", 6, "expected ']' to close the '[' at column 4"),
    ])
    func errorsSayWhereAndWhat(_ text: String, _ column: Int, _ message: String) {
        do {
            _ = try JSONPath(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.message.hasPrefix(message), "\(text): \(error)")
            #expect(error.description == "invalid JSONPath at column \(error.column): \(error.message)")
        }
    }

    @Test func parsedSegmentsAreInspectable() throws {
        let path = try JSONPath("$..a[1:,*,'b'].c")
        #expect(path.segments == [
            JSONPath.Segment(selectors: [.name("a")], isDescendant: true),
            JSONPath.Segment(selectors: [.slice(start: 1, end: nil, step: nil), .wildcard, .name("b")], isDescendant: false),
            JSONPath.Segment(selectors: [.name("c")], isDescendant: false),
        ])
        #expect(path.description == "$..a[1:,*,'b'].c")
    }

    @Test func rendersMatchesAsAPrettyArrayWithExactNumbers() throws {
        let page = try JSONTree(text: #"{"data": [{"id": 1.50, "tags": [], "o": {}}, {"id": -0.0e+10, "s": "a\u00e9\"", "n": [1, [2]]}], "meta": {"next_cursor": "c\u00e9", "done": false}}"#)
        let items = try JSONPath("$.data[*]").evaluate(in: page)
        #expect(page.arrayText(of: items) == #"""
            [
              {
                "id": 1.50,
                "tags": [],
                "o": {}
              },
              {
                "id": -0.0e+10,
                "s": "aé\"",
                "n": [
                  1,
                  [
                    2
                  ]
                ]
              }
            ]
            """#)
        #expect(page.arrayText(of: []) == "[]")
        #expect(page.arrayText(of: items, indent: nil) == #"[{"id":1.50,"tags":[],"o":{}},{"id":-0.0e+10,"s":"a\u00e9\"","n":[1,[2]]}]"#)
        let cursor = try #require(try JSONPath("$.meta.next_cursor").first(in: page))
        #expect(page.scalarText(of: cursor) == "cé")
        #expect(page.rawText(of: cursor) == #""c\u00e9""#)
        #expect(try JSONPath("$.meta.done").first(in: page).flatMap(page.scalarText(of:)) == "false")
        #expect(try JSONPath("$.meta.missing").first(in: page) == nil)
        #expect(page.rawText(of: try #require(try JSONPath("$.data[1].n").first(in: page))) == "[1, [2]]")
    }

    @Test func gathersItemsOfSeveralPagesIntoOneArray() throws {
        let first = try JSONTree(text: #"{"data": [{"id": 1}, {"id": 2}]}"#)
        let second = try JSONTree(text: #"{"data": [{"id": 3}]}"#)
        let path = try JSONPath("$.data[*]")
        let items = [first, second].flatMap { tree in path.evaluate(in: tree).map { (tree: tree, node: $0) } }
        #expect(JSONTree.arrayText(of: items, indent: nil) == #"[{"id":1},{"id":2},{"id":3}]"#)
        #expect(JSONTree.arrayText(of: items).hasPrefix("[\n  {\n    \"id\": 1\n  },\n  {"))
    }

    @Test func prettyTextAgreesWithJSONText() throws {
        var random = SplitMix64(seed: 99)
        for _ in 0..<20 {
            let text = RandomJSON.document(&random, depth: 4)
            let tree = try JSONTree(text: text)
            #expect(tree.prettyText(of: tree.root) == (try JSONText.prettyPrinted(Array(text.utf8)).get()))
        }
        // Large enough to grow the output buffer (4 KB at first) several times.
        let big = RandomJSON.document(&random, depth: 7)
        let tree = try JSONTree(text: big)
        #expect(big.utf8.count > 10_000)
        #expect(tree.prettyBytes(of: tree.root) == (try JSONText.prettyPrintedBytes(Array(big.utf8)).get()))
        // Indented output shows characters; compact output (NDJSON lines) keeps escapes as sent.
        let escaped = try JSONTree(text: #"{"k\u00e9": ["\u00fc\u001b\"", 1]}"#)
        #expect(escaped.prettyText(of: escaped.root) == "{\n  \"ké\": [\n    \"ü\\u001b\\\"\",\n    1\n  ]\n}")
        #expect(escaped.prettyText(of: escaped.root, indent: nil) == #"{"k\u00e9":["\u00fc\u001b\"",1]}"#)
    }
}

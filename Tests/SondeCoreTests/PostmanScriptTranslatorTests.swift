import Foundation
import Testing
@testable import SondeCore

/// Postman test scripts as `expect:`/`captures:`: each known shape, and scripts that must stay text.
@Suite struct PostmanScriptTranslatorTests {
    static func path(_ text: String) -> JSONPath { try! JSONPath(text) }

    struct Case: Sendable, CustomStringConvertible {
        var script: String
        var status: [Int] = []
        var headers: [Expectations.HeaderCheck] = []
        var json: [Expectations.JSONCheck] = []
        var captures: [Capture] = []
        var rest = ""
        var description: String { script }
    }

    static let cases: [Case] = [
        Case(script: "pm.response.to.have.status(200);", status: [200]),
        Case(script: "pm.expect(pm.response.code).to.eql(201);", status: [201]),
        Case(script: #"tests["Status code is 200"] = responseCode.code === 200;"#, status: [200]),
        Case(script: "tests['ok'] = responseCode.code == 204", status: [204]),
        Case(script: """
            pm.test("Status code is 200", function () {
                pm.response.to.have.status(200);
            });
            """, status: [200]),
        Case(script: #"pm.response.to.have.header("Content-Type");"#,
             headers: [.init(name: "Content-Type", predicate: .exists(true))]),
        Case(script: #"pm.response.to.have.header('ETag', "abc");"#,
             headers: [.init(name: "ETag", predicate: .equals(.string("abc")))]),
        Case(script: #"pm.expect(pm.response.json().user.name).to.eql("Ada");"#,
             json: [.init(path: path("$.user.name"), predicate: .equals(.string("Ada")))]),
        Case(script: """
            var jsonData = pm.response.json();
            pm.test("id", () => {
                pm.expect(jsonData.items[0]["the id"]).to.equal(7);
                pm.expect(jsonData.ok).to.eql(true);
            });
            """,
             json: [
                .init(path: path(#"$.items[0]["the id"]"#), predicate: .equals(.number(7, text: "7"))),
                .init(path: path("$.ok"), predicate: .equals(.bool(true))),
             ]),
        Case(script: #"pm.environment.set("token", pm.response.json().auth.token);"#,
             captures: [Capture(name: "token", source: .json(path("$.auth.token")), isSecret: true)]),
        Case(script: #"pm.collectionVariables.set('userId', pm.response.json().id)"#,
             captures: [Capture(name: "userId", source: .json(path("$.id")))]),
        Case(script: #"postman.setEnvironmentVariable("id", JSON.parse(responseBody).data.id);"#,
             captures: [Capture(name: "id", source: .json(path("$.data.id")))]),
        Case(script: #"pm.environment.set("etag", pm.response.headers.get("ETag"));"#,
             captures: [Capture(name: "etag", source: .header("ETag"))]),
        // Refused: conditionals and loops depend on the response; they stay text, whole.
        Case(script: """
            if (pm.response.code === 200) {
                pm.environment.set("id", pm.response.json().id);
            }
            """, rest: """
            if (pm.response.code === 200) {
                pm.environment.set("id", pm.response.json().id);
            }
            """),
        Case(script: """
            for (const item of pm.response.json().items) {
                pm.expect(item.id).to.eql(1);
            }
            """, rest: """
            for (const item of pm.response.json().items) {
                pm.expect(item.id).to.eql(1);
            }
            """),
        Case(script: #"pm.environment.set("x", pm.response.json().id ? 1 : 2);"#,
             rest: #"pm.environment.set("x", pm.response.json().id ? 1 : 2);"#),
        // A pm.test block with one untranslatable line is kept whole, the rest translated.
        Case(script: """
            pm.response.to.have.status(200);
            pm.test("count", function () {
                pm.response.to.have.status(200);
                pm.expect(pm.response.json().items.length).to.be.above(2);
            });
            """, status: [200], rest: """
            pm.test("count", function () {
                pm.response.to.have.status(200);
                pm.expect(pm.response.json().items.length).to.be.above(2);
            });
            """),
        // The alias stays with the text that uses it.
        Case(script: """
            var data = pm.response.json();
            pm.expect(data.id).to.eql(3);
            console.log(data);
            """, json: [.init(path: path("$.id"), predicate: .equals(.number(3, text: "3")))], rest: """
            var data = pm.response.json();
            console.log(data);
            """),
        Case(script: "pm.expect(pm.response.json().name).to.eql(someVariable);",
             rest: "pm.expect(pm.response.json().name).to.eql(someVariable);"),
    ]

    @Test(arguments: cases) func translates(_ example: Case) {
        let result = PostmanScriptTranslator.translate(example.script)
        #expect(result.expectations.status == example.status.map { .code($0) })
        #expect(result.expectations.headers == example.headers)
        #expect(result.expectations.json == example.json)
        #expect(result.captures == example.captures)
        #expect(result.rest == example.rest)
    }

    /// Through the importer: a translated test script becomes expect:/captures:, not a warning;
    /// what is left is kept as text and warned about.
    @Test func importerWritesTranslatedChecksAndKeepsTheRest() throws {
        let collection = """
            {"info": {"name": "T", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
             "item": [
              {"name": "All", "request": {"method": "GET", "url": "https://x.test/a"},
               "event": [{"listen": "test", "script": {"exec": ["pm.response.to.have.status(200);",
                 "pm.environment.set(\\"id\\", pm.response.json().id);"]}}]},
              {"name": "Part", "request": {"method": "GET", "url": "https://x.test/b"},
               "event": [{"listen": "test", "script": {"exec": ["pm.response.to.have.status(201);", "if (x) { y(); }"]}}]}
             ]}
            """
        let imported = try PostmanImporter.convertCollection(Data(collection.utf8), sourceName: "t.json")
        let all = imported.root.requests[0], part = imported.root.requests[1]
        #expect(all.definition.expectations.status == [.code(200)])
        #expect(all.definition.captures == [Capture(name: "id", source: .json(Self.path("$.id")))])
        #expect(all.kept.isEmpty)
        #expect(part.definition.expectations.status == [.code(201)])
        #expect(part.kept == [KeyValue("x-postman-test", "if (x) { y(); }")])
        #expect(imported.warnings.map(\.description) == [#"t.json item "Part": test script kept as text under x-postman-test: sonde runs no scripts"#])
        let yaml = ImportPlan.requestYAML(all)
        #expect(yaml.contains("expect:"))
        #expect(yaml.contains("captures:"))
    }
}

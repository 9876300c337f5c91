import Foundation
import SondeCore
import SondeOpenAPI
import Testing

/// The OpenAPI importer on documents written for it: what each operation becomes, that the
/// written collection loads without a problem, and that nothing unmapped goes unmentioned.
@Suite struct OpenAPIImporterTests {
    private typealias Support = OpenAPITestSupport

    @Test func aPetstoreIn30YAMLBecomesFoldersRequestsEnvironmentsAndAuth() throws {
        let imported = try Support.convert(OpenAPIFixtures.petstore30, "petstore.yaml")
        #expect(imported.name == "Pet Store")
        #expect(imported.description.contains("API version 1.2.0 (OpenAPI 3.0.3)."))
        #expect(imported.description.contains("Server https://{region}.petstore.example.com/v1: {region} is eu; it may also be us."))
        #expect(imported.root.folders.map(\.name) == ["pets", "store"])
        #expect(imported.root.folders[0].description == "Everything about pets")
        #expect(imported.root.folders[0].requests.map(\.definition.name) == ["List pets", "Create a pet", "getPet", "Delete a pet", "Upload a photo"])
        #expect(imported.root.requests.map(\.definition.name) == ["Health"])
        #expect(imported.environments == [
            ImportedEnvironment(name: "Production", variables: [KeyValue("baseUrl", "https://eu.petstore.example.com/v1")]),
            ImportedEnvironment(name: "Relative", variables: [KeyValue("baseUrl", "/v1")]),
        ])
        #expect(imported.variables == [KeyValue("baseUrl", "https://eu.petstore.example.com/v1"), KeyValue("petId", "7")])
        #expect(imported.defaults.auth == .bearer(token: "{{env:BEARER_AUTH}}"))

        let list = try #require(Support.request("List pets", in: imported.root)).definition
        #expect(list.url == "{{baseUrl}}/pets")
        // The operation's limit (required, default 20) replaces the path item's (optional, 10).
        #expect(list.params == [KeyValue("limit", "20"), KeyValue("status", "available", enabled: false)])
        #expect(list.headers == [KeyValue("X-Trace", "off", enabled: false), KeyValue("Cookie", "session=abc")])
        #expect(list.auth == .inherit)
        #expect(list.expectations == Expectations(status: [.code(200)]))

        let create = try #require(Support.request("Create a pet", in: imported.root))
        #expect(create.definition.body == .json("{\n  \"name\": \"Rex\",\n  \"tag\": \"string\"\n}"))
        #expect(create.definition.expectations.status == [.code(201)])
        #expect(create.kept.map(\.name) == ["x-openapi-links", "x-openapi-callbacks"])
        #expect(create.companions.map(\.suffix) == ["response.schema.json"])

        let get = try #require(Support.request("getPet", in: imported.root)).definition
        #expect(get.url == "{{baseUrl}}/pets/{{petId}}")
        #expect(get.auth == .none)
        let delete = try #require(Support.request("Delete a pet", in: imported.root)).definition
        #expect(delete.auth == .apiKey(name: "X-API-Key", value: "{{env:API_KEY}}", location: .header))
        #expect(delete.description.contains("Deprecated."))
        #expect(delete.expectations == Expectations(status: [.code(204)]))

        let photo = try #require(Support.request("Upload a photo", in: imported.root)).definition
        #expect(photo.body == .multipart([
            MultipartField(name: "caption", value: "Rex at the beach"), MultipartField(name: "file", value: "", isFile: true),
        ]))
        let order = try #require(Support.request("Place an order", in: imported.root)).definition
        #expect(order.body == .form([KeyValue("petId", "7"), KeyValue("quantity", "1")]))
        let health = try #require(Support.request("Health", in: imported.root)).definition
        #expect(health.auth == .oauth2ClientCredentials(OAuth2ClientCredentials(
            tokenURL: "https://auth.petstore.example.com/token", clientID: "{{env:OAUTH_CLIENT_ID}}",
            clientSecret: "{{env:OAUTH_CLIENT_SECRET}}", scope: "read")))

        #expect(imported.secretNames == ["BEARER_AUTH", "API_KEY", "OAUTH_CLIENT_ID", "OAUTH_CLIENT_SECRET"])
        #expect(imported.secretValues.isEmpty)
        let warnings = imported.warnings.map(\.description)
        for expected in [
            "petstore.yaml servers[1]: server url /v1 is relative to where the document is served",
            "petstore.yaml paths /pets post: callbacks have no place in sonde: kept as text under x-openapi-callbacks",
            "petstore.yaml paths /pets post: response 201 links (GetPet) have no place in sonde",
            "petstore.yaml paths /pets/{petId} delete: the operation is deprecated",
            "petstore.yaml paths /pets/{petId} get: x-rate-limit kept as text under x-rate-limit",
            "petstore.yaml: x-audience kept as text under x-audience in collection.yaml",
            "petstore.yaml paths /pets/{petId}/photo post: multipart part file is a file: written with an empty path",
        ] {
            #expect(warnings.contains { $0.hasPrefix(expected) }, "\(expected)\n\(warnings.joined(separator: "\n"))")
        }
    }

    @Test func theWrittenPetstoreLoadsAsImported() throws {
        let imported = try Support.convert(OpenAPIFixtures.petstore30, "petstore.yaml")
        let (folder, plan, collection) = try Support.writeAndLoad(imported)
        #expect(plan.requestIDs == [
            "health", "pets/list-pets", "pets/create-a-pet", "pets/getpet", "pets/delete-a-pet", "pets/upload-a-photo",
            "store/place-an-order",
        ])
        for id in plan.requestIDs {
            let loaded = try #require(collection.request(id: id))
            var expected = try #require(Support.request(loaded.definition.name, in: imported.root)).definition
            if id == "pets/list-pets" { expected.expectations.schema = .file("list-pets.response.schema.json") }
            if id == "pets/create-a-pet" { expected.expectations.schema = .file("create-a-pet.response.schema.json") }
            if id == "pets/getpet" { expected.expectations.schema = .file("getpet.response.schema.json") }
            #expect(loaded.definition == expected, "\(id)")
        }
        #expect(try folder.text("pets/getpet.yaml") == """
            name: getPet
            method: GET
            url: "{{baseUrl}}/pets/{{petId}}"
            auth:
              type: none
            expect:
              status: 200
              schema: getpet.response.schema.json
            x-rate-limit: 10

            """)
        #expect(try folder.text(".env.example").contains("BEARER_AUTH=\nAPI_KEY=\nOAUTH_CLIENT_ID=\nOAUTH_CLIENT_SECRET=\n"))
        #expect(try folder.text("collection.yaml").contains("x-audience: public"))
        #expect(try folder.text("pets/create-a-pet.yaml").contains("x-openapi-callbacks: |"))
    }

    @Test func responseSchemasStandAloneWithNullableAsATypeUnion() throws {
        let imported = try Support.convert(OpenAPIFixtures.petstore30, "petstore.yaml")
        let get = try #require(Support.request("getPet", in: imported.root))
        let text = try #require(get.companions.first?.contents)
        #expect(text == """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "$ref": "#/$defs/Pet",
              "$defs": {
                "Pet": {
                  "allOf": [
                    {
                      "$ref": "#/$defs/NewPet"
                    },
                    {
                      "type": "object",
                      "required": [
                        "id"
                      ],
                      "properties": {
                        "id": {
                          "type": "integer",
                          "format": "int64"
                        },
                        "owner": {
                          "anyOf": [
                            {
                              "allOf": [
                                {
                                  "$ref": "#/$defs/Owner"
                                }
                              ]
                            },
                            {
                              "type": "null"
                            }
                          ]
                        }
                      }
                    }
                  ]
                },
                "NewPet": {
                  "type": "object",
                  "required": [
                    "name"
                  ],
                  "properties": {
                    "name": {
                      "type": "string",
                      "example": "Rex"
                    },
                    "tag": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                },
                "Owner": {
                  "type": "object",
                  "properties": {
                    "name": {
                      "type": "string"
                    },
                    "age": {
                      "type": "integer",
                      "exclusiveMinimum": 0
                    }
                  }
                }
              }
            }

            """)
        let schema = try JSONSchema(data: Data(text.utf8))
        let good = #"{"id": 7, "name": "Rex", "tag": null, "owner": {"name": "Ada", "age": 30}}"#
        #expect(try schema.validate(Data(good.utf8)).isEmpty)
        #expect(try schema.validate(Data(#"{"id": 7, "name": "Rex", "owner": null}"#.utf8)).isEmpty)
        for bad in [#"{"name": "Rex"}"#, #"{"id": "7", "name": "Rex"}"#, #"{"id": 7, "name": "Rex", "owner": {"age": 0}}"#] {
            #expect(try !schema.validate(Data(bad.utf8)).isEmpty, "\(bad)")
        }
    }

    @Test func a31JSONWithCyclesUnionsOneOfTemplatedServersAndEverySchemeKind() throws {
        let imported = try Support.convert(OpenAPIFixtures.tree31, "tree.json")
        #expect(imported.environments == [
            ImportedEnvironment(name: "acme.tree.example.com:443", variables: [KeyValue("baseUrl", "https://acme.tree.example.com:443")]),
            ImportedEnvironment(name: "Local", variables: [KeyValue("baseUrl", "http://localhost:8080")]),
        ])
        #expect(imported.description.contains("{port} is 443; it may also be 8443."))
        #expect(imported.defaults.auth == .basic(username: "{{env:BASIC_USERNAME}}", password: "{{env:BASIC_PASSWORD}}"))
        func auth(_ name: String) throws -> AuthConfig { try #require(Support.request(name, in: imported.root)).definition.auth }
        #expect(try auth("Get a node") == .apiKey(name: "Cookie", value: "sid={{env:COOKIE_KEY}}", location: .header))
        #expect(try auth("Replace a node") == .apiKey(name: "api_key", value: "{{env:QUERY_KEY}}", location: .query))
        #expect(try auth("Patch a node") == .challenge(.digest, username: "{{env:DIGEST_USERNAME}}", password: "{{env:DIGEST_PASSWORD}}"))
        #expect(try auth("Log in") == .bearer(token: "{{env:CODE_ACCESS_TOKEN}}"))
        #expect(try auth("Who am I") == .bearer(token: "{{env:OIDC_ACCESS_TOKEN}}"))
        let login = try #require(Support.request("Log in", in: imported.root))
        #expect(login.kept.first?.name == "x-openapi-security")
        #expect(login.kept.first?.value.contains("authorizationUrl") == true)

        let replace = try #require(Support.request("Replace a node", in: imported.root)).definition
        #expect(replace.url == "{{baseUrl}}/nodes/{{id}}")
        #expect(replace.body == .json("{\n  \"name\": \"a\",\n  \"children\": []\n}"))
        // Generated from a recursive schema: the cycle ends in an empty list.
        let patch = try #require(Support.request("Patch a node", in: imported.root))
        #expect(patch.definition.body == .json("{\n  \"kind\": \"circle\",\n  \"r\": 0\n}"))
        #expect(patch.definition.expectations.status == [.class(2)])
        #expect(imported.variables.contains(KeyValue("id", "root")))
        #expect(imported.kept.map(\.name) == ["x-openapi-webhooks"])
        #expect(imported.warnings.contains { $0.message.hasPrefix("oauth2 flow authorizationCode is not run by sonde") })
        #expect(imported.warnings.contains { $0.message.hasPrefix("OpenID Connect is not run by sonde") })

        // The recursive schema stays a reference to itself, and validates trees of any depth.
        let get = try #require(Support.request("Get a node", in: imported.root))
        let schema = try JSONSchema(data: Data(try #require(get.companions.first?.contents).utf8))
        #expect(try schema.validate(Data(#"{"name": "r", "parent": null, "children": [{"name": "c", "children": [{"name": "g"}]}]}"#.utf8)).isEmpty)
        #expect(try !schema.validate(Data(#"{"name": "r", "children": [{"children": []}]}"#.utf8)).isEmpty)
        #expect(try !schema.validate(Data(#"{"name": "r", "parent": 5}"#.utf8)).isEmpty)
        let shape = try JSONSchema(data: Data(try #require(patch.companions.first?.contents).utf8))
        #expect(try shape.validate(Data(#"{"kind": "square", "side": 2}"#.utf8)).isEmpty)
        #expect(try !shape.validate(Data(#"{"kind": "square", "r": 2}"#.utf8)).isEmpty)

        _ = try Support.writeAndLoad(imported)
    }

    @Test func swagger2AndBrokenDocumentsAreRefusedWithWhereAndWhy() throws {
        #expect(throws: OpenAPIImportError.swagger2(file: "old.json")) {
            try Support.convert(#"{"swagger": "2.0", "info": {}, "paths": {}}"#, "old.json")
        }
        #expect("\(OpenAPIImportError.swagger2(file: "old.json"))" == "old.json: Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi) and import that")
        #expect(throws: OpenAPIImportError.unreadable(file: "a.yaml", line: 2, column: 8, reason: "mapping values are not allowed in this context")) {
            try Support.convert("openapi: 3.1.0\ninfo: a: b\n", "a.yaml")
        }
        #expect(throws: OpenAPIImportError.notOpenAPI(file: "b.yaml", reason: "openapi: 2.5 is not a version 3 document; sonde imports OpenAPI 3.0, 3.1 and 3.2")) {
            try Support.convert("openapi: '2.5'\n", "b.yaml")
        }
        do {
            _ = try Support.convert("openapi: 3.0.3\ninfo:\n  title: x\n  version: '1'\npaths:\n  /a:\n    get:\n      responses: 5\n", "c.yaml")
            Issue.record("a response map of 5 was read")
        } catch let error as OpenAPIImportError {
            guard case .invalid(let file, let line, let reason) = error else { Issue.record("\(error)"); return }
            #expect(file == "c.yaml")
            #expect(line == 8)
            #expect(!reason.isEmpty)
        }
    }

    /// Aliases of aliases ("billion laughs") are refused at once with where, as in collection
    /// files: 300 bytes expanding to 10^6 and more values grew `sonde import` past 1.6 GB.
    @Test func aliasesThatExpandTooFarAreRefusedAtOnce() throws {
        var text = "openapi: 3.0.0\ninfo: {title: bomb, version: '1'}\npaths:\n  /a: &a {get: {responses: {'200': {description: ok}}}}\n"
        text += "x1: &x1 [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        for level in 2...8 { text += "x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 10).joined(separator: ",") + "]\n" }
        let start = ContinuousClock.now
        do {
            _ = try Support.convert(text, "bomb.yaml")
            Issue.record("a billion laughs was read")
        } catch let error as OpenAPIImportError {
            guard case .unreadable(let file, let line, _, let reason) = error else { Issue.record("\(error)"); return }
            #expect(file == "bomb.yaml" && line >= 4, "\(error)")
            #expect(reason.contains("billion laughs"), "\(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func flowStyleYAMLIsNotTakenForBrokenJSON() throws {
        let imported = try Support.convert("{openapi: 3.1.0, info: {title: Flow, version: '1'}, paths: {/a: {get: {responses: {'204': {description: none}}}}}}", "f.yaml")
        #expect(imported.name == "Flow")
        #expect(imported.root.requests.map(\.definition.url) == ["{{baseUrl}}/a"])
        // Neither JSON nor YAML: the JSON parser's position and reason.
        do {
            _ = try Support.convert("{\"openapi\": \"3.1.0\",, ]", "g.json")
            Issue.record("broken JSON was read")
        } catch let error as OpenAPIImportError {
            guard case .unreadable(let file, let line, let column, let reason) = error else { Issue.record("\(error)"); return }
            #expect(file == "g.json" && line == 1 && column > 1 && !reason.isEmpty, "\(error)")
        }
    }

    @Test func aSchemaGraphTooLargeToExpandGivesABoundedExample() throws {
        // Ten schemas each referring to all the others: every path to depth 8 would be 10^8 values.
        let names = (0..<10).map { "S\($0)" }
        let schemas = names.map { name in
            "\(name): {type: object, properties: {" + names.map { "\($0.lowercased()): {$ref: '#/components/schemas/\($0)'}" }.joined(separator: ", ") + "}}"
        }.joined(separator: "\n    ")
        let text = """
            openapi: 3.0.3
            info: {title: Graph, version: '1'}
            paths:
              /s:
                post:
                  requestBody: {content: {application/json: {schema: {$ref: '#/components/schemas/S0'}}}}
                  responses: {'204': {description: none}}
            components:
              schemas:
                \(schemas)
            """
        let start = Date()
        let imported = try Support.convert(text, "graph.yaml")
        #expect(Date().timeIntervalSince(start) < 5)
        guard case .json(let body) = imported.root.requests.first?.definition.body else { Issue.record("no JSON body"); return }
        // The body's schema is S0 itself, so its s0 expands S0 once more; inside, S0 and S1 end.
        #expect(body.hasPrefix("{\n  \"s0\": {\n    \"s0\": null,\n    \"s1\": {\n      \"s0\": null,\n      \"s1\": null,"), "\(body.prefix(200))")
        #expect(body.utf8.count < 400_000)
    }

    @Test func theImporterIsReachedThroughTheOneSwitch() throws {
        let imported = try Importer.convert(
            Data(OpenAPIFixtures.tree31.utf8), format: .openapi, sourceName: "tree.json", converters: OpenAPIImporter.converters)
        #expect(imported.name == "Org Tree")
        #expect(ImportFormat.detect(Data(OpenAPIFixtures.petstore30.utf8), fileName: "") == .openapi)
        #expect(ImportFormat.detect(Data(OpenAPIFixtures.tree31.utf8), fileName: "") == .openapi)
    }
}

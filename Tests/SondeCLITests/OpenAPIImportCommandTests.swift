import Foundation
import Testing

/// `sonde import` of an OpenAPI document describing the demo server, then `sonde run` of the
/// imported collection against it: every request sends, and every expectation the import wrote
/// (the status and the response schema beside each request) passes.
@Suite struct OpenAPIImportCommandTests {
    /// A document for a few of the demo server's routes, at `base`.
    static func demo(base: String) -> String {
        """
        openapi: 3.2.0
        info: {title: Demo, version: '1'}
        servers:
          - url: \(base)
            description: Local demo
        security:
          - bearerAuth: []
        paths:
          /users:
            get:
              tags: [users]
              summary: List users
              parameters:
                - {name: page, in: query, schema: {type: integer, minimum: 1}}
                - {name: per_page, in: query, required: true, schema: {type: integer, default: 2}}
              responses:
                '200':
                  description: Users
                  content:
                    application/json:
                      schema: {type: array, items: {$ref: '#/components/schemas/User'}, maxItems: 2}
            post:
              tags: [users]
              summary: Create a user
              requestBody:
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/NewUser'}
              responses:
                '201':
                  description: Created
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/User'}
          /users/{id}:
            get:
              tags: [users]
              summary: Get a user
              parameters:
                - {name: id, in: path, required: true, schema: {type: integer, example: 2}}
              responses:
                '200':
                  description: A user
                  content:
                    application/json:
                      schema: {$ref: '#/components/schemas/User'}
          /auth/bearer:
            get:
              tags: [auth]
              summary: Bearer
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: object}
          /auth/api-key:
            get:
              tags: [auth]
              summary: API key
              security:
                - apiKey: []
              responses:
                '200':
                  description: ok
                  content:
                    application/json:
                      schema: {type: object}
        components:
          schemas:
            NewUser:
              type: object
              required: [name, email]
              properties:
                name: {type: string, example: Edsger Dijkstra}
                email: {type: string, format: email}
                role: {type: string, enum: [user, admin]}
            User:
              allOf:
                - $ref: '#/components/schemas/NewUser'
                - type: object
                  required: [id, role]
                  properties:
                    id: {type: integer, minimum: 1}
          securitySchemes:
            bearerAuth: {type: http, scheme: bearer}
            apiKey: {type: apiKey, in: header, name: X-API-Key}
        """
    }

    @Test func anImportedDemoAPIRunsWithEveryExpectationPassing() async throws {
        try await withServer { base in
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-openapi-cli-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: root) }
            let spec = root.appendingPathComponent("demo-api.yaml")
            try Data(Self.demo(base: base).utf8).write(to: spec)
            let collections = root.appendingPathComponent("collections")

            let imported = try await SondeBinary.run(["import", spec.path, "--into", collections.appendingPathComponent("demo-api").path])
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.stdout.contains("imported 5 requests from"))
            #expect(imported.stdout.contains("users/get-a-user.response.schema.json"))
            #expect(imported.stdout.contains("  BEARER_AUTH\n  API_KEY\n"))
            let schema = try String(contentsOf: collections.appendingPathComponent("demo-api/users/get-a-user.response.schema.json"), encoding: .utf8)
            #expect(schema.contains(##""$ref": "#/$defs/User""##))

            let run = try await SondeBinary.run(
                ["run", "demo-api", "--collections", collections.path],
                environment: ["BEARER_AUTH": "demo-token", "API_KEY": "demo-key"])
            #expect(run.status == 0, "\(run.output)")
            #expect(run.stdout.split(separator: "\n").last == "5 passed, 0 failed", "\(run.output)")

            // Without the secrets the API refuses, and the expectations say so.
            let refused = try await SondeBinary.run(
                ["run", "demo-api/auth", "--collections", collections.path], environment: ["BEARER_AUTH": "wrong", "API_KEY": "wrong"])
            #expect(refused.status != 0)
            #expect(refused.stdout.contains("status: expected 200, got 401"), "\(refused.output)")
        }
    }

    @Test func swagger2IsRefusedWithWhatToDo() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-openapi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let spec = root.appendingPathComponent("old.yaml")
        try Data("swagger: '2.0'\ninfo: {title: Old, version: '1'}\npaths: {}\n".utf8).write(to: spec)
        let result = try await SondeBinary.run(["import", spec.path, "--into", root.appendingPathComponent("out").path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("old.yaml: Swagger 2.0 is not supported; convert it to OpenAPI 3 (e.g. with swagger2openapi)"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }
}

import Foundation
import Testing

/// `sonde import` end to end for Insomnia exports and Bruno collection folders: the real binary
/// shows the tree with `--dry-run`, writes a folder that loads, and the imported request reaches
/// the demo server.
@Suite struct ImportInsomniaBrunoCommandTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func anInsomniaExportDryRunsThenImportsAndSends() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let token = "insomnia-token-canary-1"
        try await withServer { base in
            try write(#"""
                {"_type": "export", "__export_format": 4, "__export_source": "insomnia.desktop.app:v2023.5.8", "resources": [
                  {"_id": "wrk_1", "parentId": null, "name": "Shop API", "_type": "workspace"},
                  {"_id": "env_1", "parentId": "wrk_1", "name": "Base Environment", "data": {"baseUrl": "http://unused.invalid"}, "_type": "environment"},
                  {"_id": "env_2", "parentId": "env_1", "name": "Local", "data": {"baseUrl": "\#(base)", "token": "\#(token)"}, "_type": "environment"},
                  {"_id": "fld_1", "parentId": "wrk_1", "name": "Users", "authentication": {"type": "bearer", "token": "{{ _.token }}"},
                   "metaSortKey": 1, "_type": "request_group"},
                  {"_id": "req_1", "parentId": "fld_1", "name": "List users", "method": "GET", "url": "{{ _.baseUrl }}/users",
                   "parameters": [{"name": "per_page", "value": "2"}, {"name": "q", "value": "x", "disabled": true}],
                   "headers": [{"name": "X-Trace", "value": "{% uuid 'v4' %}"}], "body": {}, "authentication": {},
                   "metaSortKey": 1, "_type": "request"},
                  {"_id": "req_2", "parentId": "wrk_1", "name": "Ping", "method": "GET", "url": "{{ _.baseUrl }}/ping?at={% now 'millis' %}",
                   "metaSortKey": 2, "_type": "request"}
                ]}
                """#, to: root.appendingPathComponent("shop.json"))
            let dry = try await SondeBinary.run(["import", "shop.json", "--dry-run"], in: root)
            #expect(dry.status == 0, "\(dry.output)")
            #expect(dry.stdout == """
                would import 2 requests from shop.json (Insomnia exports) into collections/shop-api:
                  collections/shop-api/
                    collection.yaml
                    ping.yaml
                    users/
                      folder.yaml
                      list-users.yaml
                    environments/
                      local.yaml
                    .env.example
                secrets (set them in the environment or in collections/shop-api/.env; names in .env.example):
                  TOKEN
                warnings:
                  shop.json "Ping": template tag {% now %} kept as text: sonde does not run it, it is sent as written until replaced
                nothing written (--dry-run)

                """)
            #expect(!dry.output.contains(token))
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["shop.json"])

            let imported = try await SondeBinary.run(["import", "shop.json", "--into", "shop", "--secrets-to-dotenv"], in: root)
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.stdout.contains("(Insomnia exports)"))
            #expect(!imported.output.contains(token))
            let folder = root.appendingPathComponent("shop")
            #expect(try String(contentsOf: folder.appendingPathComponent(".env"), encoding: .utf8) == "TOKEN=\(token)\n")
            let sent = try await SondeBinary.run(["send", "shop/users/list-users", "--collections", root.path, "--env", "Local", "-v"])
            #expect(sent.status == 0, "\(sent.output)")
            #expect(sent.stdout.contains("Ada Lovelace"))
            #expect(sent.stderr.contains("> GET /users?per_page=2 HTTP/1.1"), "the disabled row is not sent: \(sent.stderr)")
            #expect(!sent.output.contains(token))
        }
    }

    @Test func aBrunoFolderDryRunsThenImportsAndSends() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try await withServer { base in
            let api = root.appendingPathComponent("pets-api")
            try write(#"{"version": "1", "name": "Pets", "type": "collection"}"#, to: api.appendingPathComponent("bruno.json"))
            try write("auth {\n  mode: bearer\n}\n\nauth:bearer {\n  token: {{token}}\n}\n", to: api.appendingPathComponent("collection.bru"))
            try write("""
                meta {
                  name: List users
                  type: http
                  seq: 1
                }

                get {
                  url: {{baseUrl}}/users?per_page=2
                  body: none
                  auth: inherit
                }

                params:query {
                  per_page: 2
                  ~q: ignored
                }

                tests {
                  test("ok", () => expect(res.status).to.equal(200));
                }
                """, to: api.appendingPathComponent("users/List users.bru"))
            try write("meta {\n  name: Users\n  seq: 1\n}\n", to: api.appendingPathComponent("users/folder.bru"))
            try write("vars {\n  baseUrl: \(base)\n}\nvars:secret [\n  token\n]\n", to: api.appendingPathComponent("environments/Local.bru"))

            let dry = try await SondeBinary.run(["import", "pets-api", "--dry-run"], in: root)
            #expect(dry.status == 0, "\(dry.output)")
            #expect(dry.stdout == """
                would import 1 request from pets-api (Bruno) into collections/pets:
                  collections/pets/
                    collection.yaml
                    users/
                      folder.yaml
                      list-users.yaml
                    environments/
                      local.yaml
                    .env.example
                secrets (set them in the environment or in collections/pets/.env; names in .env.example):
                  TOKEN
                warnings:
                  pets-api/users/List users.bru:18: tests kept as text under x-bruno-tests: sonde runs no scripts
                nothing written (--dry-run)

                """)

            // Naming its bruno.json imports the folder.
            let byConfig = try await SondeBinary.run(["import", "pets-api/bruno.json", "--dry-run"], in: root)
            #expect(byConfig.stdout == dry.stdout, "\(byConfig.output)")

            let imported = try await SondeBinary.run(["import", "pets-api", "--into", "pets"], in: root)
            #expect(imported.status == 0, "\(imported.output)")
            let folder = root.appendingPathComponent("pets")
            let environment = try String(contentsOf: folder.appendingPathComponent("environments/local.yaml"), encoding: .utf8)
            #expect(environment.contains("{{env:TOKEN}}"), "\(environment)")
            let request = try String(contentsOf: folder.appendingPathComponent("users/list-users.yaml"), encoding: .utf8)
            #expect(request.contains("x-bruno-tests"), "\(request)")
            let sent = try await SondeBinary.run(
                ["send", "pets/users/list-users", "--collections", root.path, "--env", "Local", "-v"], environment: ["TOKEN": "bruno-token-1"])
            #expect(sent.status == 0, "\(sent.output)")
            #expect(sent.stdout.contains("Ada Lovelace"))
            #expect(sent.stderr.contains("> GET /users?per_page=2 HTTP/1.1"), "\(sent.stderr)")

            try write("meta {\n  name: Broken\n}\n\nget {\n  url: x\n", to: api.appendingPathComponent("broken.bru"))
            let broken = try await SondeBinary.run(["import", "pets-api", "--dry-run"], in: root)
            #expect(broken.status == 2)
            #expect(broken.stderr == "error: pets-api/broken.bru:5: the block get opened here is never closed: a line `}` at the start ends it\n")
        }
    }
}

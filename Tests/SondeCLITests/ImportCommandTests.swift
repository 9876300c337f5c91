import Foundation
import Testing

/// `sonde import` end to end: the real binary writes a real folder, and each imported request,
/// sent by `sonde send`, reaches the demo server's /echo as the original curl command does.
@Suite struct ImportCommandTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// What /echo reported, less what differs by design: the User-Agent, sonde's X-Request-ID,
    /// and Accept-Encoding (sonde always accepts compression, curl only with --compressed).
    private struct Echo: Equatable, CustomStringConvertible {
        var method: String
        var path: String
        var args: [[String]]
        var headers: [String]
        var body: String
        var contentType: String?

        init(_ data: Data) throws {
            let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
            method = json["method"] as? String ?? ""
            path = json["path"] as? String ?? ""
            args = json["args"] as? [[String]] ?? []
            let ignored: Set<String> = ["user-agent", "x-request-id", "accept-encoding"]
            headers = (json["headers"] as? [[String]] ?? [])
                .filter { !ignored.contains($0[0].lowercased()) }
                .map { "\($0[0].lowercased()): \($0[1])" }
                .sorted()
            body = json["body"] as? String ?? ""
            contentType = json["contentType"] as? String
        }

        var description: String { "\(method) \(path) \(args)\n\(headers.joined(separator: "\n"))\n\(contentType ?? "-")\n\(body)" }
    }

    private func runShell(_ command: String, in directory: URL) async throws -> Data {
        let result = try await SondeBinary.runProgram("/bin/bash", ["-c", command], environment: [:], in: directory, timeout: 30)
        #expect(result.status == 0, "\(command)\n\(result.stderr)")
        return result.stdoutBytes
    }

    @Test func eachImportedRequestSendsWhatCurlSends() async throws {
        try await withServer { base in
            let root = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let collection = root.appendingPathComponent("copied")
            let commands = [
                // Chrome, "Copy as cURL (bash)".
                #"""
                curl '\#(base)/echo/v1/orders?page=2&q=caf%C3%A9' \
                  -H 'accept: application/json, text/plain, */*' \
                  -H 'accept-language: en-GB,en;q=0.9' \
                  -H 'authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln' \
                  -H 'content-type: application/json' \
                  -b 'sid=s%3Aabc.def; theme=dark' \
                  -H 'sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"' \
                  -H 'x-empty;' \
                  --data-raw $'{"note":"it\'s caf\u00e9","lines":"a\\nb"}' \
                  --compressed
                """#,
                // Firefox, multipart as --data-binary.
                #"""
                curl '\#(base)/echo/cart' --compressed -X POST -H 'Accept: */*' \
                  -H 'Content-Type: multipart/form-data; boundary=---------------------------3167' \
                  -H 'X-CSRF-Token: 9f8e7d6c5b4a3210' \
                  --data-binary $'-----------------------------3167\r\nContent-Disposition: form-data; name="note"\r\n\r\ncaf\xc3\xa9\r\n-----------------------------3167--\r\n' \
                  --globoff
                """#,
                "curl -sS \(base)/echo/form -d a=1 -d 'b=two words' -d c=x+y",
                "curl -G \(base)/echo/search -d x=1 --data-urlencode 'y=a b&c' -u ada:hunter22",
                "curl -X PUT '\(base)/echo/items/7' --json '{\"n\": [1, 2]}' -H 'X-Api-Key: k-12345678'",
                "curl \(base)/echo/upload --data-binary @payload.txt -H 'Content-Type: text/plain' -H 'X-Note: a: b # c'",
                "curl -XDELETE '\(base)/echo/x?ids=1,2&flag' -A 'custom agent' -e https://ref.test/",
            ]
            try write(commands.joined(separator: "\n"), to: root.appendingPathComponent("commands.sh"))
            let imported = try await SondeBinary.run(["import", "commands.sh", "--into", "copied", "--secrets-to-dotenv"], in: root)
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.stdout.contains("imported 7 requests from commands.sh (curl commands) into copied:"))
            #expect(imported.stdout.contains("try: sonde send copied/post-echo-v1-orders --collections \(root.standardizedFileURL.path)"))
            try write("line one\nline two\n", to: collection.appendingPathComponent("payload.txt"))

            let ids = ["post-echo-v1-orders", "post-echo-cart", "post-echo-form", "get-echo-search", "put-echo-items-7", "post-echo-upload", "delete-echo-x"]
            for (command, id) in zip(commands, ids) {
                let out = root.appendingPathComponent("\(id).json")
                let sent = try await SondeBinary.run(["send", "copied/\(id)", "--collections", root.path, "-o", out.path])
                #expect(sent.status == 0, "\(id): \(sent.output)")
                let bySonde = try Echo(try Data(contentsOf: out))
                let byCurl = try Echo(try await runShell(command.replacingOccurrences(of: "curl ", with: "curl -s "), in: collection))
                #expect(byCurl.headers.contains { $0.hasPrefix("host: 127.0.0.1:") }, "the echo was read: \(byCurl)")
                #expect(bySonde == byCurl, "\(id)\nsonde:\n\(bySonde)\ncurl:\n\(byCurl)")
            }
        }
    }

    @Test func dryRunShowsTheTreeSecretsAndWarningsAndWritesNothing() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("""
            curl https://api.example.com/users -H 'Authorization: Bearer secret-token-1' --frobnicate
            curl -X POST https://api.example.com/users -b cookies.txt
            """, to: root.appendingPathComponent("api.sh"))
        let result = try await SondeBinary.run(["import", "api.sh", "--dry-run"], in: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout == """
            would import 2 requests from api.sh (curl commands) into collections/api:
              collections/api/
                collection.yaml
                get-users.yaml
                post-users.yaml
                .env.example
            secrets (set them in the environment or in collections/api/.env; names in .env.example):
              API_TOKEN
            warnings:
              api.sh:1: unknown option --frobnicate, ignored
              api.sh:2: -b cookies.txt reads cookies from a file, which is not read; sonde keeps cookies in its own jar
            nothing written (--dry-run)

            """)
        #expect(!result.output.contains("secret-token-1"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["api.sh"])
    }

    @Test func aSecondImportAddsBesideAndOverwritesNothing() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write("curl https://a.test/users\ncurl https://a.test/users\n", to: root.appendingPathComponent("a.sh"))
        let first = try await SondeBinary.run(["import", "a.sh", "--into", "c"], in: root)
        #expect(first.status == 0, "\(first.output)")
        let firstFile = root.appendingPathComponent("c/get-users.yaml")
        try write("# edited by hand\nurl: https://a.test/users\n", to: firstFile)
        let second = try await SondeBinary.run(["import", "a.sh", "--into", "c"], in: root)
        #expect(second.status == 0, "\(second.output)")
        #expect(second.stdout.contains("into c (adding to what is there):\n  c/get-users-3.yaml\n  c/get-users-4.yaml\n"), "\(second.stdout)")
        #expect(!second.stdout.contains("collection.yaml"))
        #expect(try String(contentsOf: firstFile, encoding: .utf8) == "# edited by hand\nurl: https://a.test/users\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("c").path).sorted()
        #expect(names == ["collection.yaml", "get-users-2.yaml", "get-users-3.yaml", "get-users-4.yaml", "get-users.yaml"])
    }

    @Test func secretsStayOutOfYAMLAndDotEnvIsPrivateAndIgnored() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let secrets = ["eyJhbGciOiJIUzI1NiJ9.canary", "hunter2-canary", "sid=cookie-canary"]
        try write("""
            curl https://api.example.com/me -H 'Authorization: Bearer \(secrets[0])' -b '\(secrets[2])'
            curl -u ada:\(secrets[1]) https://api.example.com/login
            """, to: root.appendingPathComponent("s.sh"))
        let result = try await SondeBinary.run(["import", "s.sh", "--into", "s", "--secrets-to-dotenv"], in: root)
        #expect(result.status == 0, "\(result.output)")
        #expect(!secrets.contains { result.output.contains($0) })
        let folder = root.appendingPathComponent("s")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name != ".env" {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(!secrets.contains { text.contains($0) }, "\(name)")
        }
        let dotEnv = try String(contentsOf: folder.appendingPathComponent(".env"), encoding: .utf8)
        #expect(dotEnv == "API_TOKEN=\(secrets[0])\nAPI_COOKIE=\(secrets[2])\nAPI_PASSWORD=\(secrets[1])\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(".env").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOf: folder.appendingPathComponent(".gitignore"), encoding: .utf8) == ".env\n")
        #expect(try String(contentsOf: folder.appendingPathComponent(".env.example"), encoding: .utf8).hasSuffix("API_TOKEN=\nAPI_COOKIE=\nAPI_PASSWORD=\n"))
    }

    @Test func stdinHostileNamesAndTheDefaultFolder() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let command = #"printf '%s\n' "curl 'https://a.test/../../etc/passwd'" "curl 'https://a.test/%1b[31m'" | "$SONDE" import -"#
        let result = try await SondeBinary.runProgram("/bin/sh", ["-c", command], environment: ["SONDE": SondeBinary.url.path], in: root, timeout: 30)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("imported 2 requests from stdin (curl commands) into collections/imported:"))
        let names = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("collections/imported").path).sorted()
        #expect(names == ["collection.yaml", "get-1b-31m.yaml", "get-etc-passwd.yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["collections"])
    }

    @Test func unsupportedUnknownAndBrokenSourcesExitTwo() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try write(#"{"swagger": "2.0", "info": {"title": "x", "version": "1"}, "paths": {}}"#, to: root.appendingPathComponent("p.json"))
        try write("hello\n", to: root.appendingPathComponent("x.txt"))
        try write("curl 'https://a.test\n", to: root.appendingPathComponent("open.sh"))
        let openAPI = try await SondeBinary.run(["import", "p.json"], in: root)
        #expect(openAPI.status == 2)
        #expect(openAPI.stderr.contains("p.json: Swagger 2.0 is not supported; convert it to OpenAPI 3"), "\(openAPI.stderr)")
        let unknown = try await SondeBinary.run(["import", "x.txt"], in: root)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("x.txt: not a format sonde knows"))
        let forced = try await SondeBinary.run(["import", "x.txt", "--format", "curl"], in: root)
        #expect(forced.status == 2)
        #expect(forced.stderr == "error: x.txt: no curl command with a URL found\n")
        let broken = try await SondeBinary.run(["import", "open.sh"], in: root)
        #expect(broken.status == 2)
        #expect(broken.stderr == "error: open.sh:1: the quote ' opened here is never closed\n")
        let missing = try await SondeBinary.run(["import", "nope.sh"], in: root)
        #expect(missing.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["open.sh", "p.json", "x.txt"])
    }

    @Test func anHTTPFileComesWithItsEnvironmentsAndItsPrivateValuesAsSecrets() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let token = "private-token-canary-42"
        try await withServer { base in
            try write("""
                ### List users
                GET {{base}}/users?per_page=2
                Authorization: Bearer {{token}}
                """, to: root.appendingPathComponent("api/users.http"))
            try write(#"{"dev": {"base": "\#(base)"}}"#, to: root.appendingPathComponent("api/http-client.env.json"))
            try write(#"{"dev": {"token": "\#(token)"}}"#, to: root.appendingPathComponent("api/http-client.private.env.json"))
            let imported = try await SondeBinary.run(["import", "api/users.http", "--into", "users", "--secrets-to-dotenv"], in: root)
            #expect(imported.status == 0, "\(imported.output)")
            #expect(!imported.output.contains(token))
            let folder = root.appendingPathComponent("users")
            let environment = try String(contentsOf: folder.appendingPathComponent("environments/dev.yaml"), encoding: .utf8)
            #expect(environment.contains("{{env:TOKEN}}") && !environment.contains(token), "\(environment)")
            #expect(try String(contentsOf: folder.appendingPathComponent(".env"), encoding: .utf8) == "TOKEN=\(token)\n")
            let sent = try await SondeBinary.run(["send", "users/list-users", "--collections", root.path, "--env", "dev"])
            #expect(sent.status == 0, "\(sent.output)")
            #expect(sent.stdout.contains("Ada Lovelace"))
        }
    }

    @Test func aPostmanCollectionAndItsEnvironmentImportAndSend() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let token = "demo-token"
        try await withServer { base in
            try write(#"""
                {"info": {"name": "Shop API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                 "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{token}}", "type": "string"}]},
                 "item": [{"name": "Users", "item": [
                   {"name": "List users", "request": {"method": "GET", "header": [{"key": "Accept", "value": "application/json"}],
                    "url": {"raw": "{{baseUrl}}/users?per_page=2&q=ignored", "host": ["{{baseUrl}}"], "path": ["users"],
                            "query": [{"key": "per_page", "value": "2"}, {"key": "q", "value": "ignored", "disabled": true}]}},
                    "event": [{"listen": "test", "script": {"exec": ["pm.response.to.have.status(200);"]}}]}]}]}
                """#, to: root.appendingPathComponent("shop.postman_collection.json"))
            try write(#"""
                {"name": "local", "_postman_variable_scope": "environment",
                 "values": [{"key": "baseUrl", "value": "\#(base)", "enabled": true},
                            {"key": "token", "value": "\#(token)", "type": "secret", "enabled": true}]}
                """#, to: root.appendingPathComponent("local.postman_environment.json"))
            let collection = try await SondeBinary.run(["import", "shop.postman_collection.json", "--into", "shop"], in: root)
            #expect(collection.status == 0, "\(collection.output)")
            #expect(collection.stdout.contains("(Postman collections)"))
            #expect(!collection.output.contains("script"), "the status check is translated, not kept: \(collection.output)")
            let environment = try await SondeBinary.run(
                ["import", "local.postman_environment.json", "--into", "shop", "--secrets-to-dotenv"], in: root)
            #expect(environment.status == 0, "\(environment.output)")
            #expect(!environment.output.contains(token))
            let folder = root.appendingPathComponent("shop")
            let yaml = try String(contentsOf: folder.appendingPathComponent("environments/local.yaml"), encoding: .utf8)
            #expect(yaml.contains("{{env:TOKEN}}") && !yaml.contains(token), "\(yaml)")
            let request = try String(contentsOf: folder.appendingPathComponent("users/list-users.yaml"), encoding: .utf8)
            #expect(!request.contains("x-postman-test") && request.contains("expect:"), "\(request)")
            let sent = try await SondeBinary.run(["send", "shop/users/list-users", "--collections", root.path, "--env", "local", "-v"])
            #expect(sent.status == 0, "\(sent.output)")
            #expect(sent.stdout.contains("Ada Lovelace"))
            #expect(sent.stderr.contains("> GET /users?per_page=2 HTTP/1.1"), "the disabled row is not sent: \(sent.stderr)")
            #expect(!sent.output.contains(token))
        }
    }
}

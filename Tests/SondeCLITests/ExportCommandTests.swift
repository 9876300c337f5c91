import Foundation
import Testing

/// `sonde export` and `sonde send --url` end to end: the real binary, real temp folders, the
/// demo server's /echo.
@Suite struct ExportCommandTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// /echo's report less what differs by design (User-Agent, X-Request-ID, Accept-Encoding).
    private func echo(_ data: Data) throws -> String {
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(String(decoding: data, as: UTF8.self))")
        let ignored: Set<String> = ["user-agent", "x-request-id", "accept-encoding"]
        let headers = (json["headers"] as? [[String]] ?? []).filter { !ignored.contains($0[0].lowercased()) }
            .map { "\($0[0].lowercased()): \($0[1])" }.sorted()
        return "\(json["method"] ?? "") \(json["path"] ?? "") \(json["args"] ?? "")\n\(headers.joined(separator: "\n"))\n\(json["body"] ?? "")"
    }

    /// A small collection against `base`: a folder header, bearer auth from a secret, a JSON
    /// body with a quote, a form, a query with spaces.
    private func makeCollection(at root: URL, base: String) throws {
        try write("name: Shop\nheaders:\n  - {name: X-Team, value: core}\n", to: root.appendingPathComponent("shop/collection.yaml"))
        try write("variables:\n  baseUrl: \(base)\n", to: root.appendingPathComponent("shop/environments/local.yaml"))
        try write("""
            name: Create
            method: POST
            url: "{{baseUrl}}/echo/orders"
            params:
              - {name: q, value: "two words & more"}
            auth: {type: bearer, token: "{{env:SHOP_TOKEN}}"}
            body:
              type: json
              content: {note: "it's \\"quoted\\"", n: 2}
            """, to: root.appendingPathComponent("shop/orders/create.yaml"))
        try write("""
            name: Form
            method: PUT
            url: "{{baseUrl}}/echo/form"
            headers:
              - {name: X-Off, value: no, enabled: false}
            body:
              type: form
              fields: {a: "1", b: "x y"}
            """, to: root.appendingPathComponent("shop/orders/form.yaml"))
    }

    @Test func theExportedCurlSendsWhatSondeSends() async throws {
        try await withServer { base in
            let root = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            try makeCollection(at: root, base: base)
            let secret = ["SHOP_TOKEN": "tok-123456789"]
            let exported = try await SondeBinary.run(["export", "shop/orders", "--format", "curl", "--env", "local", "--collections", root.path], environment: secret)
            #expect(exported.status == 0, "\(exported.output)")
            #expect(exported.stdout.contains(#""${SHOP_TOKEN}""#), "\(exported.stdout)")
            #expect(!exported.stdout.contains("tok-123456789"))
            // Run each command as printed, in bash, and compare with sonde's own send.
            let commands = exported.stdout.components(separatedBy: "\n\n").filter { $0.contains("curl") }
            #expect(commands.count == 2, "\(exported.stdout)")
            for (command, id) in zip(commands, ["orders/create", "orders/form"]) {
                let byCurl = try await SondeBinary.runProgram("/bin/bash", ["-c", command.replacingOccurrences(of: "\ncurl ", with: "\ncurl -s ")], environment: secret, timeout: 30)
                #expect(byCurl.status == 0, "\(command)\n\(byCurl.stderr)")
                let bySonde = try await SondeBinary.run(["send", "shop/\(id)", "--env", "local", "--collections", root.path, "--raw"], environment: secret)
                #expect(bySonde.status == 0, "\(bySonde.output)")
                // sonde masks the secret in what it prints, the echo's copy of the header included.
                let sentByCurl = try echo(byCurl.stdoutBytes).replacingOccurrences(of: "tok-123456789", with: "\u{2022}\u{2022}\u{2022}\u{2022}")
                let sentBySonde = try echo(bySonde.stdoutBytes)
                #expect(sentByCurl == sentBySonde, "\(command)\ncurl:\n\(sentByCurl)\nsonde:\n\(sentBySonde)")
            }
        }
    }

    @Test func exportToHTTPAndPostmanImportsBackAndNeverOverwrites() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeCollection(at: root, base: "http://127.0.0.1:1")
        for format in ["http", "postman"] {
            let file = root.appendingPathComponent("out.\(format)").path
            let exported = try await SondeBinary.run(["export", "shop", "--format", format, "--collections", root.path, "-o", file])
            #expect(exported.status == 0, "\(exported.output)")
            #expect(exported.stderr.contains("exported 2 requests to"), "\(exported.output)")
            let again = try await SondeBinary.run(["export", "shop", "--format", format, "--collections", root.path, "-o", file])
            #expect(again.status == 6, "send's code for an -o file not written")
            #expect(again.stderr.contains("never overwrites"), "\(again.output)")
            let imported = try await SondeBinary.run(["import", file, "--into", root.appendingPathComponent("back-\(format)").path, "--format", format == "http" ? "http" : "postman"])
            #expect(imported.status == 0, "\(imported.output)")
            #expect(imported.stdout.contains("imported 2 requests"), "\(imported.output)")
            #expect(imported.stdout.contains("SHOP_TOKEN"), "\(imported.output)")
        }
        let http = try String(contentsOfFile: root.appendingPathComponent("out.http").path, encoding: .utf8)
        #expect(http.contains("Authorization: Bearer {{$processEnv SHOP_TOKEN}}"), "\(http)")
        #expect(http.contains("### Form"))
    }

    @Test func anUnknownTargetSaysWhatThereIs() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try makeCollection(at: root, base: "http://127.0.0.1:1")
        let result = try await SondeBinary.run(["export", "shop/orders/nope", "--format", "http", "--collections", root.path])
        #expect(result.status == 3 || result.status != 0)
        #expect(result.stderr.contains("no request orders/nope"), "\(result.output)")
    }

    /// A request using a value its flow captures exports too: the value is not there, so the
    /// command reads it from the shell ("${token}"), as it does a secret, and sonde says so.
    @Test func capturedValuesExportAsShellVariables() async throws {
        let folder = try DemoCollectionCopy()
        let result = try await SondeBinary.run(["export", "demo", "--format", "curl", "--env", "local", "--collections", folder.root.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(#"-H 'Authorization: Bearer '"${token}""#), "\(result.stdout)")
        #expect(result.stderr.contains("set token before running the commands"), "\(result.stderr)")
        #expect(!result.stdout.contains("sonde-export-capture"))
    }

    // MARK: - send --url

    @Test func sendURLSendsAnAdHocRequestMasksItsSecretAndSavesIt() async throws {
        try await withServer { base in
            let root = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: root) }
            let arguments = ["send", "--url", "\(base)/echo/things?x=1", "-X", "PATCH", "-H", "X-One: 1", "-H", "Authorization: Bearer adhoc-secret-99",
                             "--json", #"{"a": "b"}"#]
            // A relative --save is under the collections folder, as request ids are.
            let sent = try await SondeBinary.run(arguments + ["-v", "--raw", "--save", "saved/thing", "--collections", "."], in: root)
            #expect(sent.status == 0, "\(sent.output)")
            #expect(!sent.stderr.contains("adhoc-secret-99"), "\(sent.stderr)")
            #expect(sent.stderr.contains("saved the request to saved/thing.yaml"), "\(sent.stderr)")
            let echoed = try echo(sent.stdoutBytes)
            #expect(echoed.hasPrefix("PATCH /echo/things"), "\(echoed)")
            #expect(echoed.contains("x-one: 1"))
            #expect(echoed.contains(#"{"a": "b"}"#))
            let file = try String(contentsOf: root.appendingPathComponent("saved/thing.yaml"), encoding: .utf8)
            #expect(!file.contains("adhoc-secret-99"), "\(file)")
            #expect(file.contains("{{env:"), "\(file)")

            // A second save never overwrites: it takes -2.
            let second = try await SondeBinary.run(arguments + ["--save", "saved/thing", "--collections", "."], in: root)
            #expect(second.status == 0, "\(second.output)")
            #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("saved/thing-2.yaml").path))
            #expect(try String(contentsOf: root.appendingPathComponent("saved/thing.yaml"), encoding: .utf8) == file)

            // The README's example: saved into a collection under ./collections, then sent by its id.
            let collection = root.appendingPathComponent("collections/demo")
            try FileManager.default.createDirectory(at: collection.appendingPathComponent("users"), withIntermediateDirectories: true)
            try Data("name: Demo\n".utf8).write(to: collection.appendingPathComponent("collection.yaml"))
            let kept = try await SondeBinary.run(["send", "--url", "\(base)/users", "--save", "demo/users/ada"], in: root)
            #expect(kept.stderr.contains("saved the request to collections/demo/users/ada.yaml"), "\(kept.stderr)")
            let again = try await SondeBinary.run(["send", "demo/users/ada"], in: root)
            #expect(again.status == 0, "\(again.output)")
        }
    }

    @Test func sendURLTakesTheSameExitCodesAsSend() async throws {
        // A flag written wrong is a wrong command line (64), as send's table says.
        for flags in [["-H", "NoColon"], ["-X", "GE T"]] {
            let wrong = try await SondeBinary.run(["send", "--url", "http://127.0.0.1:1/x"] + flags)
            #expect(wrong.status == 64, "\(flags): \(wrong.output)")
            #expect(wrong.stderr.contains(flags[0]), "\(wrong.stderr)")
        }
        try await withServer { base in
            let refused = try await SondeBinary.run(["send", "--url", "http://127.0.0.1:1/x"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("error:"))
            let both = try await SondeBinary.run(["send", "demo/users/list", "--url", "\(base)/users"])
            #expect(both.status == 64, "\(both.output)")
            let form = try await SondeBinary.run(["send", "--url", "\(base)/echo/f", "-d", "a=1", "-d", "b=2", "--raw"])
            #expect(form.status == 0, "\(form.output)")
            let echoed = try echo(form.stdoutBytes)
            #expect(echoed.hasPrefix("POST /echo/f"), "\(echoed)")
            #expect(echoed.hasSuffix("a=1&b=2"), "\(echoed)")

            // -d @file sends the file, as curl does (it sent the text "@body.json").
            let folder = try temporaryFolder()
            defer { try? FileManager.default.removeItem(at: folder) }
            try Data(#"{"from": "a file"}"#.utf8).write(to: folder.appendingPathComponent("body.json"))
            let file = try await SondeBinary.run(["send", "--url", "\(base)/echo/f", "-d", "@body.json", "--raw"], in: folder)
            #expect(file.status == 0, "\(file.output)")
            #expect(try echo(file.stdoutBytes).hasSuffix(#"{"from": "a file"}"#))
        }
    }
}

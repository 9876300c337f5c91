import Foundation
import SondeDemoServer
import SondeTestSupport
import Testing

/// What `sonde send` prints of a hostile server's answer and of hostile collection files: no
/// escape byte reaches the terminal, invisible characters show by name, and `--curl` prints a
/// command that is safe to paste and sends what sonde sends.
@Suite struct HostileOutputTests {
    static let osc52 = "\u{1B}]52;c;cHduZWQ=\u{07}"

    /// 100,000 nested arrays (200 kB) once asked for 13 GB of indentation and aborted `sonde send`.
    @Test func jsonTooDeepToIndentIsPrintedAsReceivedWithANote() async throws {
        let body = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let server = try CannedResponseServer(response: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body)
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("hostile/deep.yaml", "url: \"{{baseUrl}}/deep\"\n")
        let result = try await SondeBinary.run(
            ["send", "demo/hostile/deep", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(server.url)", "--pretty"],
            timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("[[[[") && result.stdout.utf8.count <= body.utf8.count + 1)
        #expect(result.stderr.contains("sonde: the JSON body nests deeper than 512 levels: printed as received, not indented"))
    }

    /// Pretty JSON shows `\u00fc` as `ü`, but escapes of what a terminal obeys or hides stay escapes.
    @Test func prettyJSONPrintsCharactersAndKeepsUnsafeEscapes() async throws {
        let body = #"{"a":"\u00fc\ud83d\ude00","e":"\u001b[2J","b":"\u202e","l":"\ud800"}"#
        let server = try CannedResponseServer(response: "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body)
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("hostile/escapes.yaml", "url: \"{{baseUrl}}/escapes\"\n")
        let result = try await SondeBinary.run(
            ["send", "demo/hostile/escapes", "--pretty", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(server.url)"],
            timeout: 30)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "{\n  \"a\": \"ü😀\",\n  \"e\": \"\\u001b[2J\",\n  \"b\": \"\\u202e\",\n  \"l\": \"\\ud800\"\n}\n")
    }

    @Test func escapeSequencesInHeaderNamesAndTheReasonPhraseNeverReachTheTerminal() async throws {
        let body = "bidi \u{202E}txt.exe zero\u{200B}width\n"
        let server = try CannedResponseServer(response: "HTTP/1.1 200 OK \u{1B}[2J\u{202E}gnp.exe\r\n"
            + "X-\(Self.osc52)Name: v\r\n"
            + "X-Title: \u{1B}]0;pwned\u{07}\u{FEFF}\r\n"
            + "Location: /next\u{1B}[2J\r\n"
            + "Content-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body)
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("hostile/get.yaml", """
            url: "{{baseUrl}}/x"
            headers:
              - {name: "X-Req\\e]0;title\\a\\u202E", value: "v\\e[2J"}
            """)
        let send = "\(SondeBinary.url.path) send --env local --collections \(folder.root.path) --var baseUrl=\(server.url)"

        let shown = try await SondeBinary.runInTerminal("\(send) -v --timing demo/hostile/get")
        #expect(shown.contains("\\x1b]52;c;cHduZWQ=\\x07Name: v"), "the header name is printed, inert:\n\(shown)")
        #expect(shown.contains("<U+202E>gnp.exe"))
        #expect(shown.contains("bidi <U+202E>txt.exe zero<U+200B>width"))
        let curl = try await SondeBinary.runInTerminal("\(send) --curl demo/hostile/get")
        #expect(curl.contains("curl"), "\(curl)")
        for output in [shown, curl] {
            #expect(!output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B }, "a raw escape reached the terminal:\n\(output)")
            #expect(!output.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B || $0.value == 0xFEFF })
        }
        // Through pipes stderr is inert all the same; stdout keeps the body's bytes for the next program.
        let piped = try await SondeBinary.run(["send", "-v", "demo/hostile/get", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(server.url)"])
        #expect(!piped.stderr.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E })
        #expect(piped.stdout == body)
    }

    @Test func aSecretShorterThanFourCharactersIsWarnedAboutOnce() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("short/pin.yaml", """
                url: "{{baseUrl}}/echo/pin"
                headers:
                  - {name: X-Pin, value: "{{env:PIN}}"}
                  - {name: X-Token, value: "{{env:TOKEN}}"}
                """)
            let arguments = ["send", "demo/short/pin", "-v", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"]
            let warning = "sonde: warning: {{env:PIN}} is shorter than 4 characters: masked only where it stands alone, not inside other text\n"
            let short = try await SondeBinary.run(arguments, environment: ["PIN": "12", "TOKEN": "long-enough"])
            #expect(short.status == 0)
            #expect(short.stderr.components(separatedBy: warning).count == 2, "once:\n\(short.stderr)")
            #expect(short.stderr.contains("http://127.0.0.1:"), "127.0.0.1 is not garbled by a secret 12")
            let curl = try await SondeBinary.run(arguments + ["--curl"], environment: ["PIN": "12", "TOKEN": "long-enough"])
            #expect(curl.stderr == warning)
            let long = try await SondeBinary.run(arguments, environment: ["PIN": "1234", "TOKEN": "long-enough"])
            #expect(long.status == 0)
            #expect(!long.stderr.contains("warning"))
        }
    }

    /// The printed command, run by bash with the secret's variable exported, sends what
    /// `sonde send` sends: compared through the demo server's /echo, which `-o` saves unmasked.
    @Test func theCurlCommandRunsAsPrintedAndSendsWhatSondeSends() async throws {
        let secret = "s3cr3tK+ey/AbC== é&@:%x"
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("curl/get.yaml", """
                url: "{{baseUrl}}/echo/get"
                params:
                  - {name: plain, value: "a b+c"}
                  - {name: token, value: "pre {{env:SECRET}}"}
                  - {name: last, value: "z"}
                headers:
                  - {name: X-Secret, value: "pre {{env:SECRET}} post"}
                auth: {type: bearer, token: "{{env:SECRET}}"}
                """)
            try folder.write("curl/query-key.yaml", """
                url: "{{baseUrl}}/echo/query?fixed=1"
                auth: {type: api_key, name: api_key, value: "{{env:SECRET}}", in: query}
                """)
            try folder.write("curl/form.yaml", """
                method: POST
                url: "{{baseUrl}}/echo/form"
                body:
                  type: form
                  fields:
                    - {name: name, value: "Ada Lovelace"}
                    - {name: field, value: "x {{env:SECRET}}"}
                auth: {type: basic, username: demo, password: "{{env:SECRET}}"}
                """)
            try folder.write("curl/json.yaml", """
                method: POST
                url: "{{baseUrl}}/echo/json"
                body:
                  type: json
                  content: '{"s": "{{env:SECRET}}", "n": 1}'
                auth: {type: api_key, name: X-API-Key, value: "{{env:SECRET}}", in: header}
                """)
            let environment = ["SECRET": secret]
            for request in ["curl/get", "curl/query-key", "curl/form", "curl/json"] {
                let common = ["demo/\(request)", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"]
                let saved = folder.root.appendingPathComponent("sent.json")
                let sent = try await SondeBinary.run(["send", "-o", saved.path] + common, environment: environment)
                #expect(sent.status == 0, "\(request): \(sent.output)")
                let printed = try await SondeBinary.run(["send", "--curl"] + common, environment: environment)
                #expect(printed.status == 0)
                #expect(!printed.stdout.contains(secret) && !printed.stdout.contains("s3cr3t"), "\(printed.stdout)")
                #expect(!printed.stdout.contains("••••"), "the command runs as printed:\n\(printed.stdout)")
                let ran = try await runBash(printed.stdout.trimmingCharacters(in: .newlines) + " --silent --show-error", environment: environment)
                #expect(ran.status == 0, "\(request): \(ran.stderr)\n\(printed.stdout)")
                let bySonde = try EchoedRequest(try Data(contentsOf: saved))
                let byCurl = try EchoedRequest(Data(ran.stdout.utf8))
                #expect(bySonde == byCurl, "\(request) printed as\n\(printed.stdout)")
                #expect(([bySonde.body] + bySonde.arguments + bySonde.headers.values).contains { $0.contains(secret) }, "the secret was sent")
            }
        }
    }

    private func runBash(_ command: String, environment: [String: String]) async throws -> RunResult {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-curl-\(UUID().uuidString).sh")
        try Data(command.utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        return try await SondeBinary.runProgram("/bin/bash", [script.path], environment: environment, timeout: 30)
    }
}

/// The parts of a request the demo server's /echo reports that sonde and curl must agree on.
struct EchoedRequest: Equatable {
    var method: String
    var path: String
    /// Query pairs, decoded.
    var arguments: [String]
    /// The headers sonde sets from the request file (curl and sonde differ in User-Agent and
    /// Accept-Encoding), by lower-cased name.
    var headers: [String: String]
    /// The body; a form's decoded into its pairs, since curl and sonde may escape differently.
    var body: String

    init(_ data: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
        method = object["method"] as? String ?? ""
        path = object["path"] as? String ?? ""
        arguments = (object["args"] as? [[String]] ?? []).map { $0.joined(separator: "=") }
        var headers: [String: String] = [:]
        for pair in object["headers"] as? [[String]] ?? [] where ["authorization", "x-secret", "x-api-key", "content-type"].contains(pair[0].lowercased()) {
            headers[pair[0].lowercased()] = pair[1]
        }
        self.headers = headers
        let body = object["body"] as? String ?? ""
        if headers["content-type"]?.hasPrefix("application/x-www-form-urlencoded") == true {
            self.body = body.split(separator: "&").map { ($0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)) }.joined(separator: "\n")
        } else {
            self.body = body
        }
    }
}

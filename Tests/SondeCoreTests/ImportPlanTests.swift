import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// What `sonde import` writes: names that never overwrite or escape the folder, secrets only in
/// `.env`, kept keys the loader reads past, and collections that load back as imported.
@Suite struct ImportPlanTests {
    private func written(_ imported: ImportedCollection, into folder: TemporaryFolder, dotEnv: Bool = false) throws -> ImportPlan {
        let plan = try ImportPlan.make(imported, into: try ImportWriter.target(at: folder.url), secretsToDotEnv: dotEnv)
        try ImportWriter.write(plan, into: folder.url)
        return plan
    }

    private func request(_ name: String, url: String = "https://a.test/x") -> ImportedRequest {
        ImportedRequest(definition: RequestDefinition(name: name, url: url))
    }

    @Test func takenNamesGetANumberAndNothingIsOverwritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("get-users.yaml", "url: https://keep.test/\n")
        try folder.write("collection.yaml", "name: Mine\n")
        try folder.write("users/folder.yaml", "name: Users\n")
        let imported = ImportedCollection(
            name: "API", variables: [KeyValue("base", "https://a.test")],
            root: ImportedFolder(name: "", folders: [ImportedFolder(name: "Users", requests: [request("List")])],
                                 requests: [request("GET users"), request("GET users"), request("collection"), request("environments")]))
        let plan = try written(imported, into: folder)
        #expect(plan.files.map(\.path) == [
            "get-users-2.yaml", "get-users-3.yaml", "collection-2.yaml", "environments-2.yaml", "users-2/folder.yaml", "users-2/list.yaml",
        ])
        #expect(plan.requestIDs == ["get-users-2", "get-users-3", "collection-2", "environments-2", "users-2/list"])
        #expect(try folder.read("get-users.yaml") == "url: https://keep.test/\n")
        #expect(try folder.read("collection.yaml") == "name: Mine\n")
        #expect(plan.warnings.map(\.description) == [
            "collection.yaml: exists and was kept: the imported collection's description, variables, headers, auth and options are not in it",
        ])
        // A second import of the same thing adds beside it again.
        let again = try written(imported, into: folder)
        #expect(again.requestIDs.first == "get-users-4")
        #expect(CollectionLoader.load(from: folder.url).problems.isEmpty)
    }

    @Test func hostileNamesStayInsideTheFolder() throws {
        let folder = try TemporaryFolder()
        let names = ["../../etc/passwd", "/abs", "a/b\\c", "..", "CON", "\u{1B}[31mred", "", "日本語", String(repeating: "long", count: 40), ".env", "-"]
        let imported = ImportedCollection(
            name: "../../evil",
            root: ImportedFolder(name: "", folders: [ImportedFolder(name: "../../..", requests: [request("../up")])], requests: names.map { request($0) }),
            environments: [ImportedEnvironment(name: "../../prod", variables: [KeyValue("k", "v")])])
        let plan = try written(imported, into: folder)
        for file in plan.files {
            #expect(!file.path.contains(".."), "\(file.path)")
            #expect(file.path.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "-/.".contains($0)) || file.path.hasPrefix(".env") }, "\(file.path)")
            #expect(file.path.split(separator: "/").allSatisfy { $0.count <= 65 })
        }
        #expect(plan.requestIDs.prefix(4) == ["etc-passwd", "abs", "a-b-c", "request"])
        #expect(plan.files.contains { $0.path == "environments/prod.yaml" })
        #expect(plan.files.contains { $0.path == "folder-2/folder.yaml" }, "a folder with no usable name gets one, not a name the loader reads")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.collection.root.requests.count == names.count)
        try Self.expectLoadsBack(imported, context: "hostile names")
    }

    @Test func keptKeysAreWrittenReadSilentlyAndKeptOnSave() throws {
        let folder = try TemporaryFolder()
        var login = request("Login")
        login.kept = [
            KeyValue("x-postman-tests", "pm.test(\"ok\", function () {\n  pm.response.to.have.status(200);\n});\n"),
            KeyValue("scripts", "console.log('pre')"), KeyValue("body", "clashes with a known key"), KeyValue("x-postman-tests", "again"),
        ]
        let plan = try written(ImportedCollection(name: "c", root: ImportedFolder(name: "", requests: [login])), into: folder)
        let text = try folder.read("login.yaml")
        #expect(text.contains("x-postman-tests: |\n  pm.test(\"ok\", function () {\n    pm.response.to.have.status(200);\n  });\n"), "\(text)")
        #expect(text.contains("scripts: console.log('pre')\n"))
        #expect(text.contains("x-body: clashes with a known key\n"))
        #expect(text.contains("x-postman-tests-2: again\n"))
        #expect(plan.requestIDs == ["login"])
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        var saved = try #require(loaded.collection.request(id: "login"))
        saved.definition.url = "https://b.test/y"
        _ = try RequestFileWriter.save(saved)
        let after = try folder.read("login.yaml")
        #expect(after.contains("url: https://b.test/y"))
        #expect(after.contains("x-postman-tests: |\n") && after.contains("scripts: console.log('pre')\n") && after.contains("x-postman-tests-2: again\n"))
        // Any other unknown key is still a warning.
        try folder.write("typo.yaml", "url: https://a.test\nheader: []\n")
        #expect(CollectionLoader.load(from: folder.url).problems.map(\.message) == ["unknown key header in a request, ignored (did you mean headers?)"])
    }

    @Test func secretsGoToDotEnvOnlyMergedAndGitIgnored() throws {
        let folder = try TemporaryFolder()
        try folder.write(".env", "KEEP=1\nAPI_TOKEN=old-value\n")
        try folder.write(".env.example", "KEEP=")
        try folder.write(".gitignore", "node_modules\n")
        let collection = try CurlImporter.convert(
            "curl https://api.example.com/a -H 'Authorization: Bearer new-token-123' -H 'X-Api-Key: key with spaces' -d 'password=its+%22x%22'",
            sourceName: "a.sh")
        let plan = try written(collection, into: folder, dotEnv: true)
        #expect(try folder.read(".env") == "KEEP=1\nAPI_TOKEN=old-value\nAPI_PASSWORD='its \"x\"'\nAPI_X_API_KEY='key with spaces'\n")
        #expect(DotEnv.parse(try folder.read(".env"))["API_PASSWORD"] == "its \"x\"")
        #expect(try folder.read(".env.example") == "KEEP=\nAPI_TOKEN=\nAPI_PASSWORD=\nAPI_X_API_KEY=\n")
        #expect(try folder.read(".gitignore") == "node_modules\n.env\n")
        #expect(plan.warnings.map(\.description) == [".env: API_TOKEN is set already, to another value: kept it, the imported value is not written"])
        var info = stat()
        #expect(stat(folder.url.appendingPathComponent(".env").path, &info) == 0)
        #expect(info.st_mode & 0o777 == 0o600)
        for file in plan.files where file.path.hasSuffix(".yaml") {
            for value in ["new-token-123", "key with spaces", "its \"x\""] { #expect(!file.contents.contains(value)) }
        }
        // A .gitignore that covers .env already is left alone; without --secrets-to-dotenv no .env at all.
        let other = try TemporaryFolder()
        try other.write(".gitignore", "/.env\n")
        let quiet = try written(collection, into: other)
        #expect(!quiet.files.contains { $0.path == ".env" || $0.path == ".gitignore" })
    }

    /// `.env`, `.env.example` or `.gitignore` as links in the target are refused before anything
    /// is written: an imported token written through `.env -> README.md` ended up in the README.
    @Test func linkedDotEnvOrGitignoreIsRefusedBeforeAnyWrite() throws {
        for name in [".env", ".env.example", ".gitignore"] {
            let folder = try TemporaryFolder()
            _ = try folder.write("README.md", "# Project\n")
            try FileManager.default.createSymbolicLink(atPath: folder.url.appendingPathComponent(name).path, withDestinationPath: "README.md")
            #expect(throws: ImportWriteError.self) { try ImportWriter.target(at: folder.url) }
            #expect(try folder.read("README.md") == "# Project\n")
        }
    }

    @Test func aSecretValueInAYAMLFileIsRefused() {
        var imported = ImportedCollection(name: "c", root: ImportedFolder(name: "", requests: [request("x", url: "https://a.test/?k=leaked-secret")]))
        imported.secretNames = ["K"]
        imported.secretValues = ["K": "leaked-secret"]
        #expect(throws: ImportPlan.SecretInFile(file: "x.yaml", name: "K")) {
            try ImportPlan.make(imported, into: ImportPlan.Target(), secretsToDotEnv: false)
        }
    }

    @Test func collectionFolderAndEnvironmentFilesCarryTheirDefaults() throws {
        let folder = try TemporaryFolder()
        let imported = ImportedCollection(
            name: "Shop API", description: "The shop", defaults: RequestDefaults(headers: [KeyValue("X-A", "1")], auth: .bearer(token: "{{env:T}}")),
            variables: [KeyValue("base", "https://shop.test")],
            root: ImportedFolder(name: "", folders: [ImportedFolder(
                name: "Orders & Carts", defaults: RequestDefaults(options: OptionOverrides(timeout: 5)), requests: [request("List orders", url: "{{base}}/orders")])]),
            environments: [ImportedEnvironment(name: "Staging", variables: [KeyValue("base", "https://staging.shop.test")])],
            secretNames: ["T"])
        _ = try written(imported, into: folder)
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.isEmpty)
        #expect(loaded.collection.name == "Shop API")
        #expect(loaded.collection.description == "The shop")
        #expect(loaded.collection.variables == [KeyValue("base", "https://shop.test")])
        #expect(loaded.collection.root.defaults == imported.defaults)
        let orders = try #require(loaded.collection.root.folders.first)
        #expect(orders.name == "Orders & Carts")
        #expect(orders.path == "orders-carts")
        #expect(orders.defaults.options.timeout == 5)
        #expect(orders.requests.map(\.id) == ["orders-carts/list-orders"])
        #expect(loaded.collection.environments.map(\.name) == ["Staging"])
        #expect(try folder.read(".env.example").hasSuffix("T=\n"))
    }

    /// Random curl commands (hostile values, every option family) import into a folder that
    /// loads back with no problem, each request exactly as imported, and no secret in any YAML.
    @Test func importedCurlCommandsLoadBackAsImported() async {
        await propertyCheck(count: 25, input: Gen.int(in: 0...1_000_000)) { seed in
            await recordingThrows {
                let text = Self.commands(seed: seed)
                try Self.expectLoadsBack(try CurlImporter.convert(text, sourceName: "random.sh"), context: text)
            }
        }
    }

    /// Writes `imported` (with `.env`) into a fresh folder and checks it loads with no problem,
    /// each request exactly as imported, no secret value in any YAML file and every value in
    /// `.env`. Every importer's outputs go through this.
    static func expectLoadsBack(_ imported: ImportedCollection, context: String) throws {
        let folder = try TemporaryFolder()
        let plan = try ImportPlan.make(imported, into: ImportPlan.Target(), secretsToDotEnv: true)
        try ImportWriter.write(plan, into: folder.url)
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)\n\(context)")
        var requests: [ImportedRequest] = []
        func collect(_ folder: ImportedFolder) {
            requests += folder.requests
            folder.folders.forEach(collect)
        }
        collect(imported.root)
        #expect(plan.requestIDs.count == requests.count)
        for (id, request) in zip(plan.requestIDs, requests) {
            #expect(loaded.collection.request(id: id)?.definition == request.definition, "\(id)\n\(context)")
        }
        for file in plan.files where file.path.hasSuffix(".yaml") {
            for value in imported.secretValues.values where value.count >= 6 { #expect(!file.contents.contains(value), "\(file.path)") }
        }
        #expect(DotEnv.load(besides: folder.url) == imported.secretValues)
    }

    static func commands(seed: Int) -> String {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        func pick(_ count: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(count))
        }
        let values = ["plain", "two words", "it's", "quote\"d", "tab\there", "new\nline", "café ☕", "a: b # c", "null", "-5", "{x}", "100%", "a&b=c", "\\back"]
        func value() -> String { values[pick(values.count)] }
        func quoted(_ text: String) -> String {
            switch pick(3) {
            case 0: "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
            case 1: "$'" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
                .replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t") + "'"
            default: "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "$", with: "\\$") + "\""
            }
        }
        let hosts = ["https://api.example.com", "http://127.0.0.1:8080", "https://x.test"]
        let paths = ["/", "/users", "/../../etc/passwd", "/a b", "/collection", "/users"]
        var lines: [String] = []
        for _ in 0..<(1 + pick(4)) {
            var words = ["curl", quoted(hosts[pick(hosts.count)] + paths[pick(paths.count)] + (pick(2) == 0 ? "?q=x&n=\(pick(9))" : ""))]
            for _ in 0..<pick(6) {
                switch pick(14) {
                case 0: words += ["-H", quoted("X-Note: " + value().replacingOccurrences(of: "\n", with: " "))]
                case 1: words += ["-H", quoted("Authorization: Bearer tok-\(pick(1000))-" + value().replacingOccurrences(of: "\n", with: ""))]
                case 2: words += ["-d", quoted("k=" + value())]
                case 3: words += ["--data-raw", quoted("{\"a\": \(pick(9))}"), "-H", "'Content-Type: application/json'"]
                case 4: words += ["-u", quoted("user:pw-" + value())]
                case 5: words += ["-F", quoted("f=" + value().replacingOccurrences(of: ";", with: ","))]
                case 6: words += ["-b", quoted("sid=abc\(pick(1000)); t=" + value().replacingOccurrences(of: "\n", with: ""))]
                case 7: words += ["-sSLk"]
                case 8: words += ["-X", ["PUT", "DELETE", "PATCH", "OPTIONS"][pick(4)]]
                case 9: words += ["--max-time", "\(pick(60))", "--connect-timeout", "1.5"]
                case 10: words += ["--data-urlencode", quoted("q=" + value())]
                case 11: words += ["--json", quoted("[1, \"" + value().replacingOccurrences(of: "\n", with: "\\\\n").replacingOccurrences(of: "\"", with: "") + "\"]")]
                case 12: words += ["-x", "http://proxy.test:3128", "--http2"]
                default: words += ["--weird-option", "-G"]
                }
            }
            lines.append(words.joined(separator: pick(2) == 0 ? " " : " \\\n  "))
        }
        return lines.joined(separator: "\n")
    }
}

import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// `sonde export` then `sonde import` gives the same requests back: over the demo collection
/// and over generated requests, for `.http` and Postman.
@Suite struct ExportRoundTripTests {
    static let demoRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("collections/demo")

    /// What a request sends, placeholders unresolved: the terms both sides are compared in.
    struct Shape: Equatable, CustomStringConvertible {
        var name: String
        var method: HTTPMethod
        /// The URL with the enabled params as the exporters write them.
        var url: String
        /// `name: value`, names lowercased, sorted; Content-Type left out (a body's kind says it).
        var headers: [String]
        var body: RequestBody
        var auth: AuthConfig
        var notes: String

        var description: String { "\(name): \(method) \(url)\n\(headers)\n\(body)\n\(auth)\n\(notes)" }
    }

    static func url(_ url: String, _ params: [KeyValue]) -> String {
        let enabled = params.filter(\.enabled)
        guard !enabled.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?")
            + enabled.map { HTTPFileExporter.queryText($0.name) + "=" + HTTPFileExporter.queryText($0.value) }.joined(separator: "&")
    }

    static func headerLines(_ rows: [KeyValue]) -> [String] {
        rows.filter { $0.enabled && $0.name.lowercased() != "content-type" }.map { "\($0.name.lowercased()): \($0.value)" }.sorted()
    }

    // MARK: - .http

    /// The shape the `.http` export should give back: inherited headers folded in, auth as the
    /// format has it, disabled rows left out, a file body's path relative to the collection.
    static func expectedHTTP(_ request: ExportedRequest, in collection: RequestCollection) -> Shape {
        let definition = request.definition
        var headers = request.headers.filter(\.enabled)
        var params = definition.params
        var auth = request.auth
        switch auth {
        case .inherit, .none, .oauth2ClientCredentials, .challenge(.ntlm, _, _): auth = .inherit
        case .apiKey(let name, let value, .header):
            headers.removeAll { $0.name.lowercased() == name.lowercased() }
            headers.append(KeyValue(name, value))
            auth = .inherit
        case .apiKey(let name, let value, .query):
            params.append(KeyValue(name, value))
            auth = .inherit
        default:
            headers.removeAll { $0.name.lowercased() == "authorization" }
        }
        var body = definition.body
        switch body {
        case .form(let fields): body = fields.contains(where: \.enabled) ? .form(fields.filter(\.enabled)) : .none
        // A .http body ends at the last line with text: a final line break is not part of it.
        case .json(let text): body = .json(String(text.reversed().drop { $0 == "\n" }.reversed()))
        case .text(let text, let type): body = .text(String(text.reversed().drop { $0 == "\n" }.reversed()), contentType: type)
        case .multipart(let parts):
            body = .multipart(parts.filter(\.enabled).map { part in
                var part = part
                if part.isFile {
                    part.value = HTTPFileExporter.collectionPath(part.value, of: request.saved, in: collection)
                    part.filename = part.filename ?? URL(fileURLWithPath: part.value).lastPathComponent
                }
                return part
            })
        case .file(let path, let type): body = .file(path: HTTPFileExporter.collectionPath(path, of: request.saved, in: collection), contentType: type)
        default: break
        }
        return Shape(
            name: definition.name, method: definition.method, url: url(definition.url, params), headers: headerLines(headers), body: body,
            auth: auth, notes: definition.description)
    }

    /// The imported request's shape, each literal value an importer moved to `{{env:NAME}}`
    /// (a bearer token written in the collection) put back from `secretValues`, so it compares
    /// with the request as exported.
    static func actual(_ definition: RequestDefinition, secretValues: [String: String] = [:]) -> Shape {
        func restored(_ text: String) -> String {
            var text = text
            for (name, value) in secretValues { text = text.replacingOccurrences(of: "{{env:\(name)}}", with: value) }
            return text
        }
        var body = definition.body
        switch body {
        case .file(let path, _): body = .file(path: path, contentType: nil)
        case .json(let text): body = .json(restored(text))
        case .form(let fields): body = .form(fields.map { KeyValue($0.name, restored($0.value), enabled: $0.enabled) })
        default: break
        }
        var auth = definition.auth
        switch auth {
        case .bearer(let token): auth = .bearer(token: restored(token))
        case .basic(let user, let password): auth = .basic(username: user, password: restored(password))
        case .challenge(let scheme, let user, let password): auth = .challenge(scheme, username: user, password: restored(password))
        case .apiKey(let name, let value, let location): auth = .apiKey(name: name, value: restored(value), location: location)
        case .oauth2ClientCredentials(var oauth):
            oauth.clientSecret = restored(oauth.clientSecret)
            auth = .oauth2ClientCredentials(oauth)
        default: break
        }
        let headers = definition.headers.map { KeyValue($0.name, restored($0.value), enabled: $0.enabled) }
        return Shape(
            name: definition.name, method: definition.method, url: restored(url(definition.url, definition.params)),
            headers: headerLines(headers), body: body, auth: auth, notes: definition.description)
    }

    static func checkHTTP(_ collection: RequestCollection, environment: Environment?) throws {
        let requests = collection.root.requestsInRunOrder.map { ExportedRequest($0, in: collection, environment: environment) }
        let (text, _) = HTTPFileExporter.render(requests, collection: collection, environment: environment)
        let imported = try HTTPFileImporter.convert(text, sourceName: "export.http")
        let back = imported.root.requests
        #expect(back.count == requests.count, "\(text)")
        for (request, returned) in zip(requests, back) {
            var expected = expectedHTTP(request, in: collection)
            if case .file(let path, _) = expected.body { expected.body = .file(path: path, contentType: nil) }
            let got = actual(returned.definition, secretValues: imported.secretValues)
            #expect(got == expected, "\(request.saved.id)\n\(text)")
        }
        for variable in collection.variables + (environment?.variables ?? []) where variable.enabled {
            #expect(imported.variables.last { $0.name == variable.name } != nil, "\(variable.name)\n\(text)")
        }
    }

    // MARK: - Postman

    static func expectedPostman(_ saved: SavedRequest, inherited: [KeyValue]) -> Shape {
        let definition = saved.definition
        let own = Set(definition.headers.filter(\.enabled).map { $0.name.lowercased() })
        return Shape(
            name: definition.name, method: definition.method, url: url(definition.url, definition.params),
            headers: headerLines(inherited.filter { !own.contains($0.name.lowercased()) } + definition.headers), body: definition.body,
            auth: definition.auth, notes: definition.description)
    }

    static func checkPostman(_ collection: RequestCollection) throws {
        let (text, _) = PostmanExporter.render(collection, folder: collection.root, environment: nil)
        let imported = try PostmanImporter.convertCollection(Data(text.utf8), sourceName: "export.json")
        #expect(imported.defaults.auth == collection.defaults.auth)
        #expect(imported.variables == collection.variables, "\(text)")
        func compare(_ folder: RequestFolder, _ back: ImportedFolder, inherited: [KeyValue]) {
            let headers = inherited.filter { row in !folder.defaults.headers.contains { $0.enabled && $0.name.lowercased() == row.name.lowercased() } }
                + folder.defaults.headers.filter(\.enabled)
            #expect(back.requests.count == folder.requests.count, "\(folder.path)\n\(text)")
            for (saved, returned) in zip(folder.requests, back.requests) {
                #expect(actual(returned.definition, secretValues: imported.secretValues) == expectedPostman(saved, inherited: headers), "\(saved.id)\n\(text)")
                if !saved.definition.url.contains("?") { #expect(returned.definition.params == saved.definition.params, "\(saved.id)") }
                #expect(returned.definition.expectations == exportable(saved.definition.expectations), "\(saved.id)")
                // A script cannot say `secret: true`: the importer marks captures by their names.
                #expect(returned.definition.captures.map(\.source) == saved.definition.captures.filter(exportable).map(\.source), "\(saved.id)")
                #expect(returned.definition.captures.map(\.name) == saved.definition.captures.filter(exportable).map(\.name), "\(saved.id)")
                #expect(returned.definition.options.followRedirects == saved.definition.options.followRedirects)
                #expect(returned.definition.options.verifyTLS == saved.definition.options.verifyTLS)
            }
            #expect(back.folders.count == folder.folders.count)
            for (sub, returned) in zip(folder.folders, back.folders) {
                #expect(returned.name == sub.name)
                #expect(returned.defaults.auth == sub.defaults.auth, "\(sub.path)")
                compare(sub, returned, inherited: headers)
            }
        }
        compare(collection.root, imported.root, inherited: [])
    }

    /// The checks the Postman export writes as scripts the importer reads back.
    static func exportable(_ expectations: Expectations) -> Expectations {
        var kept = Expectations()
        if expectations.status.count == 1, case .code = expectations.status[0] { kept.status = expectations.status }
        kept.headers = expectations.headers.filter { check in
            switch check.predicate {
            case .exists(true), .equals(.string): true
            default: false
            }
        }
        kept.json = expectations.json.filter { check in
            guard case .equals(let value) = check.predicate, PostmanExporter.accessor(check.path) != nil else { return false }
            if case .array = value { return false }
            if case .object = value { return false }
            if case .string(let text) = value, text.contains(where: { $0 == "\\" || $0.isNewline || !$0.isASCII || $0 == "\"" }) { return false }
            return true
        }
        return kept
    }

    static func exportable(_ capture: Capture) -> Bool {
        switch capture.source {
        case .json(let path): PostmanExporter.accessor(path) != nil
        case .header: true
        default: false
        }
    }

    // MARK: - The demo collection

    @Test func theDemoCollectionRoundTripsThroughHTTPAndPostman() throws {
        let loaded = CollectionLoader.load(from: Self.demoRoot)
        #expect(loaded.problems.filter { !$0.isWarning }.isEmpty)
        #expect(loaded.collection.root.allRequests.count > 20)
        try Self.checkHTTP(loaded.collection, environment: loaded.collection.environment(named: "local"))
        try Self.checkPostman(loaded.collection)
    }

    @Test func noSecretValueIsWrittenAndSecretsAreNamed() throws {
        let loaded = CollectionLoader.load(from: Self.demoRoot)
        let collection = loaded.collection
        let staging = collection.environment(named: "staging")
        let requests = collection.root.allRequests.map { ExportedRequest($0, in: collection, environment: staging) }
        let http = HTTPFileExporter.render(requests, collection: collection, environment: staging).text
        let postman = PostmanExporter.render(collection, folder: collection.root, environment: staging).text
        #expect(http.contains("Authorization: Bearer {{$processEnv STAGING_TOKEN}}"), "\(http)")
        #expect(http.contains("{{$processEnv STAGING_CLIENT_SECRET}}"), "\(http)")
        #expect(!http.contains("{{env:"))
        #expect(postman.contains(#""key" : "env:STAGING_CLIENT_SECRET""#), "\(postman.prefix(3000))")
        #expect(postman.contains(#""type" : "secret""#))
    }

    // MARK: - Generated requests

    static func collection(seed: Int) -> RequestCollection {
        var state = UInt64(truncatingIfNeeded: seed) &* 6364136223846793005 &+ 1442695040888963407
        func pick(_ count: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(count))
        }
        let words = ["plain", "two words", "a: b", "x #y", "it's", "\"q\"", "café", "{{var}}", "{{env:API_TOKEN}}", "{{$uuid}}", "50", "[x]", "%41", "a&b=c", "~", "{{$timestamp}}"]
        func word() -> String { words[pick(words.count)] }
        func rows(_ count: Int, disabled: Bool) -> [KeyValue] {
            (0..<count).map { KeyValue("k\($0)\(pick(2) == 0 ? "-x" : "")", word(), enabled: !disabled || pick(3) != 0) }
        }
        let root = URL(fileURLWithPath: "/tmp/generated")
        var requests: [SavedRequest] = []
        for index in 0..<(1 + pick(5)) {
            var definition = RequestDefinition(
                name: "R\(index) \(["list", "get one", "café"][pick(3)])", method: HTTPMethod.allCases[pick(HTTPMethod.allCases.count)],
                url: ["{{baseUrl}}/items", "https://api.example.com/a/b", "http://127.0.0.1:8787/x/{{id}}"][pick(3)])
            definition.params = rows(pick(3), disabled: true)
            definition.headers = rows(pick(3), disabled: true)
            switch pick(6) {
            case 0: definition.body = .json("{\"a\": \(JSONText.quote(word())), \"n\": [1, 2]}")
            case 1: definition.body = .form(rows(1 + pick(3), disabled: true))
            case 2: definition.body = .text("line one \(word())\nline two", contentType: ["text/plain", "text/csv"][pick(2)])
            case 3: definition.body = .multipart([MultipartField(name: "note", value: word()), MultipartField(name: "f", value: "up/a.png", isFile: true, contentType: "image/png")])
            case 4: definition.body = .file(path: "data/in.bin", contentType: nil)
            default: break
            }
            switch pick(6) {
            case 0: definition.auth = .basic(username: "ada", password: "{{env:PASSWORD}}")
            case 1: definition.auth = .bearer(token: "{{env:API_TOKEN}}")
            case 2: definition.auth = .apiKey(name: "X-Key", value: "{{env:KEY}}", location: pick(2) == 0 ? .header : .query)
            case 3: definition.auth = .challenge(.digest, username: "u", password: "{{env:PASSWORD}}")
            default: break
            }
            if pick(2) == 0 { definition.description = word() }
            if pick(2) == 0 {
                definition.expectations.status = [.code([200, 201, 404][pick(3)])]
                definition.expectations.json = [.init(path: try! JSONPath("$.items[0].id"), predicate: .equals(.number(7, text: "7")))]
                definition.captures = [Capture(name: "id", source: .json(try! JSONPath("$.data.id")))]
            }
            requests.append(SavedRequest(id: "r\(index)", fileURL: root.appendingPathComponent("r\(index).yaml"), definition: definition))
        }
        var folder = RequestFolder(name: "", path: "", url: root, requests: requests)
        folder.defaults.headers = pick(2) == 0 ? [KeyValue("X-Team", "core")] : []
        return RequestCollection(name: "Generated \(seed)", rootURL: root, variables: [KeyValue("baseUrl", "http://127.0.0.1:8787")], root: folder)
    }

    @Test func generatedRequestsRoundTripThroughHTTPAndPostman() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000)) { seed in
            await recordingThrows {
                let collection = Self.collection(seed: seed)
                try Self.checkHTTP(collection, environment: nil)
                try Self.checkPostman(collection)
            }
        }
    }
}

import Foundation
import Testing
@testable import SondeCore

@Suite struct RequestFileWriterTests {
    private let original = """
        # a comment that saving keeps
        name: Get order
        x-owner: team-payments
        method: GET
        url: "{{baseUrl}}/orders/{{id}}"
        headers:
          Accept: application/json
        custom:
          nested: [1, 2]

        """

    @Test func changingOneFieldKeepsKeyOrderUnknownKeysAndUntouchedNodes() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("order.yaml", original)
        let loaded = CollectionLoader.load(from: folder.url)
        var saved = try #require(loaded.collection.request(id: "order"))
        saved.definition.method = .DELETE
        saved.definition.params = [KeyValue("force", "true"), KeyValue("dry run", "1", enabled: false)]
        _ = try RequestFileWriter.save(saved)

        let text = try String(contentsOf: file, encoding: .utf8)
        let keys = text.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.hasPrefix("-") && !$0.hasPrefix("#") }.compactMap { $0.split(separator: ":").first.map(String.init) }
        #expect(keys == ["name", "x-owner", "method", "url", "params", "headers", "custom"], "a new key goes in sonde's order")
        #expect(text.hasPrefix("# a comment that saving keeps\n"))
        #expect(text.contains("method: DELETE"))
        #expect(text.contains("x-owner: team-payments"))
        #expect(text.contains("Accept: application/json"), "unchanged headers keep their shorthand form")
        #expect(text.contains("nested:"))

        let reloaded = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "order"))
        #expect(reloaded.definition.method == .DELETE)
        #expect(reloaded.definition.params == [KeyValue("force", "true"), KeyValue("dry run", "1", enabled: false)])
        #expect(reloaded.definition.url == "{{baseUrl}}/orders/{{id}}")
        #expect(reloaded.definition.headers == [KeyValue("Accept", "application/json")])
    }

    @Test func everyBodyAndAuthKindRoundTrips() throws {
        let folder = try TemporaryFolder()
        let bodies: [RequestBody] = [
            .json("{\n  \"a\": \"{{x}}\"\n}"),
            .form([KeyValue("a", "1"), KeyValue("b", "two words", enabled: false)]),
            .multipart([MultipartField(name: "f", value: "data.bin", isFile: true, filename: "d.bin", contentType: "application/octet-stream"), MultipartField(name: "t", value: "v")]),
            .text("line 1\nline 2\n", contentType: "text/csv"),
            .file(path: "payload.json", contentType: "application/json"),
            .none,
        ]
        let auths: [AuthConfig] = [
            .basic(username: "u", password: "{{env:P}}"), .bearer(token: "{{env:T}}"),
            .apiKey(name: "k", value: "{{env:K}}", location: .query), .none,
            .oauth2ClientCredentials(OAuth2ClientCredentials(tokenURL: "http://127.0.0.1/token", clientID: "c", clientSecret: "{{env:S}}", scope: "read write")),
            .inherit,
        ]
        for (index, (body, auth)) in zip(bodies, auths).enumerated() {
            let definition = RequestDefinition(
                name: "r\(index)", method: .PATCH, url: "http://127.0.0.1/x", params: [KeyValue("p", "1")],
                headers: [KeyValue("H", "v")], body: body, auth: auth,
                options: OptionOverrides(connectTimeout: 1.5, timeout: 20, followRedirects: false, maxRedirects: 3, verifyTLS: false, sendUserAgent: false, requestID: .perRequest),
                description: "Line one.\nLine two.")
            let request = SavedRequest(id: "r\(index)", fileURL: folder.url.appendingPathComponent("r\(index).yaml"), definition: definition)
            _ = try RequestFileWriter.save(request)
        }
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.problems == [])
        for (index, (body, auth)) in zip(bodies, auths).enumerated() {
            let reloaded = try #require(loaded.collection.request(id: "r\(index)"))
            #expect(reloaded.definition.body == body)
            #expect(reloaded.definition.auth == auth)
            #expect(reloaded.definition.options.connectTimeout == 1.5)
            #expect(reloaded.definition.options.verifyTLS == false)
            #expect(reloaded.definition.description == "Line one.\nLine two.")
        }
    }

    @Test func refusesToWriteAResolvedSecretAndLeavesTheFileAsItWas() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("order.yaml", original)
        var saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "order"))
        saved.definition.headers = [KeyValue("Authorization", "Bearer canary-77aa")]
        #expect(throws: SaveError.containsSecret(file: file.path)) {
            try RequestFileWriter.save(saved, secrets: SecretSet(["canary-77aa"]))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == original)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(leftovers == ["order.yaml"])
    }

    /// The rule is masking's (`SecretSet.occurs(in:)`): a `.env` value of `1` does not make a
    /// file with `127.0.0.1` or `/users/10` in it unsavable; a secret written percent-encoded
    /// into a URL is still a secret in the file.
    @Test func aShortValueInsideWordsSavesAndAnEncodedSecretDoesNot() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("user.yaml", "method: GET\nurl: \"{{baseUrl}}/users\"\n")
        var saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "user"))
        saved.definition.url = "http://127.0.0.1:8080/users/10"
        let written = try RequestFileWriter.save(saved, secrets: SecretSet(["1", "canary/+77aa"]))
        #expect(try String(contentsOf: file, encoding: .utf8).contains("http://127.0.0.1:8080/users/10"))

        var encoded = written
        encoded.definition.url = "http://127.0.0.1:8080/users?key=canary%2F%2B77aa"
        #expect(throws: SaveError.containsSecret(file: file.path)) {
            try RequestFileWriter.save(encoded, secrets: SecretSet(["1", "canary/+77aa"]))
        }
        var alone = written
        alone.definition.options.maxRedirects = 1
        #expect(throws: SaveError.containsSecret(file: file.path)) {
            try RequestFileWriter.save(alone, secrets: SecretSet(["1"]))
        }
        #expect(try String(contentsOf: file, encoding: .utf8) == written.sourceText)
    }

    @Test func aFailedWriteLeavesNoTemporaryFileAndNoDamage() throws {
        let folder = try TemporaryFolder()
        let readOnly = folder.url.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: true)
        let request = SavedRequest(id: "x", fileURL: readOnly.appendingPathComponent("missing/x.yaml"), definition: RequestDefinition(name: "x", url: "http://127.0.0.1/"))
        #expect(throws: SaveError.self) { try RequestFileWriter.save(request) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly.path) == [])
    }

    private func permissions(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
    }

    @Test func savingKeepsTheFilesPermissions() throws {
        let folder = try TemporaryFolder()
        for mode in [0o600, 0o640, 0o444] {
            let file = try folder.write("order.yaml", original)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
            var saved = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "order"))
            saved.definition.method = .DELETE
            _ = try RequestFileWriter.save(saved)
            #expect(try permissions(file) == mode)
            #expect(try folder.read("order.yaml").contains("method: DELETE"))
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        }
    }

    @Test func savingASymbolicallyLinkedFileWritesThroughTheLink() throws {
        let folder = try TemporaryFolder()
        let target = try folder.write("shared/order.yaml", original)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        let link = folder.url.appendingPathComponent("collection/order.yaml")
        try FileManager.default.createDirectory(at: link.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../shared/order.yaml")

        var saved = try #require(CollectionLoader.load(from: link.deletingLastPathComponent()).collection.request(id: "order"))
        saved.definition.method = .PATCH
        _ = try RequestFileWriter.save(saved)

        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "../shared/order.yaml")
        #expect(try folder.read("shared/order.yaml").contains("method: PATCH"))
        #expect(try permissions(target) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: link.deletingLastPathComponent().path) == ["order.yaml"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["order.yaml"])
    }

    @Test func savingThroughALinkToNothingIsRefused() throws {
        let folder = try TemporaryFolder()
        let link = folder.url.appendingPathComponent("order.yaml")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "gone.yaml")
        let request = SavedRequest(id: "order", fileURL: link, definition: RequestDefinition(name: "order", url: "http://127.0.0.1/"))
        #expect(throws: SaveError.writeFailed(
            file: link.path,
            reason: "it is a symbolic link to a file that does not exist; sonde saves through a link, not over it")
        ) { try RequestFileWriter.save(request) }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "gone.yaml")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["order.yaml"])
    }
    /// A list that changes a value and its length in one save used to make the splice see an
    /// overlap (a row inserted where another was deleted) and fall back to a whole rewrite,
    /// which dropped every comment in the file.
    @Test func editingOneHeaderAndDeletingAnotherInOneSaveKeepsEveryComment() throws {
        let text = """
            # orders, read-only
            name: Orders
            method: GET
            url: http://127.0.0.1:8787/orders
            headers:
              # what we accept
              - name: Accept
                value: application/json  # JSON only
              - name: X-Trace
                value: "1"
              # kept as it is
              - name: X-Keep
                value: yes please
            params:
              - name: page  # first page
                value: "1"

            """
        let folder = try TemporaryFolder()
        try folder.write("orders.yaml", text)
        var request = try #require(CollectionLoader.load(from: folder.url).collection.request(id: "orders")).definition
        request.headers[0].value = "text/csv"
        request.headers.remove(at: 1)
        let saved = try RequestFileWriter.yaml(for: request, original: text)
        for line in text.split(separator: "\n") where line.contains("#") && !line.contains("JSON only") {
            #expect(saved.contains(line), "lost \(line):\n\(saved)")
        }
        #expect(LosslessSaveTests.difference(text, saved) == (
            ["    value: application/json  # JSON only", "  - name: X-Trace", "    value: \"1\""],
            ["    value: text/csv  # JSON only"]), "\(saved)")
    }
}

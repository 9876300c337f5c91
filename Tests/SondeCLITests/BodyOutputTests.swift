import Foundation
import SondeTestSupport
import Testing

/// What `sonde send` writes to a pipe: the body's bytes as received, nothing appended, secrets
/// masked in a text body as it streams, a binary body never changed; `-o -` is stdout.
@Suite struct BodyOutputTests {
    let token = "tok-\(UUID().uuidString.prefix(12))"

    /// A PNG-like body with NUL bytes, bytes that are no UTF-8, and the secret's own bytes.
    var binaryBody: [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0xFF, 0xFE]
        for index in 0..<3000 { bytes += [UInt8(index % 256), 0xC3] + Array(token.utf8) }
        return bytes
    }

    static func served(_ body: [UInt8], type: String) -> [UInt8] {
        Array("HTTP/1.1 200 OK\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\nConnection: close\r\n\r\n".utf8) + body
    }

    func send(_ request: String, _ folder: DemoCollectionCopy, _ base: String, _ extra: [String] = [], in directory: URL? = nil) async throws -> RunResult {
        try await SondeBinary.run(
            ["send", request, "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"] + extra,
            environment: ["SONDE_TOKEN": token, "TMPDIR": folder.root.path], in: directory)
    }

    @Test func aBinaryBodyIsPipedByteForByteWithOrWithoutASecret() async throws {
        let body = binaryBody
        let server = try CannedResponseServer(response: Self.served(body, type: "image/png"))
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("out/plain.yaml", "url: \"{{baseUrl}}/image.png\"\n")
        try folder.write("out/secret.yaml", """
            url: "{{baseUrl}}/image.png"
            headers:
              - {name: X-Token, value: "{{env:SONDE_TOKEN}}"}
            options: {spill_threshold: 10 kB}
            """)
        for request in ["demo/out/plain", "demo/out/secret"] {
            let result = try await send(request, folder, server.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdoutBytes == Data(body), "\(request): \(result.stdoutBytes.count) bytes for \(body.count)")
        }
    }

    @Test func aTextBodyIsPipedAsReceivedWithItsSecretMaskedAcrossPieces() async throws {
        // 200 kB of JSON with the secret every few lines, spilled past 10 kB: it reaches stdout
        // in many pieces, masked, with nothing appended; the temporary folder keeps no copy.
        let json = "[" + (0..<4000).map { "{\"n\":\($0),\"t\":\"\($0 % 5 == 0 ? token : "x")\"}" }.joined(separator: ",") + "]"
        let server = try CannedResponseServer(response: Self.served(Array(json.utf8), type: "application/json"))
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("out/json.yaml", """
            url: "{{baseUrl}}/items"
            headers:
              - {name: X-Token, value: "{{env:SONDE_TOKEN}}"}
            options: {spill_threshold: 10 kB}
            """)
        let result = try await send("demo/out/json", folder, server.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == json.replacingOccurrences(of: token, with: "••••"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.root.path).filter { $0.hasPrefix("sonde-body-") }
        #expect(left.isEmpty, "spill files left: \(left)")

        let pretty = try await send("demo/out/json", folder, server.url, ["--pretty"])
        #expect(pretty.stdout.hasPrefix("[{\"n\":0,"), "past the spill threshold: as received")
        #expect(pretty.stderr.contains("printed as received, not indented"))
        #expect(!pretty.output.contains(token))
    }

    @Test func dashOutputIsStdoutNotAFileNamedDash() async throws {
        let body = binaryBody
        let server = try CannedResponseServer(response: Self.served(body, type: "application/octet-stream"))
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("out/plain.yaml", "url: \"{{baseUrl}}/blob\"\n")
        let result = try await send("demo/out/plain", folder, server.url, ["-o", "-"], in: folder.root)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdoutBytes == Data(body))
        #expect(!FileManager.default.fileExists(atPath: folder.root.appendingPathComponent("-").path))
        #expect(!result.stderr.contains("saved"))
    }

    /// `-o` onto a file that exists keeps its permissions (a 0600 file holding a token stayed
    /// readable by its owner only), and onto a link writes the file it points to, as curl
    /// does, the link left a link; a link to nothing is refused, nothing sent.
    @Test func outputKeepsTheFilesModeAndWritesThroughALink() async throws {
        let body = Array("{\"token\":\"x\"}\n".utf8)
        let server = try CannedResponseServer(response: Self.served(body, type: "application/json"))
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("out/plain.yaml", "url: \"{{baseUrl}}/blob\"\n")
        let manager = FileManager.default
        let privatePath = folder.root.appendingPathComponent("private.json").path
        #expect(manager.createFile(atPath: privatePath, contents: Data("old".utf8), attributes: [.posixPermissions: 0o600]))
        let first = try await send("demo/out/plain", folder, server.url, ["-o", privatePath], in: folder.root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try manager.attributesOfItem(atPath: privatePath)[.posixPermissions] as? Int == 0o600)
        #expect(manager.contents(atPath: privatePath) == Data(body))

        let target = folder.root.appendingPathComponent("target.json").path
        let link = folder.root.appendingPathComponent("link.json").path
        #expect(manager.createFile(atPath: target, contents: Data("old".utf8)))
        try manager.createSymbolicLink(atPath: link, withDestinationPath: "target.json")
        let second = try await send("demo/out/plain", folder, server.url, ["-o", link], in: folder.root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try manager.destinationOfSymbolicLink(atPath: link) == "target.json")
        #expect(manager.contents(atPath: target) == Data(body))

        let dangling = folder.root.appendingPathComponent("dangling.json").path
        try manager.createSymbolicLink(atPath: dangling, withDestinationPath: "nowhere.json")
        let third = try await send("demo/out/plain", folder, server.url, ["-o", dangling], in: folder.root)
        #expect(third.status == 6)
        #expect(third.stderr.contains("symbolic link to a file that does not exist"))
        #expect(!manager.fileExists(atPath: folder.root.appendingPathComponent("nowhere.json").path))
    }
}

import Foundation
import Testing

/// `sonde import` copies the files imported bodies name into the collection, beside the
/// request, and the request names its copy: sent by `sonde send` to the demo server's
/// `/raw`, which answers with the body byte for byte, the copy's bytes come back.
@Suite struct ImportFileCopyCommandTests {
    /// Bytes no text decoding would keep: a NUL, invalid UTF-8, a CR LF.
    private static let payload = Data([0x7B, 0x00, 0xFF, 0xFE, 0x0D, 0x0A, 0x41, 0xC3, 0xA9, 0x7D])

    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sonde-import-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    /// `sonde send` of `id`, the response body (the bytes the server received).
    private func sentBody(_ id: String, collections root: URL) async throws -> Data {
        let out = root.appendingPathComponent("out-\(UUID().uuidString)")
        let sent = try await SondeBinary.run(["send", id, "--collections", root.path, "-o", out.path])
        #expect(sent.status == 0, "\(sent.output)")
        return try Data(contentsOf: out)
    }

    @Test func anHTTPFileIncludeIsCopiedAndSentAndAnOutsidePathIsOnlyWarnedAbout() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try await withServer { base in
            try write(Data("""
                ### Upload order
                POST \(base)/raw
                Content-Type: application/octet-stream

                < ./data/order.bin

                ### Steal passwords
                POST \(base)/raw

                < ../../etc/passwd
                """.utf8), to: root.appendingPathComponent("api/orders.http"))
            try write(Self.payload, to: root.appendingPathComponent("api/data/order.bin"))
            // A file of that name is in the collection already: the copy gets -2.
            try write(Data("taken".utf8), to: root.appendingPathComponent("orders/order.bin"))

            let dry = try await SondeBinary.run(["import", "api/orders.http", "--into", "orders", "--dry-run"], in: root)
            #expect(dry.status == 0, "\(dry.output)")
            #expect(dry.stdout.contains("order-2.bin (copied from \(root.appendingPathComponent("api/data/order.bin").resolvingSymlinksInPath().path))"), "\(dry.stdout)")
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("orders/order-2.bin").path))

            let imported = try await SondeBinary.run(["import", "api/orders.http", "--into", "orders"], in: root)
            #expect(imported.status == 0, "\(imported.output)")
            let folder = root.appendingPathComponent("orders")
            #expect(try Data(contentsOf: folder.appendingPathComponent("order-2.bin")) == Self.payload)
            #expect(try Data(contentsOf: folder.appendingPathComponent("order.bin")) == Data("taken".utf8), "never overwritten")
            let upload = try String(contentsOf: folder.appendingPathComponent("upload-order.yaml"), encoding: .utf8)
            #expect(upload.contains("path: order-2.bin") && !upload.contains("data/"), "\(upload)")
            #expect(!imported.stdout.contains("body read from ./data/order.bin"), "the copy needs no hand work: \(imported.stdout)")

            let steal = try String(contentsOf: folder.appendingPathComponent("steal-passwords.yaml"), encoding: .utf8)
            #expect(steal.contains("path: \"../../etc/passwd\""), "an outside path stays as written: \(steal)")
            #expect(imported.stdout.contains("../../etc/passwd: the file is outside"), "\(imported.stdout)")
            let copied = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            #expect(copied == ["collection.yaml", "order-2.bin", "order.bin", "steal-passwords.yaml", "upload-order.yaml"], "\(copied)")

            #expect(try await sentBody("orders/upload-order", collections: root) == Self.payload)
        }
    }

    @Test func aPostmanFileBodyAndFormDataFileAreCopiedAndSent() async throws {
        let root = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        try await withServer { base in
            try write(Data(#"""
                {"info": {"name": "Files", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                 "item": [
                   {"name": "Send file", "request": {"method": "POST", "url": "\#(base)/raw",
                    "header": [{"key": "Content-Type", "value": "application/octet-stream"}],
                    "body": {"mode": "file", "file": {"src": "fixtures/payload.bin"}}}},
                   {"name": "Send form", "request": {"method": "POST", "url": "\#(base)/raw",
                    "body": {"mode": "formdata", "formdata": [{"key": "doc", "type": "file", "src": "fixtures/payload.bin"},
                                                              {"key": "missing", "type": "file", "src": "fixtures/nope.bin"}]}}}]}
                """#.utf8), to: root.appendingPathComponent("src/files.postman_collection.json"))
            try write(Self.payload, to: root.appendingPathComponent("src/fixtures/payload.bin"))

            let imported = try await SondeBinary.run(["import", "src/files.postman_collection.json", "--into", "files"], in: root)
            #expect(imported.status == 0, "\(imported.output)")
            let folder = root.appendingPathComponent("files")
            let copies = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".bin") }.sorted()
            #expect(copies == ["payload-2.bin", "payload.bin"], "one copy per request that names it: \(copies)")
            #expect(try Data(contentsOf: folder.appendingPathComponent("payload.bin")) == Self.payload)
            let request = try String(contentsOf: folder.appendingPathComponent("send-file.yaml"), encoding: .utf8)
            #expect(request.contains("path: payload.bin"), "\(request)")
            let form = try String(contentsOf: folder.appendingPathComponent("send-form.yaml"), encoding: .utf8)
            #expect(form.contains("file: payload-2.bin") && form.contains("fixtures/nope.bin"), "\(form)")
            #expect(imported.stdout.contains("fixtures/nope.bin: the file does not exist"), "\(imported.stdout)")

            #expect(try await sentBody("files/send-file", collections: root) == Self.payload)
        }
    }
}

import Foundation
import Testing
@testable import SondeCore

/// The files imported bodies name: which are copied (inside the source's folder, readable,
/// not too large), how the copies are named, and that the request then names its copy.
@Suite struct ImportFileCopiesTests {
    private func imported(_ bodies: [RequestBody]) -> ImportedCollection {
        ImportedCollection(name: "Files", root: ImportedFolder(name: "", requests: bodies.enumerated().map { index, body in
            var definition = RequestDefinition(name: "r\(index)", url: "https://a.test/")
            definition.body = body
            return ImportedRequest(definition: definition)
        }))
    }

    @Test func onlyReadableFilesInsideTheBaseAreCopiedAndTheRestAreWarnedAbout() throws {
        let folder = try TemporaryFolder()
        let base = folder.url.appendingPathComponent("src")
        try folder.write("src/data/a.json", "{}")
        try folder.write("outside.txt", "secret")
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent("link.txt").path, withDestinationPath: folder.url.appendingPathComponent("outside.txt").path)
        let collection = imported([
            .file(path: "./data/a.json", contentType: nil),
            .multipart([MultipartField(name: "f", value: "../outside.txt", isFile: true), MultipartField(name: "t", value: "text")]),
            .file(path: "link.txt", contentType: nil),
            .file(path: "nope.bin", contentType: nil),
            .file(path: "{{dir}}/a.json", contentType: nil),
            .file(path: "data", contentType: nil),
        ])
        let check = ImportFileCopies.check(collection, base: base)
        #expect(check.copies == ["./data/a.json": base.appendingPathComponent("data/a.json").resolvingSymlinksInPath().path])
        #expect(check.warnings.map(\.place) == ["../outside.txt", "link.txt", "nope.bin", "{{dir}}/a.json", "data"])
        #expect(check.warnings[0].message.hasPrefix("the file is outside "), "\(check.warnings)")
        #expect(check.warnings[1].message.hasPrefix("the file is outside "), "a link out is outside too")
        #expect(check.warnings[2].message.hasPrefix("the file does not exist"))
    }

    @Test func theRequestNamesItsCopyBesideItAndATakenNameGetsTwo() throws {
        let collection = imported([
            .file(path: "data/a.json", contentType: "application/json"),
            .multipart([MultipartField(name: "f", value: "data/a.json", isFile: true), MultipartField(name: "g", value: "data/a.json", isFile: true)]),
            .file(path: "x/.env", contentType: nil),
            .file(path: "x/other.yaml", contentType: nil),
            .file(path: "kept.bin", contentType: nil),
        ])
        let copies = ["data/a.json": "/src/data/a.json", "x/.env": "/src/x/.env", "x/other.yaml": "/src/x/other.yaml"]
        let plan = try ImportPlan.make(collection, into: ImportPlan.Target(paths: ["a.json"]), secretsToDotEnv: false, copies: copies)
        let copied = plan.files.filter { $0.copiedFrom != nil }.map { "\($0.path) ← \($0.copiedFrom ?? "")" }
        #expect(copied == [
            "a-2.json ← /src/data/a.json", "a-3.json ← /src/data/a.json", "env ← /src/x/.env", "other.yaml.txt ← /src/x/other.yaml",
        ])
        let texts = Dictionary(uniqueKeysWithValues: plan.files.map { ($0.path, $0.contents) })
        #expect(texts["r0.yaml"]?.contains("path: a-2.json") == true, "\(texts["r0.yaml"] ?? "")")
        #expect(texts["r1.yaml"]?.components(separatedBy: "a-3.json").count == 3, "one copy for both parts: \(texts["r1.yaml"] ?? "")")
        #expect(texts["r4.yaml"]?.contains("path: kept.bin") == true)
    }
}

import Foundation
import PropertyBased
import SondeTestSupport
import Testing
@testable import SondeCore

/// Random mixes of the lines `.http` files are made of: conversion never crashes, and either
/// fails with an error at a line of the file, or gives requests that write and load back cleanly.
@Suite struct HTTPFileImporterPropertyTests {
    static let lines = [
        "###", "### Named request", "# @name thing", "// a comment", "# @no-redirect", "# @timeout 5", "# @bogus",
        "@host = example.com", "@token = abc123xyz", "@ = 1", "@password = {{$processEnv PW}}",
        "GET https://example.com/a", "POST {{host}}/x HTTP/1.1", "https://example.com", "get http://e.com/ HTTP/2",
        "    ?a=1", "    &b=2", "\t/more", "Content-Type: application/json", "Content-Type: application/x-www-form-urlencoded",
        "Content-Type: multipart/form-data; boundary=B", "--B", "--B--", "Content-Disposition: form-data; name=\"f\"",
        "Authorization: Basic user pa55word", "Authorization: Bearer t0ken-abc", "Authorization: Digest {{u}}:{{env:P}}", "X-Api-Key: k3y-value-9",
        "Host: h.example", "GET /p", "", "", "", "{\"a\": 1}", "a=1&password=s3cr3t-value", "< ./f.json", "<@ ./g.json", "> {%", "%}",
        "> {% client.log(1) %}", ">> out.json", "<> prev.json", "< {%", "X-Env: {{$processEnv HOME}}", "X-R: {{$randomInt 1 2}}",
        "X-D: {{$datetime rfc1123}}", "x: {{oops", "POST", "WEBSOCKET ws://x", "plain text", "    indented", ": colon", "@", "#",
        "{{", "}}", "{{$guid}}", "value: 'quoted' \"x\"", "café: ünï", "key: a: b", "- list", "null", "~", "[1, 2]",
        "Accept: \u{1}\t", "GET https://e.com/{{$processEnv %X}}", "# @name", "###   ", "X: {{env:ABC}}", "@token = {{env:ABC}}",
        "{{a}}{{b}}", "Content-Type: text/plain", "< /abs/path", "Authorization: Basic", "Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "PUT {{host}}/items?api_key=abcdef123456 HTTP/1.0", "Content-Disposition: form-data; name=\"up\"; filename=\"a.txt\"",
    ]

    @Test func randomLineMixesConvertOrFailAtALine() async {
        let files = Gen<String?>.element(of: Self.lines).map { $0 ?? "" }.array(of: 0...24)
        await propertyCheck(count: 80, input: files) { lines in
            await recordingThrows {
                let text = lines.joined(separator: "\n")
                let imported: ImportedCollection
                do {
                    imported = try HTTPFileImporter.convert(text, sourceName: "fuzz.http")
                } catch let error as HTTPFileImportError {
                    let line = error.place.split(separator: ":").last.flatMap { Int($0) }
                    #expect(error.place.hasPrefix("fuzz.http:") && line.map { (1...max(lines.count, 1)).contains($0) } == true, "\(error)\n\(text)")
                    return
                }
                for warning in imported.warnings {
                    #expect(warning.place.hasPrefix("fuzz.http:"), "\(warning)")
                }
                let loaded = try HTTPFileRoundTripTests.roundTrip(imported)
                #expect(loaded == imported.root.requests.map(\.definition), "\(text)")
            }
        }
    }

    static let preambles = ["# about it", "// @name named", "# @no-redirect", "# @timeout 2 m", "@base = https://example.com", "@apiKey = k-123456", "", "< {% request.variables.set('a', 1) %}"]
    static let requestLines = [
        "GET https://example.com/a", "POST {{base}}/x HTTP/1.1", "https://example.com", "put http://e.com/ HTTP/2",
        "GET https://e.com/{{$processEnv HOME}}?token=t-98765432", "DELETE {{base}}/items/{{$uuid}}", "GET /p",
    ]
    static let headerLines = [
        "Content-Type: application/json", "Content-Type: application/x-www-form-urlencoded", "Content-Type: text/plain",
        "Content-Type: multipart/form-data; boundary=B", "Authorization: Basic user pa55word", "Authorization: Bearer t0ken-abc",
        "Authorization: Digest {{u}}:{{env:P}}", "X-Api-Key: k3y-value-9", "Host: h.example", "X-R: {{$randomInt 1 2}}",
        "X-D: {{$datetime rfc1123}}", "Accept: */*", "# a comment", "    &more=1",
    ]
    static let bodyLines = [
        "{\"a\": 1, \"password\": \"pw-123456\"}", "a=1&password=s3cr3t-value", "< ./f.json", "plain text", "--B",
        "Content-Disposition: form-data; name=\"f\"", "", "value", "< ./up.bin", "--B--", "> {% client.log(1) %}",
        ">> out.json", "> {%", "%}", "# trailing comment", "{{$guid}}",
    ]

    /// Files made of whole requests: these convert (or fail only for a path with no `Host:`),
    /// so the write-and-load half of the property is exercised on every run.
    @Test func wellFormedRequestMixesConvertAndLoadBack() async {
        let blocks = Gen<Int?>.element(of: Array(0..<1_000_000)).map { $0 ?? 0 }.array(of: 1...5)
        await propertyCheck(count: 80, input: blocks) { seeds in
            await recordingThrows {
                var lines: [String] = []
                for seed in seeds {
                    var generator = SplitMix(seed: UInt64(seed))
                    func some(_ pool: [String], _ most: Int) -> [String] {
                        (0..<Int.random(in: 0...most, using: &generator)).map { _ in pool.randomElement(using: &generator)! }
                    }
                    lines.append("### block \(seed)")
                    lines += some(Self.preambles, 2)
                    lines.append(Self.requestLines.randomElement(using: &generator)!)
                    lines += some(Self.headerLines, 4)
                    lines.append("")
                    var body = some(Self.bodyLines, 5)
                    if body.contains("> {%") { body.append("%}") }
                    lines += body
                }
                let text = lines.joined(separator: "\n")
                let imported: ImportedCollection
                do {
                    imported = try HTTPFileImporter.convert(text, sourceName: "mix.http")
                } catch let error as HTTPFileImportError {
                    #expect(error.message.contains("no Host: header"), "\(error)\n\(text)")
                    return
                }
                #expect(imported.root.requests.count == seeds.count, "\(text)")
                let loaded = try HTTPFileRoundTripTests.roundTrip(imported)
                #expect(loaded == imported.root.requests.map(\.definition), "\(text)")
            }
        }
    }
}

/// A small seeded generator, so each block of a mix is reproducible from its seed.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

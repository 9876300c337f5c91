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
}

import Foundation
import Testing
@testable import SondeCore

/// `sonde import` tells formats apart by their content; the file name only settles look-alikes.
@Suite struct ImportFormatTests {
    private func detect(_ text: String, _ name: String = "") -> ImportFormat? {
        ImportFormat.detect(Data(text.utf8), fileName: name)
    }

    @Test func eachFormatByItsContent() {
        #expect(detect("curl https://a.test") == .curl)
        #expect(detect("\n  # copied from Chrome\n\ncurl 'https://a.test' \\\n -H 'a: b'\ncurl b.test") == .curl)
        #expect(detect("curl.exe ^\"https://a.test^\"") == .curl)
        #expect(detect(#"{"info": {"name": "x", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}, "item": []}"#) == .postman)
        #expect(detect(#"{"id": "1", "name": "dev", "values": [], "_postman_variable_scope": "environment"}"#) == .postmanEnvironment)
        #expect(detect(#"{"openapi": "3.1.0", "info": {}}"#) == .openapi)
        #expect(detect("openapi: 3.0.3\ninfo:\n  title: x\n") == .openapi)
        #expect(detect("swagger: '2.0'\n") == .openapi)
        #expect(detect(#"{"_type": "export", "__export_format": 4, "resources": []}"#) == .insomnia)
        #expect(detect("type: collection.insomnia.rest/5.0\nname: x\n") == .insomnia)
        #expect(detect("### login\nPOST https://a.test/login\n") == .http)
        #expect(detect("@base = https://a.test\n\nGET {{base}}/users\n") == .http)
        #expect(detect("anything", "requests.rest") == .http)
        #expect(detect("meta {\n  name: x\n}\nget {\n  url: https://a.test\n}\n") == .bruno)
        #expect(detect("whatever", "x.bru") == .bruno)
    }

    @Test func unknownTextIsNoFormat() {
        #expect(detect("hello world") == nil)
        #expect(detect(#"{"a": 1}"#) == nil)
        #expect(detect("curling is a sport") == nil)
        #expect(ImportFormat.detect(Data([0xFF, 0xFE, 0x00]), fileName: "") == nil)
    }

    @Test func formatsWithoutAConverterSaySo() {
        #expect(throws: Importer.Unsupported(format: .openapi)) {
            try Importer.convert(Data("{}".utf8), format: .openapi, sourceName: "c.json")
        }
        let text = "\(Importer.Unsupported(format: .openapi))"
        #expect(text == "import of OpenAPI is not supported yet; sonde imports: " + Importer.supported.map(\.displayName).joined(separator: ", "))
        #expect(text.contains("curl commands, Postman collections, Postman environments, .http files, OpenAPI, Insomnia exports, Bruno"))
    }
}

import Foundation
import PropertyBased
import Testing
import SondeCore

/// Violation paths are JSONPaths sonde reads back: for any member name (quotes, backslashes,
/// control characters, dots, brackets, non-ASCII), the path selects exactly the failing value.
@Suite struct JSONSchemaPathPropertyTests {
    private static let names = Gen<Character?>.element(of: Array("ab_-Z09.'\"\\[] $é\n\t😀")).map { $0 ?? "a" }.string(of: 0...8)

    @Test func violationPathsSelectTheFailingValue() async throws {
        let schema = try JSONSchema(data: Data(#"{"additionalProperties": {"items": {"type": "null"}}}"#.utf8))
        await propertyCheck(count: 300, input: Self.names, Gen.int(in: 0...3)) { name, position in
            var items = Array(repeating: "null", count: 4)
            items[position] = "\"bad\""
            let text = "{\(JSONText.quote(name)): [\(items.joined(separator: ","))]}"
            let violations = try schema.validate(Data(text.utf8))
            #expect(violations.count == 1)
            let path = violations[0].instancePath
            #expect(!path.unicodeScalars.contains { $0.value < 0x20 }, "no raw control characters in \(path.debugDescription)")
            let tree = try JSONTree(text: text)
            let selected = try JSONPath(path).evaluate(in: tree)
            #expect(selected.map { tree.rawText(of: $0) } == ["\"bad\""], "\(path) for \(name.debugDescription)")
        }
    }
}

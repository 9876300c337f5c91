import Testing
@testable import SondeCore

@Suite struct TemplateTests {
    @Test func splitsVariablesSecretsAndDynamicValues() {
        let template = Template("{{baseUrl}}/users/{{ id }}?k={{env:API_KEY}}&r={{$uuid}}")
        #expect(template.segments == [
            .variable("baseUrl"), .literal("/users/"), .variable("id"), .literal("?k="),
            .secret("API_KEY"), .literal("&r="), .dynamic("uuid"),
        ])
    }

    @Test func leavesBracesThatAreNotPlaceholdersAlone() {
        #expect(Template("{\"a\": {\"b\": 1}}").segments == [.literal("{\"a\": {\"b\": 1}}")])
        #expect(Template("open {{ but never closed").segments == [.literal("open {{ but never closed")])
        #expect(Template("{{not a name}} and {{ok}}").segments == [.literal("{{not a name}} and "), .variable("ok")])
        #expect(Template("").segments.isEmpty)
        #expect(Template("plain").isLiteral)
    }
}

import Testing
import SondeCore

@Suite struct PercentEncodingTests {
    @Test func encodesSpacesUnicodeAndReservedCharacters() {
        #expect(PercentEncoding.queryComponent("hello world") == "hello%20world")
        #expect(PercentEncoding.queryComponent("Zürich") == "Z%C3%BCrich")
        #expect(PercentEncoding.queryComponent("a&b=c+d/e?#") == "a%26b%3Dc%2Bd%2Fe%3F%23")
        #expect(PercentEncoding.queryComponent("-._~") == "-._~")
        #expect(PercentEncoding.formComponent("café & crème") == "caf%C3%A9+%26+cr%C3%A8me")
        #expect(PercentEncoding.query([("tag", "a"), ("tag", "b")]) == "tag=a&tag=b")
    }
}

import Foundation
import SondeCore
import SondeHTTP
import Testing

/// The demo API's integer query parameters: a value outside a route's bounds is a 400 whose
/// message names the parameter, the bounds and the text sent; values within them are used.
@Suite struct DemoQueryParameterTests {
    let transport = CurlTransport()

    @Test(arguments: [
        ("/slow?ms=soon", #"ms must be an integer, got "soon""#),
        ("/posts?userId=ada", #"userId must be an integer, got "ada""#),
        ("/users?per_page=0", #"per_page must be a positive integer, got "0""#),
        ("/users?page=-2", #"page must be a positive integer, got "-2""#),
        ("/large?items=-1", #"items must be a non-negative integer, got "-1""#),
        ("/paged/pages?per_page=1001", #"per_page must be a whole number from 1 to 1000, got "1001""#),
        ("/paged/cursor?loop=0", #"loop must be a whole number from 1 to 100000, got "0""#),
        ("/flaky?id=a&retry_after=later", #"retry_after must be a whole number from 0 to 60, got "later""#),
        ("/flaky?id=a&status=200", #"status must be a whole number from 400 to 599, got "200""#),
        ("/bytes?size=1e3", #"size must be a whole number from 0 to 100000000000, got "1e3""#),
        ("/ndjson?delay_ms=60001", #"delay_ms must be a whole number from 0 to 60000, got "60001""#),
    ])
    func aValueOutOfBoundsIsABadRequestThatSaysWhy(path: String, message: String) async throws {
        try await withDemoServer { demo in
            let response = try await transport.send(PreparedRequest(method: .GET, url: demo.url(path)))
            #expect(response.status == 400)
            #expect(try JSONDecoder().decode([String: String].self, from: response.body) == ["error": message])
        }
    }

    @Test func valuesWithinTheBoundsAreUsed() async throws {
        try await withDemoServer { demo in
            let pages = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/paged/pages?page=2&per_page=3&count=7")))
            #expect(pages.status == 200)
            #expect(pages.headers.first(named: "X-Total-Count") == "7")
            #expect(String(decoding: pages.body, as: UTF8.self).contains(#""meta":{"page":2,"per_page":3,"total":7}"#))
            let bytes = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/bytes?size=1234")))
            #expect(bytes.body.count == 1234)
            let users = try await transport.send(PreparedRequest(method: .GET, url: demo.url("/users?per_page=1")))
            #expect((try JSONSerialization.jsonObject(with: users.body) as? [Any])?.count == 1)
        }
    }
}

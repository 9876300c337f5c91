import Testing
import SondeCore

/// `Link` header parsing (RFC 8288) and the URL handling of link-style pagination.
@Suite struct WebLinkTests {
    @Test func parsesTargetsAndParametersOfSeveralLinks() {
        let links = WebLink.parse(#"</users?page=2&per_page=1>; rel="next", <https://x.test/u?page=9>;rel=last; title="a, \"b\"""#)
        #expect(links == [
            WebLink(target: "/users?page=2&per_page=1", parameters: [KeyValue("rel", "next")]),
            WebLink(target: "https://x.test/u?page=9", parameters: [KeyValue("rel", "last"), KeyValue("title", #"a, "b""#)]),
        ])
        #expect(links[0].hasRelation("NEXT"))
        #expect(!links[1].hasRelation("next"))
    }

    @Test func relationsAreSpaceSeparatedCaseInsensitiveAndOnlyTheFirstRelCounts() {
        let link = WebLink.parse(#"<a>; REL="Next  Last"; rel=prev"#)
        #expect(link.first?.relations == ["next", "last"])
        #expect(link.first?.hasRelation("last") == true)
        #expect(link.first?.hasRelation("prev") == false)
    }

    @Test func commasInsideTheTargetOrAQuotedValueDoNotSplitLinks() {
        let links = WebLink.parse(#"<https://x.test/a,b>; rel="next"; title="x,y", <c>; rel=prev"#)
        #expect(links.map(\.target) == ["https://x.test/a,b", "c"])
        #expect(links[0].parameters == [KeyValue("rel", "next"), KeyValue("title", "x,y")])
    }

    @Test func aMalformedLinkIsSkippedAndTheOthersKept() {
        #expect(WebLink.parse(#"garbage; rel=next, <b>; rel=next"#).map(\.target) == ["b"])
        #expect(WebLink.parse(#"<a>; rel="unclosed, <b>; rel=next"#) == [])
        #expect(WebLink.parse(#"<a; rel=next"#) == [])
        #expect(WebLink.parse(#"<a> junk, <b>; rel=next"#).map(\.target) == ["b"])
        #expect(WebLink.parse(#"<a>;; rel=next;"#) == [WebLink(target: "a", parameters: [KeyValue("rel", "next")])])
        #expect(WebLink.parse("") == [])
        #expect(WebLink.parse(" , ,") == [])
    }

    @Test func linksOfEveryLinkHeaderAreGathered() {
        let headers = [
            HeaderField(name: "link", value: "<a>; rel=prev"), HeaderField(name: "X-Other", value: "<z>; rel=next"),
            HeaderField(name: "LINK", value: "<b>; rel=next"),
        ]
        #expect(WebLink.links(in: headers).map(\.target) == ["a", "b"])
    }

    @Test func relativeTargetsResolveAgainstThePageURL() {
        let base = "http://127.0.0.1:8787/api/users?page=1"
        #expect(PageLocation.resolve("/users?page=2", against: base) == "http://127.0.0.1:8787/users?page=2")
        #expect(PageLocation.resolve("?page=2", against: base) == "http://127.0.0.1:8787/api/users?page=2")
        #expect(PageLocation.resolve("next?c=1", against: base) == "http://127.0.0.1:8787/api/next?c=1")
        #expect(PageLocation.resolve("../v2/users", against: base) == "http://127.0.0.1:8787/v2/users")
        #expect(PageLocation.resolve("//other.test/x", against: base) == "http://other.test/x")
        #expect(PageLocation.resolve("https://api.test/u?page=2", against: base) == "https://api.test/u?page=2")
        #expect(PageLocation.resolve("ftp://files.test/x", against: base) == nil)
        #expect(PageLocation.resolve("http://bad host/", against: base) == nil)
    }

    @Test func originsCompareSchemeHostAndPort() {
        #expect(PageLocation.origin(of: "http://127.0.0.1:8787/a?b") == "http://127.0.0.1:8787")
        #expect(PageLocation.origin(of: "HTTPS://API.test/x") == "https://api.test:443")
        #expect(PageLocation.origin(of: "http://api.test/x") == PageLocation.origin(of: "http://api.test:80/y"))
        #expect(PageLocation.origin(of: "not a url") == nil)
    }

    @Test func pageParametersReplaceTheirNamesakesAndKeepTheRest() {
        let set = PageLocation.parameters([KeyValue("page", "3"), KeyValue("per_page", "20")])
        #expect(set.apply(to: "http://h/x") == "http://h/x?page=3&per_page=20")
        #expect(set.apply(to: "http://h/x?page=1&q=a%20b&per_page=5&pag=1") == "http://h/x?q=a%20b&pag=1&page=3&per_page=20")
        #expect(set.apply(to: "http://h/x?p%61ge=1&tag=a#frag") == "http://h/x?tag=a&page=3&per_page=20#frag")
        #expect(PageLocation.parameters([KeyValue("cursor", "a b/{{x}}&=")]).apply(to: "http://h/x?") == "http://h/x?cursor=a%20b%2F%7B%7Bx%7D%7D%26%3D")
        #expect(PageLocation.asWritten.apply(to: "http://h/x?a=1") == "http://h/x?a=1")
        #expect(PageLocation.url("http://h/y?page=2").apply(to: "http://h/x?a=1") == "http://h/y?page=2")
    }
}

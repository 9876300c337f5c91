import Testing
import SondeCore
@testable import SondeTUI

private let headers = [
    HeaderField(name: "Content-Type", value: "application/json; charset=utf-8"),
    HeaderField(name: "Set-Cookie", value: "session=canary-0042; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600"),
    HeaderField(name: "X-Evil", value: "a\u{1b}[31mred\u{7}"),
    HeaderField(name: "Set-Cookie", value: "theme=dark"),
]

private func rendered(_ view: HeadersView, width: Int, height: Int = 12, scroll: Int = 0) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: height)
    view.render(into: &grid, in: grid.bounds, scroll: scroll, theme: .standard)
    return grid
}

@Suite struct HeadersViewTests {
    // Cookie values are masked whether or not they are secrets of the request (`theme=dark`).
    let view = HeadersView(headers: headers, secrets: SecretSet(["canary-0042"]))

    @Test func eightyColumnsOneRowEachInTheOrderReceived() {
        let grid = rendered(view, width: 80)
        #expect(Array(grid.lines.prefix(5)) == [
            "Content-Type  application/json; charset=utf-8",
            "Set-Cookie    session=••••; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=3600",
            "X-Evil        a\\x1b[31mred\\x07",
            "Set-Cookie    theme=••••",
            "",
        ])
        #expect(view.lineCount(width: 80) == 4)
        #expect(grid[0, 0].style.bold && !grid[14, 0].style.bold)
        #expect(grid[22, 1].style == Theme.standard.secret)
        #expect(!grid.contains("canary"))
    }

    @Test func fortyColumnsWrapLongValuesUnderTheValueColumn() {
        let grid = rendered(view, width: 40)
        #expect(Array(grid.lines.prefix(7)) == [
            "Content-Type  application/json;",
            "              charset=utf-8",
            "Set-Cookie    session=••••; Path=/;",
            "              HttpOnly; Secure;",
            "              SameSite=Lax; Max-Age=3600",
            "X-Evil        a\\x1b[31mred\\x07",
            "Set-Cookie    theme=••••",
        ])
        #expect(view.lineCount(width: 40) == 7)
    }

    @Test func twentyColumnsPutEachValueUnderItsName() {
        let grid = rendered(view, width: 20, height: 14)
        #expect(Array(grid.lines.prefix(12)) == [
            "Content-Type",
            "  application/json;",
            "  charset=utf-8",
            "Set-Cookie",
            "  session=••••;",
            "  Path=/; HttpOnly;",
            "  Secure; SameSite=L",
            "  ax; Max-Age=3600",
            "X-Evil",
            "  a\\x1b[31mred\\x07",
            "Set-Cookie",
            "  theme=••••",
        ])
        #expect(view.lineCount(width: 20) == 12)
    }

    @Test func scrollingShowsLaterRowsAndStopsAtTheLastScreen() {
        #expect(rendered(view, width: 40, height: 3, scroll: 2).lines == [
            "Set-Cookie    session=••••; Path=/;",
            "              HttpOnly; Secure;",
            "              SameSite=Lax; Max-Age=3600",
        ])
        #expect(rendered(view, width: 40, height: 3, scroll: 1_000_000).lines == [
            "              SameSite=Lax; Max-Age=3600",
            "X-Evil        a\\x1b[31mred\\x07",
            "Set-Cookie    theme=••••",
        ])
    }

    @Test func headersMarkedSecretAreMaskedWholeAndLongNamesAreCut() {
        let view = HeadersView(headers: [
            HeaderField(name: "Authorization", value: "Bearer abc", isSecret: true),
            HeaderField(name: "X-A-Very-Long-Header-Name-Indeed", value: "1"),
        ], secrets: SecretSet())
        #expect(Array(rendered(view, width: 40).lines.prefix(2)) == [
            "Authorization     ••••",
            "X-A-Very-Long-H…  1",
        ])
    }

    @Test func noHeadersSaysSo() {
        let view = HeadersView(headers: [], secrets: SecretSet())
        #expect(view.lineCount(width: 80) == 0)
        #expect(rendered(view, width: 80).line(0) == "no headers")
    }
}

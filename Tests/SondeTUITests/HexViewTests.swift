import Foundation
import Testing
import SondeCore
@testable import SondeTUI

private let bytes = Data((0..<40).map { UInt8($0 * 7 % 256) }) + Data("Hello, world".utf8)

private func rendered(_ view: HexView, width: Int, height: Int, scroll: Int = 0) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: height)
    view.render(into: &grid, in: grid.bounds, scroll: scroll, theme: .standard)
    return grid
}

@Suite struct HexViewTests {
    @Test func eightyColumnsShowSixteenBytesARowUnderTheSize() {
        let grid = rendered(HexView(data: bytes), width: 80, height: 6)
        #expect(grid.lines == [
            "binary, 52 B",
            "0000  00 07 0e 15 1c 23 2a 31  38 3f 46 4d 54 5b 62 69  .....#*18?FMT[bi",
            "0010  70 77 7e 85 8c 93 9a a1  a8 af b6 bd c4 cb d2 d9  pw~.............",
            "0020  e0 e7 ee f5 fc 03 0a 11  48 65 6c 6c 6f 2c 20 77  ........Hello, w",
            "0030  6f 72 6c 64                                       orld",
            "",
        ])
        #expect(grid[6, 1].style == Theme.standard.muted)  // a NUL byte
        #expect(grid[9, 1].style == Theme.standard.text)
    }

    @Test func fortyColumnsShowEightTwentyShowTwo() {
        let view = HexView(data: bytes)
        #expect(view.bytesPerRow(width: 40) == 8 && view.rowCount(width: 40) == 7)
        #expect(Array(rendered(view, width: 40, height: 3).lines) == [
            "binary, 52 B",
            "0000  00 07 0e 15 1c 23 2a 31  .....#*1",
            "0008  38 3f 46 4d 54 5b 62 69  8?FMT[bi",
        ])
        #expect(view.bytesPerRow(width: 20) == 2)
        #expect(rendered(view, width: 20, height: 3, scroll: 20).lines == [
            "binary, 52 B",
            "0028  48 65  He",
            "002a  6c 6c  ll",
        ])
    }

    @Test func aLargeBodyWidensTheOffsetAndScrollStopsAtTheEnd() {
        let view = HexView(data: Data(repeating: 0x41, count: 1_200_000))
        let grid = rendered(view, width: 80, height: 3, scroll: Int.max / 2)
        #expect(grid.lines == [
            "binary, 1.2 MB",
            "124f60  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA",
            "124f70  41 41 41 41 41 41 41 41  41 41 41 41 41 41 41 41  AAAAAAAAAAAAAAAA",
        ])
        #expect(view.layout(width: 40).gap == 1)
        #expect(rendered(view, width: 40, height: 2).line(1) == "000000 41 41 41 41 41 41 41 41 AAAAAAAA")
    }
}

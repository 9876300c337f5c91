import Foundation
import Testing
import SondeCore
@testable import SondeTUI

private func rendered(_ model: TextBodyModel, width: Int, height: Int, scroll: Int = 0, column: Int = 0, wrap: Bool,
                      search: TextBodySearch? = nil) -> ScreenGrid {
    var grid = ScreenGrid(width: width, height: height)
    TextBodyView.render(model, into: &grid, in: grid.bounds, scroll: scroll, column: column, wrap: wrap, search: search, theme: .standard)
    return grid
}

private let prose = """
    The quick brown fox jumps over the lazy dog, then rests a while under the old oak tree by the river.
    Short line.

    Last line after an empty one.
    """

@Suite struct TextBodyViewTests {
    @Test func eightyColumnsWrappedAndNot() {
        let model = TextBodyModel(Data(prose.utf8))
        #expect(model.lineCount == 4)
        #expect(model.rowCount(width: 80, wrap: true) == 5)
        #expect(rendered(model, width: 80, height: 6, wrap: true).lines == [
            "The quick brown fox jumps over the lazy dog, then rests a while under the old oa",
            "k tree by the river.",
            "Short line.",
            "",
            "Last line after an empty one.",
            "",
        ])
        #expect(rendered(model, width: 80, height: 2, wrap: false).lines == [
            "The quick brown fox jumps over the lazy dog, then rests a while under the old oa",
            "Short line.",
        ])
        // Scrolled right by 70 columns.
        #expect(rendered(model, width: 80, height: 2, column: 70, wrap: false).lines == ["the old oak tree by the river.", ""])
    }

    @Test func fortyAndTwentyColumnsWrapIntoMoreRowsAndScroll() {
        let model = TextBodyModel(Data(prose.utf8))
        #expect(model.rowCount(width: 40, wrap: true) == 6)
        #expect(rendered(model, width: 40, height: 3, scroll: 1, wrap: true).lines == [
            "dog, then rests a while under the old oa",
            "k tree by the river.",
            "Short line.",
        ])
        #expect(model.rowCount(width: 20, wrap: true) == 9)
        #expect(rendered(model, width: 20, height: 4, scroll: 4, wrap: true).lines == [
            "k tree by the river.",
            "Short line.",
            "",
            "Last line after an e",
        ])
        let rows = model.rows(from: 3, count: 2, width: 20, wrap: true)
        #expect(rows.map(\.line) == [0, 0] && rows.map(\.isContinuation) == [true, true])
        #expect(model.rows(from: 100, count: 5, width: 20, wrap: true).isEmpty)
    }

    @Test func controlCharactersTabsInvalidUTF8AndCRLFAreShownInert() {
        var bytes = Data("tab\there\r\n".utf8)
        bytes += Data("esc \u{1b}[2J bell \u{7}\r\n".utf8)
        bytes += Data([0x62, 0x61, 0x64, 0x20, 0xFF, 0xFE, 0x20, 0x68, 0xC3]) + Data("\n".utf8)
        bytes += Data("lone \r cr\n".utf8)
        let model = TextBodyModel(bytes)
        #expect(model.lineCount == 4)
        let grid = rendered(model, width: 40, height: 4, wrap: true)
        #expect(grid.lines == [
            "tab here",
            "esc \\x1b[2J bell \\x07",
            "bad �� h�",
            "lone \\x0d cr",
        ])
        // Nothing a terminal would obey reached the grid.
        #expect(grid.cells.allSatisfy { $0.character.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F } })
    }

    @Test func wideCharactersWrapWholeAndHorizontalScrollBlanksACutOne() {
        let model = TextBodyModel(Data("日本語のテキスト\nabc".utf8))
        #expect(model.rowCount(width: 5, wrap: true) == 5)
        #expect(rendered(model, width: 5, height: 5, wrap: true).lines == ["日本", "語の", "テキ", "スト", "abc"])
        #expect(rendered(model, width: 6, height: 1, column: 1, wrap: false).lines == [" 本語"])
    }

    @Test func secretsAreMaskedInTheBodyAndNotFoundBySearch() {
        let model = TextBodyModel(Data("token=canary-0042 and canary-0042\nfine".utf8), secrets: SecretSet(["canary-0042"]))
        let grid = rendered(model, width: 40, height: 2, wrap: true)
        #expect(grid.lines == ["token=•••• and ••••", "fine"])
        #expect(grid[6, 0].style == Theme.standard.secret)
        #expect(model.matches(of: "canary").isEmpty)
        #expect(model.matches(of: "and").count == 1)
    }

    @Test func searchFindsEveryMatchMovesRoundAndHighlights() throws {
        let model = TextBodyModel(Data(prose.utf8))
        var search = TextBodySearch(query: "the", in: model)
        // Smart case: "the" also finds "The"; "The" only the capitalised one.
        #expect(search.matches.count == 5)
        #expect(TextBodySearch(query: "The", in: model).matches.count == 1)
        #expect(search.summary == "1/5")
        search.next(); search.next()
        #expect(search.currentMatch?.byteRange == 45..<48)
        #expect(model.position(of: try #require(search.currentMatch), width: 40, wrap: true) == (row: 1, column: 5))
        #expect(model.position(of: try #require(search.currentMatch), width: 80, wrap: false) == (row: 0, column: 45))
        search.previous(); search.previous(); search.previous()
        #expect(search.summary == "5/5")
        search.next()
        #expect(search.current == 0)

        let grid = rendered(model, width: 40, height: 2, wrap: true, search: search)
        #expect(grid[0, 0].style == Theme.standard.searchMatch.bolded.underlined)
        #expect(grid[31, 0].style == Theme.standard.searchMatch)
        #expect(grid[4, 0].style == Theme.standard.text)
        // Starting from where the view is.
        #expect(TextBodySearch(query: "line", in: model, from: 110).current == 1)
        #expect(TextBodySearch(query: "nothing", in: model).summary == "no match")
        #expect(TextBodySearch(query: "", in: model).matches.isEmpty)
    }

    @Test func aMatchOnAWrappedUnicodeLineMapsToItsRow() throws {
        let model = TextBodyModel(Data("été à la plage, été au soleil\n".utf8))
        let matches = model.matches(of: "soleil")
        #expect(matches.count == 1)
        let position = model.position(of: try #require(matches.first), width: 10, wrap: true)
        #expect(position == (row: 2, column: 3))
        #expect(rendered(model, width: 10, height: 3, wrap: true).lines == ["été à la p", "lage, été", "au soleil"])
    }

    @Test func anEmptyBodySaysSo() {
        let model = TextBodyModel(Data())
        #expect(model.lineCount == 0 && model.rowCount(width: 80, wrap: true) == 0)
        #expect(rendered(model, width: 80, height: 2, wrap: true).line(0) == "empty body")
    }

    @Test func aHugeLineIsCutIntoPiecesAtCharacterBoundaries() {
        // 70,000 bytes of two-byte characters on one line: pieces end between characters.
        let line = String(repeating: "é", count: 35_000)
        let model = TextBodyModel(Data(line.utf8))
        #expect(model.lineCount == 2)
        let rows = model.rows(from: 0, count: 2, width: 80, wrap: false)
        #expect(rows.map(\.text) == [String(repeating: "é", count: 80), String(repeating: "é", count: 80)])
        #expect(!rows.contains { $0.text.contains("\u{FFFD}") })
        let wrapped = model.rowCount(width: 100, wrap: true)
        // 32,768 characters in the first piece, 2,232 in the second.
        #expect(wrapped == 328 + 23)
    }

    @Test func aLargeBodyRendersAnyScreenWithoutLayingOutTheRest() {
        // 5 MB of numbered lines; the index finds every line and any row renders directly.
        var text = ""
        for number in 0..<100_000 { text += "line \(number): " + String(repeating: "x", count: 40) + "\n" }
        let model = TextBodyModel(Data(text.utf8))
        #expect(model.lineCount == 100_000)
        #expect(model.rowCount(width: 30, wrap: true) == 200_000)
        #expect(rendered(model, width: 30, height: 2, scroll: 199_998, wrap: true).lines == [
            "line 99999: xxxxxxxxxxxxxxxxxx",
            "xxxxxxxxxxxxxxxxxxxxxx",
        ])
        #expect(TextBodySearch(query: "line 77777:", in: model).matches.first?.line == 77_777)
    }
}

@Suite struct ByteScanTests {
    /// The reference: every non-overlapping occurrence, one byte at a time.
    private func naive(_ pattern: [UInt8], in text: [UInt8], ignoringCase: Bool) -> [Int] {
        func fold(_ b: UInt8) -> UInt8 { ignoringCase && b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
        var found: [Int] = []
        var index = 0
        while index + pattern.count <= text.count {
            if (0..<pattern.count).allSatisfy({ fold(text[index + $0]) == fold(pattern[$0]) }) {
                found.append(index)
                index += pattern.count
            } else {
                index += 1
            }
        }
        return found
    }

    @Test func searchAgreesWithAByteByByteSearchEverywhere() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aAbB@`[{ \n".utf8)
        for round in 0..<300 {
            let text = (0..<Int.random(in: 0...70, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let pattern = (0..<Int.random(in: 1...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let ignoringCase = round % 2 == 0
            let bytePattern = BytePattern(bytes: pattern, ignoringCase: ignoringCase)
            var found: [Int] = []
            text.withUnsafeBufferPointer { buffer in
                bytePattern.forEachOccurrence(in: buffer, range: 0..<buffer.count) { found.append($0); return true }
            }
            #expect(found == naive(pattern, in: text, ignoringCase: ignoringCase), "\(String(decoding: pattern, as: UTF8.self)) in \(String(decoding: text, as: UTF8.self))")
        }
    }

    @Test func eightByteChecksAgreeWithBytes() {
        func word(_ bytes: [UInt8]) -> UInt64 { bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) } }
        #expect(TextBodyModel.isPrintableASCII(word(Array("abcdefgh".utf8))))
        #expect(TextBodyModel.isPrintableASCII(word(Array(" ~ ~ ~ ~".utf8))))
        for bad: UInt8 in [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xC3, 0xFF] {
            for position in 0..<8 {
                var bytes = Array("abcdefgh".utf8)
                bytes[position] = bad
                #expect(!TextBodyModel.isPrintableASCII(word(bytes)))
                #expect(TextBodyModel.containsNewline(word(bytes)) == (bad == 0x0A))
            }
        }
    }
}

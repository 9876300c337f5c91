import Foundation
import SondeCore

/// The body of a binary response as a hex dump: its size on top ("binary, 1.2 MB"), then rows of
/// offset, bytes in hex and the same bytes as ASCII ("." for the unprintable), like `xxd`.
/// 16 bytes a row at 80 columns, then 8, 4, 2 or 1 as the pane narrows; NUL bytes are dimmed so
/// the structure of a file stands out. Only the rows in view are formatted.
///
///     binary, 1.2 MB
///     000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  .PNG........IHDR
package struct HexView: Sendable {
    package let data: Data

    package init(data: Data) {
        self.data = data
    }

    /// How each row is laid out at one width.
    struct Layout: Equatable {
        var bytesPerRow: Int
        var offsetDigits: Int
        /// Spaces between the offset, hex and ASCII columns.
        var gap: Int

        /// Bytes per row's hex column: "xx " per byte, one more space between two halves of 16.
        var hexWidth: Int { bytesPerRow * 3 - 1 + (bytesPerRow == 16 ? 1 : 0) }
        var width: Int { offsetDigits + gap + hexWidth + gap + bytesPerRow }
        var hexColumn: Int { offsetDigits + gap }
        var asciiColumn: Int { hexColumn + hexWidth + gap }
    }

    /// The widest layout that fits `width`: most bytes a row first, then the narrower gap.
    func layout(width: Int) -> Layout {
        // Enough digits for the last offset, at least 4 (xxd shows 8; 6 covers 16 MB).
        var digits = 4
        while digits < 16, data.count > 1 << (4 * digits) { digits += 1 }
        for bytes in [16, 8, 4, 2] {
            for gap in [2, 1] {
                let layout = Layout(bytesPerRow: bytes, offsetDigits: digits, gap: gap)
                if layout.width <= width { return layout }
            }
        }
        return Layout(bytesPerRow: 1, offsetDigits: digits, gap: 1)
    }

    /// Rows of bytes at `width`, not counting the size line above them.
    package func rowCount(width: Int) -> Int {
        let perRow = layout(width: width).bytesPerRow
        return (data.count + perRow - 1) / perRow
    }

    /// The byte count shown on each row at `width`.
    package func bytesPerRow(width: Int) -> Int { layout(width: width).bytesPerRow }

    /// Draws the size line on the first row of `rect` and byte rows from `scroll` below it.
    package func render(into grid: inout ScreenGrid, in rect: Rect, scroll: Int, theme: Theme) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.text)
        grid.write("binary, " + ByteCountText.format(Int64(data.count)), x: rect.x, y: rect.y, style: theme.muted, limit: rect.width)
        let layout = layout(width: rect.width)
        let rows = rect.splitRows(at: 1).bottom
        let total = (data.count + layout.bytesPerRow - 1) / layout.bytesPerRow
        let first = max(0, min(scroll, total - rows.height))
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            for index in 0..<rows.height where first + index < total {
                let offset = (first + index) * layout.bytesPerRow
                let bytes = UnsafeRawBufferPointer(rebasing: raw[offset..<min(raw.count, offset + layout.bytesPerRow)])
                draw(bytes, at: offset, layout: layout, x: rows.x, y: rows.y + index, limit: rows.width, into: &grid, theme: theme)
            }
        }
    }

    private func draw(_ bytes: UnsafeRawBufferPointer, at offset: Int, layout: Layout, x: Int, y: Int, limit: Int, into grid: inout ScreenGrid, theme: Theme) {
        let offsetText = String(offset, radix: 16)
        grid.write(String(repeating: "0", count: max(0, layout.offsetDigits - offsetText.count)) + offsetText,
                   x: x, y: y, style: theme.muted, limit: limit)
        for (index, byte) in bytes.enumerated() {
            let column = layout.hexColumn + index * 3 + (layout.bytesPerRow == 16 && index >= 8 ? 1 : 0)
            guard column + 2 <= limit else { break }
            let style = byte == 0 ? theme.muted : theme.text
            grid.write(Self.hexDigits[Int(byte)], x: x + column, y: y, style: style, limit: 2)
            let printable = byte >= 0x20 && byte < 0x7F
            if layout.asciiColumn + index < limit {
                grid.write(printable ? Self.asciiText[Int(byte)] : ".", x: x + layout.asciiColumn + index, y: y,
                           style: printable ? theme.text : theme.muted, limit: 1)
            }
        }
    }

    private static let hexDigits: [String] = (0..<256).map { value in
        let text = String(value, radix: 16)
        return text.count == 1 ? "0" + text : text
    }
    private static let asciiText: [String] = (0..<256).map { String(Character(Unicode.Scalar(UInt8($0)))) }
}

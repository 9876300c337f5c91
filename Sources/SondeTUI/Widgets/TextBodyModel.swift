import Foundation
import SondeCore
import Synchronization

/// A text body of any size, ready to show a screenful at a time: the bytes stay as they came and
/// only the visible rows are decoded, made inert and laid out.
///
/// Opening indexes where each line starts, in one pass over the bytes that also notes which lines
/// are plain printable ASCII (most of a typical body). Those lay out by arithmetic: with wrapping
/// on, row k of such a line is bytes k·w ..< (k+1)·w. Only the other lines (UTF-8, tabs, control
/// characters, masked secrets) are decoded, and only when seen or when the wrapped row count is
/// first needed at a width. Lines longer than `maximumLineBytes` are cut into pieces of that size
/// (at a UTF-8 boundary), each its own row when not wrapping, so no single row costs more than
/// that to draw. A trailing "\r" of a CRLF line ending is dropped; other control characters show
/// as `\x1b` and bidi or zero width characters as `<U+202E>` (TerminalSafeText's notation), invalid UTF-8 as "�", tabs as spaces to the next
/// stop of `tabWidth`, and every occurrence of a secret as "••••".
package final class TextBodyModel: Sendable {
    package let data: Data
    /// Byte offset of each line's start, then `data.count`: line i is `lineStarts[i]..<lineStarts[i+1]`
    /// with its line ending.
    let lineStarts: [Int]
    /// One bit per line: set when the line needs decoding to lay out.
    let complexLines: [UInt64]
    /// Where secrets occur, as sorted, disjoint byte ranges.
    let secretRanges: [Range<Int>]
    /// The longest line in bytes, an upper bound on its display width in ASCII: for the
    /// horizontal scroll range without decoding every line.
    package let longestLineBytes: Int
    /// Cumulative row counts for the last width wrapped at.
    private let wrapCache = Mutex<WrapIndex?>(nil)

    package static let maximumLineBytes = 65_536
    package static let tabWidth = 4

    struct WrapIndex {
        var width: Int
        /// `firstRow[i]` is the display row where line i begins; the last element is the row count.
        var firstRow: [Int]
    }

    /// Indexes `data`, masking every occurrence of the values in `secrets`.
    package init(_ data: Data, secrets: SecretSet = SecretSet()) {
        self.data = data
        let scan = Self.scanLines(data)
        var complex = scan.complexLines
        secretRanges = Self.secretRanges(of: secrets, in: data)
        for range in secretRanges {
            for line in Self.line(containing: range.lowerBound, starts: scan.lineStarts)...Self.line(containing: max(range.lowerBound, range.upperBound - 1), starts: scan.lineStarts) {
                complex[line / 64] |= 1 << UInt64(line % 64)
            }
        }
        lineStarts = scan.lineStarts
        complexLines = complex
        longestLineBytes = scan.longest
    }

    /// Source lines (pieces of over-long lines count as lines); 0 for an empty body.
    package var lineCount: Int { lineStarts.count - 1 }

    /// Display rows at `width`: one per line without wrapping, more for long lines with it.
    package func rowCount(width: Int, wrap: Bool) -> Int {
        guard wrap else { return lineCount }
        return wrapIndex(width: width).firstRow.last ?? 0
    }

    /// The display rows `first..<first + count` (fewer at the end), laid out for a view `width`
    /// columns wide; without wrapping each row shows the line from display column `column` on.
    /// Occurrences of `highlighting` (see `matches(of:)` for how it compares) are marked.
    package func rows(from first: Int, count: Int, width: Int, wrap: Bool, column: Int = 0, highlighting query: String? = nil) -> [TextBodyRow] {
        guard width > 0, count > 0, first >= 0 else { return [] }
        let pattern = query.flatMap(BytePattern.init)
        var rows: [TextBodyRow] = []
        rows.reserveCapacity(count)
        if !wrap {
            for line in first..<min(lineCount, first + count) {
                rows.append(layoutRows(line: line, width: width, wrap: false, column: column, pattern: pattern, from: 0, limit: 1)[0])
            }
            return rows
        }
        let index = wrapIndex(width: width)
        guard first < (index.firstRow.last ?? 0) else { return [] }
        var line = Self.lastIndex(in: index.firstRow, notAfter: first)
        var skip = first - index.firstRow[line]
        while rows.count < count, line < lineCount {
            rows += layoutRows(line: line, width: width, wrap: true, column: 0, pattern: pattern, from: skip, limit: count - rows.count)
            skip = 0
            line += 1
        }
        return rows
    }

    /// Every occurrence of `query` in the body, at most `limit`, in order. Compares bytes, so it
    /// finds what the server sent (a "\x1b" shown on screen is one byte, not four); ignores ASCII
    /// case unless the query has an upper-case letter (smart case, as in vim and less). Occurrences
    /// that touch a masked secret are left out, so a search cannot reveal one.
    package func matches(of query: String, limit: Int = 100_000) -> [TextMatch] {
        guard let pattern = BytePattern(query), !data.isEmpty else { return [] }
        var found: [TextMatch] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var line = 0
            pattern.forEachOccurrence(in: bytes, range: 0..<bytes.count) { offset in
                let range = offset..<offset + pattern.count
                if secretRange(overlapping: range) != nil { return true }
                while line + 1 < lineStarts.count - 1, lineStarts[line + 1] <= offset { line += 1 }
                found.append(TextMatch(line: line, byteRange: range))
                return found.count < limit
            }
        }
        return found
    }

    /// Where `match` begins on screen: its display row at `width`, and its display column within
    /// the line (without wrapping) or within that row (with it); for scrolling a match into view.
    package func position(of match: TextMatch, width: Int, wrap: Bool) -> (row: Int, column: Int) {
        guard match.line < lineCount else { return (0, 0) }
        let width = max(1, width)
        var rowInLine = 0
        var column = 0
        var rowStart = 0
        if !isComplex(match.line) {
            column = max(0, match.byteRange.lowerBound - contentBounds(of: match.line).start)
            if wrap {
                rowInLine = column / width
                rowStart = rowInLine * width
            }
        } else {
            var rowWidth = 0
            forEachUnit(line: match.line) { unit, unitColumn in
                if wrap, Self.breaksRow(rowWidth: rowWidth, unitWidth: unit.width, width: width) {
                    rowInLine += 1
                    rowWidth = 0
                    rowStart = unitColumn
                }
                if unit.bytes.upperBound > match.byteRange.lowerBound {
                    column = unitColumn
                    return false
                }
                rowWidth += unit.width
                column = unitColumn + unit.width
                return true
            }
        }
        guard wrap else { return (match.line, column) }
        return (wrapIndex(width: width).firstRow[match.line] + rowInLine, column - rowStart)
    }

    /// The one wrapping rule, shared by layout, row counting and positions so they agree: a unit
    /// that does not fit starts a new row, unless the row is empty (a unit wider than the view
    /// gets a row of its own) or the unit has no width (a combining mark stays with its base).
    @inline(__always) static func breaksRow(rowWidth: Int, unitWidth: Int, width: Int) -> Bool {
        unitWidth > 0 && rowWidth > 0 && rowWidth + unitWidth > width
    }

    // MARK: Layout

    /// One thing drawn, from some bytes of the body: a character, a tab, an escape or the mask.
    /// Its text is made only when a row is drawn, never while counting rows.
    struct Unit {
        enum Kind {
            case scalar(Unicode.Scalar)
            /// Spaces to the next tab stop.
            case tab
            /// A control or invisible character, drawn as TerminalSafeText writes it (`\x1b`,
            /// `<U+202E>`; a zero width joiner too, even inside an emoji).
            case escape(Unicode.Scalar)
            /// Bytes that are not UTF-8, drawn as one "�".
            case invalid
            case secret
        }

        var kind: Kind
        var width: Int
        var bytes: Range<Int>

        var isSecret: Bool { if case .secret = kind { true } else { false } }

        func appendText(to text: inout String) {
            switch kind {
            case .scalar(let scalar): text.unicodeScalars.append(scalar)
            case .tab: text += String(repeating: " ", count: width)
            case .escape(let scalar):
                text += TerminalSafeText.isInvisible(scalar) ? TerminalSafeText.visibleName(of: scalar) : TerminalSafeText.make(String(Character(scalar)))
            case .invalid: text += "\u{FFFD}"
            case .secret: text += SecretSet.mask
            }
        }
    }

    /// The width of a control character's escape, `\x1b`.
    static let escapeWidth = 4

    /// The columns a decoded scalar (not a secret) takes at `column` of its line: what `unit`
    /// would give, without making one.
    @inline(__always) static func width(of scalar: Unicode.Scalar?, column: Int) -> Int {
        guard let scalar else { return 1 }
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return 1 }
        if value == 0x09 { return tabWidth - column % tabWidth }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return escapeWidth }
        if TerminalSafeText.isInvisible(scalar) { return TerminalSafeText.visibleNameWidth }
        // CJK ideographs and Hangul syllables, the bulk of wide text, without the Unicode
        // property lookup DisplayWidth does first (~80 ns a character); none is a combining mark.
        if (0x4E00...0x9FFF).contains(value) || (0xAC00...0xD7A3).contains(value) || (0x3400...0x4DBF).contains(value) { return 2 }
        return DisplayWidth.of(scalar)
    }

    /// The unit for a decoded scalar (not a secret) at `column` of its line.
    @inline(__always) static func unit(for scalar: Unicode.Scalar?, bytes: Range<Int>, column: Int) -> Unit {
        guard let scalar else { return Unit(kind: .invalid, width: 1, bytes: bytes) }
        let value = scalar.value
        if value >= 0x20, value < 0x7F { return Unit(kind: .scalar(scalar), width: 1, bytes: bytes) }
        if value == 0x09 { return Unit(kind: .tab, width: tabWidth - column % tabWidth, bytes: bytes) }
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return Unit(kind: .escape(scalar), width: escapeWidth, bytes: bytes) }
        if TerminalSafeText.isInvisible(scalar) { return Unit(kind: .escape(scalar), width: TerminalSafeText.visibleNameWidth, bytes: bytes) }
        return Unit(kind: .scalar(scalar), width: DisplayWidth.of(scalar), bytes: bytes)
    }

    /// Calls `body` with each unit of line `line` and the display column it starts at, until it
    /// returns false. Zero-width units (combining marks) come with the column after their base.
    func forEachUnit(line: Int, _ body: (Unit, Int) -> Bool) {
        let (start, end) = contentBounds(of: line)
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var column = 0
            var offset = start
            var secretIndex = firstSecretIndex(atOrAfter: start)
            while offset < end {
                if secretIndex < secretRanges.count, secretRanges[secretIndex].lowerBound <= offset {
                    let unitEnd = min(end, secretRanges[secretIndex].upperBound)
                    let unit = Unit(kind: .secret, width: Self.maskWidth, bytes: offset..<unitEnd)
                    if !body(unit, column) { return }
                    column += unit.width
                    offset = unitEnd
                    secretIndex += 1
                    continue
                }
                let limit = secretIndex < secretRanges.count ? min(end, secretRanges[secretIndex].lowerBound) : end
                let (scalar, length) = Self.decodeScalar(bytes, at: offset, end: limit)
                let unit = Self.unit(for: scalar, bytes: offset..<offset + length, column: column)
                if !body(unit, column) { return }
                column += unit.width
                offset += length
            }
        }
    }

    private static let maskWidth = DisplayWidth.of(SecretSet.mask)

    /// Up to `limit` display rows of `line`, starting at its row `from` when wrapping.
    private func layoutRows(line: Int, width: Int, wrap: Bool, column: Int, pattern: BytePattern?, from skip: Int, limit: Int) -> [TextBodyRow] {
        let highlights = pattern.map { occurrences(of: $0, inLine: line) } ?? []
        if !isComplex(line) {
            return simpleRows(line: line, width: width, wrap: wrap, column: column, highlights: highlights, from: skip, limit: limit)
        }
        var rows: [TextBodyRow] = []
        var row = RowBuilder()
        var rowIndex = 0
        let viewStart = wrap ? 0 : column
        let viewEnd = wrap ? Int.max : column + width
        forEachUnit(line: line) { unit, unitColumn in
            if wrap {
                if Self.breaksRow(rowWidth: row.width, unitWidth: unit.width, width: width) {
                    if rowIndex >= skip { rows.append(row.finish(line: line, isContinuation: rowIndex > 0)) }
                    rowIndex += 1
                    row = RowBuilder()
                    if rows.count >= limit { return false }
                }
                if rowIndex >= skip {
                    row.append(unit, highlighted: Self.overlaps(unit.bytes, highlights))
                } else {
                    row.width += unit.width
                }
                return true
            }
            if unitColumn >= viewEnd { return false }
            if unitColumn + unit.width <= viewStart, unit.width > 0 || unitColumn < viewStart { return true }
            if unitColumn < viewStart {
                // A wide character or an escape cut by the left edge: show the part in view as blanks.
                row.appendBlank(unitColumn + unit.width - viewStart)
            } else if unitColumn + unit.width > viewEnd {
                return false
            } else {
                row.append(unit, highlighted: Self.overlaps(unit.bytes, highlights))
            }
            return true
        }
        if rows.count < limit, rowIndex >= skip {
            rows.append(row.finish(line: line, isContinuation: wrap && rowIndex > 0))
        }
        return rows
    }

    /// Rows of a plain ASCII line: one byte is one column, so each row is a slice by arithmetic.
    private func simpleRows(line: Int, width: Int, wrap: Bool, column: Int, highlights: [Range<Int>], from skip: Int, limit: Int) -> [TextBodyRow] {
        let (start, end) = contentBounds(of: line)
        let slices: [(range: Range<Int>, isContinuation: Bool)]
        if wrap {
            let rowCount = max(1, (end - start + width - 1) / width)
            slices = (skip..<min(rowCount, skip + limit)).map { k in
                (min(end, start + k * width)..<min(end, start + (k + 1) * width), k > 0)
            }
        } else {
            let from = min(end, start + max(0, column))
            slices = [(from..<min(end, from + width), false)]
        }
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            slices.map { slice in
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: raw[slice.range]), as: UTF8.self)
                let marked = highlights.compactMap { match -> Range<Int>? in
                    let overlap = match.clamped(to: slice.range)
                    return overlap.isEmpty ? nil : (overlap.lowerBound - slice.range.lowerBound)..<(overlap.upperBound - slice.range.lowerBound)
                }
                return TextBodyRow(line: line, text: text, isContinuation: slice.isContinuation, highlights: marked, secrets: [])
            }
        }
    }

    /// Accumulates one row's text and the column ranges to highlight.
    private struct RowBuilder {
        var text = ""
        var width = 0
        var highlights: [Range<Int>] = []
        var secrets: [Range<Int>] = []

        mutating func append(_ unit: Unit, highlighted: Bool) {
            unit.appendText(to: &text)
            let columns = width..<width + unit.width
            if highlighted, unit.width > 0 { Self.add(columns, to: &highlights) }
            if unit.isSecret { Self.add(columns, to: &secrets) }
            width += unit.width
        }

        mutating func appendBlank(_ count: Int) {
            text += String(repeating: " ", count: count)
            width += count
        }

        func finish(line: Int, isContinuation: Bool) -> TextBodyRow {
            TextBodyRow(line: line, text: text, isContinuation: isContinuation, highlights: highlights, secrets: secrets)
        }

        private static func add(_ columns: Range<Int>, to ranges: inout [Range<Int>]) {
            if let last = ranges.last, last.upperBound == columns.lowerBound {
                ranges[ranges.count - 1] = last.lowerBound..<columns.upperBound
            } else {
                ranges.append(columns)
            }
        }
    }

    private static func overlaps(_ bytes: Range<Int>, _ ranges: [Range<Int>]) -> Bool {
        ranges.contains { $0.overlaps(bytes) }
    }

    private func occurrences(of pattern: BytePattern, inLine line: Int) -> [Range<Int>] {
        let (start, end) = contentBounds(of: line)
        var found: [Range<Int>] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            pattern.forEachOccurrence(in: raw.bindMemory(to: UInt8.self), range: start..<end) { offset in
                let range = offset..<offset + pattern.count
                if secretRange(overlapping: range) == nil { found.append(range) }
                return true
            }
        }
        return found
    }

    /// The rows of each line at `width`, computed once per width and kept for the last one.
    private func wrapIndex(width: Int) -> WrapIndex {
        let width = max(1, width)
        return wrapCache.withLock { cache in
            if let cache, cache.width == width { return cache }
            let firstRow = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [Int] in
                // Local copies: reading a class's arrays in the loop costs a retain each time.
                let starts = lineStarts, complex = complexLines
                var firstRow: [Int] = []
                firstRow.reserveCapacity(starts.count)
                var row = 0
                for line in 0..<starts.count - 1 {
                    firstRow.append(row)
                    if complex[line / 64] & (1 << UInt64(line % 64)) == 0 {
                        let (start, end) = Self.contentBounds(start: starts[line], end: starts[line + 1], in: raw)
                        row += max(1, (end - start + width - 1) / width)
                    } else {
                        row += rowsInLine(line, width: width, raw)
                    }
                }
                firstRow.append(row)
                return firstRow
            }
            let index = WrapIndex(width: width, firstRow: firstRow)
            cache = index
            return index
        }
    }

    /// How many rows line `line` wraps into at `width`; `raw` is the body's bytes.
    private func rowsInLine(_ line: Int, width: Int, _ raw: UnsafeRawBufferPointer) -> Int {
        let (start, end) = Self.contentBounds(start: lineStarts[line], end: lineStarts[line + 1], in: raw)
        if !isComplex(line) { return max(1, (end - start + width - 1) / width) }
        guard let base = raw.baseAddress else { return 1 }
        var rows = 1
        var rowWidth = 0
        if secretRange(overlapping: start..<max(start + 1, end)) != nil {
            forEachUnit(line: line) { unit, _ in
                if Self.breaksRow(rowWidth: rowWidth, unitWidth: unit.width, width: width) {
                    rows += 1
                    rowWidth = 0
                }
                rowWidth += unit.width
                return true
            }
            return rows
        }
        // The same rule as the units give, without making them: runs of printable ASCII are
        // placed by arithmetic, 8 bytes at a time.
        let bytes = raw.bindMemory(to: UInt8.self)
        var column = 0
        var offset = start
        while offset < end {
            var run = offset
            while run + 8 <= end {
                let mask = Self.nonPrintableMask(Self.loadWord(base, run))
                if mask != 0 {
                    run += Self.firstLane(mask)
                    break
                }
                run += 8
            }
            while run < end, bytes[run] >= 0x20, bytes[run] < 0x7F { run += 1 }
            var remaining = run - offset
            column += remaining
            while remaining > 0 {
                if rowWidth == width {
                    rows += 1
                    rowWidth = 0
                }
                let taken = min(remaining, width - rowWidth)
                rowWidth += taken
                remaining -= taken
            }
            offset = run
            guard offset < end else { break }
            let (scalar, length) = Self.decodeScalar(bytes, at: offset, end: end)
            let unitWidth = Self.width(of: scalar, column: column)
            if Self.breaksRow(rowWidth: rowWidth, unitWidth: unitWidth, width: width) {
                rows += 1
                rowWidth = 0
            }
            rowWidth += unitWidth
            column += unitWidth
            offset += length
        }
        return rows
    }

    // MARK: Index

    func isComplex(_ line: Int) -> Bool {
        complexLines[line / 64] & (1 << UInt64(line % 64)) != 0
    }

    /// The bytes of line `line` without its line ending ("\n" or "\r\n").
    func contentBounds(of line: Int) -> (start: Int, end: Int) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            Self.contentBounds(start: lineStarts[line], end: lineStarts[line + 1], in: raw)
        }
    }

    @inline(__always) static func contentBounds(start: Int, end: Int, in raw: UnsafeRawBufferPointer) -> (start: Int, end: Int) {
        var end = end
        if end > start, raw[end - 1] == 0x0A {
            end -= 1
            if end > start, raw[end - 1] == 0x0D { end -= 1 }
        }
        return (start, end)
    }

    private func secretRange(overlapping range: Range<Int>) -> Range<Int>? {
        let index = firstSecretIndex(atOrAfter: range.lowerBound)
        if index > 0, secretRanges[index - 1].overlaps(range) { return secretRanges[index - 1] }
        if index < secretRanges.count, secretRanges[index].overlaps(range) { return secretRanges[index] }
        return nil
    }

    /// The index of the first secret range that ends after `offset`.
    private func firstSecretIndex(atOrAfter offset: Int) -> Int {
        var low = 0, high = secretRanges.count
        while low < high {
            let mid = (low + high) / 2
            if secretRanges[mid].upperBound <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The last index whose value is at most `value` in the ascending `values`.
    static func lastIndex(in values: [Int], notAfter value: Int) -> Int {
        var low = 0, high = values.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if values[mid] <= value { low = mid } else { high = mid - 1 }
        }
        return low
    }

    static func line(containing offset: Int, starts: [Int]) -> Int {
        min(lastIndex(in: starts, notAfter: offset), max(0, starts.count - 2))
    }


    /// Decodes one scalar at `offset`, not reading past `end`: the scalar and its length in
    /// bytes, or nil and the length of an invalid sequence, shown as one "�". Invalid sequences
    /// are cut as Unicode recommends and `String(decoding:as:)` does (the longest start of a
    /// valid sequence is one "�"), so the text reads as any other decoder would show it.
    @inline(__always) static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, end: Int) -> (Unicode.Scalar?, Int) {
        let first = bytes[offset]
        if first < 0x80 { return (Unicode.Scalar(first), 1) }
        var needed: Int
        var value: UInt32
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch first {
        case 0xC2...0xDF: needed = 1; value = UInt32(first & 0x1F)
        case 0xE0: needed = 2; value = UInt32(first & 0x0F); lower = 0xA0
        case 0xED: needed = 2; value = UInt32(first & 0x0F); upper = 0x9F
        case 0xE1...0xEF: needed = 2; value = UInt32(first & 0x0F)
        case 0xF0: needed = 3; value = UInt32(first & 0x07); lower = 0x90
        case 0xF4: needed = 3; value = UInt32(first & 0x07); upper = 0x8F
        case 0xF1...0xF3: needed = 3; value = UInt32(first & 0x07)
        default: return (nil, 1)
        }
        var length = 1
        while needed > 0 {
            guard offset + length < end else { return (nil, length) }
            let byte = bytes[offset + length]
            guard byte >= lower, byte <= upper else { return (nil, length) }
            value = value << 6 | UInt32(byte & 0x3F)
            lower = 0x80
            upper = 0xBF
            length += 1
            needed -= 1
        }
        return (Unicode.Scalar(value), length)
    }

    /// Finds line starts and notes the lines that are not plain printable ASCII, 8 bytes at a time
    /// where it can.
    static func scanLines(_ data: Data) -> (lineStarts: [Int], complexLines: [UInt64], longest: Int) {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> ([Int], [UInt64], Int) in
            var starts: [Int] = [0]
            var complex: [UInt64] = [0]
            var longest = 0
            guard let base = raw.baseAddress else { return (starts, complex, longest) }
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = raw.count
            var lineStart = 0
            var lineIsSimple = true
            var index = 0
            while index < count {
                var end = -1
                if index - lineStart >= maximumLineBytes, bytes[index] != 0x0A {
                    // Cut at a UTF-8 boundary: back over continuation bytes (at most three).
                    var cut = index
                    while cut > lineStart + 1, cut > index - 3, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
                    end = cut
                } else {
                    let limit = min(count, lineStart + maximumLineBytes) - 8
                    // Skip 8 bytes at a time to the first byte that matters: one that is not
                    // printable ASCII while the line may still be simple, else a newline.
                    while index <= limit {
                        let word = loadWord(base, index)
                        let mask = lineIsSimple ? nonPrintableMask(word) : byteMask(word, 0x0A)
                        if mask != 0 {
                            index += firstLane(mask)
                            break
                        }
                        index += 8
                    }
                    guard index < count else { break }
                    let byte = bytes[index]
                    index += 1
                    if byte == 0x0A {
                        end = index
                    } else if byte < 0x20 || byte >= 0x7F {
                        if !(byte == 0x0D && index < count && bytes[index] == 0x0A) { lineIsSimple = false }
                    }
                }
                guard end >= 0 else { continue }
                let line = starts.count - 1
                if !lineIsSimple { complex[line / 64] |= 1 << UInt64(line % 64) }
                longest = max(longest, end - lineStart)
                starts.append(end)
                if (line + 1) % 64 == 0 { complex.append(0) }
                // A piece cut inside a character starts with its continuation bytes: not ASCII.
                lineIsSimple = end == index
                lineStart = end
            }
            if lineStart < count {
                let line = starts.count - 1
                if !lineIsSimple { complex[line / 64] |= 1 << UInt64(line % 64) }
                longest = max(longest, count - lineStart)
                starts.append(count)
            }
            return (starts, complex, longest)
        }
    }

    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    // Eight bytes at a time ("SIMD within a register"). A mask has the high bit set in the lane of
    // each byte found; lanes above a found one may be set falsely (a borrow), never lanes below, so
    // the lowest set lane is exact and any other is a candidate to check.

    /// The 8 bytes at `offset`, the first in the lowest lane whatever the machine's byte order.
    @inline(__always) static func loadWord(_ base: UnsafeRawPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// The index (0–7) of the lowest lane set in a non-zero mask.
    @inline(__always) static func firstLane(_ mask: UInt64) -> Int { mask.trailingZeroBitCount / 8 }

    /// Lanes holding `byte`.
    @inline(__always) static func byteMask(_ word: UInt64, _ byte: UInt8) -> UInt64 {
        let x = word ^ (ones &* UInt64(byte))
        return (x &- ones) & ~x & highBits
    }

    /// Lanes holding a byte outside 0x20...0x7E.
    @inline(__always) static func nonPrintableMask(_ word: UInt64) -> UInt64 {
        let high = word & highBits
        let low = word & ~highBits
        let below0x20 = (low &- ones &* 0x20) & ~low & highBits
        return high | below0x20 | byteMask(low, 0x7F)
    }

    /// Whether all eight bytes are in 0x20...0x7E.
    @inline(__always) static func isPrintableASCII(_ word: UInt64) -> Bool { nonPrintableMask(word) == 0 }

    @inline(__always) static func containsNewline(_ word: UInt64) -> Bool { byteMask(word, 0x0A) != 0 }

    /// Every occurrence of every secret, merged into sorted, disjoint ranges.
    static func secretRanges(of secrets: SecretSet, in data: Data) -> [Range<Int>] {
        guard !secrets.isEmpty else { return [] }
        var ranges: [Range<Int>] = []
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            for value in secrets.values {
                let pattern = BytePattern(bytes: Array(value.utf8), ignoringCase: false)
                pattern.forEachOccurrence(in: bytes, range: 0..<bytes.count) { offset in
                    ranges.append(offset..<offset + pattern.count)
                    return true
                }
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, last.upperBound >= range.lowerBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }
}

/// One display row of a text body.
package struct TextBodyRow: Sendable, Equatable {
    /// The source line it shows (part of).
    package var line: Int
    /// Inert text to draw, exactly as wide as it measures.
    package var text: String
    /// A wrapped line's second or later row.
    package var isContinuation: Bool
    /// Display columns (from the row's start) of search matches.
    package var highlights: [Range<Int>]
    /// Display columns of masked secrets.
    package var secrets: [Range<Int>]
}

/// One occurrence of a search in a text body.
package struct TextMatch: Sendable, Equatable {
    package var line: Int
    /// Byte offsets in the body.
    package var byteRange: Range<Int>
}

/// A search query as bytes, compared with ASCII case folded or not.
struct BytePattern {
    let bytes: [UInt8]
    let ignoringCase: Bool
    var count: Int { bytes.count }

    init(bytes: [UInt8], ignoringCase: Bool) {
        self.bytes = ignoringCase ? bytes.map(Self.lower) : bytes
        self.ignoringCase = ignoringCase
    }

    /// Smart case: a query with an upper-case letter matches case exactly; nil for "".
    init?(_ query: String) {
        guard !query.isEmpty else { return nil }
        self.init(bytes: Array(query.utf8), ignoringCase: !query.contains { $0.isUppercase })
    }

    @inline(__always) static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Calls `body` with the offset of each non-overlapping occurrence that lies wholly in
    /// `range`, until it returns false.
    func forEachOccurrence(in buffer: UnsafeBufferPointer<UInt8>, range: Range<Int>, _ body: (Int) -> Bool) {
        let m = bytes.count
        guard m > 0, range.count >= m else { return }
        bytes.withUnsafeBufferPointer { pattern in
            guard let base = buffer.baseAddress else { return }
            let first = pattern[0]
            let lastByte = pattern[m - 1]
            // Candidates have the first byte at i and the last at i + m - 1, checked for 8 values
            // of i at a time (Muła's generic SIMD search, in a register). Ignoring case, a letter
            // is compared with bit 0x20 forced on, which maps "A" to "a" (and "@" to "`": a false
            // candidate, rejected when checked).
            let foldFirst: UInt64 = ignoringCase && Self.isLetter(first) ? TextBodyModel.ones &* 0x20 : 0
            let foldLast: UInt64 = ignoringCase && Self.isLetter(lastByte) ? TextBodyModel.ones &* 0x20 : 0
            var index = range.lowerBound
            let last = range.upperBound - m
            search: while index <= last {
                if index + 7 <= last {
                    let head = TextBodyModel.loadWord(base, index) | foldFirst
                    let tail = TextBodyModel.loadWord(base, index + m - 1) | foldLast
                    var candidates = TextBodyModel.byteMask(head, first) & TextBodyModel.byteMask(tail, lastByte)
                    while candidates != 0 {
                        let offset = index + TextBodyModel.firstLane(candidates)
                        if matches(buffer, at: offset, pattern) {
                            if !body(offset) { return }
                            index = offset + m
                            continue search
                        }
                        candidates &= candidates - 1
                    }
                    index += 8
                    continue
                }
                if matches(buffer, at: index, pattern) {
                    if !body(index) { return }
                    index += m
                    continue
                }
                index += 1
            }
        }
    }

    @inline(__always) private static func isLetter(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }

    @inline(__always) private func matches(_ buffer: UnsafeBufferPointer<UInt8>, at offset: Int, _ pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        for k in 0..<pattern.count {
            let byte = ignoringCase ? Self.lower(buffer[offset + k]) : buffer[offset + k]
            if byte != pattern[k] { return false }
        }
        return true
    }
}

import SondeCore

/// The Headers tab: response headers in the order received, repeats kept, the name in a bold
/// column and the value beside it. A long value wraps onto continuation lines indented under the
/// value column; on panes too narrow for two columns each value goes under its name instead.
/// Values are masked with the request's secrets, cookie values always (`SecretSet.shownValue`),
/// and made inert before they are measured.
///
///     Content-Type    application/json; charset=utf-8
///     Set-Cookie      session=••••; Path=/; HttpOnly; Secure;
///                     SameSite=Lax
package struct HeadersView: Sendable {
    /// One screen row of the laid-out list.
    struct Line: Equatable {
        /// The header name on the first row of a header, empty on continuation rows.
        var name: String
        var value: String
        /// The column where `value` starts.
        var valueColumn: Int
    }

    /// Name and masked, inert value of each header, in order.
    let fields: [(name: String, value: String)]

    /// Below this width the name gets a row of its own and the value goes under it.
    static let minimumTwoColumnWidth = 32
    /// The name column never takes more than this share of the width (in percent), so one long
    /// header name cannot squeeze every value into a sliver.
    static let maximumNameShare = 40

    package init(headers: [HeaderField], secrets: SecretSet) {
        fields = headers.map { header in
            let value = secrets.shownValue(of: header)
            return (TerminalSafeText.make(header.name), TerminalSafeText.make(value))
        }
    }

    /// How many rows the list takes at `width`: what the scroll range is measured against.
    package func lineCount(width: Int) -> Int {
        lines(width: width).count
    }

    /// Draws the rows from `scroll` on into `rect`.
    package func render(into grid: inout ScreenGrid, in rect: Rect, scroll: Int, theme: Theme) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.text)
        let lines = lines(width: rect.width)
        guard !lines.isEmpty else {
            grid.write("no headers", x: rect.x, y: rect.y, style: theme.muted, limit: rect.width)
            return
        }
        // Scrolled past the end (G sets a huge scroll), the last screenful stays in view.
        let first = max(0, min(scroll, lines.count - rect.height))
        for (offset, line) in lines[first...].prefix(rect.height).enumerated() {
            let y = rect.y + offset
            if !line.name.isEmpty {
                grid.write(line.name, x: rect.x, y: y, style: theme.title, limit: rect.width)
            }
            Self.writeValue(line.value, x: rect.x + line.valueColumn, y: y,
                            limit: rect.width - line.valueColumn, into: &grid, theme: theme)
        }
    }

    /// The rows at `width`. Headers are few (dozens, a few kB), so laying them out on every call
    /// costs microseconds and needs no cache.
    func lines(width: Int) -> [Line] {
        guard width > 0 else { return [] }
        var lines: [Line] = []
        if width < Self.minimumTwoColumnWidth {
            let indent = min(2, width - 1)
            for field in fields {
                lines.append(Line(name: DisplayWidth.truncate(field.name, to: width), value: "", valueColumn: 0))
                for piece in Self.wrap(field.value, width: width - indent) {
                    lines.append(Line(name: "", value: piece, valueColumn: indent))
                }
            }
            return lines
        }
        let longestName = fields.map { DisplayWidth.of($0.name) }.max() ?? 0
        let nameWidth = min(longestName, width * Self.maximumNameShare / 100)
        let valueColumn = nameWidth + 2
        for field in fields {
            let pieces = Self.wrap(field.value, width: width - valueColumn)
            for (index, piece) in pieces.enumerated() {
                let name = index == 0 ? DisplayWidth.truncate(field.name, to: nameWidth) : ""
                lines.append(Line(name: name, value: piece, valueColumn: valueColumn))
            }
        }
        return lines
    }

    /// `text` cut into pieces at most `width` columns wide, breaking after a space, comma or
    /// semicolon when one falls in the last third of the piece (so `Set-Cookie` attributes and
    /// lists break between items) and anywhere otherwise. Always at least one piece.
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [text] }
        var pieces: [String] = []
        var current = ""
        var currentWidth = 0
        var lastBreak: (index: String.Index, width: Int)?
        for character in text {
            let w = DisplayWidth.of(character)
            if currentWidth + w > width, !current.isEmpty {
                if let lastBreak, lastBreak.width * 3 >= width * 2 {
                    pieces.append(String(current[..<lastBreak.index]))
                    current = String(current[lastBreak.index...])
                    currentWidth -= lastBreak.width
                } else {
                    pieces.append(current)
                    current = ""
                    currentWidth = 0
                }
                lastBreak = nil
            }
            current.append(character)
            currentWidth += w
            if character == " " || character == "," || character == ";" {
                lastBreak = (current.endIndex, currentWidth)
            }
        }
        pieces.append(current)
        return pieces
    }

    /// Writes one value row, with masked secrets in the secret colour so they read as masked.
    static func writeValue(_ value: String, x: Int, y: Int, limit: Int, into grid: inout ScreenGrid, theme: Theme) {
        var column = x
        var remaining = limit
        var rest = Substring(value)
        while !rest.isEmpty, remaining > 0 {
            let range = rest.range(of: SecretSet.mask)
            let plain = range.map { rest[..<$0.lowerBound] } ?? rest
            var used = grid.write(plain, x: column, y: y, style: theme.text, limit: remaining)
            column += used
            remaining -= used
            guard let range else { break }
            used = grid.write(rest[range], x: column, y: y, style: theme.secret, limit: remaining)
            column += used
            remaining -= used
            rest = rest[range.upperBound...]
        }
    }
}

import SondeCore

/// The Request tab: every request of the exchange as libcurl wrote it on the wire, with the
/// answers that led from one to the next, line for line as `sonde send -v` prints them
/// (`WireTranscript`, already masked and inert). A long line wraps onto rows indented by two.
///
///     > GET /redirect/1 HTTP/1.1
///     > Host: 127.0.0.1:8787
///     > Authorization: Bearer ••••
///     >
///     < HTTP/1.1 302 Found
///     < Location: /redirect/0
///     * redirect to http://127.0.0.1:8787/redirect/0
package struct WireView: Sendable {
    /// How a piece of a row is drawn.
    enum Tone: Equatable {
        case marker, name, value, muted
        case status(Int)
    }

    /// A run of text of one tone.
    struct Segment: Equatable {
        var text: String
        var tone: Tone
    }

    let transcript: WireTranscript

    package init(transcript: WireTranscript) {
        self.transcript = transcript
    }

    /// How many rows the transcript takes at `width`: what the scroll range is measured against.
    package func lineCount(width: Int) -> Int {
        rows(width: width).count
    }

    /// Draws the rows from `scroll` on into `rect`; past the end, the last screenful.
    package func render(into grid: inout ScreenGrid, in rect: Rect, scroll: Int, theme: Theme) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.text)
        let rows = rows(width: rect.width)
        let first = max(0, min(scroll, rows.count - rect.height))
        for (offset, row) in rows[first...].prefix(rect.height).enumerated() {
            var x = rect.x
            let y = rect.y + offset
            for segment in row {
                let limit = rect.maxX - x
                guard limit > 0 else { break }
                switch segment.tone {
                case .value:
                    HeadersView.writeValue(segment.text, x: x, y: y, limit: limit, into: &grid, theme: theme)
                    x += min(limit, DisplayWidth.of(segment.text))
                case .marker, .muted:
                    x += grid.write(segment.text, x: x, y: y, style: theme.muted, limit: limit)
                case .name:
                    x += grid.write(segment.text, x: x, y: y, style: theme.title, limit: limit)
                case .status(let code):
                    x += grid.write(segment.text, x: x, y: y, style: theme.status(code), limit: limit)
                }
            }
        }
    }

    /// The rows at `width`, each a list of segments: a blank row between requests, long lines
    /// wrapped. A transcript is a few kB, so laying it out on every call costs microseconds.
    func rows(width: Int) -> [[Segment]] {
        guard width > 0 else { return [] }
        var rows: [[Segment]] = []
        for line in transcript.lines {
            let segments: [Segment]
            switch line {
            case .request(let text):
                if !rows.isEmpty { rows.append([]) }
                segments = [Segment(text: "> ", tone: .marker), Segment(text: text, tone: .name)]
            case .sentHeader(let name, let value):
                segments = [Segment(text: "> ", tone: .marker), Segment(text: name, tone: .name), Segment(text: ": ", tone: .marker),
                            Segment(text: value, tone: .value)]
            case .endOfHead(let size):
                rows.append([Segment(text: ">", tone: .marker)])
                guard size > 0 else { continue }
                segments = [Segment(text: "> ", tone: .marker), Segment(text: "[\(ByteCountText.format(size)) of body]", tone: .muted)]
            case .answer(let status, let text):
                segments = [Segment(text: "< ", tone: .marker), Segment(text: text, tone: .status(status))]
            case .answerHeader(let name, let value):
                segments = [Segment(text: "< ", tone: .marker), Segment(text: name, tone: .name), Segment(text: ": ", tone: .marker),
                            Segment(text: value, tone: .value)]
            case .note(let text):
                segments = [Segment(text: "* " + text, tone: .muted)]
            }
            rows += Self.wrap(segments, width: width)
        }
        return rows
    }

    /// `segments` cut into rows of at most `width` columns, the rows after the first indented
    /// by two (when there is room) so they read as the same line.
    static func wrap(_ segments: [Segment], width: Int) -> [[Segment]] {
        let indent = width > 8 ? 2 : 0
        var rows: [[Segment]] = [[]]
        var used = 0
        for segment in segments {
            var piece = ""
            for character in segment.text {
                let w = DisplayWidth.of(character)
                if used + w > width, used > indent {
                    if !piece.isEmpty { rows[rows.count - 1].append(Segment(text: piece, tone: segment.tone)) }
                    piece = ""
                    rows.append(indent > 0 ? [Segment(text: String(repeating: " ", count: indent), tone: .marker)] : [])
                    used = indent
                }
                piece.append(character)
                used += w
            }
            if !piece.isEmpty { rows[rows.count - 1].append(Segment(text: piece, tone: segment.tone)) }
        }
        return rows
    }
}

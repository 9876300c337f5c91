import SondeCore

/// The Timing tab: DNS, connect, TLS, waiting (first byte) and download as a waterfall on one
/// time axis, like a browser's network panel, each bar starting where the one before ended, with
/// the milliseconds beside it; then the total, and the redirect time when there was any.
///
///     DNS            ▋                  2.0 ms
///     Connect        █▊                 3.0 ms
///     TLS             ████▏            10.0 ms
///     Waiting (TTFB)      ████████▋    24.9 ms
///     Download                    ████ 10.0 ms
///     Total          █████████████████ 50.0 ms
///
/// Zero phases show their "0.00 ms" with no bar, TLS on plain HTTP "—". Below the total, a line
/// says how the response travelled ("HTTP/2 · reused connection"), which explains a zero
/// connect and handshake.
///
/// Narrow panes shorten the labels first, then drop the bars; the numbers stay.
package enum TimingWaterfall {
    /// One row of the waterfall: what it is called, where its bar lies on the time axis
    /// (seconds from the start), and the duration printed beside it (nil prints "—").
    struct Row: Equatable {
        var label: String
        var shortLabel: String
        var start: Double
        var end: Double
        var duration: Double?
        var kind: Kind
    }

    enum Kind: Equatable {
        /// The phase with this index, coloured by `Theme.timingPhase`.
        case phase(Int)
        case total
        case redirects
    }

    /// The narrowest bar worth drawing; below it the bars are left out and only numbers shown.
    static let minimumBarWidth = 6

    /// Draws the waterfall for `timings` into `rect`, one row per phase from its top, then
    /// `connection` (`HTTPResponse.connectionSummary`) when given; rows that do not fit are left out.
    package static func render(
        _ timings: TransferTimings, connection: String? = nil, into grid: inout ScreenGrid, in rect: Rect, theme: Theme
    ) {
        guard !rect.isEmpty else { return }
        grid.fill(rect, style: theme.text)
        let rows = rows(for: timings)
        let numbers = rows.map { $0.duration.map(DurationText.format) ?? "—" }
        let numberWidth = numbers.map { DisplayWidth.of($0) }.max() ?? 0
        let longLabelWidth = rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        let shortLabelWidth = rows.map { DisplayWidth.of($0.shortLabel) }.max() ?? 0

        // Long labels while a useful bar still fits beside them, then short labels, then no bar.
        let useShortLabels = rect.width < longLabelWidth + 1 + minimumBarWidth + 1 + numberWidth
        let labelWidth = min(useShortLabels ? shortLabelWidth : longLabelWidth, max(0, rect.width - numberWidth - 1))
        let barWidth = rect.width - labelWidth - 1 - numberWidth - 1
        let showsBars = barWidth >= minimumBarWidth
        let axisEnd = max(timings.total, rows.map(\.end).max() ?? 0)

        for (index, row) in rows.enumerated() where index < rect.height {
            let y = rect.y + index
            let isTotal = row.kind == .total
            let labelStyle = isTotal ? theme.title : theme.text
            grid.write(DisplayWidth.truncate(useShortLabels ? row.shortLabel : row.label, to: labelWidth),
                       x: rect.x, y: y, style: labelStyle, limit: labelWidth)
            let number = numbers[index]
            let numberStyle = row.duration == nil ? theme.muted : (isTotal ? theme.title : theme.text)
            let numberColumns = min(DisplayWidth.of(number), rect.width)
            grid.write(number, x: rect.maxX - numberColumns, y: y, style: numberStyle, limit: numberColumns)
            guard showsBars, row.duration != nil else { continue }
            let barStyle: TextStyle = switch row.kind {
            case .phase(let index): theme.timingPhase(index)
            case .total: theme.text
            case .redirects: theme.muted
            }
            let bar = Self.bar(from: row.start, to: row.end, axisEnd: axisEnd, width: barWidth)
            grid.write(bar, x: rect.x + labelWidth + 1, y: y, style: barStyle, limit: barWidth)
        }
        if let connection, rows.count < rect.height {
            grid.write(connection, x: rect.x, y: rect.y + rows.count, style: theme.muted, limit: rect.width)
        }
    }

    /// The rows for `timings`, in the order shown.
    static func rows(for timings: TransferTimings) -> [Row] {
        let phases = TimingPhases(timings)
        let hasTLS = timings.tls > 0
        let durations: [(String, String, Double?)] = [
            ("DNS", "DNS", phases.dns),
            ("Connect", "Connect", phases.connect),
            ("TLS", "TLS", hasTLS ? phases.tls : nil),
            ("Waiting (TTFB)", "TTFB", phases.waiting),
            ("Download", "Download", phases.download),
        ]
        var rows: [Row] = []
        var cursor = 0.0
        for (index, (label, short, duration)) in durations.enumerated() {
            let length = duration ?? 0
            rows.append(Row(label: label, shortLabel: short, start: cursor, end: cursor + length,
                            duration: duration, kind: .phase(index)))
            cursor += length
        }
        rows.append(Row(label: "Total", shortLabel: "Total", start: 0, end: max(timings.total, cursor),
                        duration: timings.total, kind: .total))
        if timings.redirect > 0 {
            // libcurl counts every hop in the phases above; this says how much of it was redirects.
            rows.append(Row(label: "Redirects", shortLabel: "Redirect", start: 0, end: timings.redirect,
                            duration: timings.redirect, kind: .redirects))
        }
        return rows
    }

    /// A bar from `start` to `end` on an axis of `width` cells standing for `axisEnd` seconds,
    /// in eighths of a cell: blank up to the cell where it starts, full blocks, then a partial
    /// block for the last fraction. A non-zero phase always gets at least an eighth, so a 0.02 ms
    /// DNS lookup beside a 2 s download is still seen; a zero phase gets nothing.
    static func bar(from start: Double, to end: Double, axisEnd: Double, width: Int) -> String {
        guard width > 0, axisEnd > 0, end > start else { return "" }
        let eighths = Double(width * 8)
        let startEighth = min(width * 8 - 1, max(0, Int(saturating: (start / axisEnd * eighths).rounded(.down))))
        let startCell = startEighth / 8
        let endEighth = min(width * 8, max(startEighth + 1, Int(saturating: (end / axisEnd * eighths).rounded())))
        // The bar begins at its start cell's left edge: blocks grow from the left only, and each
        // phase has its own row, so its first cell can share a column with the previous one's last.
        let length = max(1, endEighth - startCell * 8)
        var bar = String(repeating: " ", count: startCell)
        bar += String(repeating: "█", count: length / 8)
        let partials: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        if length % 8 > 0 { bar.append(partials[length % 8 - 1]) }
        return bar
    }
}

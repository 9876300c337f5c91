import Foundation
import SondeCore
import Synchronization

/// The progress of a `sonde send -o` download: how much has arrived (for the message when the
/// download is cut short) and, when stderr is a terminal, one line there redrawn in place with
/// a carriage return: "12.3 MB of 100 MB  12%  45.6 MB/s".
///
/// It is fed from the transfer's thread after every piece of body, so it draws at most 10 times
/// a second: enough to look live, and the cost stays out of a fast download's way.
final class DownloadProgressLine: Sendable {
    private struct State {
        var latest: TransferProgress?
        var lastDrawn: ContinuousClock.Instant?
        var visible = false
    }

    private let state = Mutex(State())
    private let drawsOnTerminal: Bool
    private static let redrawInterval = Duration.milliseconds(100)

    /// - Parameter drawsOnTerminal: Whether to draw the line; false keeps count silently.
    init(drawsOnTerminal: Bool) {
        self.drawsOnTerminal = drawsOnTerminal
    }

    /// The progress as last reported.
    var latest: TransferProgress? { state.withLock { $0.latest } }

    func update(_ progress: TransferProgress) {
        let line: String? = state.withLock { state in
            state.latest = progress
            guard drawsOnTerminal else { return nil }
            let now = ContinuousClock.now
            if let last = state.lastDrawn, now - last < Self.redrawInterval { return nil }
            state.lastDrawn = now
            state.visible = true
            // Erase to the end of the line: the new text may be shorter than the old.
            return "\r" + progress.summary + "\u{1B}[K"
        }
        if let line { StandardError.write(line) }
    }

    /// Removes the line, so what follows starts on a clean one.
    func clear() {
        let visible = state.withLock { state in
            defer { state.visible = false }
            return state.visible
        }
        if visible { StandardError.write("\r\u{1B}[K") }
    }
}

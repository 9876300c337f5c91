import Foundation
import SondeCore

/// Where `sonde send` puts a response body while it arrives.
///
/// - With `-o FILE`: straight into the file, in constant memory (see
///   `ResponseReceiver.Destination.file`), with a progress line when stderr is a terminal.
/// - Otherwise in memory, or in a temporary file past the spill threshold, for printing once
///   complete; but an NDJSON or Server-Sent Events response is printed record by record as it
///   arrives (`LiveRecordPrinter`) and not kept, since an event stream may never end.
final class BodyOutput: Sendable {
    let receiver: ResponseReceiver
    private let outputPath: String?
    private let progress: DownloadProgressLine?
    private let live: LiveRecordPrinter?
    private let feed: LiveRecordFeed?

    init(outputPath: String?, verbose: Bool) {
        self.outputPath = outputPath
        if let outputPath {
            let progress = DownloadProgressLine(drawsOnTerminal: isatty(STDERR_FILENO) == 1)
            self.progress = progress
            live = nil
            feed = nil
            receiver = ResponseReceiver(destination: .file(path: outputPath), onProgress: { progress.update($0) })
        } else {
            let live = LiveRecordPrinter(verbose: verbose, toTerminal: isatty(STDOUT_FILENO) == 1)
            let feed = LiveRecordFeed { live.print($0) }
            self.live = live
            self.feed = feed
            progress = nil
            receiver = ResponseReceiver(
                destination: .memory,
                onHead: { head, request, wire in
                    guard feed.begin(head) else { return .keep }
                    live.begin(head, request: request, wire: wire)
                    return .discard
                },
                onBodyChunk: { feed.consume($0) })
        }
    }

    /// Whether the response was printed live, head and records; then only the summary is left.
    var printedLive: Bool { live?.hasBegun ?? false }

    /// "5 records in 2.01 s", for a response printed live.
    var liveSummary: String { live?.summary ?? "" }

    /// Ends what was drawn or printed while the body arrived: clears the progress line, and
    /// prints a last NDJSON line that had no newline when the body arrived whole.
    func end(bodyComplete: Bool) {
        progress?.clear()
        feed?.finish(bodyComplete: bodyComplete)
    }

    /// For a download that failed: how much had arrived, and that nothing has the final name;
    /// nil without `-o`.
    var interruptionNote: String? {
        guard let outputPath else { return nil }
        let received = progress?.latest
        var arrived = "\(ByteCountText.format(received?.bytesReceived ?? 0)) (\(received?.bytesReceived ?? 0) bytes)"
        if let expected = received?.expectedBytes { arrived += " of \(ByteCountText.format(expected))" }
        return "\(arrived) had arrived; nothing was saved to \(outputPath)"
    }
}

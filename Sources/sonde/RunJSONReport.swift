import Foundation
import SondeCore

/// `--report json=FILE`: every exchange written to the file as its flow finishes, not kept in
/// memory, so a run of 20,000 requests holds none of them. Written to a temporary file beside
/// FILE and renamed over it at the end, so an interrupted run leaves FILE as it was.
///
/// Entries come in the order flows finish; each names its flow. Every value was masked when
/// the result was made.
final class RunJSONReport {
    private let target: URL
    private let temporary: URL
    private let handle: FileHandle
    private var buffer = Data()
    private var entries = 0

    init(path: String) throws {
        target = URL(fileURLWithPath: path)
        temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString.prefix(8)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: target.deletingLastPathComponent().path])
        }
        handle = try FileHandle(forWritingTo: temporary)
        buffer.append(Data("{\n  \"exchanges\" : [".utf8))
    }

    func append(_ results: [RunResult], of flow: RunFlow) throws {
        for result in results {
            var entry: [String: Any] = [
                "flow": flow.name, "request": result.id, "method": result.method, "url": result.url,
                "outcome": { switch result.outcome { case .passed: "passed"; case .failed: "failed"; case .transport: "error"; case .skipped: "skipped" } }(),
                "checks": result.checks.map { ["passed": $0.passed, "description": $0.description, "expected": $0.expected, "actual": $0.actual] as [String: Any] },
                "reasons": result.reasons,
            ]
            if let status = result.status { entry["status"] = status }
            if let duration = result.duration { entry["durationMs"] = (duration * 1000 * 10).rounded() / 10 }
            let data = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys, .withoutEscapingSlashes])
            buffer.append(Data((entries == 0 ? "\n    " : ",\n    ").utf8))
            buffer.append(data)
            entries += 1
        }
        if buffer.count >= 64 * 1024 { try flush() }
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Ends the document with the counts and puts it in place.
    func finish(_ summary: RunSummary) throws {
        buffer.append(Data("\n  ],\n  \"failed\" : \(summary.tally.failed),\n  \"passed\" : \(summary.tally.passed),\n  \"skipped\" : \(summary.tally.skipped)\n}\n".utf8))
        try flush()
        try handle.close()
        guard rename(temporary.path, target.path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(code))])
        }
    }

    /// Removes the temporary file of a run that ended early.
    func abandon() {
        try? handle.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}

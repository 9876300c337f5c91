import Foundation
import SondeCore

/// A `--report kind=file` of `sonde run`.
struct RunReportSpec {
    enum Kind: String { case junit, json, tap }
    var kind: Kind
    var path: String

    init?(_ spec: String) {
        let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]), !parts[1].isEmpty else { return nil }
        self.kind = kind
        self.path = parts[1]
    }
}

extension RunReportSpec.Kind {
    /// The report's text, for the kinds written at the end (JSON is streamed by `RunJSONReport`);
    /// every value in it was masked when the result was made.
    func render(_ summary: RunSummary) -> String? {
        switch self {
        case .junit: Self.junit(summary)
        case .json: nil
        case .tap: Self.tap(summary)
        }
    }

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n", "\t": out += "&#\(scalar.value);"
            default:
                // Not characters of XML 1.0 at all, even escaped: the controls, and U+FFFE and
                // U+FFFF (a server's "\uFFFE" in a failed check made CI's parser reject the report).
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "?"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    static func junit(_ summary: RunSummary) -> String {
        var text = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites tests=\"\(summary.count)\" failures=\"\(summary.failed)\">\n"
        for run in summary.runs {
            let failures = run.results.filter(\.outcome.isFailure).count
            let skipped = run.results.filter { if case .skipped = $0.outcome { true } else { false } }.count
            let time = run.results.compactMap(\.duration).reduce(0, +)
            text += "  <testsuite name=\"\(xml(run.flow.name))\" tests=\"\(run.results.count)\" failures=\"\(failures)\" skipped=\"\(skipped)\" time=\"\(String(format: "%.3f", time))\">\n"
            for result in run.results {
                let head = "    <testcase classname=\"\(xml(run.flow.name))\" name=\"\(xml(result.id))\" time=\"\(String(format: "%.3f", result.duration ?? 0))\""
                switch result.outcome {
                case .passed:
                    text += head + "/>\n"
                case .skipped(let reason):
                    text += head + ">\n      <skipped message=\"\(xml(reason))\"/>\n    </testcase>\n"
                case .failed, .transport:
                    let message = result.reasons.joined(separator: "; ")
                    let detail = result.checks.filter { !$0.passed }.map { "\($0.description): expected \($0.expected), got \($0.actual)" }
                    text += head + ">\n      <failure message=\"\(xml(message))\">\(xml((detail.isEmpty ? result.reasons : detail).joined(separator: "\n")))</failure>\n    </testcase>\n"
                }
            }
            text += "  </testsuite>\n"
        }
        return text + "</testsuites>\n"
    }

    static func tap(_ summary: RunSummary) -> String {
        var text = "TAP version 13\n1..\(summary.count)\n"
        for (index, result) in summary.runs.flatMap(\.results).enumerated() {
            switch result.outcome {
            case .passed: text += "ok \(index + 1) - \(result.id)\n"
            case .skipped(let reason): text += "ok \(index + 1) - \(result.id) # SKIP \(reason.replacingOccurrences(of: "\n", with: " "))\n"
            case .failed, .transport:
                text += "not ok \(index + 1) - \(result.id)\n  ---\n  message: \(yaml(result.reasons.joined(separator: "; ")))\n"
                if let status = result.status { text += "  status: \(status)\n" }
                text += "  ...\n"
            }
        }
        return text
    }

    private static func yaml(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}

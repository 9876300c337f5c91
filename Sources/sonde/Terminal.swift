import Foundation
import SondeCore

/// Facts about the terminal sonde writes to, and ANSI styling that honours NO_COLOR.
struct TerminalStyle {
    let enabled: Bool

    /// Colour only when writing to a terminal and NO_COLOR is unset (https://no-color.org).
    static func forStream(_ fd: Int32) -> TerminalStyle {
        // getenv, not ProcessInfo's environment, which copies every variable into a dictionary.
        let noColor = getenv("NO_COLOR").map { $0.pointee != 0 } ?? false
        return TerminalStyle(enabled: isatty(fd) == 1 && !noColor)
    }

    func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    func bold(_ text: String) -> String { paint(text, "1") }
    func dim(_ text: String) -> String { paint(text, "2") }

    /// Green for 2xx, cyan for 3xx, yellow for 4xx, red for 5xx.
    func status(_ text: String, code: Int) -> String {
        switch code {
        case 200..<300: paint(text, "1;32")
        case 300..<400: paint(text, "1;36")
        case 400..<500: paint(text, "1;33")
        default: paint(text, "1;31")
        }
    }
}

/// Writes to standard error without buffering surprises.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

/// Writes bytes to standard output with write(2) directly, so a large body is not copied
/// into another buffer first; a closed pipe (`| head`) ends the writing quietly.
enum StandardOutput {
    /// Returns false once the output is closed.
    @discardableResult
    static func write(_ bytes: [UInt8]) -> Bool {
        do {
            try FileDescriptor.standardOutput.writeAll(bytes)
            return true
        } catch {
            return false
        }
    }
}

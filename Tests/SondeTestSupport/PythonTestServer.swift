import Foundation

/// A loopback server written as a Python script, for protocols a test needs a real peer for (TLS
/// with client certificates, NTLM's handshake on one connection). The script listens on
/// 127.0.0.1 port 0 and prints its port as its first line.
public final class PythonTestServer: @unchecked Sendable {
    public let port: UInt16
    private let process: Process

    public init(script: String, arguments: [String] = []) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        guard let port = UInt16(line.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestSupportError(message: "the Python test server did not start: \(line)")
        }
        self.port = port
    }

    public func stop() {
        // SIGKILL, not terminate(): a child spawned from a dispatch worker thread inherits its
        // blocked signal mask, so SIGTERM would never arrive and the wait would hang.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

/// A test fixture that could not be set up.
public struct TestSupportError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

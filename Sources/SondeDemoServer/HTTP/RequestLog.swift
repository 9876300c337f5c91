import FlyingFox
import Foundation

/// Writes one line per handled request to standard error, for watching `sonde demo-server` at work.
///
/// Tests leave it off: FlyingFox's own logger is always disabled, so the server is silent by default.
struct RequestLog: Sendable {
    func record(_ request: HTTPRequest, _ response: HTTPResponse, elapsed: Duration) {
        let milliseconds = Double(elapsed.components.seconds) * 1000
            + Double(elapsed.components.attoseconds) / 1e15
        let target = request.target.rawValue
        let line = "\(request.method.rawValue) \(target) \(response.statusCode.code) "
            + String(format: "%.1fms", milliseconds)
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

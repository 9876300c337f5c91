import Foundation

/// Turns Nagle's algorithm off on the demo server's listening socket, which Linux passes on
/// to every accepted connection.
///
/// FlyingFox writes a response's head and body in two writes and offers no hook for socket
/// options. With Nagle on, the body waits for the client to acknowledge the head, and curl's
/// delayed ACK makes every answer on a reused connection take about 40 ms longer (measured:
/// 44 ms instead of 1 ms), which the timing breakdown would show as "download". The listening
/// socket is found among the process's descriptors by the port it is bound to.
enum ListenerNoDelay {
    static func enable(onPort port: UInt16) {
        guard let descriptors = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return }
        for name in descriptors {
            guard let descriptor = Int32(name), isListeningSocket(descriptor, port: port) else { continue }
            var on: Int32 = 1
            _ = setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    }

    private static func isListeningSocket(_ descriptor: Int32, port: UInt16) -> Bool {
        var accepting: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &accepting, &size) == 0, accepting == 1 else { return false }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) == 0 }
        }
        return named && address.sin_family == sa_family_t(AF_INET) && UInt16(bigEndian: address.sin_port) == port
    }
}

import Foundation
import SondeTestSupport
@testable import SondeDemoServer
import Testing

/// The demo server's listening socket has Nagle's algorithm off, which Linux hands down to
/// accepted connections; otherwise each answer on a reused connection waits ~40 ms.
@Suite struct DemoServerSocketTests {
    @Test func theListenerFoundByItsPortGetsNoDelay() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        let address = try #require(bindLoopback(listener, listenBacklog: 4))
        #expect(noDelay(listener) == 0)
        ListenerNoDelay.enable(onPort: UInt16(bigEndian: address.sin_port))
        #expect(noDelay(listener) == 1)
    }

    @Test func aStartedDemoServerListensWithNoDelay() async throws {
        try await withDemoServer { demo in
            // Every socket of this process bound to the server's port: the listener, which
            // start() has set, since no client has connected yet.
            let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").compactMap(Int32.init)
            let listeners = descriptors.filter { descriptor in
                var address = sockaddr_in()
                var length = socklen_t(MemoryLayout<sockaddr_in>.size)
                let named = withUnsafeMutablePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) == 0 }
                }
                return named && address.sin_family == sa_family_t(AF_INET) && UInt16(bigEndian: address.sin_port) == demo.port
                    && noDelay(descriptor) != nil
            }
            #expect(!listeners.isEmpty)
            #expect(listeners.allSatisfy { noDelay($0) == 1 })
        }
    }

    private func noDelay(_ descriptor: Int32) -> Int32? {
        var value: Int32 = -1
        var size = socklen_t(MemoryLayout<Int32>.size)
        return getsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &value, &size) == 0 ? value : nil
    }
}

import Foundation
import SondeTestSupport

/// Binds `descriptor` to a free port on 127.0.0.1 and, with a backlog, starts listening.
/// Returns the bound address (its port is the one the kernel chose), or nil on failure.
public func bindLoopback(_ descriptor: Int32, listenBacklog backlog: Int32? = nil) -> sockaddr_in? {
    guard descriptor >= 0 else { return nil }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let ready = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(descriptor, pointer, length) == 0
                && (backlog.map { listen(descriptor, $0) == 0 } ?? true)
                && getsockname(descriptor, pointer, &length) == 0
        }
    }
    return ready ? address : nil
}

/// A TCP socket listening on a free port of 127.0.0.1, for the test servers to accept on:
/// its descriptor (the caller closes it) and the port the kernel chose.
public func listenOnLoopback(backlog: Int32) throws -> (descriptor: Int32, port: UInt16) {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    guard let address = bindLoopback(descriptor, listenBacklog: backlog) else {
        let code = errno
        close(descriptor)
        throw POSIXError(.init(rawValue: code) ?? .EIO)
    }
    return (descriptor, UInt16(bigEndian: address.sin_port))
}

/// A Unix domain socket listening at `path` (which must not exist yet), for test servers
/// that stand in for a local daemon: its descriptor; the caller closes it and removes the file.
public func listenOnUnixSocket(path: String, backlog: Int32) throws -> Int32 {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    let capacity = MemoryLayout.size(ofValue: address.sun_path)
    guard bytes.count < capacity else {
        close(descriptor)
        throw POSIXError(.ENAMETOOLONG)
    }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    let ready = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 && listen(descriptor, backlog) == 0
        }
    }
    guard ready else {
        let code = errno
        close(descriptor)
        throw POSIXError(.init(rawValue: code) ?? .EIO)
    }
    return descriptor
}

/// A host name that fails to resolve without any DNS traffic: its first label is longer than
/// the 63 bytes a DNS query can carry, so the system resolver gives up before sending anything
/// (checked with strace: no packet to the name server), keeping the tests on loopback.
public func hostThatCannotResolve() -> String {
    "sonde-unresolvable-" + String(repeating: "x", count: 60) + ".invalid"
}

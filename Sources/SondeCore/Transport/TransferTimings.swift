/// Where the time of one transfer went, as the transport measured it.
///
/// Every point is in seconds from the start of the transfer, as libcurl reports them, so
/// phases are differences of neighbours: connect − dns is the TCP handshake.
public struct TransferTimings: Sendable, Equatable {
    public var dns: Double
    public var connect: Double
    /// The end of the TLS handshake; 0 for plain HTTP.
    public var tls: Double
    public var preTransfer: Double
    public var firstByte: Double
    public var total: Double
    /// Time spent on redirects before the final transfer began.
    public var redirect: Double
    public var bytesUploaded: Int64
    public var bytesDownloaded: Int64

    public init(
        dns: Double = 0, connect: Double = 0, tls: Double = 0, preTransfer: Double = 0,
        firstByte: Double = 0, total: Double = 0, redirect: Double = 0,
        bytesUploaded: Int64 = 0, bytesDownloaded: Int64 = 0
    ) {
        self.dns = dns
        self.connect = connect
        self.tls = tls
        self.preTransfer = preTransfer
        self.firstByte = firstByte
        self.total = total
        self.redirect = redirect
        self.bytesUploaded = bytesUploaded
        self.bytesDownloaded = bytesDownloaded
    }
}

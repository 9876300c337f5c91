/// The durations of a transfer's phases, derived from libcurl-style cumulative time points:
/// what a waterfall or a breakdown shows.
public struct TimingPhases: Sendable, Equatable {
    public var dns: Double
    public var connect: Double
    /// Zero on plain HTTP.
    public var tls: Double
    /// From the request being sent to the first byte of the answer (server think time).
    public var waiting: Double
    public var download: Double
    public var total: Double

    public init(_ timings: TransferTimings) {
        // libcurl's points are cumulative from the start; after redirects it adds each hop's
        // phases together, so the phases stay consistent with one another.
        dns = max(0, timings.dns)
        connect = max(0, timings.connect - timings.dns)
        tls = timings.tls > 0 ? max(0, timings.tls - timings.connect) : 0
        let requestSent = max(timings.preTransfer, timings.tls, timings.connect)
        waiting = max(0, timings.firstByte - requestSent)
        download = max(0, timings.total - timings.firstByte)
        total = timings.total
    }
}

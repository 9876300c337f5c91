import Foundation

/// Whether and how sonde sends an `X-Request-ID` of its own (`options: {request_id: ...}`);
/// never over one the request sets itself.
///
/// One ID for every try is the default, on purpose: a retry is the same logical request, and a
/// server that deduplicates or groups by request ID (an idempotency check, one log search for a
/// request and its retries) must see the tries as one. `per_attempt` gives each try an ID of its
/// own, for tracing tries apart (`sonde send -v` lists each try's).
public enum RequestIDMode: String, Sendable, CaseIterable {
    /// One fresh ID per send, the same for all its tries (`request_id: true`, the default).
    case perRequest = "per_request"
    /// A fresh ID for each try.
    case perAttempt = "per_attempt"
    /// No `X-Request-ID` (`request_id: false`).
    case off

    /// The header sonde sets.
    public static let headerName = "X-Request-ID"

    /// A new ID: a random (version 4) UUID in lower case.
    ///
    /// Made with one getrandom(2): Foundation's `UUID()` opened and closed /dev/urandom for
    /// each one, 4% of the Swift pool threads' samples in `sonde run --jobs 50` (perf), where
    /// every request gets an ID; `SystemRandomNumberGenerator` makes a call per 8 bytes.
    public static func newID() -> String {
        var bytes: (UInt64, UInt64) = (0, 0)
        // glibc's arc4random_buf is one getrandom(2) for the 16 bytes.
        withUnsafeMutableBytes(of: &bytes) { arc4random_buf($0.baseAddress!, 16) }
        return withUnsafeMutableBytes(of: &bytes) { bytes in
            bytes[6] = bytes[6] & 0x0F | 0x40  // version 4
            bytes[8] = bytes[8] & 0x3F | 0x80  // the RFC 9562 variant
            return String(unsafeUninitializedCapacity: 36) { text in
                let digits: StaticString = "0123456789abcdef"
                var count = 0
                for index in 0..<16 {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        text[count] = UInt8(ascii: "-")
                        count += 1
                    }
                    text[count] = digits.utf8Start[Int(bytes[index] >> 4)]
                    text[count + 1] = digits.utf8Start[Int(bytes[index] & 0x0F)]
                    count += 2
                }
                return count
            }
        }
    }
}

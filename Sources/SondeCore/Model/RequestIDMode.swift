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

    /// A new ID: a random UUID in lower case.
    public static func newID() -> String {
        UUID().uuidString.lowercased()
    }
}

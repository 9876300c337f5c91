/// What RFC 6749 §5.2 and RFC 8628 §3.5 error codes mean for the user, so a refusal says what to fix.
public enum OAuth2ErrorCode {
    public static func explanation(of code: String) -> String {
        switch code {
        case "invalid_client": "the server does not know this client_id or its client_secret is wrong (check token_auth too)"
        case "invalid_grant": "the code, refresh token or password is wrong, expired or already used; log in again"
        case "invalid_request": "the server says the token request is malformed or misses a parameter"
        case "unauthorized_client": "this client may not use this grant"
        case "unsupported_grant_type": "the server does not support this grant"
        case "invalid_scope": "the scope asked for is unknown or not allowed"
        case "access_denied": "the login was refused"
        case "expired_token": "the device code expired before it was approved; log in again"
        case "authorization_pending": "the device code is not approved yet"
        case "slow_down": "the server asked to poll less often"
        default: "see the server's documentation"
        }
    }
}

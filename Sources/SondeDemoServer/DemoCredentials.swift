/// The fixed secrets the demo server accepts, shared with the demo collection and the tests.
///
/// They are deliberately public and constant: the demo API only ever listens on 127.0.0.1 and
/// exists to exercise sonde's auth support, not to protect anything.
public enum DemoCredentials {
    /// User name accepted by `GET /auth/basic`.
    public static let basicUser = "demo"
    /// Password accepted by `GET /auth/basic`.
    public static let basicPassword = "s3cret-password"
    /// Static token accepted by `GET /auth/bearer` (alongside tokens from `/oauth/token`).
    public static let bearerToken = "demo-token"
    /// Key accepted in the `X-API-Key` header or the `api_key` query parameter.
    public static let apiKey = "demo-key"
    /// OAuth2 client ID accepted by `POST /oauth/token`.
    public static let clientID = "demo-client"
    /// OAuth2 client secret accepted by `POST /oauth/token`.
    public static let clientSecret = "demo-client-secret"
}

/// Issues and checks OAuth2 access tokens for the routes; `DemoServer` plays this role with its own ledger.
///
/// A protocol so the auth routes depend on what they need, not on the whole server.
protocol TokenAuthority: Actor {
    /// Issues a new token, returning it with its lifetime in seconds.
    func issueToken() -> (token: String, expiresIn: Int)
    /// Whether `token` was issued by this server and has not expired.
    func acceptsToken(_ token: String) -> Bool
}

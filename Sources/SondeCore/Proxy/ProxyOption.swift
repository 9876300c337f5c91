/// `options: {proxy: ...}` as written at one level: a proxy URL (a template, filled when the
/// request is prepared), or `none` to go direct whatever the environment says.
public enum ProxyOption: Sendable, Equatable {
    /// `proxy: none`: no proxy at all, `http_proxy` and friends ignored.
    case none
    /// `proxy: http://user:{{env:PASS}}@proxy:3128`, as written.
    case url(String)

    /// The word that turns proxies off.
    public static let noneKeyword = "none"

    /// The option as written in a file.
    public var text: String {
        switch self {
        case .none: Self.noneKeyword
        case .url(let url): url
        }
    }
}

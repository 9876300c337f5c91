/// The version sonde reports in `--version` and in its default User-Agent.
public enum SondeVersion {
    public static let current = "0.1.0"
    public static var userAgent: String { "sonde/\(current)" }
}

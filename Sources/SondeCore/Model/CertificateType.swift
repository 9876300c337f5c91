/// `client_cert_type:` the format of a client certificate file, named as curl's `--cert-type` names it.
public enum CertificateType: String, Sendable, Equatable, CaseIterable {
    case pem, der, p12

    /// The name libcurl and curl's command line take: `PEM`, `DER`, `P12`.
    public var curlName: String { rawValue.uppercased() }

    /// The type a file's extension says, for a certificate whose type is not written: `.p12` and
    /// `.pfx` are PKCS#12 bundles, `.der` is DER; anything else is PEM, curl's own default.
    public static func inferred(fromPath path: String) -> CertificateType {
        let name = path.lowercased()
        if name.hasSuffix(".p12") || name.hasSuffix(".pfx") { return .p12 }
        if name.hasSuffix(".der") { return .der }
        return .pem
    }
}

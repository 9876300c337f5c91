/// The TLS files a level (request, folder, collection, environment) names in its `options:`, as
/// written: placeholders unresolved, paths not yet made absolute. Each field is inherited on its
/// own, like the other options.
public struct TLSOverrides: Sendable, Equatable {
    /// `client_cert:` the client certificate (PEM, DER or a P12 bundle with its key).
    public var clientCert: String?
    /// `client_key:` the client certificate's private key, when it is not in the certificate file.
    public var clientKey: String?
    /// `client_cert_type:` when absent, inferred from `client_cert`'s extension.
    public var clientCertType: CertificateType?
    /// `key_password:` the pass phrase of the key or the P12 bundle; a secret wherever it came from.
    public var keyPassword: String?
    /// `ca_cert:` a PEM file of the authorities to trust instead of the system's (curl's `--cacert`).
    public var caCert: String?
    /// `ca_path:` a folder of authorities named by subject hash (curl's `--capath`).
    public var caPath: String?

    /// The option keys, in the order files and `--curl` list them.
    public static let keys = ["client_cert", "client_key", "client_cert_type", "key_password", "ca_cert", "ca_path"]

    public init(
        clientCert: String? = nil, clientKey: String? = nil, clientCertType: CertificateType? = nil,
        keyPassword: String? = nil, caCert: String? = nil, caPath: String? = nil
    ) {
        self.clientCert = clientCert
        self.clientKey = clientKey
        self.clientCertType = clientCertType
        self.keyPassword = keyPassword
        self.caCert = caCert
        self.caPath = caPath
    }

    public var isEmpty: Bool { self == TLSOverrides() }

    /// These overrides laid over `base`: a value set here wins.
    public func over(_ base: TLSOverrides) -> TLSOverrides {
        TLSOverrides(
            clientCert: clientCert ?? base.clientCert,
            clientKey: clientKey ?? base.clientKey,
            clientCertType: clientCertType ?? base.clientCertType,
            keyPassword: keyPassword ?? base.keyPassword,
            caCert: caCert ?? base.caCert,
            caPath: caPath ?? base.caPath)
    }
}

/// The TLS files a request is sent with, resolved: absolute paths, placeholders filled.
public struct TLSSettings: Sendable, Equatable {
    /// The certificate to prove who the client is, when the server asks for one.
    public var clientCertificate: ClientCertificate?
    /// A PEM file of the authorities to trust instead of the system's (CURLOPT_CAINFO).
    public var caFile: String?
    /// A folder of authorities named by subject hash (CURLOPT_CAPATH).
    public var caFolder: String?

    public init(clientCertificate: ClientCertificate? = nil, caFile: String? = nil, caFolder: String? = nil) {
        self.clientCertificate = clientCertificate
        self.caFile = caFile
        self.caFolder = caFolder
    }
}

/// A client certificate and its key, as libcurl takes them.
public struct ClientCertificate: Sendable, Equatable {
    public var path: String
    public var type: CertificateType
    /// The private key's file; nil when it is in `path` (a P12 bundle, or a PEM holding both).
    public var keyPath: String?
    /// The key's or the bundle's pass phrase; always among the request's secrets.
    public var password: String?

    public init(path: String, type: CertificateType, keyPath: String? = nil, password: String? = nil) {
        self.path = path
        self.type = type
        self.keyPath = keyPath
        self.password = password
    }

    /// The key file's type: DER for a `.der` key, else PEM (libcurl's CURLOPT_SSLKEYTYPE).
    public var keyType: CertificateType? {
        keyPath.map { CertificateType.inferred(fromPath: $0) == .der ? .der : .pem }
    }
}

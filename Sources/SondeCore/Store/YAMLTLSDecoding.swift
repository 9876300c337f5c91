import Yams

/// Decoding of the TLS options, kept beside the rest of the schema in `YAMLModelDecoding`. They
/// sit flat in `options:`, one key per curl flag (`client_cert` is `--cert`, `ca_cert` `--cacert`).
extension YAMLReader {
    /// `client_cert`, `client_key`, `client_cert_type`, `key_password`, `ca_cert` and `ca_path`
    /// from an `options:` mapping. Paths and the password are templates, checked for unclosed `{{`.
    mutating func tls(_ fields: Node.Mapping) -> TLSOverrides {
        var type: CertificateType?
        if let text = string(fields["client_cert_type"], "client_cert_type") {
            type = CertificateType(rawValue: text.lowercased())
            if type == nil {
                problem("client_cert_type must be pem, der or p12, not \(text)", at: fields["client_cert_type"])
            }
        }
        return TLSOverrides(
            clientCert: path(fields["client_cert"], "client_cert"),
            clientKey: path(fields["client_key"], "client_key"),
            clientCertType: type,
            keyPassword: templated(fields["key_password"], "key_password"),
            caCert: path(fields["ca_cert"], "ca_cert"),
            caPath: path(fields["ca_path"], "ca_path"))
    }

    private mutating func templated(_ node: Node?, _ key: String) -> String? {
        checkTemplates(node, in: key)
        return string(node, key)
    }

    /// A file or folder name; an empty one is a problem, not "the current folder".
    private mutating func path(_ node: Node?, _ key: String) -> String? {
        guard let value = templated(node, key) else { return nil }
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            problem("\(key) needs a path (relative paths start at the collection's folder)", at: node)
            return nil
        }
        return value
    }
}

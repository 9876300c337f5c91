import CCurl
import SondeCore

/// A sentence saying which TLS option to look at when libcurl fails over a certificate: its own
/// words ("unable to set private key file: 'key.pem' type PEM") name the OpenSSL call, not the fix.
/// curl's text stays at the end, in parentheses, for a search.
enum TLSFailureText {
    static func explain(code: CURLcode, message: String, settings: TLSSettings) -> String {
        let lead: String
        switch code {
        case CURLE_SSL_CERTPROBLEM:
            lead = clientCertificateProblem(message, settings.clientCertificate)
        case CURLE_SSL_CACERT_BADFILE:
            lead = "the trusted authorities could not be loaded: is ca_cert a PEM file of certificates, "
                + "and ca_path a folder of them?"
        case CURLE_PEER_FAILED_VERIFICATION:
            // The checked reason ("self-signed certificate") is curl's; the fix is ours to add.
            return message + " (to trust a private authority set options ca_cert: FILE; verify_tls: false turns the check off)"
        default:
            lead = isRequiredAlert(message)
                ? "the server requires a client certificate: set options client_cert (and client_key)"
                : "the server refused the client certificate: is it signed by an authority the server trusts, and not expired?"
        }
        return "\(lead) (\(message))"
    }

    /// Whether `message` is the server's TLS alert about the client's certificate: missing
    /// ("certificate required"), unknown, untrusted ("unknown ca"), expired or revoked.
    static func isClientCertificateAlert(_ message: String) -> Bool {
        let text = message.lowercased()
        return text.contains("alert") && (text.contains("certificate") || text.contains("unknown ca"))
    }

    private static func isRequiredAlert(_ message: String) -> Bool {
        message.lowercased().contains("certificate required")
    }

    private static func clientCertificateProblem(_ message: String, _ certificate: ClientCertificate?) -> String {
        let text = message.lowercased()
        guard let certificate else { return "the client certificate could not be used" }
        if text.contains("pkcs12") || certificate.type == .p12 {
            return "the P12 client certificate could not be opened: wrong key_password, or not a PKCS#12 file"
        }
        if text.contains("private key") {
            let type = certificate.keyType ?? certificate.type
            return certificate.password == nil
                ? "the client key could not be used: is it encrypted (set key_password), a \(type.curlName) key, and the key of client_cert?"
                : "the client key could not be used: wrong key_password, not a \(type.curlName) key, or not the key of client_cert"
        }
        return "the client certificate could not be read as \(certificate.type.curlName): set client_cert_type to pem, der or p12"
    }
}

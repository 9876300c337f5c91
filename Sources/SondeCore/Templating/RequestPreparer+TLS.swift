import Foundation

/// The TLS options of a request: their templates filled, their paths made absolute, and their
/// files checked before sending, so a typo is reported at the line that names the file rather
/// than as libcurl's "could not load PEM client certificate".
extension RequestPreparer {
    /// `tls` with every placeholder filled. Relative paths start at the collection's root, since
    /// the options may be inherited from any level. The pass phrase is a secret even when written
    /// literally: it is masked in everything sonde prints.
    static func resolveTLS(_ tls: TLSOverrides, root: URL, resolver: inout VariableResolver) -> TLSSettings {
        func path(_ raw: String?, _ key: String) -> String? {
            raw.map { absolutePath(resolver.resolve($0, usedIn: "option \(key)"), base: root) }
        }
        var settings = TLSSettings(caFile: path(tls.caCert, "ca_cert"), caFolder: path(tls.caPath, "ca_path"))
        // The key and its pass phrase only with a certificate: inherited without one, an unset
        // `{{env:}}` in them must not stop a request that sends none.
        guard let certificate = path(tls.clientCert, "client_cert") else { return settings }
        var password: String?
        if let raw = tls.keyPassword {
            let value = resolver.resolve(raw, usedIn: "option key_password")
            resolver.addSecret(value)
            password = value
        }
        settings.clientCertificate = ClientCertificate(
            path: certificate, type: tls.clientCertType ?? .inferred(fromPath: certificate),
            keyPath: path(tls.clientKey, "client_key"), password: password)
        return settings
    }

    /// Refuses TLS options that cannot work: a file or folder that is missing, unreadable or of
    /// the wrong kind, a `ca_path` curl cannot search, a key or pass phrase the request itself
    /// sets with no certificate (inherited ones may be meant for the level's other requests).
    /// The message names the option's file:line (`place`) and the path as resolved.
    static func checkTLS(
        _ settings: TLSSettings, ownOptions: TLSOverrides, secrets: SecretSet, place: (String) -> FilePosition?
    ) throws(RequestError) {
        func fail(_ key: String, _ reason: String) -> RequestError {
            .invalidTLSOption(key: key, reason: secrets.redact(reason), position: place(key))
        }
        if settings.clientCertificate == nil {
            for (key, value) in [("client_key", ownOptions.clientKey), ("key_password", ownOptions.keyPassword)] where value != nil {
                throw fail(key, "\(key) is set but client_cert is not: name the certificate with client_cert")
            }
        }
        var files: [(key: String, path: String, isFolder: Bool)] = []
        if let certificate = settings.clientCertificate {
            files.append(("client_cert", certificate.path, false))
            if let key = certificate.keyPath { files.append(("client_key", key, false)) }
        }
        if let caFile = settings.caFile { files.append(("ca_cert", caFile, false)) }
        if let caFolder = settings.caFolder { files.append(("ca_path", caFolder, true)) }
        for file in files {
            if let problem = problem(with: file.path, isFolder: file.isFolder) { throw fail(file.key, problem) }
        }
    }

    /// What keeps curl from using `path`, or nil.
    static func problem(with path: String, isFolder: Bool) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such \(isFolder ? "folder" : "file") \(path)"
        }
        if isDirectory.boolValue != isFolder {
            return isFolder ? "\(path) is a file, not a folder (name one file with ca_cert)" : "\(path) is a folder, not a file"
        }
        guard FileManager.default.isReadableFile(atPath: path) else { return "\(path) cannot be read (permission denied)" }
        if isFolder {
            // OpenSSL looks certificates up by the hash of their subject ("86b30a7a.0"), as
            // curl's --capath does; a folder of plain .pem files would trust nothing.
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            if !names.contains(where: isSubjectHashName) {
                return "\(path) holds no certificate named by its subject hash (such as 86b30a7a.0), which curl's "
                    + "--capath needs: run `openssl rehash \(path)`, or name one PEM file with ca_cert"
            }
        }
        return nil
    }

    /// Whether `name` is how `openssl rehash` names a certificate (`86b30a7a.0`) or a CRL (`.r0`).
    static func isSubjectHashName(_ name: String) -> Bool {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 8, parts[0].allSatisfy(\.isHexDigit) else { return false }
        let suffix = parts[1].hasPrefix("r") ? parts[1].dropFirst() : parts[1]
        return !suffix.isEmpty && suffix.allSatisfy(\.isNumber)
    }

    /// `path` as an absolute path: `~` expanded, a relative path taken from `base` (the
    /// collection's folder for option paths), so a path written in a collection does not
    /// depend on the folder sonde was started from. Used by the TLS files, `unix_socket` and file bodies.
    package static func absolutePath(_ path: String, base: URL) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        return expanded.hasPrefix("/") ? expanded : base.appendingPathComponent(expanded).standardizedFileURL.path
    }
}

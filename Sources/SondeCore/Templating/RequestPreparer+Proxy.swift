import Foundation

/// The proxy options of a request: filled like any template (a password from `{{env:NAME}}` is
/// a secret, masked everywhere), then read as a proxy URL.
extension RequestPreparer {
    /// The proxy options with their templates filled, not yet read.
    struct FilledProxyOptions {
        var proxy: (value: String, isSecret: Bool)?
        var disabled = false
        var user: String?
        var password: String?
        var noProxy: String?
        /// Whether a secret went into the credentials (the URL's or the options').
        var credentialsAreSecret = false
    }

    /// Fills the proxy options' templates; problems go to the resolver like every other.
    static func fillProxyOptions(_ options: OptionOverrides, resolver: inout VariableResolver) -> FilledProxyOptions {
        var filled = FilledProxyOptions()
        switch options.proxy {
        case nil: break
        case .some(.none): filled.disabled = true
        case .some(.url(let template)): filled.proxy = resolver.resolveTrackingSecrets(template, usedIn: "proxy")
        }
        let user = options.proxyUser.map { resolver.resolveTrackingSecrets($0, usedIn: "proxy_user") }
        let password = options.proxyPassword.map { resolver.resolveTrackingSecrets($0, usedIn: "proxy_password") }
        filled.user = user?.value
        filled.password = password?.value
        filled.credentialsAreSecret = user?.isSecret == true || password?.isSecret == true
        filled.noProxy = options.noProxy.map { resolver.resolve($0, usedIn: "no_proxy") }
        return filled
    }

    /// The settings the transport gets. A URL that is not a proxy URL is refused with the file
    /// and line of the `proxy:` that set it, its credentials left out of the message.
    static func proxySettings(
        _ filled: FilledProxyOptions, resolver: inout VariableResolver, saved: SavedRequest, collection: RequestCollection,
        environment: Environment?
    ) throws(RequestError) -> ProxySettings {
        var settings = ProxySettings(noProxy: filled.noProxy)
        if filled.disabled {
            settings.choice = .none
        } else if let (text, isSecret) = filled.proxy {
            var proxy: ProxyURL
            do {
                proxy = try ProxyURL.parse(text)
            } catch {
                throw .invalidProxy(
                    resolver.secrets.redact(ProxyURL.withoutCredentials(text)), reason: error.reason,
                    location: proxyOptionPosition(of: saved, in: collection, environment: environment))
            }
            // Decoded from the URL, a secret password may differ from the value that was filled in.
            if isSecret, let password = proxy.password, !password.isEmpty { resolver.addSecret(password) }
            if let user = filled.user { proxy.username = user }
            if let password = filled.password { proxy.password = password }
            // libcurl sends them as `Proxy-Authorization: Basic <base64>`: masked in that form
            // too, wherever a printout of the wire would show it.
            if isSecret || filled.credentialsAreSecret, proxy.username != nil || proxy.password != nil {
                resolver.addSecret(Data("\(proxy.username ?? ""):\(proxy.password ?? "")".utf8).base64EncodedString())
            }
            settings.choice = .proxy(proxy)
        }
        return settings
    }

    /// Where the `proxy:` in force is written: the request's file, then its folders' from the
    /// nearest (the root's is `collection.yaml`), then the environment's.
    static func proxyOptionPosition(of saved: SavedRequest, in collection: RequestCollection, environment: Environment?) -> FilePosition? {
        var files: [URL] = [saved.fileURL]
        for folder in collection.folderChain(to: saved).reversed() {
            let name = folder.path.isEmpty ? CollectionLoader.collectionFileName : CollectionLoader.folderFileName
            files.append((folder.path.isEmpty ? collection.rootURL : folder.url).appendingPathComponent(name))
        }
        if let environment { files.append(environment.fileURL) }
        for file in files {
            let text = file == saved.fileURL ? saved.sourceText ?? (try? String(contentsOf: file, encoding: .utf8))
                : try? String(contentsOf: file, encoding: .utf8)
            guard let text else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let indent = line.prefix { $0 == " " }.count
                guard line.dropFirst(indent).hasPrefix("proxy:") else { continue }
                return FilePosition(file: CollectionLoader.relativePath(file, root: collection.rootURL), line: index + 1, column: indent + 1)
            }
        }
        return nil
    }
}

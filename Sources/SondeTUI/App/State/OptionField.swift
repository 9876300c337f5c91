import SondeCore

/// One row of the Options tab: an option of `OptionOverrides` that the TUI edits, how its value
/// reads and is written, and how it is checked. The pass phrases (`key_password`,
/// `proxy_password`) are not rows: they are secrets, set in the YAML file as `{{env:NAME}}`.
package enum OptionField: Int, Sendable, CaseIterable {
    case timeout, connectTimeout, followRedirects, maxRedirects
    case retryAttempts, retryBackoff, retryBase, retryMax, retryMaxWait, retryJitter, retryNonIdempotent
    case verifyTLS, httpVersion, proxy, proxyUser, noProxy, unixSocket
    case clientCert, clientKey, clientCertType, caCert, caPath
    case cookies, userAgent, requestID, spillThreshold

    /// How a value is entered: typed and checked, or cycled through its choices with a key.
    package enum Kind: Sendable, Equatable {
        case seconds, count, bytes, text
        /// A path to a file (or a folder), checked relative to the collection's folder.
        case path(folder: Bool)
        /// Cycled with a key; typed values are checked against these.
        case choice([String])
    }

    /// The key in the YAML file (`options:`), which the row shows so the file reads the same.
    package var key: String {
        switch self {
        case .timeout: "timeout"
        case .connectTimeout: "connect_timeout"
        case .followRedirects: "follow_redirects"
        case .maxRedirects: "max_redirects"
        case .retryAttempts: "retry.attempts"
        case .retryBackoff: "retry.backoff"
        case .retryBase: "retry.base"
        case .retryMax: "retry.max"
        case .retryMaxWait: "retry.max_wait"
        case .retryJitter: "retry.jitter"
        case .retryNonIdempotent: "retry.non_idempotent"
        case .verifyTLS: "verify_tls"
        case .httpVersion: "http_version"
        case .proxy: "proxy"
        case .proxyUser: "proxy_user"
        case .noProxy: "no_proxy"
        case .unixSocket: "unix_socket"
        case .clientCert: "client_cert"
        case .clientKey: "client_key"
        case .clientCertType: "client_cert_type"
        case .caCert: "ca_cert"
        case .caPath: "ca_path"
        case .cookies: "cookies"
        case .userAgent: "user_agent"
        case .requestID: "request_id"
        case .spillThreshold: "spill_threshold"
        }
    }

    package var kind: Kind {
        switch self {
        case .timeout, .connectTimeout, .retryBase, .retryMax, .retryMaxWait: .seconds
        case .maxRedirects, .retryAttempts: .count
        case .spillThreshold: .bytes
        case .followRedirects, .retryJitter, .retryNonIdempotent, .verifyTLS, .cookies, .userAgent: .choice(["true", "false"])
        case .retryBackoff: .choice(RetryPolicy.Backoff.allCases.map(\.rawValue))
        case .httpVersion: .choice(HTTPVersionPreference.allCases.map(\.rawValue))
        case .clientCertType: .choice(CertificateType.allCases.map(\.rawValue))
        case .requestID: .choice(RequestIDMode.allCases.map(\.rawValue))
        case .proxy, .proxyUser, .noProxy: .text
        case .unixSocket, .clientCert, .clientKey, .caCert: .path(folder: false)
        case .caPath: .path(folder: true)
        }
    }

    /// What sonde uses when no level sets the option, as the row shows it; nil when unset means "none".
    package var defaultText: String? {
        let defaults = TransferOptions(), retry = RetryPolicy()
        switch self {
        case .timeout: return defaults.totalTimeout.map(Self.secondsText)
        case .connectTimeout: return defaults.connectTimeout.map(Self.secondsText)
        case .followRedirects: return String(defaults.followRedirects)
        case .maxRedirects: return String(defaults.maxRedirects)
        case .retryAttempts: return String(retry.attempts)
        case .retryBackoff: return retry.backoff.rawValue
        case .retryBase: return Self.secondsText(retry.base)
        case .retryMax: return Self.secondsText(retry.max)
        case .retryMaxWait: return Self.secondsText(retry.maxWait)
        case .retryJitter: return String(retry.jitter)
        case .retryNonIdempotent: return String(retry.retriesNonIdempotent)
        case .verifyTLS: return String(defaults.verifyTLS)
        case .cookies, .userAgent: return "true"
        case .requestID: return RequestIDMode.perRequest.rawValue
        case .spillThreshold: return String(TransferOptions.defaultSpillThreshold)
        case .httpVersion, .proxy, .proxyUser, .noProxy, .unixSocket, .clientCert, .clientKey, .clientCertType, .caCert, .caPath: return nil
        }
    }

    /// The value `options` sets for this field, as text; nil when it leaves it to the level below.
    package func value(in options: OptionOverrides) -> String? {
        switch self {
        case .timeout: options.timeout.map(Self.secondsText)
        case .connectTimeout: options.connectTimeout.map(Self.secondsText)
        case .followRedirects: options.followRedirects.map { String($0) }
        case .maxRedirects: options.maxRedirects.map { String($0) }
        case .retryAttempts: options.retry.attempts.map { String($0) }
        case .retryBackoff: options.retry.backoff?.rawValue
        case .retryBase: options.retry.base.map(Self.secondsText)
        case .retryMax: options.retry.max.map(Self.secondsText)
        case .retryMaxWait: options.retry.maxWait.map(Self.secondsText)
        case .retryJitter: options.retry.jitter.map { String($0) }
        case .retryNonIdempotent: options.retry.nonIdempotent.map { String($0) }
        case .verifyTLS: options.verifyTLS.map { String($0) }
        case .httpVersion: options.httpVersion?.rawValue
        case .proxy: options.proxy?.text
        case .proxyUser: options.proxyUser
        case .noProxy: options.noProxy
        case .unixSocket: options.unixSocket
        case .clientCert: options.tls.clientCert
        case .clientKey: options.tls.clientKey
        case .clientCertType: options.tls.clientCertType?.rawValue
        case .caCert: options.tls.caCert
        case .caPath: options.tls.caPath
        case .cookies: options.cookies.map { String($0) }
        case .userAgent: options.sendUserAgent.map { String($0) }
        case .requestID: options.requestID?.rawValue
        case .spillThreshold: options.spillThreshold.map { String($0) }
        }
    }

    /// Why `text` is not a value of this field, or nil when it is. Checked before `set`, so a
    /// bad value never reaches the draft, let alone the file.
    package func problem(with text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .seconds:
            guard let value = Double(trimmed), value.isFinite, value >= 0 else { return "\(key) must be a number of seconds (0 or more), such as 30 or 2.5" }
        case .count:
            guard let value = Int(trimmed), value >= 0 else { return "\(key) must be a whole number (0 or more)" }
        case .bytes:
            guard ByteCountText.parse(trimmed) != nil else { return "\(key) must be a size in bytes, such as 1048576, 512 kB or 64 MB" }
        case .choice(let choices):
            guard Self.choice(trimmed, in: choices) != nil else { return "\(key) must be one of " + choices.joined(separator: ", ") }
        case .text, .path:
            guard !trimmed.isEmpty else { return "\(key) is empty; clear the row to inherit it" }
        }
        return nil
    }

    /// Sets the field to `text` (nil: inherit). A text that `problem(with:)` refuses clears it.
    package func set(_ text: String?, in options: inout OptionOverrides) {
        let trimmed = text?.trimmingCharacters(in: .whitespaces)
        let seconds = trimmed.flatMap(Double.init)
        let count = trimmed.flatMap { Int($0) }
        let flag = trimmed.flatMap { Self.choice($0, in: ["true", "false"]) }.map { $0 == "true" }
        let string = trimmed.flatMap { $0.isEmpty ? nil : $0 }
        switch self {
        case .timeout: options.timeout = seconds
        case .connectTimeout: options.connectTimeout = seconds
        case .followRedirects: options.followRedirects = flag
        case .maxRedirects: options.maxRedirects = count
        case .retryAttempts: options.retry.attempts = count
        case .retryBackoff: options.retry.backoff = trimmed.flatMap { RetryPolicy.Backoff(rawValue: $0.lowercased()) }
        case .retryBase: options.retry.base = seconds
        case .retryMax: options.retry.max = seconds
        case .retryMaxWait: options.retry.maxWait = seconds
        case .retryJitter: options.retry.jitter = flag
        case .retryNonIdempotent: options.retry.nonIdempotent = flag
        case .verifyTLS: options.verifyTLS = flag
        case .httpVersion: options.httpVersion = trimmed.flatMap(HTTPVersionPreference.init(written:))
        case .proxy: options.proxy = string.map { $0.lowercased() == ProxyOption.noneKeyword ? .none : .url($0) }
        case .proxyUser: options.proxyUser = string
        case .noProxy: options.noProxy = string
        case .unixSocket: options.unixSocket = string
        case .clientCert: options.tls.clientCert = string
        case .clientKey: options.tls.clientKey = string
        case .clientCertType: options.tls.clientCertType = trimmed.flatMap { CertificateType(rawValue: $0.lowercased()) }
        case .caCert: options.tls.caCert = string
        case .caPath: options.tls.caPath = string
        case .cookies: options.cookies = flag
        case .userAgent: options.sendUserAgent = flag
        case .requestID: options.requestID = trimmed.flatMap { Self.choice($0, in: RequestIDMode.allCases.map(\.rawValue)) }.flatMap(RequestIDMode.init(rawValue:))
        case .spillThreshold: options.spillThreshold = trimmed.flatMap(ByteCountText.parse)
        }
    }

    /// The next choice after `current` (the effective value), for the cycle key; nil for typed fields.
    package func nextChoice(after current: String?, step: Int = 1) -> String? {
        guard case .choice(let choices) = kind, !choices.isEmpty else { return nil }
        guard let current, let index = choices.firstIndex(of: current) else { return choices[step > 0 ? 0 : choices.count - 1] }
        return choices[((index + step) % choices.count + choices.count) % choices.count]
    }

    /// `text` as one of `choices`, ignoring case; `yes`/`no` and `on`/`off` count as booleans.
    static func choice(_ text: String, in choices: [String]) -> String? {
        let lowered = text.lowercased()
        if choices == ["true", "false"] {
            if ["yes", "on"].contains(lowered) { return "true" }
            if ["no", "off"].contains(lowered) { return "false" }
        }
        if choices.contains(HTTPVersionPreference.http2.rawValue), let version = HTTPVersionPreference(written: text) { return version.rawValue }
        return choices.first { $0 == lowered }
    }

    static func secondsText(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

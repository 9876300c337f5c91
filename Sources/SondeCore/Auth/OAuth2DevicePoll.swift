import Foundation

/// RFC 8628 §3.2's answer from the device authorization endpoint.
public struct OAuth2DeviceAuthorization: Sendable, Equatable {
    public var deviceCode: String
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String?
    public var expiresIn: Double
    public var interval: Double

    public init(deviceCode: String, userCode: String, verificationURI: String, verificationURIComplete: String? = nil, expiresIn: Double, interval: Double) {
        self.deviceCode = deviceCode
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresIn = expiresIn
        self.interval = interval
    }

    /// Reads the JSON answer; `interval` defaults to 5 s as §3.2 says.
    public static func parse(_ body: Data) -> OAuth2DeviceAuthorization? {
        guard let object = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
              let deviceCode = object["device_code"] as? String, let userCode = object["user_code"] as? String,
              let uri = (object["verification_uri"] ?? object["verification_url"]) as? String else { return nil }
        func number(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue ?? (object[key] as? String).flatMap(Double.init) }
        return OAuth2DeviceAuthorization(
            deviceCode: deviceCode, userCode: TerminalSafeText.singleLine(userCode), verificationURI: TerminalSafeText.singleLine(uri),
            verificationURIComplete: (object["verification_uri_complete"] as? String).map(TerminalSafeText.singleLine),
            expiresIn: number("expires_in") ?? 600, interval: max(number("interval") ?? 5, 0))
    }

    /// What the user is shown of it (the device code stays out: it is a credential).
    public var prompt: OAuth2DevicePrompt {
        OAuth2DevicePrompt(userCode: userCode, verificationURI: verificationURI, verificationURIComplete: verificationURIComplete, expiresIn: expiresIn)
    }
}

/// What a device login shows the user: the code to type, where, and for how long it is good.
public struct OAuth2DevicePrompt: Sendable, Equatable {
    public var userCode: String
    public var verificationURI: String
    public var verificationURIComplete: String?
    /// Seconds the code stays valid from when the server gave it.
    public var expiresIn: Double

    public init(userCode: String, verificationURI: String, verificationURIComplete: String? = nil, expiresIn: Double) {
        self.userCode = userCode
        self.verificationURI = verificationURI
        self.verificationURIComplete = verificationURIComplete
        self.expiresIn = expiresIn
    }

    /// What a terminal prints: where to go and what to type.
    public var instructions: String {
        var text = "To log in, open \(verificationURI) and enter the code \(userCode)"
        if let complete = verificationURIComplete { text += "\n(or open \(complete))" }
        return text
    }
}

/// The device flow's polling (RFC 8628 §3.5) as a value: each token answer says whether to wait
/// and poll again, and how long, or to stop with a message. Time is passed in.
public struct OAuth2DevicePoll: Sendable, Equatable {
    public private(set) var interval: Double
    public let deadline: Double
    /// §3.5: on slow_down the interval grows by 5 seconds, for this and every later poll.
    public static let slowDownStep: Double = 5

    public enum Step: Sendable, Equatable {
        case wait(Double)
        case fail(String)
    }

    /// - Parameters: now, seconds on any clock; the code expires `expiresIn` later.
    public init(interval: Double, expiresIn: Double, now: Double) {
        self.interval = interval
        self.deadline = now + expiresIn
    }

    /// The step after the token endpoint answered with error `code`.
    public mutating func next(afterError code: String?, description: String? = nil, now: Double) -> Step {
        switch code {
        case "authorization_pending": break
        case "slow_down": interval += Self.slowDownStep
        case "expired_token": return .fail("the device code expired before it was approved; run the request again to get a new one")
        case "access_denied": return .fail("the login was denied on the verification page")
        case let code?:
            return .fail("the token endpoint answered \(code)\(description.map { " (\($0))" } ?? ""): \(OAuth2ErrorCode.explanation(of: code))")
        case nil: return .fail("the token endpoint answered neither a token nor an error")
        }
        guard now + interval < deadline else {
            return .fail("the device code expired before it was approved; run the request again to get a new one")
        }
        return .wait(interval)
    }
}

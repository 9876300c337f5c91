import Foundation

/// The demo authorization server's memory: codes waiting to be exchanged, device codes waiting
/// for approval, refresh tokens, and how many token requests came in (tests check reuse with it).
actor AuthorizationGrants {
    struct PendingCode {
        var clientID: String
        var redirectURI: String
        var challenge: String
        var issuedAt: ContinuousClock.Instant
    }

    struct PendingDevice {
        var deviceCode: String
        var userCode: String
        var approved: Bool?
        var issuedAt: ContinuousClock.Instant
        var lastPoll: ContinuousClock.Instant?
    }

    /// Seconds a device code stays valid, and the polling interval it asks for.
    let deviceLifetime: Int
    let deviceInterval: Int
    private var codes: [String: PendingCode] = [:]
    private var devices: [String: PendingDevice] = [:]
    private var refreshTokens: Set<String> = []
    private(set) var tokenRequests = 0

    init(deviceLifetime: Int = 600, deviceInterval: Int = 5) {
        self.deviceLifetime = deviceLifetime
        self.deviceInterval = deviceInterval
    }

    func countTokenRequest() { tokenRequests += 1 }

    /// The user codes of device logins waiting for approval.
    var pendingUserCodes: [String] { devices.values.filter { $0.approved == nil }.map(\.userCode) }

    func issueCode(_ pending: PendingCode) -> String {
        let code = Self.random()
        codes[code] = pending
        return code
    }

    /// The code's grant, once: RFC 6749 §4.1.2 codes are single use; a minute to live.
    func redeem(code: String) -> PendingCode? {
        guard let pending = codes.removeValue(forKey: code), ContinuousClock.now - pending.issuedAt < .seconds(60) else { return nil }
        return pending
    }

    func startDevice() -> PendingDevice {
        let letters = Array("BCDFGHJKLMNPQRSTVWXZ")
        let userCode = String((0..<4).map { _ in letters.randomElement()! }) + "-" + String((0..<4).map { _ in letters.randomElement()! })
        let device = PendingDevice(deviceCode: Self.random(), userCode: userCode, approved: nil, issuedAt: .now)
        devices[device.deviceCode] = device
        return device
    }

    /// Approves (or denies) the device code whose user code is `userCode`; false when there is none.
    func decide(userCode: String, approve: Bool) -> Bool {
        guard let key = devices.first(where: { $0.value.userCode == userCode.uppercased() })?.key else { return false }
        devices[key]?.approved = approve
        return true
    }

    enum DevicePoll { case approved, pending, slowDown, denied, expired, unknown }

    /// RFC 8628 §3.5: what a poll with `deviceCode` gets now.
    func poll(deviceCode: String) -> DevicePoll {
        guard var device = devices[deviceCode] else { return .unknown }
        let now = ContinuousClock.now
        if now - device.issuedAt >= .seconds(deviceLifetime) {
            devices[deviceCode] = nil
            return .expired
        }
        let tooSoon = device.lastPoll.map { now - $0 < .seconds(deviceInterval) } ?? false
        device.lastPoll = now
        devices[deviceCode] = device
        if tooSoon { return .slowDown }
        switch device.approved {
        case true?:
            devices[deviceCode] = nil
            return .approved
        case false?:
            devices[deviceCode] = nil
            return .denied
        case nil:
            return .pending
        }
    }

    func issueRefreshToken() -> String {
        let token = "rt-" + Self.random()
        refreshTokens.insert(token)
        return token
    }

    /// Takes a refresh token back for a new one (rotation): a refresh token works once.
    func redeem(refreshToken: String) -> Bool {
        refreshTokens.remove(refreshToken) != nil
    }

    private static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<3).map { _ in String(generator.next() as UInt64, radix: 36) }.joined()
    }
}

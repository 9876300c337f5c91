extension SecretSet {
    /// What `sonde send` and the TUI say, once a send, when a secret is too short to be masked
    /// everywhere (`tooShortToMaskEverywhere`); nil when none is. README "Collections on disk"
    /// states the same rule.
    public var tooShortWarning: String? {
        let names = tooShortToMaskEverywhere
        guard !names.isEmpty else { return nil }
        let list = names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        let verb = names.count == 1 ? "is" : "are"
        return "\(list) \(verb) shorter than \(Self.shortestMaskedEverywhere) characters: masked only where it stands alone, not inside other text"
    }
}

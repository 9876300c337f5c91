import Yams

/// Decoding of the `retry:` option, kept beside the rest of the schema in `YAMLModelDecoding`.
extension YAMLReader {
    static let retryKeys = ["attempts", "backoff", "base", "max", "jitter", "max_wait", "non_idempotent"]

    /// `retry: 3` (attempts) or `retry: {attempts: 3, backoff: exponential, base: 0.5, ...}`.
    /// Unknown keys are problems: a misspelt `attemps` would otherwise switch retries off unseen.
    mutating func retry(_ node: Node?) -> RetryOverrides {
        guard let node else { return RetryOverrides() }
        if let scalar = node.scalar {
            if scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { return RetryOverrides() }
            guard Int(scalar.string) != nil else {
                problem("retry must be a number of attempts or a mapping such as {attempts: 3, backoff: exponential}", at: node)
                return RetryOverrides()
            }
            return RetryOverrides(attempts: attempts(node))
        }
        guard let fields = mapping(node, "retry") else { return RetryOverrides() }
        for key in fields.keys where !Self.retryKeys.contains(key.scalar?.string ?? "") {
            problem("unknown retry option \(key.scalar?.string ?? "?"): expected \(Self.retryKeys.joined(separator: ", "))", at: key)
        }
        var backoff: RetryPolicy.Backoff?
        if let text = string(fields["backoff"], "retry backoff") {
            backoff = RetryPolicy.Backoff(rawValue: text.lowercased())
            if backoff == nil {
                problem("retry backoff must be exponential or constant, not \(text)", at: fields["backoff"])
            }
        }
        return RetryOverrides(
            attempts: attempts(fields["attempts"]),
            backoff: backoff,
            base: number(fields["base"], "retry base"),
            max: number(fields["max"], "retry max"),
            jitter: bool(fields["jitter"], "retry jitter"),
            maxWait: number(fields["max_wait"], "retry max_wait"),
            nonIdempotent: bool(fields["non_idempotent"], "retry non_idempotent"))
    }

    private mutating func attempts(_ node: Node?) -> Int? {
        guard let node else { return nil }
        if let text = node.scalar?.string, let value = Int(text), value >= 1 { return value }
        problem("retry attempts must be a whole number, 1 or more (the first try counts; 1 means no retries)", at: node)
        return nil
    }
}

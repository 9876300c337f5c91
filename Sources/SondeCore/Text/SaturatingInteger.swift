extension Int {
    /// `value` rounded toward zero and clamped to `Int`'s range, NaN as 0. For numbers that come
    /// from files, history and servers, where `Int(_:)` traps: a `timeout: 1e300` crashed sonde
    /// with SIGILL, and so did a history entry with extreme timings in the Timing tab.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9_223_372_036_854_775_808 {  // 2^63, the first Double past Int.max
            self = .max
        } else if value < -9_223_372_036_854_775_808 {
            self = .min
        } else {
            self = Int(value)
        }
    }
}

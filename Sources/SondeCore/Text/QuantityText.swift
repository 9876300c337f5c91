/// Byte counts as people read them: 512 B, 4.2 kB, 1.3 MB (decimal units, as curl and browsers use).
public enum ByteCountText {
    public static func format(_ bytes: Int64) -> String {
        if bytes < 1000 { return "\(bytes) B" }
        let units = ["kB", "MB", "GB", "TB"]
        var value = Double(bytes) / 1000
        var unit = 0
        while value >= 999.95, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return DecimalText.fixed(value, digits: value < 10 ? 1 : 0) + " " + units[unit]
    }

    /// Reads a byte count as people write it: `1048576`, `512 kB`, `64 MB`, `1.5GB`, `64 MiB`.
    /// Units are case-insensitive; kB/MB/GB/TB are powers of 1000 (as `format` prints them),
    /// KiB/MiB/GiB/TiB powers of 1024. Nil for anything else, a negative count, or one past
    /// `Int64.max`.
    public static func parse(_ text: String) -> Int64? {
        let trimmed = text.drop { $0 == " " }
        let numberEnd = trimmed.firstIndex { !($0.isASCII && ($0.isNumber || $0 == ".")) } ?? trimmed.endIndex
        let numberText = trimmed[..<numberEnd]
        var unitText = trimmed[numberEnd...].drop { $0 == " " }
        while unitText.last == " " { unitText = unitText.dropLast() }
        let unit = unitText.lowercased()
        guard !numberText.isEmpty, numberText.first != ".", let number = Double(numberText) else { return nil }
        let multipliers: [String: Double] = [
            "": 1, "b": 1,
            "k": 1e3, "kb": 1e3, "m": 1e6, "mb": 1e6, "g": 1e9, "gb": 1e9, "t": 1e12, "tb": 1e12,
            "kib": 1024, "mib": 1_048_576, "gib": 1_073_741_824, "tib": 1_099_511_627_776,
        ]
        guard let multiplier = multipliers[unit] else { return nil }
        let bytes = (number * multiplier).rounded()
        // 2^63 is the first Double past Int64.max.
        guard bytes.isFinite, bytes < 9_223_372_036_854_775_808 else { return nil }
        return Int64(bytes)
    }
}

/// Durations as people read them: 0.42 ms, 12.3 ms, 1.52 s.
public enum DurationText {
    public static func format(_ seconds: Double) -> String {
        if seconds < 0.001 { return DecimalText.fixed(seconds * 1000, digits: 2) + " ms" }
        if seconds < 1 { return DecimalText.fixed(seconds * 1000, digits: 1) + " ms" }
        return DecimalText.fixed(seconds, digits: 2) + " s"
    }
}

/// Fixed-point decimal text without Foundation's `String(format:)`, whose first call loads
/// locale data: it cost about 0.7 ms of a 25 ms `sonde send`.
public enum DecimalText {
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return String(value) }
        let whole = Int64(scaled)
        let sign = value < 0 && whole != 0 ? "-" : ""
        let factor = Int64(scale)
        guard digits > 0 else { return sign + String(whole) }
        let fraction = String(whole % factor)
        return sign + String(whole / factor) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}

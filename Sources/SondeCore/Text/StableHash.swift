/// A hash that is the same in every run and on every platform, unlike `Hasher` (seeded per
/// process): for names on disk that must be found again, the history's folders and the cookie
/// jars' files.
public enum StableHash {
    /// 64-bit FNV-1a.
    public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// `fnv1a` as 16 hex digits, zero-padded.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let hex = String(fnv1a(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

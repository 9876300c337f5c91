import Foundation

/// The JSON array served by `/large`, written byte by byte because JSONEncoder would take seconds
/// (and gigabytes of intermediate objects) for the two million items the endpoint allows.
enum LargeItemsDocument {
    /// The most items one response may hold; about 150 MB of JSON.
    static let maximumCount = 2_000_000

    /// `[{"id":1,"name":"item 1","tags":["a","b"],"active":false,"score":0.7}, ...]` with ids 1 through `count`.
    static func render(count: Int) -> Data {
        var bytes: [UInt8] = []
        // Each item is about 75 bytes.
        bytes.reserveCapacity(count * 80 + 2)
        bytes.append(UInt8(ascii: "["))
        for id in stride(from: 1, through: count, by: 1) {
            if id > 1 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: idPrefix)
            appendDecimal(id, to: &bytes)
            bytes.append(contentsOf: namePrefix)
            appendDecimal(id, to: &bytes)
            bytes.append(contentsOf: id % 2 == 0 ? activeTrue : activeFalse)
            // A score with one decimal place, from 0.0 to 99.9, varied so parsers see real doubles.
            let tenths = (id &* 7919) % 1000
            appendDecimal(tenths / 10, to: &bytes)
            bytes.append(UInt8(ascii: "."))
            appendDecimal(tenths % 10, to: &bytes)
            bytes.append(UInt8(ascii: "}"))
        }
        bytes.append(UInt8(ascii: "]"))
        return Data(bytes)
    }

    private static let idPrefix = Array(#"{"id":"#.utf8)
    private static let namePrefix = Array(#","name":"item "#.utf8)
    private static let activeTrue = Array(#"","tags":["a","b"],"active":true,"score":"#.utf8)
    private static let activeFalse = Array(#"","tags":["a","b"],"active":false,"score":"#.utf8)

    /// Appends a non-negative integer's digits; at most seven levels deep for the counts allowed here.
    private static func appendDecimal(_ value: Int, to bytes: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &bytes) }
        bytes.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}

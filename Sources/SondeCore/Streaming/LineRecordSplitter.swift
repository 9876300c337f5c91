import Foundation

/// Cuts an NDJSON (JSON Lines) body into its lines while the body is still arriving: a chunk can
/// end anywhere, mid-line or mid-character, and the rest of the line waits for the next one.
///
/// A line ends at LF; a CR before it is dropped, so CRLF works too. Blank lines are skipped and
/// a UTF-8 byte order mark at the very start is removed. Lines are returned as bytes, without
/// their line ending, and are not checked to be JSON.
///
///     var splitter = LineRecordSplitter()
///     splitter.feed(Data("{\"a\":1}\n{\"b\"".utf8))   // [{"a":1}]
///     splitter.feed(Data(":2}\n".utf8))              // [{"b":2}]
public struct LineRecordSplitter: Sendable {
    /// Bytes of an unfinished line.
    private var pending: [UInt8] = []
    /// How much of `pending` is known to hold no LF, so a long line is not searched again per chunk.
    private var searched = 0
    private var atStart = true

    public init() {}

    /// The lines that `chunk` completes.
    public mutating func feed(_ chunk: some Collection<UInt8>) -> [Data] {
        pending.append(contentsOf: chunk)
        if atStart {
            guard Self.settleByteOrderMark(&pending) else { return [] }
            atStart = false
        }
        var lines: [Data] = []
        var lineStart = 0
        var from = searched
        while let end = pending[from...].firstIndex(of: UInt8(ascii: "\n")) {
            if let line = Self.record(pending[lineStart..<end]) { lines.append(line) }
            lineStart = end + 1
            from = lineStart
        }
        pending.removeFirst(lineStart)
        searched = pending.count
        return lines
    }

    /// The last line, when the body ended without a newline after it.
    public mutating func finish() -> [Data] {
        defer {
            pending = []
            searched = 0
            atStart = true
        }
        return Self.record(pending[...]).map { [$0] } ?? []
    }

    /// The line without a trailing CR; nil when it is blank.
    private static func record(_ line: ArraySlice<UInt8>) -> Data? {
        var line = line
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        guard line.contains(where: { !Self.isBlank($0) }) else { return nil }
        return Data(line)
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The UTF-8 byte order mark.
    static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Drops a byte order mark at the start of `bytes`. False while `bytes` is too short to
    /// tell (a proper prefix of the mark), so the caller waits for more.
    static func settleByteOrderMark(_ bytes: inout [UInt8]) -> Bool {
        if bytes.starts(with: byteOrderMark) {
            bytes.removeFirst(byteOrderMark.count)
            return true
        }
        return !(bytes.count < byteOrderMark.count && byteOrderMark.starts(with: bytes))
    }
}

import Foundation
import SondeCore

/// Writes a response body to stdout a megabyte at a time, from memory or from the file it
/// spilled to, so printing takes bounded memory whatever the body's size.
///
/// - `raw`: the bytes as received, secrets masked in a text body (`BodyMasking`), nothing
///   appended; what a pipe gets, like curl.
/// - `readable`: for a terminal, a body too large to indent: text made inert for the
///   terminal and masked, ending in a newline; a binary body is not shown.
struct BodyPrinter {
    let response: HTTPResponse
    private let secrets: SecretSet

    init(response: HTTPResponse, secrets: SecretSet) {
        self.response = response
        // A spill file masked as it was written is not masked a second time.
        self.secrets = response.bodyFile?.isMasked == true ? SecretSet() : secrets
    }

    /// A piece of the body this large is read, masked and written at a time.
    static let pieceSize = 1 << 20

    func raw() {
        var masking = BodyMasking(secrets: secrets, mediaType: response.mediaType)
        let complete = forEachPiece { StandardOutput.write(masking.process($0)) }
        if complete { StandardOutput.write(masking.finish()) }
    }

    /// Prints the body for a terminal; false when it is binary and was not printed.
    func readable(toTerminal: Bool) -> Bool {
        var masking = BodyMasking(secrets: secrets, mediaType: response.mediaType)
        var checked = false, binary = false
        // Bytes after the last newline wait for the next piece, so no UTF-8 sequence or escape
        // is cut in two before it is made inert.
        var carry: [UInt8] = []
        func emit(_ bytes: [UInt8]) -> Bool {
            guard toTerminal else { return StandardOutput.write(bytes) }
            return StandardOutput.write(Array(TerminalSafeText.make(String(decoding: bytes, as: UTF8.self)).utf8))
        }
        let complete = forEachPiece { piece in
            if !checked {
                checked = true
                if toTerminal, TerminalSafeText.looksBinary(piece) { binary = true; return false }
            }
            carry += masking.process(piece)
            guard let newline = carry.lastIndex(of: UInt8(ascii: "\n")) ?? (carry.count > Self.pieceSize ? carry.count - 1 : nil) else { return true }
            let line = Array(carry[...newline])
            carry.removeFirst(newline + 1)
            return emit(line)
        }
        if binary { return false }
        guard complete else { return true }
        carry += masking.finish()
        if carry.last != UInt8(ascii: "\n"), !(carry.isEmpty && response.bodySize == 0) { carry.append(UInt8(ascii: "\n")) }
        _ = emit(carry)
        return true
    }

    /// Calls `body` with each piece in order until it returns false; true when all were seen.
    private func forEachPiece(_ body: ([UInt8]) -> Bool) -> Bool {
        if let file = response.bodyFile {
            guard let handle = FileHandle(forReadingAtPath: file.url.path) else { return false }
            defer { try? handle.close() }
            while let piece = try? handle.read(upToCount: Self.pieceSize), !piece.isEmpty {
                guard body(Array(piece)) else { return false }
            }
            return true
        }
        let data = response.body
        var offset = data.startIndex
        while offset < data.endIndex {
            let end = min(data.endIndex, offset + Self.pieceSize)
            guard body(Array(data[offset..<end])) else { return false }
            offset = end
        }
        return true
    }
}

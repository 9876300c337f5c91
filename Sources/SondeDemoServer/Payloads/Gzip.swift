import CZlib
import Foundation

/// Gzip compression through zlib, for the `/gzip` endpoint that checks sonde's transparent decompression.
enum Gzip {
    /// Failure reported by zlib, with its return code.
    struct Failure: Error, CustomStringConvertible {
        var code: Int32
        var description: String { "zlib deflate failed with code \(code)" }
    }

    /// Compresses `data` into a complete gzip member (header, deflate stream, CRC and length trailer).
    static func compress(_ data: Data) throws(Failure) -> Data {
        var stream = z_stream()
        let initialized = sonde_deflate_init_gzip(&stream, Z_DEFAULT_COMPRESSION)
        guard initialized == Z_OK else { throw Failure(code: initialized) }
        defer { deflateEnd(&stream) }

        // deflateBound covers the worst case including the gzip wrapper, so one Z_FINISH call suffices.
        let capacity = Int(deflateBound(&stream, uLong(data.count)))
        var output = Data(count: capacity)
        var input = data
        let status = input.withUnsafeMutableBytes { (source: UnsafeMutableRawBufferPointer) in
            output.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) in
                stream.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(code: status) }
        output.count = Int(stream.total_out)
        return output
    }
}

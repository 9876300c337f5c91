import Foundation

/// One parsed JSON value, packed into 16 bytes so a 50 MB body of typical API JSON (about 15
/// bytes of text per value) needs about as much again for its tree.
///
/// Fields that are cheap to find again from the bytes (where a key ends, where a container's
/// closing bracket is, how deep a node sits) are not stored.
struct JSONNode {
    /// Byte offset of the key's opening quote for an object member, else of the value.
    var start: UInt32
    /// Index of the enclosing container, `JSONNode.noParent` for the root.
    var parent: UInt32
    /// A container: the index just past its subtree. A scalar: its value's length in bytes.
    var extent: UInt32
    /// Bits 0–2 kind, 3 member, 4 key has escapes, 5 string value has escapes, 6–31 payload:
    /// a container's child count, or a member scalar's distance from key to value (both
    /// saturate at `payloadLimit`, and are then found again from the bytes).
    var info: UInt32

    static let noParent = UInt32.max
    static let memberBit: UInt32 = 1 << 3
    static let keyEscapedBit: UInt32 = 1 << 4
    static let valueEscapedBit: UInt32 = 1 << 5
    static let payloadShift: UInt32 = 6
    static let payloadLimit: UInt32 = (1 << 26) - 1

    var kindBits: UInt32 { info & 7 }
    var isMember: Bool { info & Self.memberBit != 0 }
    var isContainer: Bool { info & 7 <= 1 }
    var payload: UInt32 { info >> Self.payloadShift }
}

/// The nodes behind a `JSONTree`: a block of memory the parser filled, owned and freed here,
/// immutable afterwards.
///
/// `@unchecked Sendable`: a raw pointer, which the compiler can't check; nothing writes through
/// it after `init(adopting:count:)`, so any thread may read the nodes.
final class JSONNodeBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<JSONNode>
    let count: Int

    /// Takes over `base`, which came from `JSONNodeBuffer.reallocate`.
    init(adopting base: UnsafeMutablePointer<JSONNode>, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { free(base) }

    /// `pointer`'s block resized to `capacity` nodes (a new one for nil), with `realloc`: on
    /// Linux it remaps large blocks instead of copying them, so growing while parsing peaks at
    /// the final size rather than old + new as with `Array` doubling.
    static func reallocate(_ pointer: UnsafeMutablePointer<JSONNode>?, to capacity: Int) -> UnsafeMutablePointer<JSONNode> {
        let bytes = max(capacity, 1) * MemoryLayout<JSONNode>.stride
        guard let raw = realloc(pointer, bytes) else {
            // Out of memory: there is no sensible way to go on, as with any Swift allocation.
            fatalError("out of memory for a JSON tree of \(capacity) nodes")
        }
        return raw.bindMemory(to: JSONNode.self, capacity: capacity)
    }
}

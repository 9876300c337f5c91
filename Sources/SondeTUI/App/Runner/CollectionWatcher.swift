import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Request files changed under the collections, from inotify (Linux). The run loop polls it
/// (the descriptor is non-blocking, so a poll never waits) and hands what changed to the
/// update as `.filesChanged`, which reloads them and keeps drafts.
package final class CollectionWatcher {
    private let descriptor: Int32
    /// The watched folder of each watch descriptor (inotify watches are not recursive).
    private var folders: [Int32: String] = [:]

    /// Watches every folder under `roots`; nil where inotify is not available.
    package init?(roots: [URL]) {
        #if canImport(Glibc)
        descriptor = inotify_init1(Int32(IN_NONBLOCK) | Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots { watchTree(root) }
        #else
        return nil
        #endif
    }

    deinit { close(descriptor) }

    /// Watches `root` and every folder below it; returns the YAML files already in them.
    @discardableResult
    private func watchTree(_ root: URL) -> [String] {
        var folders = [root]
        var files: [String] = []
        if let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) {
            for case let url as URL in walker {
                if (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) == true {
                    folders.append(url)
                } else if url.pathExtension == "yaml" || url.pathExtension == "yml" {
                    files.append(url.standardizedFileURL.path)
                }
            }
        }
        for folder in folders { watch(folder.standardizedFileURL.path) }
        return files
    }

    private func watch(_ path: String) {
        #if canImport(Glibc)
        // Written and closed, moved in (an atomic save renames its temp file), created, deleted.
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_CREATE) | UInt32(IN_DELETE) | UInt32(IN_MOVED_FROM)
        let wd = inotify_add_watch(descriptor, path, mask)
        if wd >= 0 { folders[wd] = path }
        #endif
    }

    /// The YAML files changed since the last call (absolute paths, each once); a new folder is
    /// watched from then on, and the YAML files already in it are among the changed.
    package func changedFiles() -> [String] {
        var changed: [String] = []
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            // struct inotify_event { int wd; uint32_t mask, cookie, len; char name[len]; }
            while offset + 16 <= count {
                let wd = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self) }
                let length = Int(buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self) })
                let nameBytes = buffer[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                offset += 16 + length
                guard let folder = folders[wd], !nameBytes.isEmpty else { continue }
                let path = folder + "/" + String(decoding: nameBytes, as: UTF8.self)
                #if canImport(Glibc)
                if mask & UInt32(IN_ISDIR) != 0 {
                    // A new folder's files may be written before its watch is in place (mkdir -p
                    // then a write, a folder moved in whole): those found in it count as changed.
                    if mask & UInt32(IN_CREATE) != 0 || mask & UInt32(IN_MOVED_TO) != 0 {
                        for file in watchTree(URL(fileURLWithPath: path)) where !changed.contains(file) { changed.append(file) }
                    }
                    continue
                }
                #endif
                if path.hasSuffix(".yaml") || path.hasSuffix(".yml"), !changed.contains(path) { changed.append(path) }
            }
        }
        return changed
    }
}

import CCurl
import Foundation
import SondeCore

/// One cookie jar file, loaded into a libcurl share that every transfer using the jar attaches
/// to, so concurrent sends see each other's cookies at once; libcurl's cookie engine applies
/// the domain, path, secure and expiry rules, on every redirect hop too.
///
/// Saved after each transfer by reading the engine's cookies (`CURLINFO_COOKIELIST`) and writing
/// the Netscape file atomically with mode 0600, rather than with `CURLOPT_COOKIEJAR`, which
/// ignores write errors and writes with the umask's permissions: cookie values are credentials.
///
/// `@unchecked Sendable`: the share pointer is used by libcurl under the locks this jar hands
/// it; the save and `lastSaved` are serialised by `saving`.
final class CookieJar: @unchecked Sendable {
    let path: String
    private let share: UnsafeMutableRawPointer
    /// One lock per kind of shared data, as libcurl asks (it may hold two kinds at once).
    private let locks: [NSLock]
    private let saving = NSLock()
    /// What the file held when this jar last read or wrote it, nil for no file (under `saving`):
    /// an exchange that changed no cookie writes nothing, instead of rewriting the file after
    /// every send; a file that no longer holds this was changed by something else.
    private var lastSaved: String?
    /// The file's signature when `lastSaved` was read or written (nil: no file then), so the
    /// check before each transfer is one stat(2) while nothing else touches the file.
    private var lastSignature: FileSignature?

    /// A jar loaded from `path` (a missing file is an empty jar); nil when libcurl has no share.
    init?(path: String) {
        guard let share = curl_share_init() else { return nil }
        self.path = path
        self.share = share
        locks = (0..<Int(CURL_LOCK_DATA_LAST.rawValue) + 1).map { _ in NSLock() }
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = sonde_share_setopt_pointer(share, CURLSHOPT_USERDATA, context)
        _ = sonde_share_setopt_lock(share) { _, data, _, context in
            guard let context else { return }
            Unmanaged<CookieJar>.fromOpaque(context).takeUnretainedValue().lock(data).lock()
        }
        _ = sonde_share_setopt_unlock(share) { _, data, context in
            guard let context else { return }
            Unmanaged<CookieJar>.fromOpaque(context).takeUnretainedValue().lock(data).unlock()
        }
        _ = sonde_share_setopt_long(share, CURLSHOPT_SHARE, Int(CURL_LOCK_DATA_COOKIE.rawValue))
        load()
    }

    deinit {
        curl_share_cleanup(share)
    }

    private func lock(_ data: curl_lock_data) -> NSLock {
        locks[min(Int(data.rawValue), locks.count - 1)]
    }

    /// Reads the file into the share now, through a handle of its own ("RELOAD" loads at once;
    /// a plain `COOKIEFILE` would load only when some transfer starts, racing the others).
    /// With `replacing`, the cookies in memory go first ("ALL"), so cookies removed from the file
    /// are gone from the share too.
    private func load(replacing: Bool = false) {
        // Taken before the read: a change between the two is seen at the next check.
        lastSignature = FileSignature(path: path)
        lastSaved = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
        guard replacing || lastSaved != nil, let handle = curl_easy_init() else { return }
        defer { curl_easy_cleanup(handle) }
        _ = sonde_setopt_pointer(handle, CURLOPT_SHARE, share)
        if replacing { _ = sonde_setopt_string(handle, CURLOPT_COOKIELIST, "ALL") }
        if lastSaved != nil {
            _ = sonde_setopt_string(handle, CURLOPT_COOKIEFILE, path)
            _ = sonde_setopt_string(handle, CURLOPT_COOKIELIST, "RELOAD")
        }
        _ = sonde_setopt_pointer(handle, CURLOPT_SHARE, nil)
    }

    /// Loads the file again, in place of the cookies in memory, when it no longer holds what
    /// this jar last read or wrote: a jar cleared with `sonde cookies clear` stays cleared for a
    /// TUI that had it loaded. Called before a transfer, never between its hops, whose cookies
    /// are saved only at its end. One stat(2) while the file's signature is unchanged, else one
    /// read of a small file.
    func reloadIfChangedElsewhere() {
        saving.lock()
        defer { saving.unlock() }
        let signature = FileSignature(path: path)
        if signature == lastSignature { return }
        lastSignature = signature
        let current = (try? Data(contentsOf: URL(fileURLWithPath: path))).map { String(decoding: $0, as: UTF8.self) }
        if current != lastSaved { load(replacing: true) }
    }

    /// Turns the cookie engine on for `handle`'s next transfer, with this jar's cookies.
    func attach(_ handle: UnsafeMutableRawPointer) -> CURLcode {
        let code = sonde_setopt_pointer(handle, CURLOPT_SHARE, share)
        guard code == CURLE_OK else { return code }
        // "" enables the engine without reading a file: the share already holds the cookies.
        return sonde_setopt_string(handle, CURLOPT_COOKIEFILE, "")
    }

    /// Lets go of the share (`curl_easy_reset` keeps it), so a pooled handle carries no jar.
    static func detach(_ handle: UnsafeMutableRawPointer) {
        _ = sonde_setopt_pointer(handle, CURLOPT_SHARE, nil)
    }

    /// Writes the jar's cookies to its file, read through `handle` (attached to this jar).
    /// Returns a problem to report, or nil. Writes nothing when there is neither a cookie nor a file.
    func save(through handle: UnsafeMutableRawPointer) -> String? {
        saving.lock()
        defer { saving.unlock() }
        var list: UnsafeMutablePointer<curl_slist>?
        guard sonde_getinfo_slist(handle, CURLINFO_COOKIELIST, &list) == CURLE_OK else {
            return "could not read the cookies to save to \(path)"
        }
        defer { curl_slist_free_all(list) }
        var lines: [String] = []
        var item = list
        while let current = item {
            if let data = current.pointee.data { lines.append(String(cString: data)) }
            item = current.pointee.next
        }
        // As of this transfer's start (`reloadIfChangedElsewhere`): no stat(2) after every transfer.
        if lines.isEmpty, lastSignature == nil { return nil }
        let text = CookieJarContents.header + lines.map { $0 + "\n" }.joined()
        if text == lastSaved { return nil }
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            try AtomicFile.write(Data(text.utf8), to: url, permissions: 0o600)
            lastSaved = text
            lastSignature = FileSignature(path: path)
            return nil
        } catch {
            return "could not save the cookies to \(path): \(FileErrorText.describe(error))"
        }
    }
}

import CNCurses

/// SIGTERM and SIGHUP while curses owns the terminal.
///
/// The first such signal is only recorded (`pending`), so the app loop can leave, close the
/// screen and exit in its own time. If the loop has not closed the screen `graceSeconds` after
/// it, or a second signal arrives, the handler itself puts the terminal back (its saved modes,
/// then the bytes that leave the alternate screen, show the cursor and stop mouse and paste
/// reporting) with async-signal-safe calls and exits with 128 + signal. So `kill` always ends
/// sonde with a usable shell, even if the loop is stuck.
///
/// The handler lives in the C shim (a Swift closure cannot be async-signal-safe); its state is
/// static to the object file that calls it, which is why every call goes through this one file.
enum TerminationSignals {
    static let graceSeconds: Int32 = 3

    /// Installs the handlers for the terminal open on `descriptor`, saving its current modes:
    /// call before curses changes them.
    static func install(descriptor: Int32) -> Bool {
        sonde_term_install(descriptor, graceSeconds) == 0
    }

    /// Sets the bytes the handler writes when it has to restore the terminal itself.
    static func setRestoreSequence(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                _ = sonde_term_set_restore(chars.baseAddress, chars.count)
            }
        }
    }

    /// Puts the previous handlers back and cancels the grace period; `pending` keeps its value.
    static func uninstall() { sonde_term_uninstall() }

    /// The SIGTERM or SIGHUP received since `install`, or nil.
    static var pending: Int32? {
        let signal = sonde_term_pending()
        return signal == 0 ? nil : signal
    }
}

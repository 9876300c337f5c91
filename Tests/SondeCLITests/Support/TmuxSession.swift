import Foundation
import Synchronization

/// A program running in a tmux pane of its own, for end-to-end tests of the TUI: keys go in
/// with `send-keys`, the screen comes out with `capture-pane`.
///
/// Each session has a private tmux server (its own socket in a temporary folder, no config
/// file) and a temporary HOME and XDG_DATA_HOME, so nothing leaks in from, or out to, the
/// person running the tests. Inside, TERM is xterm-256color and the locale is UTF-8 (tmux
/// needs it to keep wide characters). The pane stays after the program exits, so its last
/// screen and exit status can be read.
///
/// Every method that runs tmux or waits does so on a plain thread of its own, never on
/// Swift's cooperative pool (which the in-process demo server also needs). The server is
/// always killed: by `close()`, or by `deinit` when a test throws before it.
final class TmuxSession: Sendable {
    /// A folder for this session only: the tmux socket and the program's HOME live in it.
    let directory: URL
    /// The program's HOME (XDG_DATA_HOME is `home/.local/share`).
    let home: URL
    let width: Int
    let height: Int
    private let client: Client
    private let serverPID: pid_t
    private let panePID: pid_t
    private let closed = ClosedFlag()

    private static let target = "sonde"
    /// How often waits look at the screen again.
    static let pollInterval: TimeInterval = 0.05
    /// A UTF-8 locale this system has, for tmux and the program.
    static let utf8Locale: String = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8", "en_US.utf8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) {
                freelocale(locale)
                return name
            }
        }
        return "C.UTF-8"
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private final class ClosedFlag: Sendable {
        private let value = Atomic<Bool>(false)
        /// Sets the flag; true only for the first caller.
        func claim() -> Bool { !value.exchange(true, ordering: .acquiringAndReleasing) }
    }

    /// Starts `command` (program and arguments; run directly, not by a shell) in a new
    /// detached session of `width` × `height` cells.
    ///
    /// - Parameters:
    ///   - environment: added to the session's environment (PATH, HOME, XDG_DATA_HOME, LANG).
    ///   - directory: the program's working directory.
    static func start(
        _ command: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> TmuxSession {
        try await onThread { try TmuxSession(command, width: width, height: height, environment: environment, in: directory) }
    }

    /// Starts the `sonde` built beside the tests (see `SondeBinary`) with `arguments`.
    static func startSonde(
        _ arguments: [String] = [], width: Int = 100, height: Int = 30, environment: [String: String] = [:], in directory: URL? = nil
    ) async throws -> TmuxSession {
        try await start([SondeBinary.url.path] + arguments, width: width, height: height, environment: environment, in: directory)
    }

    private init(_ command: [String], width: Int, height: Int, environment extra: [String: String], in workingDirectory: URL?) throws {
        guard !command.isEmpty else { throw Failure(description: "no command to run in tmux") }
        guard FileManager.default.isExecutableFile(atPath: Self.tmuxPath) else {
            throw Failure(description: "tmux is not installed at \(Self.tmuxPath): run scripts/install-deps.sh")
        }
        directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("sonde-tmux-\(UUID().uuidString.prefix(8))")
        home = directory.appendingPathComponent("home")
        self.width = width
        self.height = height
        try FileManager.default.createDirectory(at: home.appendingPathComponent(".local/share"), withIntermediateDirectories: true)
        var environment = [
            "PATH": "/usr/bin:/bin",
            "HOME": home.path,
            "XDG_DATA_HOME": home.appendingPathComponent(".local/share").path,
            "XDG_CONFIG_HOME": home.appendingPathComponent(".config").path,
            "LANG": Self.utf8Locale,
            "TMUX_TMPDIR": directory.path,
        ]
        environment.merge(extra) { $1 }
        client = Client(socket: directory.appendingPathComponent("socket"), environment: environment)

        // One tmux invocation, so the options are set before the program can exit.
        var arguments = [
            "start-server", ";",
            "set-option", "-g", "default-terminal", "xterm-256color", ";",
            "set-option", "-g", "remain-on-exit", "on", ";",
            "set-option", "-g", "history-limit", "0", ";",
            "new-session", "-d", "-s", Self.target, "-x", String(width), "-y", String(height),
        ]
        if let workingDirectory { arguments += ["-c", workingDirectory.path] }
        arguments += ["--"] + command
        do {
            _ = try client.run(arguments)
            let pids = try client.value(of: "#{pid} #{pane_pid}").split(separator: " ").compactMap { pid_t($0) }
            guard pids.count == 2 else { throw Failure(description: "tmux did not report its pids") }
            serverPID = pids[0]
            panePID = pids[1]
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    deinit { shutDown(gracefully: false) }

    /// Kills the tmux server (the program gets SIGHUP, as when a terminal window closes)
    /// and removes the session's folder.
    func close() async {
        _ = try? await Self.onThread { [self] in shutDown(gracefully: true) }
    }

    private func shutDown(gracefully: Bool) {
        guard closed.claim() else { return }
        if gracefully { _ = try? client.run(["kill-server"]) }
        // Signals, not tmux commands: deinit may run on the cooperative pool, where waiting
        // for a tmux client is not allowed, and the server must die even if tmux hangs.
        kill(-panePID, SIGKILL)  // the pane's process group: the program and anything it started
        kill(panePID, SIGKILL)
        kill(serverPID, SIGKILL)
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Input

    /// Sends keys by tmux name: "C-r", "Enter", "Escape", "Up", "BTab", "F5", "M-x", or text
    /// that tmux does not take for a key name. After an Escape it pauses longer than curses'
    /// ESCDELAY, so the next key is not read as Alt plus that key.
    func send(keys: String...) async throws {
        try await send(keys: keys)
    }

    func send(keys: [String]) async throws {
        var group: [String] = []
        for key in keys {
            group.append(key)
            if key == "Escape" {
                try await run(["send-keys", "-t", Self.target] + group)
                group = []
                try await Self.onThread { Thread.sleep(forTimeInterval: 0.06) }
            }
        }
        if !group.isEmpty { try await run(["send-keys", "-t", Self.target] + group) }
    }

    /// Types `text` literally (no key names), as a person typing it would.
    func type(_ text: String) async throws {
        try await run(["send-keys", "-t", Self.target, "-l", "--", text])
    }

    /// Writes raw bytes to the program's terminal, such as an SGR mouse report
    /// `ESC [ < 0 ; x ; y M` (1-based cell), which send-keys cannot make from a name.
    func send(bytes: [UInt8]) async throws {
        try await run(["send-keys", "-t", Self.target, "-H"] + bytes.map { String(format: "%02x", $0) })
    }

    /// Pastes `text` as a terminal would: wrapped in bracketed-paste markers when the program
    /// turned that mode on.
    func paste(_ text: String) async throws {
        try await run(["set-buffer", "-b", "sonde-test", "--", text])
        try await run(["paste-buffer", "-p", "-d", "-b", "sonde-test", "-t", Self.target])
    }

    /// Resizes the window, as a person dragging the terminal's corner would.
    func resize(width: Int, height: Int) async throws {
        try await run(["resize-window", "-t", Self.target, "-x", String(width), "-y", String(height)])
    }

    // MARK: - Output

    /// The screen, one string per row, trailing spaces removed.
    func capture() async throws -> [String] {
        try await Self.onThread { [client] in try client.capture(escapes: false) }
    }

    /// The screen with SGR escape sequences for colours and attributes kept (`capture-pane -e`).
    func captureWithEscapes() async throws -> [String] {
        try await Self.onThread { [client] in try client.capture(escapes: true) }
    }

    /// The screen as one text, for failure messages.
    func screen() async -> String {
        (try? await capture())?.joined(separator: "\n") ?? "(no screen)"
    }

    /// Waits until some row contains `text`; false after `timeout` seconds.
    func waitFor(_ text: String, timeout: TimeInterval = 10) async -> Bool {
        await waitFor(timeout: timeout) { rows in rows.contains { $0.contains(text) } }
    }

    /// Waits until `predicate` holds for the screen's rows, looking every 50 ms.
    func waitFor(timeout: TimeInterval = 10, _ predicate: @escaping @Sendable ([String]) -> Bool) async -> Bool {
        (try? await Self.onThread { [client] in
            let deadline = Date().addingTimeInterval(timeout)
            repeat {
                if let rows = try? client.capture(escapes: false), predicate(rows) { return true }
                Thread.sleep(forTimeInterval: Self.pollInterval)
            } while Date() < deadline
            return false
        }) ?? false
    }

    /// A tmux format evaluated for the pane, such as "#{cursor_x}" or "#{alternate_on}".
    func value(of format: String) async throws -> String {
        try await Self.onThread { [client] in try client.value(of: format) }
    }

    /// Whether the program is still running.
    var isRunning: Bool {
        get async { (try? await value(of: "#{pane_dead}")) == "0" }
    }

    /// Waits for the program to exit and returns its exit status (128 + signal when a signal
    /// ended it), or nil if it is still running after `timeout` seconds.
    func waitForExit(timeout: TimeInterval = 10) async -> Int32? {
        (try? await Self.onThread { [client, serverPID] () -> Int32? in
            let deadline = Date().addingTimeInterval(timeout)
            repeat {
                let fields = ((try? client.value(of: "#{pane_dead}|#{pane_dead_status}|#{pane_dead_signal}")) ?? "")
                    .split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                if fields.first == "1", fields.count == 3 {
                    if let signal = Int32(fields[2]), signal > 0 { return 128 + signal }
                    if let status = Int32(fields[1]) { return status }
                    // Dead (its terminal closed) but not reaped: tmux can miss a SIGCHLD that
                    // arrives while libutempter has its own handler in (tmux issue #311), and
                    // the program then stays a zombie with no status. Another SIGCHLD makes
                    // the server reap it.
                    kill(serverPID, SIGCHLD)
                }
                Thread.sleep(forTimeInterval: Self.pollInterval)
            } while Date() < deadline
            return nil
        }) ?? nil
    }

    // MARK: - Running tmux

    private static let tmuxPath = "/usr/bin/tmux"

    private func run(_ arguments: [String]) async throws {
        _ = try await Self.onThread { [client] in try client.run(arguments) }
    }

    /// Talks to the session's tmux server. A value apart from the session, so work on other
    /// threads never holds the session itself (and its deinit runs as soon as a test drops it).
    private struct Client: Sendable {
        let socket: URL
        let environment: [String: String]

        func run(_ arguments: [String]) throws -> String {
            try TmuxSession.tmux(arguments, socket: socket, environment: environment)
        }

        func capture(escapes: Bool) throws -> [String] {
            let output = try run(["capture-pane", "-p", "-t", TmuxSession.target] + (escapes ? ["-e"] : []))
            var rows = output.components(separatedBy: "\n")
            if rows.last == "" { rows.removeLast() }
            return rows.map { row in
                var row = row
                while row.last == " " { row.removeLast() }
                return row
            }
        }

        func value(of format: String) throws -> String {
            try run(["display-message", "-p", "-t", TmuxSession.target, format]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Runs one tmux client command against the session's server; its standard output.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: the client that starts the
    /// server forks it off, and with several sessions starting at once Process left exited
    /// clients unreaped and `waitUntilExit` hanging. The child gets an empty signal mask and
    /// default handlers, so neither the tmux server nor the program in its pane inherits the
    /// signals this test thread has blocked (SIGTERM included).
    fileprivate static func tmux(_ arguments: [String], socket: URL, environment: [String: String]) throws -> String {
        let argv = [tmuxPath, "-u", "-S", socket.path, "-f", "/dev/null"] + arguments
        var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard pipe(&output) == 0, pipe(&errors) == 0 else { throw Failure(description: "pipe: \(String(cString: strerror(errno)))") }
        for fd in output + errors { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        defer { for fd in [output[0], errors[0]] { Glibc.close(fd) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), defaults = sigset_t()
        sigemptyset(&none)
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGCHLD, SIGWINCH] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var argvC: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var envC: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argvC + envC { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmuxPath, &actions, &attributes, &argvC, &envC)
        Glibc.close(output[1])
        Glibc.close(errors[1])
        guard spawned == 0 else { throw Failure(description: "cannot run tmux: \(String(cString: strerror(spawned)))") }
        let text = readAll(output[0])
        let message = readAll(errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // WIFEXITED and WEXITSTATUS by hand: Swift cannot import them.
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        guard exitStatus == 0 else {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed (\(exitStatus)): \(message)")
        }
        return text
    }

    /// Everything readable from `fd` until end of file. Output is small (one screen, or an
    /// error message), so reading one pipe after the other cannot fill the second.
    private static func readAll(_ fd: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = read(fd, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Runs blocking work on a plain thread of its own, never on the cooperative pool.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}

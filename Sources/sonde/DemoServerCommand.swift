import ArgumentParser
import SondeDemoServer

/// `sonde demo-server`: the bundled local API that the demo collection talks to.
struct DemoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-server", abstract: "Run the local demo API on 127.0.0.1 (used by collections/demo).")

    @Option(name: .long, help: "The port to listen on (127.0.0.1 only).")
    var port: UInt16 = 8787

    /// Short by default, so the demo shows sonde fetching a new token (60 s before expiry).
    @Option(name: .long, help: "Seconds an OAuth2 token from /oauth/token stays valid.")
    var tokenLifetime: Int = 300

    @Flag(name: .long, help: "Do not log each request to stderr.")
    var quiet = false

    func run() async throws {
        let server = DemoServer(port: port, tokenLifetime: tokenLifetime, logRequests: !quiet)
        print("sonde demo API on http://127.0.0.1:\(port) (Ctrl-C to stop)")
        try await server.run()
    }
}

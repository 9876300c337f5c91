import Foundation
import SondeTestSupport
import Testing

/// `sonde run` on libcurl's multi interface: the connection limits hold on the wire, `--data`
/// rows become variables, and the progress line stays off when nothing is a terminal.
@Suite struct RunConcurrencyTests {
    /// An HTTP/1.1 server that answers every request after 30 ms, keeping connections open,
    /// and writes the most connections it ever had open at once to the file it is given.
    private static let countingServer = """
        import socket, sys, threading, time
        listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        print(listener.getsockname()[1], flush=True)
        lock = threading.Lock()
        state = {"open": 0, "most": 0}
        def serve(connection):
            with lock:
                state["open"] += 1
                state["most"] = max(state["most"], state["open"])
                with open(sys.argv[1], "w") as out: out.write(str(state["most"]))
            try:
                pending = b""
                while True:
                    data = connection.recv(65536)
                    if not data: break
                    pending += data
                    while b"\\r\\n\\r\\n" in pending:
                        _, pending = pending.split(b"\\r\\n\\r\\n", 1)
                        time.sleep(0.03)
                        connection.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: 2\\r\\n\\r\\n{}")
            except OSError:
                pass
            finally:
                with lock: state["open"] -= 1
                connection.close()
        while True:
            connection, _ = listener.accept()
            threading.Thread(target=serve, args=(connection,), daemon=True).start()
        """

    /// The most connections open at once while `sonde run` sent `arguments`.
    private func mostConnections(_ arguments: [String]) async throws -> (most: Int, result: RunResult) {
        let folder = try DemoCollectionCopy()
        let countFile = folder.root.appendingPathComponent("most.txt")
        let server = try await offThePool { try PythonTestServer(script: Self.countingServer, arguments: [countFile.path]) }
        defer { server.stop() }
        try folder.write("load/get.yaml", "url: \"http://127.0.0.1:\(server.port)/item\"\nexpect:\n  status: 200\n")
        let result = try await SondeBinary.run(["run", "demo/load", "--collections", folder.root.path] + arguments)
        let most = Int((try? String(contentsOf: countFile, encoding: .utf8)) ?? "") ?? 0
        return (most, result)
    }

    @Test func maxPerHostBoundsTheConnectionsOpenAtOnce() async throws {
        let (most, result) = try await mostConnections(["--repeat", "24", "--jobs", "8", "--max-per-host", "3"])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.hasSuffix("24 passed, 0 failed\n"))
        #expect(most == 3)
    }

    @Test func jobsBoundTheConnectionsWithoutMaxPerHost() async throws {
        let (most, result) = try await mostConnections(["--repeat", "20", "--jobs", "5"])
        #expect(result.status == 0, "\(result.output)")
        #expect(most == 5)
    }

    @Test func dataRowsRunTheFlowOnceEachWithTheirColumnsAsVariables() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("rows/get.yaml", "url: \"{{baseUrl}}/users/{{id}}\"\nexpect:\n  status: [200, 404]\n")
            let rows = folder.root.appendingPathComponent("rows.csv")
            try Data("id,name\n1,Ada\n\"2\",\"Hopper, Grace\"\n999,x\n".utf8).write(to: rows)
            let json = folder.root.appendingPathComponent("r.json")
            let result = try await SondeBinary.run(
                ["run", "demo/rows", "--collections", folder.root.path, "--var", "baseUrl=\(base)", "--data", rows.path,
                 "--jobs", "2", "--report", "json=\(json.path)"])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout.hasSuffix("3 passed, 0 failed\n"))
            let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
            let exchanges = decoded?["exchanges"] as? [[String: Any]] ?? []
            #expect(Set(exchanges.compactMap { $0["url"] as? String }) == ["\(base)/users/1", "\(base)/users/2", "\(base)/users/999"])
            #expect(Set(exchanges.compactMap { $0["flow"] as? String }) == [
                "demo/rows [\(rows.path):2]", "demo/rows [\(rows.path):3]", "demo/rows [\(rows.path):4]",
            ])
        }
    }

    @Test func aRaggedDataRowIsRefusedWithItsFileAndLine() async throws {
        let folder = try DemoCollectionCopy()
        let rows = folder.root.appendingPathComponent("rows.csv")
        try Data("id,name\n1,Ada\n2\n".utf8).write(to: rows)
        let result = try await SondeBinary.run(["run", "demo/flows", "--collections", folder.root.path, "--data", rows.path])
        #expect(result.status == 64)
        #expect(result.stderr == "sonde: \(rows.path):3: this row has 1 field, the header row 2 (id,name); quote a value that holds a comma\n")
    }

    @Test func theProgressLineIsDrawnOnATerminalOnly() async throws {
        let (_, piped) = try await mostConnections(["--repeat", "4", "--jobs", "2"])
        #expect(piped.status == 0)
        #expect(!piped.stderr.contains("req/s"))
        #expect(!piped.output.contains("\r"))
        let folder = try DemoCollectionCopy()
        let countFile = folder.root.appendingPathComponent("most.txt").path
        let server = try await offThePool { try PythonTestServer(script: Self.countingServer, arguments: [countFile]) }
        defer { server.stop() }
        try folder.write("load/get.yaml", "url: \"http://127.0.0.1:\(server.port)/item\"\n")
        let screen = try await SondeBinary.runInTerminal(
            "\(SondeBinary.url.path) run demo/load --collections \(folder.root.path) --repeat 4 --jobs 2")
        #expect(screen.contains("4/4 done, 0 failed,"))
        #expect(screen.contains("req/s"))
    }
}

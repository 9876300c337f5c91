import Foundation
import SondeCore
import SondeTestSupport
import Testing
@testable import SondeTUI

@Suite("Copy as curl from the palette")
struct CopyAsCurlTests {
    @Test("The palette's Copy as curl puts the draft on the clipboard as curl, secrets as ${NAME}, and the command runs")
    func copies() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let secret = "s3cr3t-from-env-\(UUID().uuidString.prefix(8))"
            try "DEMO_CLIENT_SECRET=\(secret)\n".write(to: workspace.collectionRoot.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Get a user")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.control("p"))),
                .init(waitFor: "Command palette", input: .paste("copy as curl")),
                .init(waitFor: "Copy the request as a curl command", input: k(.enter)),
                .init(waitFor: "Copied as curl", input: k(.control("q"))),
            ])
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(final.wantsQuit)
            let command = try #require(terminal.clipboard.first)
            #expect(command.hasPrefix("curl "), "\(command)")
            #expect(command.contains("/users/1"), "\(command)")
            #expect(!command.contains(secret))

            // The copied command runs and reaches the same server: waited for off the cooperative
            // pool, which the demo server needs to answer it.
            let code = try await offThePool {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command + " -s -m 20 -o /dev/null -w '%{http_code}'"]
                let pipe = Pipe()
                process.standardOutput = pipe
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return String(decoding: output, as: UTF8.self)
            }
            #expect(code == "200", "\(command) → \(code)")
        }
    }

    @Test("W saves the draft as a new curl script; a taken name is refused, never overwritten")
    func savesAScript() async throws {
        try await TestWorkspace.withDemoServer { workspace in
            let services = workspace.services()
            let state = AppState(collections: services.loadCollections(), environmentName: "local", size: (120, 40))
            let script = workspace.root.appendingPathComponent("get-user.sh")
            try "keep me\n".write(to: workspace.root.appendingPathComponent("taken.sh"), atomically: true, encoding: .utf8)
            let k = { (key: Key) in InputEvent.key(key) }
            let terminal = ScriptedTerminal(width: 120, height: 40, steps: [
                .init(waitFor: "Collections", input: k(.character("/"))),
                .init(waitFor: "", input: .paste("Get a user")),
                .init(waitFor: "GET ▾", input: k(.enter)),
                .init(waitFor: "", input: k(.character("W"))),
                .init(waitFor: "Save as a curl script", input: k(.control("u"))),
                .init(waitFor: "", input: .paste(workspace.root.appendingPathComponent("taken.sh").path)),
                .init(waitFor: "", input: k(.enter)),
                .init(waitFor: "already exists", input: k(.character("W"))),
                .init(waitFor: "Save as a curl script", input: k(.control("u"))),
                .init(waitFor: "", input: .paste(script.path)),
                .init(waitFor: "", input: k(.enter)),
                .init(waitFor: "Saved as curl", input: k(.control("q"))),
            ], timeout: 60)
            let final = await runOnThread(AppRunner(state: state, backend: terminal, services: services))
            #expect(terminal.failure == nil, "\(terminal.failure ?? "")")
            #expect(final.wantsQuit)
            #expect(try String(contentsOf: workspace.root.appendingPathComponent("taken.sh"), encoding: .utf8) == "keep me\n")
            let text = try String(contentsOf: script, encoding: .utf8)
            #expect(text.hasPrefix("#!/bin/sh\n"))
            #expect(text.contains("curl "))
            #expect(text.contains("/users/1"))
            let code = try await offThePool {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = [script.path]
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                try process.run()
                let output = pipe.fileHandleForReading.readDataToEndOfFile()
                process.waitUntilExit()
                return (process.terminationStatus, String(decoding: output, as: UTF8.self))
            }
            #expect(code.0 == 0)
            #expect(code.1.contains("Ada Lovelace"), "\(code.1)")
        }
    }
}

import Foundation
import SondeDemoServer
import Testing

/// What `sonde send` writes to a real terminal (a pseudo-terminal from `script`): hostile
/// bytes from a server are shown inert there, and binary is not dumped; through a pipe the
/// body arrives byte for byte.
@Suite struct TerminalOutputTests {
    @Test func escapeSequencesAreInertOnATerminalAndBinaryIsHeldBack() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("raw/hostile.yaml", """
                method: POST
                url: "{{baseUrl}}/raw"
                body: {type: text, content_type: text/plain, content: "title \\e]0;pwned\\a clear \\e[2J bell \\a end"}
                """)
            let binary = Data((0...255).map { UInt8($0) })
            try binary.write(to: folder.collection.appendingPathComponent("raw/blob.bin"))
            try folder.write("raw/binary.yaml", """
                method: POST
                url: "{{baseUrl}}/raw"
                body: {type: file, path: blob.bin, content_type: application/octet-stream}
                """)
            let send = "\(SondeBinary.url.path) send --env local --collections \(folder.root.path) --var baseUrl=\(base)"

            let hostile = try await SondeBinary.runInTerminal("\(send) demo/raw/hostile")
            #expect(hostile.contains("title \\x1b]0;pwned\\x07 clear \\x1b[2J bell \\x07 end"))
            #expect(!hostile.contains("\u{1B}"), "no escape byte reached the terminal")
            #expect(!hostile.contains("\u{07}"))

            let dumped = try await SondeBinary.runInTerminal("\(send) demo/raw/binary")
            #expect(dumped.contains("[256 B of binary data not shown; use -o FILE to save it]"))

            let piped = try await SondeBinary.run(
                ["send", "demo/raw/binary", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"])
            #expect(piped.status == 0)
            let raw = try await SondeBinary.run(
                ["send", "demo/raw/hostile", "--env", "local", "--collections", folder.root.path, "--var", "baseUrl=\(base)"])
            #expect(raw.stdout == "title \u{1B}]0;pwned\u{07} clear \u{1B}[2J bell \u{07} end", "a pipe gets the bytes as sent, nothing appended")
        }
    }
}

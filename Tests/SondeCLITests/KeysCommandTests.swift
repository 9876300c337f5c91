import Foundation
import Testing

/// `sonde keys --markdown`, the hidden command that regenerates the README's key table.
@Suite struct KeysCommandTests {
    @Test func markdownIsTheREADMETableAndTheCommandStaysHidden() async throws {
        let run = try await SondeBinary.run(["keys", "--markdown"])
        #expect(run.status == 0)
        let readme = try String(contentsOf: SondeBinary.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- keys:begin -->\n"))
        let end = try #require(readme.range(of: "<!-- keys:end -->", range: begin.upperBound..<readme.endIndex))
        #expect(run.stdout == String(readme[begin.upperBound..<end.lowerBound]))
        let plain = try await SondeBinary.run(["keys"])
        #expect(plain.stdout.hasPrefix("Everywhere but in dialogs\n  Ctrl-R                Send request\n"))
        let help = try await SondeBinary.run(["--help"])
        #expect(!help.stdout.contains("keys"))
    }
}

import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Issue #10 in the TUI: load warnings are in the problem list the loader returns, shown as
/// warnings; a URL without a scheme is said in the status bar when sent.
@Suite("Load warnings and send notes in the TUI")
struct LoadWarningTests {
    @Test("An unknown key is a warning in the problem list; an error in another file comes first")
    func unknownKeyWarning() throws {
        let workspace = try TestWorkspace()
        try Data("name: Typo\nurl: http://127.0.0.1/\nheader:\n  X-A: b\n".utf8)
            .write(to: workspace.collectionRoot.appendingPathComponent("typo.yaml"))
        var state = workspace.state()
        #expect(state.loadProblems.map(\.description) == ["typo.yaml:3:1: unknown key header in a request, ignored (did you mean headers?)"])
        #expect(state.loadProblems.allSatisfy { $0.severity == .warning })
        #expect(state.notice?.kind == .warning)
        #expect(state.notice?.text == "1 problem · ! to list · typo.yaml:3:1: unknown key header in a request, ignored (did you mean headers?)")
        // The request loaded as written, and opens.
        state.select("Typo")
        #expect(state.editor?.draft.url == "http://127.0.0.1/")

        try Data("".utf8).write(to: workspace.collectionRoot.appendingPathComponent("users/empty.yaml"))
        state = workspace.state()
        #expect(state.notice?.kind == .error)
        #expect(state.notice?.text == "2 problems · ! to list")
        #expect(state.loadProblems.first(where: { !$0.isWarning })?.description == "users/empty.yaml:1: empty request file: needs at least `url:`")
        // A warning alone does not stop a send; the broken file's request is refused.
        #expect(state.problems(blocking: try #require(state.treeRows.first { $0.name == "Typo" }?.request)).isEmpty)
    }

    @Test("Sending a URL without a scheme says once that http:// is used")
    func noSchemeNote() throws {
        let workspace = try TestWorkspace()
        try Data("name: Loose\nurl: 127.0.0.1:9/x\n".utf8).write(to: workspace.collectionRoot.appendingPathComponent("loose.yaml"))
        var state = workspace.state()
        state.select("Loose")
        #expect(state.press(.control("r")).contains { $0.isSend })
        #expect(state.notice?.kind == .info)
        #expect(state.notice?.text == "no scheme in URL, using http://")
    }
}

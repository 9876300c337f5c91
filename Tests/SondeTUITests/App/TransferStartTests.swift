import Foundation
import SondeCore
import Testing
@testable import SondeTUI

/// Every effect comes back from update; sending and fetching pages start a transfer one way.
@Suite("Starting transfers and opening requests")
struct TransferStartTests {
    @Test("Opening a request asks for its history, once per request")
    func openingLoadsHistoryOnce() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        func open(_ name: String) -> [AppEffect] {
            defer { state.press(.escape) }  // leaves the filter, clearing it
            state.press(.character("/"))
            return state.update(.input(.paste(name)), now: 0)
        }
        let list = RequestReference(collection: 0, requestID: "users/list")
        let get = RequestReference(collection: 0, requestID: "users/get")
        #expect(open("List users") == [.loadHistory(list)])
        #expect(state.editor?.reference == list)
        #expect(state.update(.tick, now: 1).isEmpty)
        #expect(open("Get a user") == [.loadHistory(get)])
        #expect(open("List users").isEmpty)  // asked already
        #expect(state.editor?.reference == list)
    }

    @Test("Sending and fetching pages make the same transfer, and both refuse while one runs")
    func oneStartPath() throws {
        let workspace = try TestWorkspace()
        var state = workspace.state()
        state.press(.character("/"))
        _ = state.update(.input(.paste("Items, by cursor")), now: 0)
        state.press(.enter)  // leaves the filter
        #expect(state.press(.control("r")).count == 1)
        let reference = try #require(state.editor?.reference)
        let expected = { (id: Int) in
            TransferOrder(id: id, reference: reference, request: state.editor!.draftRequest, context: state.sendContext(for: reference.collection))
        }
        #expect(state.transfer == TransferState(id: 1, reference: reference, startedAt: 0))
        #expect(state.nextTransferID == 2)

        // While it runs, Ctrl-R, L and A all refuse, saying why, and leave the transfer alone.
        let running = state.transfer
        #expect(state.press(.control("r"), now: 1).isEmpty)
        #expect(state.notice?.text == "A request is already running: Esc cancels it")
        state.focus = .response
        for key: Key in [.character("L"), .character("A")] {
            state.notice = nil
            #expect(state.press(key, now: 1).isEmpty)
            #expect(state.notice?.text == "A request is already running: Esc cancels it")
        }
        #expect(state.transfer == running)
        _ = state.update(.transferFinished(transfer: 1, outcome: .failed("refused")), now: 2)

        // L: the next id, the same order as a send would make, the paging progress recorded.
        #expect(state.press(.character("L"), now: 3) == [.fetchPages(expected(2), all: false)])
        #expect(state.transfer == TransferState(id: 2, reference: reference, startedAt: 3, pages: PaginationProgress(page: 1, items: 0, elapsed: 0)))
        #expect(state.press(.control("r"), now: 4).isEmpty)
        #expect(state.notice?.text == "A request is already running: Esc cancels it")
        #expect(state.transfer?.id == 2)
        _ = state.update(.transferFinished(transfer: 2, outcome: .cancelled), now: 5)

        // Ctrl-R: the next id, carrying the draft and the context it is prepared with.
        #expect(state.press(.control("r"), now: 6) == [.send(expected(3))])
        #expect(state.transfer == TransferState(id: 3, reference: reference, startedAt: 6))
        #expect(expected(3).context.environment?.name == "local")
    }
}

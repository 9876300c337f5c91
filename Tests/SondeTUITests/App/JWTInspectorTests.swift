import Foundation
import SondeCore
import Testing
@testable import SondeTUI

@Suite("JWT inspector")
struct JWTInspectorTests {
    static let access = makeJWTForTUI(claims: #"{"iss":"https://auth.example","sub":"user-42","scope":"read","exp":1800000300,"iat":1800000000}"#)
    static let idToken = makeJWTForTUI(claims: #"{"iss":"https://auth.example","sub":"user-42","email":"ada@example.com"}"#)

    func state(width: Int, height: Int) throws -> AppState {
        let body = #"{"access_token": "\#(Self.access)", "id_token": "\#(Self.idToken)", "token_type": "Bearer"}"#
        var state = try ResponseViewerTests().stateWithResponse(makeDocument(json: body), width: width, height: height)
        state.clockOrigin = 1_800_000_000 - state.now
        return state
    }

    @Test("J opens the token at the cursor or the first found: summary, header and claims as a tree, never the token", arguments: [(80, 24), (120, 40)])
    func opens(size: (Int, Int)) throws {
        var state = try state(width: size.0, height: size.1)
        state.press(.character("J"))
        guard case .jwt(let inspector) = state.overlay else { throw TestFailure("no inspector") }
        #expect(inspector.tokens.count == 2)
        let grid = state.screen
        #expect(grid.contains("JWT · decoded, not verified"))
        #expect(grid.contains("Token 1 of 2, from body"))
        #expect(grid.contains("not verified: sonde checks no signature"))
        #expect(grid.contains("Issuer"))
        #expect(grid.contains("https://auth.example"))
        #expect(grid.contains("(expires in 5 min)"))
        #expect(grid.contains("\"header\": {"))
        #expect(grid.contains("\"alg\": \"RS256\""))
        #expect(grid.contains("\"sub\": \"user-42\""))
        let signature = String(Self.access.split(separator: ".")[2].prefix(12))
        #expect(!grid.contains(signature), "the signature is described, never shown")
    }

    @Test("n shows the next token, Space folds, Esc closes; keys there never reach the response")
    func keys() throws {
        var state = try state(width: 120, height: 40)
        state.press(.character("J"), .character("n"))
        #expect(state.screen.contains("Token 2 of 2"))
        #expect(state.screen.contains("ada@example.com"))
        state.press(.character(" "))
        #expect(state.screen.contains("▸ {2 keys}"), "\(state.screen.lines.joined(separator: "\n"))")
        state.press(.character("N"), .character("j"), .character("j"), .escape)
        #expect(state.overlay == nil)
        #expect(state.focus == .response)
    }

    @Test("The token at the JSON cursor comes first")
    func cursorFirst() throws {
        var state = try state(width: 120, height: 40)
        state.press(.character("j"), .character("j"), .character("J"))
        guard case .jwt(let inspector) = state.overlay else { throw TestFailure("no inspector") }
        #expect(inspector.current.source == "body at the cursor")
        #expect(state.screen.contains("ada@example.com"))
    }

    @Test("A response without a JWT says so; a 20-column screen draws without crashing")
    func noneAndNarrow() throws {
        var state = try ResponseViewerTests().stateWithResponse(makeDocument(json: #"{"a": "eyJ.nope"}"#))
        state.press(.character("J"))
        #expect(state.overlay == nil)
        #expect(state.screen.contains("No JWT in this response"))
        var narrow = try self.state(width: 120, height: 40)
        narrow.press(.character("J"))
        narrow.update(.input(.resize(width: 20, height: 8)), now: 2)
        _ = narrow.screen
        narrow.update(.input(.resize(width: 60, height: 20)), now: 3)
        #expect(narrow.screen.contains("JWT"))
    }
}

func makeJWTForTUI(claims: String) -> String {
    func part(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
    return part(Data(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + part(Data(claims.utf8)) + "." + part(Data(repeating: 9, count: 256))
}

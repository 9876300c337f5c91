import Foundation
import Testing
@testable import SondeCore

/// Issue #10: errors and warnings point at the cause, with file:line:column.
@Suite struct LoadDiagnosticsTests {
    private func problems(_ files: [String: String]) throws -> [LoadProblem] {
        let folder = try TemporaryFolder()
        for (path, text) in files { try folder.write(path, text) }
        return CollectionLoader.load(from: folder.url).problems
    }

    @Test func editDistanceCountsEditsAndSwapsAndSuggestsOnlyNearWords() {
        #expect(EditDistance.between("header", "headers") == 1)
        #expect(EditDistance.between("optons", "options") == 1)
        #expect(EditDistance.between("optoins", "options") == 1)
        #expect(EditDistance.between("kitten", "sitting") == 3)
        #expect(EditDistance.between("", "abc") == 3)
        #expect(EditDistance.between("URL", "url") == 0)
        // Only the nearest: users/get is two edits away, users/list one.
        #expect(EditDistance.suggestions(for: "users/lst", among: ["posts/list", "users/list", "users/get"]) == ["users/list"])
        #expect(EditDistance.suggestions(for: "users/gt", among: ["users/get", "users/put", "users/list"]) == ["users/get"])
        #expect(EditDistance.suggestions(for: "nmae", among: ["name", "game", "id"]).first == "name")
        // A short word three edits away is another word, not a typo.
        #expect(EditDistance.nearest(to: "foo", among: ["url", "body"]) == nil)
        #expect(EditDistance.suggestions(for: "aaaa", among: ["aaab", "aaac", "aabb", "aaad", "aaae"]).count == 3)
    }

    @Test func unknownKeysAtEveryLevelAreWarningsWithTheNearestKnownKey() throws {
        let found = try problems([
            "req.yaml": """
                url: http://127.0.0.1/
                header:
                  Accept: text/plain
                optons:
                  timeout: 3
                params:
                  - {name: a, vaule: "1"}
                body:
                  type: text
                  contnet: hi
                auth:
                  type: bearer
                  tokne: x
                options:
                  timout: 3

                """,
            "environments/local.yaml": "variables: {a: b}\nvariabels: {c: d}\n",
            "collection.yaml": "name: c\nheaderz: {}\n",
            "sub/folder.yaml": "options: {}\nauht: none\n",
        ])
        let warnings = found.filter(\.isWarning).map(\.description).sorted()
        #expect(warnings == [
            "collection.yaml:2:1: unknown key headerz in collection.yaml, ignored (did you mean headers?)",
            "environments/local.yaml:2:1: unknown key variabels in an environment file, ignored (did you mean variables?)",
            "req.yaml:10:3: unknown key contnet in body, ignored (did you mean content?)",
            "req.yaml:13:3: unknown key tokne in auth, ignored (did you mean token?)",
            "req.yaml:15:3: unknown key timout in options, ignored (did you mean timeout?)",
            "req.yaml:2:1: unknown key header in a request, ignored (did you mean headers?)",
            "req.yaml:4:1: unknown key optons in a request, ignored (did you mean options?)",
            "req.yaml:7:15: unknown key vaule in params, ignored (did you mean value?)",
            "sub/folder.yaml:2:1: unknown key auht in folder.yaml, ignored (did you mean auth?)",
        ])
        // The one error is the token the typo left out.
        #expect(found.filter { !$0.isWarning }.map(\.message) == ["bearer auth needs `token`"])
    }

    @Test func aKeyFarFromEveryKnownOneIsWarnedWithoutASuggestion() throws {
        let found = try problems(["req.yaml": "url: http://127.0.0.1/\nowner_team: payments\n"])
        #expect(found.map(\.description) == ["req.yaml:2:1: unknown key owner_team in a request, ignored"])
        #expect(found.first?.severity == .warning)
        // `x-` keys and `scripts` are where an import keeps text sonde has no field for: no warning.
        #expect(try problems(["req.yaml": "url: http://127.0.0.1/\nx-team: payments\nscripts: |\n  check()\n"]).isEmpty)
    }

    @Test func anEmptyOrCommentOnlyRequestFileIsAProblemAtLineOne() throws {
        let found = try problems(["empty.yaml": "", "comment.yaml": "# just a note\n\n"])
        #expect(found.map(\.description).sorted() == [
            "comment.yaml:1: empty request file: needs at least `url:`",
            "empty.yaml:1: empty request file: needs at least `url:`",
        ])
        #expect(found.allSatisfy { !$0.isWarning })
    }

    @Test func aYAMLErrorInAnEnvironmentFileIsReportedWithItsPosition() throws {
        let folder = try TemporaryFolder()
        try folder.write("environments/local.yaml", "variables:\n  - name: a\n    value: [unclosed\n")
        let loaded = CollectionLoader.load(from: folder.url)
        #expect(loaded.collection.environments.isEmpty)
        let problem = try #require(loaded.problems.first)
        #expect(problem.file == "environments/local.yaml")
        #expect(problem.line != nil && problem.column != nil)
        #expect(problem.message.hasPrefix("invalid YAML"))
    }

    @Test func anUnclosedPlaceholderIsAnErrorAtItsBraces() throws {
        let found = try problems([
            "req.yaml": """
                url: http://127.0.0.1/?x={{oops
                headers:
                  X-Token: "{{token"
                params:
                  - name: q
                    value: "{{a}} and {{b"
                body:
                  type: text
                  content: |
                    line one
                    {{ never closed

                """,
            "environments/local.yaml": "variables:\n  base: \"http://{{host\"\n",
        ])
        #expect(found.map(\.description).sorted() == [
            "environments/local.yaml:2:17: unclosed {{ in variables: close it with }}",
            "req.yaml:1:26: unclosed {{ in url: close it with }}",
            "req.yaml:3:13: unclosed {{ in headers: close it with }}",
            "req.yaml:6:23: unclosed {{ in params: close it with }}",
            // A block scalar's text starts on the next line, at an indentation the parser does not keep: its `|`.
            "req.yaml:9:12: unclosed {{ in body: close it with }}",
        ])
        #expect(found.allSatisfy { !$0.isWarning })
    }

    @Test func bracesThatAreNotPlaceholdersButAreClosedStayLiteral() throws {
        #expect(Template.unclosedOpening(in: "{{\"a\": 1}}") == nil)
        #expect(Template.unclosedOpening(in: "{{a}} {{b") == 6)
        #expect(Template.unclosedOpening(in: "plain") == nil)
        let found = try problems(["req.yaml": "url: http://127.0.0.1/\nbody:\n  type: text\n  content: '{{\"a\": 1}}'\n"])
        #expect(found.isEmpty)
    }

    @Test func aMissingVariableOrSecretNamesTheFileLineAndColumnOfItsTemplate() throws {
        let folder = try TemporaryFolder()
        try folder.write("collection.yaml", "headers:\n  X-Trace: \"{{traceId}}\"\n")
        try folder.write("api/folder.yaml", "auth:\n  type: bearer\n  token: \"{{env:API_TOKEN}}\"\n")
        try folder.write("api/get.yaml", "url: http://127.0.0.1/{{ path }}\nparams:\n  - name: q\n    value: \"{{query}}\"\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let saved = try #require(collection.request(id: "api/get"))
        let context = SendContext(collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]))
        do {
            _ = try RequestPreparer.prepare(saved, in: context)
            Issue.record("expected an error")
        } catch {
            guard case .unresolved(let resolution) = error else { Issue.record("wrong error \(error)"); return }
            #expect(resolution.problems.map { $0.location?.description } == [
                "collection.yaml:2:13", "api/get.yaml:1:23", "api/get.yaml:4:13", "api/folder.yaml:3:11",
            ])
            #expect(resolution.problems.allSatisfy { $0.description.hasPrefix($0.location!.description + ": ") })
        }
    }

    @Test func aPortOutsideTheRangeOrNotANumberIsABadURL() {
        let secrets = SecretSet()
        #expect(throws: RequestError.invalidURL("http://127.0.0.1:99999/", reason: "port 99999 is not a number from 0 to 65535")) {
            try RequestPreparer.completeURL("http://127.0.0.1:99999/", query: [], secrets: secrets)
        }
        #expect(throws: RequestError.invalidURL("http://h:8o/", reason: "port 8o is not a number from 0 to 65535")) {
            try RequestPreparer.completeURL("http://h:8o/", query: [], secrets: secrets)
        }
        #expect(throws: RequestError.invalidURL("http://:80/", reason: "no host")) {
            try RequestPreparer.completeURL("http://:80/", query: [], secrets: secrets)
        }
        #expect((try? RequestPreparer.completeURL("http://u:p@h:65535/x", query: [], secrets: secrets)) == "http://u:p@h:65535/x")
        #expect((try? RequestPreparer.completeURL("http://[::1]:8080/", query: [], secrets: secrets)) == "http://[::1]:8080/")
        #expect((try? RequestPreparer.completeURL("http://[::1]/", query: [], secrets: secrets)) == "http://[::1]/")
        #expect((try? RequestPreparer.completeURL("http://h:0/", query: [], secrets: secrets)) == "http://h:0/")
    }

    @Test func thePreparationSaysWhatIsSentOtherwiseThanWritten() throws {
        let folder = try TemporaryFolder()
        try folder.write("req.yaml", "url: 127.0.0.1:1/{{a}}\nheaders:\n  X-Name: \"Zoë\"\n")
        let collection = CollectionLoader.load(from: folder.url).collection
        let context = SendContext(
            collection: collection, environment: nil, secretSource: SecretSource(processEnvironment: [:]), overrides: ["a": "{{b}}", "b": "x"])
        let prepared = try RequestPreparer.prepare(try #require(collection.request(id: "req")), in: context)
        #expect(prepared.schemeAssumed)
        #expect(prepared.request.url == "http://127.0.0.1:1/x")
        #expect(prepared.usedVariables == ["a", "b"])
        #expect(prepared.warnings == ["header X-Name has non-ASCII characters: sent as their UTF-8 bytes (4 bytes), which servers may read as Latin-1"])
    }
}

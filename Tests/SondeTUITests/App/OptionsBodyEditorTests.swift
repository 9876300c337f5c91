import Foundation
import PropertyBased
import SondeCore
import Testing
@testable import SondeTUI

/// Issue #14: the Options tab and the form, multipart and file body editors, the JSON body's
/// colours and format key, and the TLS-off badge; laid out on the in-memory grid at 80×24 and
/// 120×40, saved through the lossless writer to real temp files.
@Suite("Options and body editors")
struct OptionsBodyEditorTests {
    /// The content rows of the request pane below its tab row, inside the frame, trailing spaces removed.
    static func contentRows(_ state: AppState) throws -> [String] {
        let grid = state.screen
        let inner = try #require(state.layout.request).inset(dx: 1, dy: 1)
        return (inner.y + 2..<inner.maxY).map { y in
            var text = ""
            for x in inner.x..<inner.maxX where !grid[x, y].isWideTail { text.append(grid[x, y].character) }
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    /// An option row as laid out: the key padded to the label column, a space, the value.
    static func row(_ key: String, _ value: String, labelWidth: Int) -> String {
        key.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + " " + value
    }

    /// The request open on a tab with the keyboard in its content, as the keys get there.
    static func open(_ workspace: TestWorkspace, _ folder: String, _ name: String, tab: Character, width: Int = 120, height: Int = 40) -> AppState {
        var state = workspace.state(width: width, height: height)
        state.select(folder, name)
        state.focus = .request
        state.press(.down, .character(tab), .down)  // URL → tabs → the tab → its content
        return state
    }

    /// Saves as `AppRunner` does with the save effect and returns the file's new text.
    static func save(_ state: inout AppState) throws -> String {
        guard case .save(let reference, let request) = state.press(.control("s")).first(where: { if case .save = $0 { true } else { false } }) else {
            throw TestFailure("no save effect")
        }
        let saved = try RequestFileWriter.save(request)
        _ = state.update(.saved(reference, .success(saved)), now: 0)
        return try String(contentsOf: request.fileURL, encoding: .utf8)
    }

    // MARK: - Options

    @Test("Options tab at 120×40: own values white, inherited ones grey with their level, sonde's defaults named")
    func optionsTabWide() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "List users", tab: "5")
        #expect(state.keyContexts == [.requestOptions, .outsideText])
        let rows = try Self.contentRows(state)
        let expected = [
            ("timeout", "30 s  ← collection"), ("connect_timeout", "5 s  ← collection"), ("follow_redirects", "true  ← default"),
            ("max_redirects", "10  ← default"), ("retry.attempts", "1  ← default"), ("retry.backoff", "exponential  ← default"),
            ("retry.base", "0.5 s  ← default"), ("retry.max", "30 s  ← default"), ("retry.max_wait", "60 s  ← default"),
            ("retry.jitter", "true  ← default"), ("retry.non_idempotent", "false  ← default"), ("verify_tls", "true  ← default"),
        ].map { Self.row($0.0, $0.1, labelWidth: 22) }
        #expect(Array(rows.prefix(12)) == expected)
        let grid = state.screen
        let inherited = try #require(grid.find("30 s  ← collection"))
        #expect(grid[inherited.x, inherited.y].style.reverse)  // the selected row
        let defaulted = try #require(grid.find("5 s  ← collection"))
        #expect(grid[defaulted.x, defaulted.y].style == Theme.standard.muted)

        // Setting connect_timeout here: white, without a source.
        state.press(.down, .enter)
        state.type("2")
        state.press(.enter)
        #expect(state.editor?.draft.options.connectTimeout == 2)
        let after = try Self.contentRows(state)
        #expect(after[1] == Self.row("connect_timeout", "2 s", labelWidth: 22))
        #expect(state.screen.contains("Options 1"))
    }

    @Test("Options tab at 80×24: five rows and the hint line; the rows scroll with the selection")
    func optionsTabNarrow() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "List users", tab: "5", width: 80, height: 24)
        var rows = try Self.contentRows(state)
        #expect(Array(rows.prefix(5)) == [
            Self.row("timeout", "30 s  ← collection", labelWidth: 18), Self.row("connect_timeout", "5 s  ← collection", labelWidth: 18),
            Self.row("follow_redirects", "true  ← default", labelWidth: 18), Self.row("max_redirects", "10  ← default", labelWidth: 18),
            Self.row("retry.attempts", "1  ← default", labelWidth: 18),
        ])
        #expect(rows[5].hasPrefix("Grey: inherited"))
        state.press(.end)  // the last row: spill_threshold
        rows = try Self.contentRows(state)
        #expect(rows[4] == Self.row("spill_threshold", "64000000 (64.0 MB)  ← default", labelWidth: 18)
            || rows[4].hasPrefix(Self.row("spill_threshold", "64000000", labelWidth: 18)))
        #expect(!rows.contains { $0.hasPrefix("timeout ") })
    }

    @Test("A bad value is refused with the reason and never reaches the draft; emptying a value inherits again")
    func optionValidation() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "List users", tab: "5")
        state.press(.enter)
        #expect(state.keyContexts == [.requestFieldEditing])
        state.type("soon")
        state.press(.enter)
        #expect(state.editor?.draft.options.timeout == nil)
        #expect(state.editor?.isEditing == true)
        #expect(state.screen.contains("timeout must be a number of seconds (0 or more), such as 30 or 2.5"))
        state.press(.control("u"))
        state.type("12.5")
        state.press(.enter)
        #expect(state.editor?.draft.options.timeout == 12.5)
        #expect(state.editor?.isEditing == false)
        // Enums: a typed value outside the choices is refused too.
        state.editor?.options.selection = OptionField.httpVersion.rawValue
        state.press(.enter)
        state.type("3")
        state.press(.enter)
        #expect(state.screen.contains("http_version must be one of 1.0, 1.1, 2, 2-prior-knowledge"))
        state.press(.escape)
        #expect(state.editor?.draft.options.httpVersion == nil)
        state.press(.character(" "))  // cycles from the (unset) value to the first choice
        #expect(state.editor?.draft.options.httpVersion == .http1_0)
        // Emptying the timeout inherits the collection's again.
        state.editor?.options.selection = 0
        state.press(.enter, .control("u"), .enter)
        #expect(state.editor?.draft.options.timeout == nil)
        state.editor?.options.selection = OptionField.httpVersion.rawValue
        state.press(.character("d"))
        #expect(state.editor?.draft.options.isEmpty == true)
        #expect(state.editor?.isDirty == false)
    }

    @Test("A path option is looked for from the collection's folder; a missing file is shown on its row")
    func optionPathChecked() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "List users", tab: "5")
        state.editor?.options.selection = OptionField.caCert.rawValue
        state.press(.enter)
        state.type("certs/ca.pem")
        var effects = state.press(.enter)
        guard case .checkPaths(let reference, let paths) = effects.first(where: { if case .checkPaths = $0 { true } else { false } }) else {
            Issue.record("no path check: \(effects)")
            return
        }
        #expect(paths == [PathToCheck("certs/ca.pem", base: workspace.collectionRoot)])
        // What the runner does with the effect.
        var problems: [PathToCheck: String] = [:]
        for path in paths { problems[path] = path.problem() }
        _ = state.update(.pathsChecked(reference, problems), now: 0)
        #expect(state.screen.contains("certs/ca.pem  ⚠ certs/ca.pem: no such file"))
        // The file made, the same path is fine.
        try FileManager.default.createDirectory(at: workspace.collectionRoot.appendingPathComponent("certs"), withIntermediateDirectories: true)
        try Data("pem".utf8).write(to: workspace.collectionRoot.appendingPathComponent("certs/ca.pem"))
        problems = [:]
        for path in paths { problems[path] = path.problem() }
        _ = state.update(.pathsChecked(reference, problems), now: 0)
        #expect(!state.screen.contains("no such file"))
        effects = state.press(.character("d"))
        #expect(!effects.contains { if case .checkPaths = $0 { true } else { false } })
    }

    @Test("Saving an edited option changes only that line; clearing one removes only its line; comments stay")
    func optionSaveRoundTrip() throws {
        let workspace = try TestWorkspace()
        let file = workspace.collectionRoot.appendingPathComponent("users/tuned.yaml")
        let original = """
            # Tuned for the slow path
            name: Tuned
            method: GET
            url: "{{baseUrl}}/slow"
            options:
              # ten seconds is plenty here
              timeout: 10
              follow_redirects: false  # the API never redirects
              max_redirects: 3

            """
        try Data(original.utf8).write(to: file)
        var state = Self.open(workspace, "Users", "Tuned", tab: "5")
        state.press(.enter, .control("u"))
        state.type("20")
        state.press(.enter)
        let first = try Self.save(&state)
        #expect(first == original.replacingOccurrences(of: "timeout: 10", with: "timeout: 20"))
        state.press(.down, .down, .character("d"))  // follow_redirects: inherit
        let second = try Self.save(&state)
        #expect(second == first.replacingOccurrences(of: "  follow_redirects: false  # the API never redirects\n", with: ""))
        // Switching verification off adds one line, at the end of options:.
        state.editor?.options.selection = OptionField.verifyTLS.rawValue
        state.press(.character(" "))
        let third = try Self.save(&state)
        #expect(third.hasPrefix(second.trimmingCharacters(in: .newlines)))
        #expect(third.hasSuffix("  verify_tls: false\n"))
        #expect(CollectionLoader.load(from: workspace.collectionRoot).collection.request(id: "users/tuned")?.definition.options.verifyTLS == false)
    }

    @Test("TLS verification off: a badge on the request's row and in the editor's title, a warning in the status line")
    func tlsOffBadge() throws {
        let workspace = try TestWorkspace()
        for (width, height) in [(120, 40), (80, 24)] {
            var state = Self.open(workspace, "Users", "List users", tab: "5", width: width, height: height)
            #expect(!state.screen.contains(AppState.tlsOffBadge))
            state.editor?.options.selection = OptionField.verifyTLS.rawValue
            state.press(.character(" "))  // true (the default) → false
            #expect(state.editor?.draft.options.verifyTLS == false)
            var grid = state.screen
            let title = try #require(grid.find("List users ● ⚠ TLS not verified"), "\(width)×\(height):\n\(grid.lines.joined(separator: "\n"))")
            #expect(grid.line(height - 1).contains(AppState.tlsOffWarning.prefix(30)))
            // The collections pane's row, below the title.
            let y = try #require((title.y + 1..<height).first { grid.line($0).contains("List use") && grid.line($0).contains("● ⚠") }, "\(grid.lines.joined(separator: "\n"))")
            let line = grid.line(y)
            let x = line.distance(from: line.startIndex, to: try #require(line.firstIndex(of: "⚠")))
            #expect(x < title.x)
            #expect(grid[x, y].style.foreground == Theme.standard.warning.foreground)
            state.press(.character(" "))  // → true: set here, verification on
            grid = state.screen
            #expect(!grid.contains("⚠ TLS not verified"))
            #expect(!grid.line(height - 1).contains("TLS verification is off"))
        }
        // Inherited from the environment: every request of the collection gets the badge.
        let local = workspace.collectionRoot.appendingPathComponent("environments/local.yaml")
        try (try String(contentsOf: local, encoding: .utf8) + "options:\n  verify_tls: false\n").write(to: local, atomically: true, encoding: .utf8)
        var state = Self.open(workspace, "Users", "List users", tab: "5")
        #expect(state.tlsVerificationOff(try #require(state.editor?.reference)))
        state.editor?.options.selection = OptionField.verifyTLS.rawValue
        let rows = try Self.contentRows(state)
        #expect(rows.contains(Self.row("verify_tls", "false  ← environment local", labelWidth: 22)))
        #expect(state.screen.contains("Get a user ⚠"))
    }

    @Test("A paste goes into the option, form cell or file path being typed, and nowhere while browsing")
    func pasteIntoFields() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "List users", tab: "5")
        _ = state.update(.input(.paste("15")), now: 0)
        #expect(state.editor?.isDirty == false)
        state.press(.enter)
        _ = state.update(.input(.paste("15")), now: 0)
        state.press(.enter)
        #expect(state.editor?.draft.options.timeout == 15)

        state = Self.open(workspace, "examples", "Form body", tab: "3")
        state.press(.character("e"), .tab, .control("u"))
        _ = state.update(.input(.paste("Grace Hopper")), now: 0)
        state.press(.enter)
        #expect(state.editor?.draft.body == .form([KeyValue("name", "Grace Hopper"), KeyValue("note", "café & crème")]))
    }

    // MARK: - Bodies

    @Test("Form body at 120×40 and 80×24: a table to add, edit, switch off and delete fields")
    func formTable() throws {
        let workspace = try TestWorkspace()
        for (width, height, nameWidth) in [(120, 40, 28), (80, 24, 17)] {
            var state = Self.open(workspace, "examples", "Form body", tab: "3", width: width, height: height)
            #expect(state.keyContexts == [.requestBodyKind, .requestTable, .outsideText])
            var rows = try Self.contentRows(state)
            #expect(rows[0].hasPrefix("Form, URL-encoded · t changes the kind"))
            #expect(rows[1] == "    Name" + String(repeating: " ", count: nameWidth - 4) + " Value")
            #expect(rows[2] == "[x] " + "name".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " Ada Lovelace")
            #expect(rows[3] == "[x] " + "note".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " café & crème")
            #expect(rows[4] == "+ add")
            state.press(.end, .character("a"))  // after the last field
            state.type("lang")
            state.press(.tab)
            state.type("en")
            state.press(.enter)
            state.press(.up, .up, .character("x"))  // switch "name" off
            #expect(state.editor?.draft.body == .form([
                KeyValue("name", "Ada Lovelace", enabled: false), KeyValue("note", "café & crème"), KeyValue("lang", "en"),
            ]))
            rows = try Self.contentRows(state)
            #expect(rows[2].hasPrefix("[ ] name"))
            #expect(rows[4] == "[x] " + "lang".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + " en")
            state.press(.down, .character("d"))
            #expect(state.editor?.draft.body == .form([KeyValue("name", "Ada Lovelace", enabled: false), KeyValue("lang", "en")]))
        }
    }

    @Test("Multipart: text and @file parts with ;type=, a missing file shown as a problem, saved as parts")
    func multipartTable() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "examples", "Multipart upload", tab: "3")
        var rows = try Self.contentRows(state)
        #expect(rows[2] == "[x] " + "title".padding(toLength: 28, withPad: " ", startingAt: 0) + " A small file")
        #expect(rows[3] == "[x] " + "file".padding(toLength: 28, withPad: " ", startingAt: 0) + " @upload.txt;type=text/plain")
        state.press(.end, .character("a"))  // after the last part
        state.type("doc")
        state.press(.tab)
        state.type("@missing.pdf;type=application/pdf")
        let effects = state.press(.enter)
        guard case .checkPaths(let reference, let paths) = effects.first(where: { if case .checkPaths = $0 { true } else { false } }) else {
            Issue.record("no path check: \(effects)")
            return
        }
        let folder = workspace.collectionRoot.appendingPathComponent("examples")
        #expect(Set(paths) == [PathToCheck("upload.txt", base: folder), PathToCheck("missing.pdf", base: folder)])
        var problems: [PathToCheck: String] = [:]
        for path in paths { problems[path] = path.problem() }
        _ = state.update(.pathsChecked(reference, problems), now: 0)
        state.press(.up)
        rows = try Self.contentRows(state)
        #expect(rows[0] == "⚠ missing.pdf: no such file")
        let grid = state.screen
        let missing = try #require(grid.find("@missing.pdf"))
        #expect(grid[missing.x, missing.y].style == Theme.standard.error)
        let present = try #require(grid.find("@upload.txt"))
        #expect(grid[present.x, present.y].style != Theme.standard.error)

        let file = workspace.collectionRoot.appendingPathComponent("examples/multipart.yaml")
        let before = try String(contentsOf: file, encoding: .utf8)
        let after = try Self.save(&state)
        #expect(after == before + "    - name: doc\n      file: missing.pdf\n      content_type: application/pdf\n")
    }

    @Test("Multipart rows read back as the parts they were, @ in a text value included")
    func multipartRowText() {
        let fields = [
            MultipartField(name: "a", value: "plain"),
            MultipartField(name: "b", value: "@not-a-file"),
            MultipartField(name: "c", value: "up.bin", isFile: true, filename: "report.bin", contentType: "text/plain; charset=utf-8"),
            MultipartField(name: "d", value: "\\x", enabled: false),
            MultipartField(name: "e", value: "a;type=text/html"),
            MultipartField(name: "f", value: "x;filename=y.txt;type=z", contentType: "text/plain"),
            MultipartField(name: "g", value: "ends in \\", contentType: "text/plain"),
            MultipartField(name: "h", value: "\\;type=", isFile: true, filename: "f"),
        ]
        for field in fields { #expect(MultipartRowText.field(MultipartRowText.row(field)) == field) }
        #expect(MultipartRowText.row(fields[1]).value == "\\@not-a-file")
        #expect(MultipartRowText.row(fields[4]).value == "a\\;type=text/html")
        // A value typed with a `;` that starts no suffix, or a `\` that escapes nothing, is as typed.
        #expect(MultipartRowText.field(KeyValue("i", "a;b\\c")).value == "a;b\\c")
    }

    @Test("Property: every multipart part reads back from its row as it was")
    func multipartRowTextRoundTrips() async {
        let pieces = ["a", ";", "\\", "@", "type=", "filename=", " ", "é"]
        let text = Gen<String?>.element(of: pieces).map { $0 ?? "" }.array(of: 0...8).map { $0.joined() }
        let plain = Gen<String?>.element(of: ["text/plain", "a.bin", "x y", "é"]).map { $0 }
        let flags = Gen<Bool>.bool
        await propertyCheck(count: 500, input: text, plain, plain, flags) { value, type, filename, isFile in
            let field = MultipartField(name: "p", value: value, isFile: isFile, filename: filename, contentType: type)
            #expect(MultipartRowText.field(MultipartRowText.row(field)) == field, "\(MultipartRowText.row(field).value)")
        }
    }

    @Test("Switching the body kind keeps what each kind holds until saved; a file body's path is typed and checked")
    func switchKindsAndFileBody() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "Create a user", tab: "3")
        let json = try #require(state.editor?.draft.body)
        state.press(.character("t"), .character("t"))  // json → text → form
        #expect(state.editor?.bodyKind == .form)
        state.press(.character("a"))
        state.type("k")
        state.press(.tab)
        state.type("v")
        state.press(.enter)
        #expect(state.editor?.draft.body == .form([KeyValue("k", "v")]))
        state.press(.character("T"), .character("T"))  // back to JSON: as it was
        #expect(state.editor?.draft.body == json)
        #expect(state.editor?.isDirty == false)
        state.press(.character("t"), .character("t"))
        #expect(state.editor?.draft.body == .form([KeyValue("k", "v")]))
        state.press(.character("t"), .character("t"))  // multipart → file
        #expect(state.editor?.bodyKind == .file)
        #expect(try Self.contentRows(state)[3] == "No path yet: Enter to type one")
        state.press(.enter)
        #expect(state.keyContexts == [.requestFieldEditing])
        state.type("../examples/upload.txt")
        let effects = state.press(.enter)
        #expect(state.editor?.draft.body == .file(path: "../examples/upload.txt", contentType: nil))
        guard case .checkPaths(let reference, let paths) = effects.first(where: { if case .checkPaths = $0 { true } else { false } }) else {
            Issue.record("no path check")
            return
        }
        #expect(paths.allSatisfy { $0.problem() == nil })
        _ = state.update(.pathsChecked(reference, [:]), now: 0)
        let rows = try Self.contentRows(state)
        #expect(rows[0].hasPrefix("File body · path from the request file's folder"))
        #expect(rows[1] == "path  ../examples/upload.txt")
        #expect(rows[2] == "type  application/octet-stream (default)")
        let saved = try Self.save(&state)
        let reloaded = CollectionLoader.load(from: workspace.collectionRoot).collection.request(id: "users/create")
        #expect(reloaded?.definition.body == .file(path: "../examples/upload.txt", contentType: nil))
        #expect(saved.hasPrefix("name: Create a user\nmethod: POST\nurl: \"{{baseUrl}}/users\"\nbody:\n"))
    }

    // MARK: - JSON

    @Test("JSON body colours at 120×40 and 80×24: keys, strings, numbers, literals, punctuation, placeholders")
    func jsonColours() throws {
        let workspace = try TestWorkspace()
        for (width, height) in [(120, 40), (80, 24)] {
            var state = Self.open(workspace, "Users", "Create a user", tab: "3", width: width, height: height)
            state.editor?.body.text = "{\n  \"name\": \"Ada\",\n  \"age\": 36, \"admin\": true,\n  \"id\": {{userId}}\n}"
            state.editor?.syncDraft()
            let rows = try Self.contentRows(state)
            #expect(Array(rows.prefix(5)) == [" 1 {", " 2   \"name\": \"Ada\",", " 3   \"age\": 36, \"admin\": true,", " 4   \"id\": {{userId}}", " 5 }"])
            let grid = state.screen
            let theme = Theme.standard
            func style(of text: String) throws -> TextStyle {
                let at = try #require(grid.find(text), "\(text) not on screen")
                return grid[at.x, at.y].style
            }
            #expect(try style(of: "\"name\"") == theme.jsonKey)
            #expect(try style(of: "\"Ada\"") == theme.jsonString)
            #expect(try style(of: "36") == theme.jsonNumber)
            #expect(try style(of: "true") == theme.jsonLiteral)
            #expect(try style(of: "{{userId}}") == theme.placeholder)
            let comma = try #require(grid.find("\"Ada\","))
            #expect(grid[comma.x + 5, comma.y].style == theme.jsonPunctuation)
            // A text body is not coloured.
            state.editor?.bodyKind = .text
            let plain = state.screen
            let name = try #require(plain.find("\"name\""))
            #expect(plain[name.x, name.y].style == theme.text)
        }
    }

    @Test("Colouring asks only for the lines on screen, and only for what of a long line can show")
    func colouringIsBoundedByTheView() {
        let line = "  {\"id\": 1, \"name\": \"x\"},"
        let area = TextArea("[\n" + Array(repeating: line, count: 40_000).joined(separator: "\n") + "\n]")  // ~1 MB
        var grid = ScreenGrid(width: 80, height: 12)
        var asked = 0
        area.render(into: &grid, in: Rect(x: 0, y: 0, width: 80, height: 12), style: .plain, gutterStyle: .plain, focused: false) { text in
            asked += 1
            return JSONLineColouring.runs(in: text, theme: .standard)
        }
        #expect(asked == 12)
        let minified = TextArea("[" + Array(repeating: "{\"id\": 1}", count: 110_000).joined(separator: ",") + "]")
        var longest = 0
        minified.render(into: &grid, in: Rect(x: 0, y: 0, width: 80, height: 12), style: .plain, gutterStyle: .plain, focused: false) { text in
            longest = max(longest, text.count)
            return JSONLineColouring.runs(in: text, theme: .standard)
        }
        #expect(longest < 200)
    }

    @Test("The format key pretty-prints valid JSON, keeps {{…}} placeholders, and leaves invalid JSON with line:column")
    func formatKey() throws {
        let workspace = try TestWorkspace()
        var state = Self.open(workspace, "Users", "Create a user", tab: "3")
        state.editor?.body.text = #"{"id": {{userId}}, "name": "{{name}}", "tags": ["a", {{tag}}]}"#
        state.editor?.syncDraft()
        state.press(.character("f"))
        #expect(state.editor?.body.text == """
            {
              "id": {{userId}},
              "name": "{{name}}",
              "tags": [
                "a",
                {{tag}}
              ]
            }
            """)
        #expect(state.editor?.draft.body == .json(try #require(state.editor?.body.text)))
        #expect(state.notice?.kind == .success)

        let broken = "{\n  \"a\": 1,\n  \"b\": tru\n}"
        state.editor?.body.text = broken
        state.editor?.syncDraft()
        state.press(.enter, .control("f"))  // also while editing
        #expect(state.editor?.body.text == broken)
        #expect(state.notice?.kind == .error)
        #expect(state.notice?.text.hasPrefix("Not formatted: invalid JSON at 3:8") == true, "\(state.notice?.text ?? "")")
        #expect(state.screen.contains("Not formatted: invalid JSON at 3:8"))
    }

    // MARK: - No accidents

    /// Keys that move around without editing: no Enter, `e`, `i`, `a`, `o`, `d`, `x`, Space,
    /// `t`, `T`, `f`, `J`, `K`, Delete or Ctrl-F, which change a request on purpose.
    private static let viewKeys: [Key] = Array("jkhlgG[]12345?q!wpzc").map(Key.character)
        + [.escape, .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .backspace]

    @Test("Property: keys in view mode on the Options and Body tabs never change the request")
    func viewModeKeysChangeNothing() async throws {
        let workspace = try TestWorkspace()
        let loaded = workspace.load()
        let requests = [("Users", "List users", "5"), ("examples", "Form body", "3"), ("examples", "Multipart upload", "3"), ("Users", "Create a user", "3")]
        let sequences = Gen<Key?>.element(of: Self.viewKeys).map { $0 ?? .escape }.array(of: 1...30)
        let starts = Gen<Int?>.element(of: Array(requests.indices)).map { $0 ?? 0 }
        await propertyCheck(count: 200, input: sequences, starts) { keys, start in
            let (folder, name, tab) = requests[start]
            var state = AppState(collections: loaded, environmentName: "local", size: (100, 30))
            state.select(folder, name)
            state.focus = .request
            state.press(.down, .character(Character(tab)), .down)
            let before = state.editor?.draft
            var effects: [AppEffect] = []
            for key in keys { effects += state.update(.input(.key(key)), now: 0) }
            #expect(state.dirtyReferences.isEmpty, "keys \(keys)")
            if let before, state.editor?.draft.name == before.name { #expect(state.editor?.draft == before, "keys \(keys)") }
            #expect(!effects.contains { if case .save = $0 { true } else { false } }, "keys \(keys)")
        }
    }
}

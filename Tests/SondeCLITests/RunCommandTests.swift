import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SondeTestSupport
import Testing

/// `sonde run`: the real binary running flows against the demo server.
@Suite struct RunCommandTests {
    private func run(_ arguments: [String], _ base: String, collections: URL) async throws -> RunResult {
        try await SondeBinary.run(
            ["run"] + arguments + ["--env", "local", "--collections", collections.path, "--var", "baseUrl=\(base)"],
            environment: ["DEMO_CLIENT_SECRET": "demo-client-secret"])
    }

    @Test func aPassingFlowExitsZeroWithReportsThatParseAndNoSecret() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let junit = folder.root.appendingPathComponent("r.xml"), json = folder.root.appendingPathComponent("r.json")
            let tap = folder.root.appendingPathComponent("r.tap")
            let result = try await run(
                ["demo/flows", "--report", "junit=\(junit.path)", "--report", "json=\(json.path)", "--report", "tap=\(tap.path)"],
                base, collections: folder.root)
            #expect(result.status == 0)
            #expect(result.stdout.split(separator: "\n").last == "3 passed, 0 failed")
            // The report files parse.
            let parser = XMLParser(data: try Data(contentsOf: junit))
            #expect(parser.parse())
            let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
            #expect((decoded?["exchanges"] as? [Any])?.count == 3)
            let tapLines = try String(contentsOf: tap, encoding: .utf8).split(separator: "\n")
            #expect(tapLines.contains("1..3"))
            #expect(tapLines.filter { $0.hasPrefix("ok ") }.count == 3)
            // The captured token (a secret) is in none of them: the JSON lists the masked URL and
            // checks; a token is 64 hex digits.
            let everything = result.output + (try String(contentsOf: json, encoding: .utf8))
                + (try String(contentsOf: junit, encoding: .utf8)) + (try String(contentsOf: tap, encoding: .utf8))
            #expect(everything.range(of: "[0-9a-f]{64}", options: .regularExpression) == nil)
        }
    }

    /// `--all-pages` pages as `send --all-pages` does: every page checked (a failure names its
    /// page), captures from the first page, a page that fails failing the request. Without it
    /// only the first page is fetched.
    @Test func allPagesChecksEveryPageAndCapturesFromTheFirst() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("paged/a.yaml", """
                url: "{{baseUrl}}/paged/pages"
                params: [{name: count, value: "25"}]
                paginate: {style: page, items: "$.data[*]", page_param: page, size_param: per_page, size: 10, total: $.meta.total}
                captures:
                  total: {json: $.meta.total}
                expect:
                  json:
                    - {path: $.data, count: 10}
                """)
            try folder.write("paged/b.yaml", "url: \"{{baseUrl}}/users/1?total={{total}}\"\nexpect:\n  status: 200\n")
            let firstOnly = try await run(["demo/paged"], base, collections: folder.root)
            #expect(firstOnly.status == 0, "\(firstOnly.output)")
            #expect(firstOnly.stdout.split(separator: "\n").last == "2 passed, 0 failed")
            let all = try await run(["demo/paged", "--all-pages"], base, collections: folder.root)
            #expect(all.status == 2, "\(all.output)")
            #expect(all.stdout.contains("page 3: $.data count 10: got 5"), "\(all.stdout)")
            #expect(!all.stdout.contains("page 1:"))
            #expect(!all.stdout.contains("page 2:"))
            #expect(all.stdout.split(separator: "\n").last == "1 passed, 1 failed")

            // A page that answers 503 fails the request, saying which page.
            try folder.write("flaky/a.yaml", """
                url: "{{baseUrl}}/paged/pages"
                params:
                  - {name: fail_page, value: "2"}
                  - {name: id, value: "\(UUID().uuidString)"}
                paginate: {style: page, items: "$.data[*]", max_pages: 3}
                """)
            let flaky = try await run(["demo/flaky", "--all-pages"], base, collections: folder.root)
            #expect(flaky.status == 2, "\(flaky.output)")
            #expect(flaky.stdout.contains("page 2: HTTP 503"), "\(flaky.stdout)")
        }
    }

    /// A page that is not JSON fails the request and names its page, as `send --all-pages` says it.
    @Test func allPagesFailsARequestWhosePageIsNotJSON() async throws {
        let items = (1...10).map { "{\"id\":\($0)}" }.joined(separator: ",")
        let first = "{\"data\":[\(items)],\"meta\":{\"total\":25}}"
        let html = "<html>busy</html>\n"
        let server = try CannedResponseServer(responses: [
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: \(first.utf8.count)\r\nConnection: close\r\n\r\n\(first)",
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: \(html.utf8.count)\r\nConnection: close\r\n\r\n\(html)",
        ])
        defer { server.stop() }
        let folder = try DemoCollectionCopy()
        try folder.write("html/a.yaml", """
            url: "http://127.0.0.1:\(server.port)/items"
            paginate: {style: page, items: "$.data[*]", page_param: page, size_param: per_page, size: 10, total: $.meta.total}
            expect:
              status: 200
            """)
        let result = try await run(["demo/html", "--all-pages"], "http://127.0.0.1:1", collections: folder.root)
        #expect(result.status == 2, "\(result.output)")
        #expect(result.stdout.contains("page 2: the body is not JSON"), "\(result.stdout)")
        #expect(result.stdout.split(separator: "\n").last == "0 passed, 1 failed")
        #expect(server.receivedHeads.count == 2)
    }

    @Test func aFailedExpectationExitsTwoWithAJUnitFailureAndSkipsWhatNeededItsCapture() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("broken/a.yaml", """
                url: "{{baseUrl}}/users"
                captures:
                  missing: {json: $.nothing}
                expect:
                  status: 201
                """)
            try folder.write("broken/b.yaml", "url: \"{{baseUrl}}/users/{{missing}}\"\n")
            // Its own problem, not a missed capture: a failure, not skipped.
            try folder.write("broken/c.yaml", "url: \"{{baseUrl}}/users\"\nheaders:\n  X-Key: \"{{env:SONDE_RUN_UNSET_KEY}}\"\n")
            let junit = folder.root.appendingPathComponent("r.xml")
            let result = try await run(["demo/broken", "--report", "junit=\(junit.path)"], base, collections: folder.root)
            #expect(result.status == 2)
            #expect(result.stdout.split(separator: "\n").last == "0 passed, 2 failed, 1 skipped")
            #expect(result.stdout.contains("    status: expected 201, got 200"))
            #expect(result.stdout.contains("- GET broken/b skipped"))
            #expect(!result.stdout.contains("- GET broken/c skipped"))
            #expect(result.stdout.contains("SONDE_RUN_UNSET_KEY"))
            let report = try String(contentsOf: junit, encoding: .utf8)
            #expect(report.contains("<failure message="))
            #expect(report.contains("status: expected 201, got 200"))
            #expect(report.contains("<skipped message="))
            #expect(XMLParser(data: Data(report.utf8)).parse())
        }
    }

    @Test func jobsAndRepeatRunEveryFlowThatManyTimes() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let result = try await run(["demo/flows", "--jobs", "4", "--repeat", "5"], base, collections: folder.root)
            #expect(result.status == 0)
            let lines = result.stdout.split(separator: "\n").map(String.init)
            #expect(lines.last == "15 passed, 0 failed")
            let login = lines.first { $0.hasPrefix("flows/login ") }?.split(separator: " ")
            #expect(login?[1] == "5")
            #expect(login?[2] == "0")
        }
    }

    /// Repeats reuse a request's preparation (`PreparationCache`), but never a capture: each
    /// repeat creates a user and deletes the one it created, which a stale id (the first
    /// repeat's, deleted already) would answer with 404; `{{$uuid}}` is new in every repeat.
    @Test func eachRepeatSeesItsOwnCapturesAndDynamicValues() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("fresh/a.yaml", """
                method: POST
                url: "{{baseUrl}}/users"
                body:
                  type: json
                  content: '{"name": "Repeat", "email": "repeat@example.com"}'
                captures:
                  createdId: {json: $.id}
                expect:
                  status: 201
                """)
            try folder.write("fresh/b.yaml", """
                method: DELETE
                url: "{{baseUrl}}/users/{{createdId}}"
                expect:
                  status: 204
                """)
            try folder.write("fresh/c.yaml", """
                url: "{{baseUrl}}/echo/{{$uuid}}"
                expect:
                  status: 200
                """)
            let json = folder.root.appendingPathComponent("r.json")
            let result = try await run(
                ["demo/fresh", "--repeat", "3", "--report", "json=\(json.path)"], base, collections: folder.root)
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout.split(separator: "\n").last == "9 passed, 0 failed")
            let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
            let urls = (decoded?["exchanges"] as? [[String: Any]])?.compactMap { $0["url"] as? String } ?? []
            let deleted = urls.filter { $0.contains("/users/") }
            let echoed = urls.filter { $0.contains("/echo/") }
            #expect(deleted.count == 3 && Set(deleted).count == 3, "\(urls)")
            #expect(echoed.count == 3 && Set(echoed).count == 3, "\(urls)")
        }
    }

    /// What a server or a file puts in a failed check reaches the JUnit report as XML 1.0 can
    /// hold it: U+FFFE, U+FFFF and control characters are not characters of XML even escaped,
    /// and one of them made CI's parser reject the whole report.
    @Test func aJUnitReportStaysWellFormedWhateverTheChecksSay() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("odd/a.yaml", #"""
                url: "{{baseUrl}}/users"
                expect:
                  json:
                    - {path: "$[0].name", equals: "x\uFFFEy\uFFFF\u0001z"}
                """#)
            let junit = folder.root.appendingPathComponent("r.xml")
            let result = try await run(["demo/odd", "--report", "junit=\(junit.path)"], base, collections: folder.root)
            #expect(result.status == 2, "\(result.output)")
            let report = try Data(contentsOf: junit)
            #expect(XMLParser(data: report).parse(), "\(String(decoding: report, as: UTF8.self))")
            #expect(String(decoding: report, as: UTF8.self).contains(#"x?y?\u0001z"#), "controls are shown as escapes, as on a terminal")
        }
    }

    /// Ctrl-C stops the transfers in flight and starts no more flows; what ran is summed up
    /// and reported (the reports parse), and the exit code is 130, as `send` has.
    @Test func ctrlCEndsTheRunWithItsSummaryAndReports() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("slow/a.yaml", "url: \"{{baseUrl}}/slow?ms=20000\"\n")
            let json = folder.root.appendingPathComponent("r.json"), junit = folder.root.appendingPathComponent("r.xml")
            let process = Process()
            process.executableURL = SondeBinary.url
            process.arguments = [
                "run", "demo/slow", "--repeat", "10", "--jobs", "2", "--env", "local", "--collections", folder.root.path,
                "--var", "baseUrl=\(base)", "--report", "json=\(json.path)", "--report", "junit=\(junit.path)",
            ]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            let start = ContinuousClock.now
            try process.run()
            // Long enough for the SIGINT handler to be installed even on two busy cores.
            try await Task.sleep(for: .milliseconds(2000))
            kill(process.processIdentifier, SIGINT)
            let (status, stdout): (Int32, String) = await withCheckedContinuation { continuation in
                Thread {
                    let data = output.fileHandleForReading.readDataToEndOfFile()
                    process.waitUntilExit()
                    continuation.resume(returning: (process.terminationStatus, String(decoding: data, as: UTF8.self)))
                }.start()
            }
            #expect(status == 130)
            #expect(ContinuousClock.now - start < .seconds(15), "it stopped well before the 20 s answers")
            #expect(stdout.split(separator: "\n").last == "0 passed, 2 failed", "\(stdout)")
            let decoded = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
            #expect((decoded?["exchanges"] as? [Any])?.count == 2)
            #expect(XMLParser(data: try Data(contentsOf: junit)).parse())
        }
    }

    /// `--fail-fast` starts no flow after one has failed; the flows already running finish. With
    /// one job that is exactly one flow; without it, every repeat runs.
    @Test func failFastStartsNoFlowAfterAFailure() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            try folder.write("broken/a.yaml", "url: \"{{baseUrl}}/users\"\nexpect:\n  status: 201\n")
            let fast = try await run(["demo/broken", "--repeat", "10", "--fail-fast"], base, collections: folder.root)
            #expect(fast.status == 2)
            #expect(fast.stdout.split(separator: "\n").last == "0 passed, 1 failed")
            let concurrent = try await run(["demo/broken", "--repeat", "40", "--jobs", "4", "--fail-fast"], base, collections: folder.root)
            let failed = concurrent.stdout.split(separator: "\n").last.map(String.init) ?? ""
            let count = Int(failed.split(separator: " ").dropFirst(2).first ?? "") ?? 0
            #expect(failed.hasPrefix("0 passed, "))
            #expect((1...4).contains(count), "at most the flows running when the first failed: \(failed)")
            let all = try await run(["demo/broken", "--repeat", "10"], base, collections: folder.root)
            #expect(all.stdout.split(separator: "\n").last == "0 passed, 10 failed")
        }
    }

    /// A JSON report that cannot be written is refused before any request is sent (it is
    /// written while the run goes), with its path and exit code 6, as `send -o` has.
    @Test func anUnwritableJSONReportIsRefusedBeforeAnythingIsSent() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            let target = folder.root.appendingPathComponent("missing-folder/r.json")
            let result = try await run(["demo/flows", "--report", "json=\(target.path)"], base, collections: folder.root)
            #expect(result.status == 6)
            #expect(result.stderr.contains("could not write the json report \(target.path)"))
            #expect(result.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: target.path))
        }
    }

    /// Two reports named into one file are refused before anything runs: the last written
    /// would silently replace the other.
    @Test func twoReportsIntoOneFileAreRefused() async throws {
        let folder = try DemoCollectionCopy()
        let file = folder.root.appendingPathComponent("r.txt").path
        let result = try await run(["demo/flows", "--report", "junit=\(file)", "--report", "tap=\(file)"], "http://127.0.0.1:1", collections: folder.root)
        #expect(result.status == 64)
        #expect(result.stderr.contains("the junit report goes to that file too"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file))
    }

    @Test func aTransportFailureExitsWithSendsCode() async throws {
        let folder = try DemoCollectionCopy()
        let result = try await run(["demo/flows/users"], "http://127.0.0.1:1", collections: folder.root)
        #expect(result.status == 21)
        #expect(result.stdout.hasSuffix("0 passed, 1 failed\n"))
    }

    @Test func aFolderOrderListSetsTheFlowsOrderAndAMisspeltNameIsSaid() async throws {
        try await withServer { base in
            let folder = try DemoCollectionCopy()
            for name in ["a", "b", "c"] { try folder.write("steps/\(name).yaml", "url: \"{{baseUrl}}/users/1\"\n") }
            try folder.write("steps/folder.yaml", "order:\n  - c\n  - a\n  - bb\n")
            let json = folder.root.appendingPathComponent("r.json")
            let result = try await run(["demo/steps", "--report", "json=\(json.path)"], base, collections: folder.root)
            #expect(result.status == 0, "\(result.output)")
            let report = try Data(contentsOf: json)
            let decoded = try JSONSerialization.jsonObject(with: report) as? [String: Any]
            let ids = (decoded?["exchanges"] as? [[String: Any]])?.compactMap { $0["request"] as? String ?? $0["id"] as? String }
            #expect(ids == ["steps/c", "steps/a", "steps/b"], "\(String(decoding: report, as: UTF8.self))")
            #expect(result.stderr.contains("warning: steps/folder.yaml:4:5: order: no request or folder bb here (did you mean b?)"), "\(result.stderr)")
        }
    }
}

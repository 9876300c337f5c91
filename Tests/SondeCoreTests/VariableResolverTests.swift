import Testing
@testable import SondeCore

@Suite struct VariableResolverTests {
    private func resolver(env: [String: String] = [:], collection: [String: String] = [:], process: [String: String] = [:], dotEnv: [String: String] = [:]) -> VariableResolver {
        VariableResolver(
            scopes: [VariableScope(origin: "environment local", values: env), VariableScope(origin: "collection demo", values: collection)],
            secretSource: SecretSource(processEnvironment: process, dotEnv: dotEnv))
    }

    @Test func environmentWinsOverCollection() throws {
        var r = resolver(env: ["host": "env.example"], collection: ["host": "collection.example", "port": "81"])
        #expect(r.resolve("http://{{host}}:{{port}}", usedIn: "url") == "http://env.example:81")
        try r.check()
    }

    @Test func resolvesNestedVariablesAndTracksSecretsThroughThem() throws {
        var r = resolver(env: ["auth": "Token {{token}}", "token": "{{env:CANARY}}"], process: ["CANARY": "canary-8f2d"])
        let result = r.resolveTrackingSecrets("{{auth}}", usedIn: "header Authorization")
        #expect(result.value == "Token canary-8f2d")
        #expect(result.isSecret)
        #expect(r.secrets.values == ["canary-8f2d"])
        try r.check()
    }

    /// Found by the template fuzzer: 8 uses of a variable at each of 7 levels filled 2 million
    /// placeholders one by one (11 s); each variable is now filled once.
    @Test func aWideChainIsFilledOncePerVariable() throws {
        var variables = ["v7": "xy"]
        for level in 0..<7 { variables["v\(level)"] = String(repeating: "{{v\(level + 1)}}", count: 8) }
        var r = resolver(collection: variables)
        let started = ContinuousClock.now
        let value = r.resolve("{{v0}}", usedIn: "body")
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(value.utf8.count == 2 * 2_097_152)
        #expect(value.allSatisfy { $0 == "x" || $0 == "y" })
        try r.check()
    }

    @Test func dynamicValuesStayNewOnEveryUseAndEachUseNamesItsProblem() {
        var r = resolver(collection: ["id": "{{$uuid}}", "broken": "{{missing}}"])
        let value = r.resolve("{{id}} {{id}}", usedIn: "url")
        let ids = value.split(separator: " ")
        #expect(ids.count == 2 && ids[0] != ids[1])
        _ = r.resolve("{{broken}}", usedIn: "url")
        _ = r.resolve("{{broken}}", usedIn: "header X")
        #expect(r.problems.map(\.usedIn) == ["url", "header X"])
    }

    @Test func processEnvironmentWinsOverDotEnv() {
        var r = resolver(process: ["KEY": "from-process"], dotEnv: ["KEY": "from-dotenv", "OTHER": "dot"])
        #expect(r.resolve("{{env:KEY}} {{env:OTHER}}", usedIn: "body") == "from-process dot")
    }

    @Test func reportsEveryUnknownVariableAndUnsetSecretWithWhereItIsUsed() {
        var r = resolver()
        _ = r.resolve("{{baseUrl}}/x", usedIn: "url")
        _ = r.resolve("Bearer {{env:MISSING_TOKEN}}", usedIn: "header Authorization")
        _ = r.resolve("{{$nope}}", usedIn: "body")
        #expect(throws: ResolutionError.self) { try r.check() }
        #expect(r.problems == [
            ResolutionProblem(kind: .unknownVariable("baseUrl"), usedIn: "url"),
            ResolutionProblem(kind: .unsetSecret("MISSING_TOKEN"), usedIn: "header Authorization"),
            ResolutionProblem(kind: .unknownDynamic("nope"), usedIn: "body"),
        ])
        let message = ResolutionError(problems: r.problems).description
        #expect(message.contains("unknown variable {{baseUrl}} in url"))
        #expect(message.contains("MISSING_TOKEN"))
        #expect(message.contains("header Authorization"))
    }

    @Test func reportsLoopsInsteadOfRecursingForever() {
        var r = resolver(env: ["a": "{{b}}", "b": "{{a}}"])
        _ = r.resolve("{{a}}", usedIn: "url")
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.kind == .cycle(["a", "b", "a"]))
    }

    @Test func dynamicValuesChangeOnEverySend() throws {
        var r = resolver()
        let first = r.resolve("{{$uuid}}", usedIn: "x")
        let second = r.resolve("{{$uuid}}", usedIn: "x")
        #expect(first.count == 36)
        #expect(first != second)
        let timestamp = try #require(Int(r.resolve("{{$timestamp}}", usedIn: "x")))
        #expect(timestamp > 1_700_000_000)
        let random = try #require(Int(r.resolve("{{$randomInt}}", usedIn: "x")))
        #expect((0...1000).contains(random))
        try r.check()
    }
}

@Suite struct DotEnvTests {
    @Test func parsesCommentsQuotesAndExport() {
        let values = DotEnv.parse("""
            # a comment
            export TOKEN=abc123
            QUOTED="with spaces"
            SINGLE='single # not a comment'
            TRAILING=value # comment
            BROKEN LINE
            =novalue
            """)
        #expect(values == ["TOKEN": "abc123", "QUOTED": "with spaces", "SINGLE": "single # not a comment", "TRAILING": "value"])
    }
}

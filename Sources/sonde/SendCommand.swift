import ArgumentParser
import Foundation
import SondeCore
import SondeHTTP

/// `sonde send`: sends one saved request and prints the answer, for scripts and CI.
struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Send a saved request and print the response.",
        discussion: """
            The status line, headers (-v) and timing (--timing) go to stderr; the body goes to stdout: on a terminal pretty-printed when it is JSON (--pretty elsewhere too), into a pipe or a file the bytes as received, nothing appended (--raw on a terminal too). Secrets from {{env:NAME}} are masked as \(SecretSet.mask) in everything printed, a text body included (a binary one is never changed); -o writes the exact body bytes to a file, -o - to stdout.

            --all-pages follows the request's paginate: block page after page (each page retried as its retry: option allows) and prints the items of all pages as one JSON array, or one a line with --ndjson; stderr says how many pages and items and why it stopped. A page that fails ends the listing: the items before it are printed and the exit code is that page's, as for a single send.

            --url sends a request given on the command line instead (curl's -X, -H, -d, --json), with the same output, masking and exit codes: an Authorization or password value is treated as a secret. --save PATH keeps it as a new request file (a taken name gets -2; secrets written as {{env:NAME}}).

            Exit codes:
            \(SendExitCode.table)
            """)

    @Argument(help: "The request: <collection>/<path>, e.g. demo/users/list, or a path to a request file.")
    var request: String?

    @Option(name: .long, help: "Send this URL without a request file (an ad-hoc request).")
    var url: String?

    @Option(name: [.customShort("X"), .customLong("request")], help: ArgumentHelp("With --url: the method (default GET, or POST with a body).", valueName: "method"))
    var method: String?

    @Option(name: [.customShort("H"), .customLong("header")], help: ArgumentHelp("With --url: a header, 'Name: value' (repeatable).", valueName: "header"))
    var headers: [String] = []

    @Option(name: [.customShort("d"), .customLong("data")], help: ArgumentHelp("With --url: the body, sent as given (repeated: joined with &, as curl does).", valueName: "data"))
    var data: [String] = []

    @Option(name: .customLong("json"), help: ArgumentHelp("With --url: a JSON body (Content-Type and Accept: application/json).", valueName: "json"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("With --url: also save the request as a new file (.yaml added; never overwrites).", valueName: "path"))
    var save: String?

    @OptionGroup var location: CollectionOptions

    @Flag(name: .shortAndLong, help: "Also print each request as sent (every header, each redirect hop) and the response headers.")
    var verbose = false

    @Flag(name: .long, help: "Also print the timing breakdown (DNS, connect, TLS, first byte, download).")
    var timing = false

    @Option(name: .shortAndLong, help: "Write the body to this file instead of stdout (- for stdout, as received).")
    var output: String?

    @Flag(help: "How the body is printed (default: --pretty on a terminal, --raw otherwise).")
    var bodyFormat: BodyFormat?

    @Flag(name: .long, help: "Print an equivalent curl command instead of sending (secrets as \"${NAME}\").")
    var curl = false

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a variable for this send, over the environment's.", valueName: "name=value"))
    var variables: [String] = []

    @Flag(name: .long, help: "Fetch every page as the request's paginate: block says; print all items as one JSON array.")
    var allPages = false

    @Flag(name: .long, help: "With --all-pages: print one item a line (NDJSON) instead of one array.")
    var ndjson = false

    @Flag(name: .long, help: "Send no cookies from the environment's jar and keep none received.")
    var noCookies = false

    func validate() throws {
        if url == nil {
            if request == nil { throw ValidationError("name a request (e.g. demo/users/list), or give --url URL") }
            if method != nil || !headers.isEmpty || !data.isEmpty || json != nil || save != nil {
                throw ValidationError("-X, -H, -d, --json and --save go with --url")
            }
        } else {
            if let request { throw ValidationError("give a saved request (\(request)) or --url, not both") }
            if location.env != nil { throw ValidationError("--env goes with a saved request; --url reads {{env:NAME}} from the process environment") }
            if !data.isEmpty, json != nil { throw ValidationError("-d and --json both give the body: use one") }
            if allPages { throw ValidationError("--all-pages needs a saved request's paginate: block") }
        }
        for pair in variables where !pair.contains("=") || pair.hasPrefix("=") {
            throw ValidationError("--var takes name=value, not \(pair)")
        }
        if ndjson, !allPages { throw ValidationError("--ndjson goes with --all-pages") }
        if curl, allPages { throw ValidationError("--curl prints one request; it does not go with --all-pages") }
    }

    func run() async throws {
        let code = await send()
        // Everything is written by now (stdio flushed below, FileHandle writes are unbuffered,
        // -o files are synced and renamed), so skip the exit handlers of the runtime and of
        // libcurl's dependency chain: measured 26.3 → 23.1 ms per whole `sonde send` (hyperfine).
        fflush(nil)
        _exit(code.rawValue)
    }

    /// A line that suggests `--env` when placeholders did not resolve and no environment was
    /// chosen, for a single send and a failed page alike; empty otherwise.
    static func environmentHint(for error: SendError, in context: SendContext) -> String {
        guard case .preparation(.unresolved) = error, context.environment == nil,
              let first = context.collection.environments.first else { return "" }
        return "\n(no environment selected: try --env \(first.name))"
    }

    /// Prints `message` as an error on stderr and returns `code`.
    func fail(_ code: SendExitCode, _ message: String) -> SendExitCode {
        // Messages can quote a server (an OAuth2 error body): keep its escape sequences inert.
        StandardError.write(TerminalStyle.forStream(STDERR_FILENO).paint("error:", "1;31") + " \(TerminalSafeText.make(message))\n")
        return code
    }

    private func send() async -> SendExitCode {
        SpillFiles.removeStaleInBackground()
        guard let request else { return await sendAdHoc() }

        let located: (collectionRoot: URL, requestID: String)
        do {
            located = try CollectionLocator.locate(request, in: location.collectionsURL)
        } catch {
            return fail(.collectionProblem, error.description)
        }
        let loaded = CollectionLoader.load(from: located.collectionRoot, onlyRequest: located.requestID)
        let collection = loaded.collection
        guard let saved = collection.request(id: located.requestID) else {
            let ownProblems = loaded.problems.filter { $0.file.hasPrefix(located.requestID + ".") && !$0.isWarning }
            if !ownProblems.isEmpty {
                return fail(.collectionProblem, ownProblems.map(\.description).joined(separator: "\n"))
            }
            return fail(.collectionProblem, Self.noRequestMessage(located.requestID, in: collection))
        }

        var environment: Environment?
        if let name = location.env {
            switch Self.environment(named: name, in: loaded) {
            case .success(let found): environment = found
            case .failure(let missing): return fail(.collectionProblem, missing.message)
            }
        }
        // Problems in the files this request depends on are fatal; others are not its business.
        // Warnings (unknown keys) are said and the request still goes.
        let problems = collection.problems(affecting: saved, environment: environment, among: loaded.problems)
        let errors = problems.filter { !$0.isWarning }
        if !errors.isEmpty {
            return fail(.collectionProblem, errors.map(\.description).joined(separator: "\n"))
        }
        for problem in problems { warn(problem.description) }

        let context = SendContext(
            collection: collection, environment: environment,
            secretSource: Self.secretSource(for: located.collectionRoot),
            overrides: overrides,
            cookieJars: noCookies ? nil : CookieJarFile.defaultDirectory(environment: ProcessInfo.processInfo.environment))
        return await send(saved, in: context)
    }

    /// Prepares, sends (or prints as curl) and reports one request in its context: the part
    /// a saved request and an ad-hoc one share.
    func send(_ saved: SavedRequest, in context: SendContext) async -> SendExitCode {
        var preparation = Result { () throws(RequestError) in try RequestPreparer.prepare(saved, in: context) }
        if case .success(var prepared) = preparation {
            prepared.request.options.spillThreshold = min(prepared.request.options.spillThreshold, memoryCap)
            preparation = .success(prepared)
            if let warning = prepared.request.secrets.tooShortWarning { warn(warning) }
            tellWhatIsSentOtherwise(prepared)
        }
        if allPages { return await sendAllPages(saved, in: context) }
        if curl {
            switch preparation {
            case .success(let prepared):
                if let jar = prepared.request.options.cookieJar {
                    do { try CookieJarFile.createIfMissing(at: URL(fileURLWithPath: jar)) } catch {
                        warn("could not create the cookie jar \(jar) for curl: \(FileErrorText.describe(error))")
                    }
                }
                print(CurlCommand.render(prepared.request, pendingOAuth2: prepared.pendingOAuth2))
                return .success
            case .failure(let error):
                return fail(.unresolved, error.description)
            }
        }
        let sender = Self.sender(transport: makeTransport())
        let bodyOutput = BodyOutput(outputPath: output == "-" ? nil : output, verbose: verbose)
        let cancellation = CancellationFlag()
        let interrupt = InterruptHandler { cancellation.cancel() }
        defer { interrupt.stop() }

        let exchange: Exchange
        do {
            exchange = try await sender.send(preparation.mapError(SendError.preparation).get(), receiver: bodyOutput.receiver, cancellation: cancellation)
        } catch {
            let message: String
            switch error {
            case .preparation(let problem):
                message = problem.description + Self.environmentHint(for: error, in: context)
            case .oauth2(let problem):
                message = problem.description
            case .transport(let failure):
                bodyOutput.end(bodyComplete: false)
                let attempts = failure.attempts
                if verbose, attempts.count > 1 || attempts.last?.stop.flatMap(ExchangePrinter.describe) != nil {
                    // The tries' texts are redacted already; nothing else is left to mask.
                    StandardError.write(ExchangePrinter(style: TerminalStyle.forStream(STDERR_FILENO), secrets: SecretSet()).attempts(attempts))
                }
                let tries = attempts.count > 1 ? " (after \(attempts.count) attempts)" : ""
                let arrived = bodyOutput.interruptionNote.map { "; " + $0 } ?? ""
                message = "\(saved.definition.method.rawValue) \(saved.id): \(failure.error)\(tries)\(arrived)"
            }
            return fail(SendExitCode(error), message)
        }
        bodyOutput.end(bodyComplete: true)
        return report(saved, exchange, bodyOutput, in: context)
    }

    private func report(_ saved: SavedRequest, _ exchange: Exchange, _ bodyOutput: BodyOutput, in context: SendContext) -> SendExitCode {
        let response = exchange.response
        // A spilled body's temporary file: `run` ends with _exit, which skips deinitializers.
        defer { response.bodyFile?.discard() }
        // Captured before anything is printed, so a value captured as a secret is masked in the body too.
        let captures = RunFlow.capture(saved, exchange)
        if bodyOutput.printedLive {
            let code = reportLive(exchange, bodyOutput)
            let checked = reportChecks(saved, exchange, captures: captures, in: context)
            return checked == .expectationFailed || !saved.definition.expectations.status.isEmpty ? checked : code
        }
        var exchange = exchange
        exchange.request.secrets = captures.secrets
        let printer = ExchangePrinter(style: TerminalStyle.forStream(STDERR_FILENO), secrets: exchange.request.secrets)
        var head = ""
        if verbose {
            let transcript = WireTranscript(response: response, declared: exchange.request.headers, secrets: exchange.request.secrets)
            head += printer.wire(transcript, body: exchange.request.body) + "\n" + transferNotices(exchange, style: printer.style)
        }
        if verbose, exchange.attempts.count > 1 || exchange.request.options.retry.retries {
            head += printer.attempts(exchange.attempts) + "\n"
        }
        head += printer.statusLine(response) + Self.tlsNote(exchange, style: printer.style) + "\n"
        if verbose { head += printer.responseHeaders(response.headers) }
        if timing { head += printer.timing(response.timings) }
        StandardError.write(head)

        if let output, output != "-" {
            // The transport has streamed the body into the file already.
            StandardError.write("saved \(ByteCountText.format(response.bodySize)) to \(TerminalSafeText.singleLine(output))\n")
        } else {
            let toTerminal = isatty(STDOUT_FILENO) == 1
            let bodyPrinter = BodyPrinter(response: response, secrets: exchange.request.secrets)
            if !printsPretty {
                bodyPrinter.raw()
            } else if response.bodyFile != nil {
                // Indenting a body past the spill threshold would hold it all in memory (a 2 GB
                // body peaked at 8.4 GB): it is printed as received, in pieces.
                if ExchangePrinter.mayBeJSON(mediaType: response.mediaType, firstByte: nil) {
                    StandardError.write("sonde: the body is larger than the spill threshold: printed as received, not indented\n")
                }
                if !bodyPrinter.readable(toTerminal: toTerminal) {
                    StandardError.write("[\(ByteCountText.format(response.bodySize)) of binary data not shown; use -o FILE to save it]\n")
                }
            } else {
                var note: String?
                let bytes = printer.body(response, toTerminal: toTerminal, note: &note)
                if let note { StandardError.write("sonde: \(note)\n") }
                if let bytes {
                    StandardOutput.write(bytes)
                } else {
                    StandardError.write("[\(ByteCountText.format(response.bodySize)) of binary data not shown; use -o FILE to save it]\n")
                }
            }
        }
        return reportChecks(saved, exchange, captures: captures, in: context)
    }

    /// The most of a body `sonde send` keeps in memory (below the request's spill threshold):
    /// 16 MB to indent as JSON, 1 MB when the bytes go out as received and memory is only a way
    /// to the file. The default 64 MB threshold, meant for the TUI's viewer, put the peak of a
    /// 2 GB body at 102 MB (a 1 MB threshold: 43 MB).
    private var memoryCap: Int64 { printsPretty ? 16_000_000 : 1_000_000 }

    /// Whether the body is pretty-printed: `--pretty`, or stdout is a terminal and neither
    /// `--raw` nor `-o -` asked for the bytes as received.
    private var printsPretty: Bool {
        bodyFormat.map { $0 == .pretty } ?? (isatty(STDOUT_FILENO) == 1 && output == nil)
    }

    /// `--pretty` / `--raw`, after HTTPie's `--pretty=all|none`.
    enum BodyFormat: String, EnumerableFlag {
        case pretty, raw

        static func help(for value: BodyFormat) -> ArgumentHelp? {
            switch value {
            case .pretty: "Pretty-print a JSON body even into a pipe or file."
            case .raw: "Print the body's bytes as received even on a terminal (secrets still masked)."
            }
        }
    }

    var overrides: [String: String] {
        var values: [String: String] = [:]
        for pair in variables {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            values[String(parts[0])] = String(parts[1])
        }
        return values
    }
}

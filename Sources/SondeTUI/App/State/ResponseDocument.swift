import Foundation
import SondeCore

/// How a response body is shown, decided once when it arrives (off the UI loop: parsing a
/// 50 MB JSON body happens on the transfer's task, not between key presses).
package enum ResponseContent: Sendable {
    case empty
    case json(JSONTree)
    /// Said to be JSON but isn't: shown as text under the parse error.
    case invalidJSON(TextBodyModel, problem: String)
    case text(TextBodyModel)
    case binary(HexView)
}

/// A response ready for the viewer: secrets masked, body parsed.
package struct ResponseDocument: Sendable {
    package var response: HTTPResponse
    package var method: HTTPMethod
    /// The URL that was sent, secrets masked.
    package var url: String
    package var secrets: SecretSet
    package var receivedAt: Date
    package var content: ResponseContent
    /// The body as it came (secrets masked), for the raw view and text search.
    package var bodyBytes: Data
    /// Set when the document was re-opened from history.
    package var historyDate: Date?
    package var isBodyTruncated = false
    /// Every try that led to this response (more than one when retried), for the status line
    /// and the Timing tab.
    package var attemptList: [Attempt] = []
    package var attempts: Int { max(1, attemptList.count) }
    /// Sent with `verify_tls: false` (often inherited from an environment): the status line says
    /// so, since nothing else would.
    package var isTLSUnverified = false
    /// The headers sonde asked to send, for masking the wire (`WireTranscript`); empty for a
    /// response from history, which keeps no wire.
    package var declaredHeaders: [HeaderField] = []
    /// The request's `expect:` checks of this response, in order; empty when it has none.
    package var expectationResults: [ExpectationResult] = []
    /// What the request's `captures:` took from this response.
    package var captured: [CapturedValue] = []
    /// The captures that found nothing, if any.
    package var captureFailure: CaptureFailure?

    /// The response of `exchange`, with the captures and expectations of `definition` (the
    /// request as sent) evaluated; `earlierSecrets` (captured secrets of earlier responses)
    /// and the secrets captured here are masked like the request's own.
    /// `context` (what the request was prepared with) fills the `{{…}}` of expected values, as
    /// `sonde send` and `sonde run` do.
    package init(exchange: Exchange, receivedAt: Date, checking definition: RequestDefinition? = nil, requestID: String = "", earlierSecrets: SecretSet = SecretSet(), schemaFolder: URL? = nil, context: SendContext? = nil) {
        let (captured, failure) = Captures.collect(definition?.captures ?? [], of: requestID, in: exchange.response)
        var secrets = exchange.request.secrets.union(earlierSecrets)
        for value in captured where value.isSecret { secrets.insert(value.value) }
        self.init(response: exchange.response, method: exchange.request.method,
                  url: secrets.redact(exchange.request.url), secrets: secrets, receivedAt: receivedAt)
        attemptList = exchange.attempts
        isTLSUnverified = !exchange.request.options.verifyTLS
        declaredHeaders = exchange.request.headers
        self.captured = captured
        captureFailure = failure
        // Built by the runner, off the update loop: a `schema:` file is read here.
        if let definition, let context {
            expectationResults = definition.expectations.check(
                exchange.response, resolvingIn: context, captured: captured, secrets: secrets, schemaFolder: schemaFolder)
        } else {
            expectationResults = definition?.expectations.check(exchange.response, secrets: secrets, schemaFolder: schemaFolder) ?? []
        }
    }

    package init(historyEntry entry: HistoryEntry) {
        self.init(response: entry.response, method: entry.method, url: entry.url, secrets: SecretSet(), receivedAt: entry.date)
        historyDate = entry.date
        isBodyTruncated = entry.isBodyTruncated
    }

    /// A response from its parts; `url` must already be masked.
    package init(response: HTTPResponse, method: HTTPMethod, url: String, secrets: SecretSet, receivedAt: Date) {
        self.response = response
        // The reason phrase is the server's to choose (`401 Bad Bearer <token>`): masked here so
        // the status line's render has nothing to mask.
        self.response.reason = secrets.redact(response.reason)
        self.method = method
        self.url = url
        self.secrets = secrets
        self.receivedAt = receivedAt
        let body = secrets.redact((try? response.bodyContents()) ?? response.body)
        bodyBytes = body
        content = Self.content(of: body, mediaType: response.mediaType)
    }

    /// JSON when the media type says so (`application/json`, `…+json`) or the body looks like
    /// an object or array and parses; binary when it looks binary; text otherwise.
    static func content(of body: Data, mediaType: String?) -> ResponseContent {
        guard !body.isEmpty else { return .empty }
        let saysJSON = mediaType.map { $0.hasSuffix("/json") || $0.hasSuffix("+json") } ?? false
        let first = body.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        let looksJSON = first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        if saysJSON || looksJSON {
            do {
                return .json(try JSONTree(body))
            } catch {
                if saysJSON { return .invalidJSON(TextBodyModel(body), problem: "Invalid JSON: \(error)") }
            }
        }
        // A declared text type is trusted unless there is a NUL: a few bad bytes in a text
        // body should show replaced, not turn the whole body into hex.
        let saysText = mediaType.map { $0.hasPrefix("text/") || $0.hasSuffix("xml") } ?? false
        if saysText ? body.prefix(8192).contains(0) : TerminalSafeText.looksBinary(body) { return .binary(HexView(data: body)) }
        return .text(TextBodyModel(body))
    }
}

extension ResponseDocument {
    /// The response of one request of a folder run, for the viewer: masked as a normal send's
    /// (its secrets, `earlierSecrets`, secrets it captured), its captures shown, and its checks
    /// as the run judged them (expected values resolved with the run's variables), not again.
    package init(runOf saved: SavedRequest, exchange: Exchange, result: RunResult, earlierSecrets: SecretSet, receivedAt: Date) {
        var definition = saved.definition
        definition.expectations = Expectations()
        self.init(exchange: exchange, receivedAt: receivedAt, checking: definition, requestID: saved.id, earlierSecrets: earlierSecrets)
        expectationResults = result.checks
    }
}

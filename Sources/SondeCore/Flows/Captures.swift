import Foundation

/// The evaluation of a request's `captures:` against its response: pure, so the CLI, the TUI
/// and a flow runner take the same values from the same response.
public enum Captures {
    /// Every capture's value, in the order written; a failure lists every capture that found
    /// nothing (the ones that found something are in `found`, for a TUI that keeps them).
    public static func collect(
        _ captures: [Capture], of request: String, in response: HTTPResponse
    ) -> (found: [CapturedValue], failure: CaptureFailure?) {
        guard !captures.isEmpty else { return ([], nil) }
        let body = (try? response.bodyContents()) ?? response.body
        var tree: Result<JSONTree, JSONSyntaxError>?
        var found: [CapturedValue] = []
        var misses: [CaptureFailure.Miss] = []
        for capture in captures {
            let value: Result<String, Reason>
            switch capture.source {
            case .status:
                value = .success(String(response.status))
            case .header(let name):
                value = response.headers.first { $0.name.equalsIgnoringASCIICase(name) }
                    .map { .success($0.value) } ?? .failure(Reason("the response has no \(name) header"))
            case .cookie(let name):
                value = cookie(name, in: response.headers)
            case .regex(let pattern):
                value = match(pattern, in: String(decoding: body, as: UTF8.self))
            case .json(let path):
                if tree == nil { tree = Result { () throws(JSONSyntaxError) in try JSONTree(body) } }
                switch tree! {
                case .failure(let error): value = .failure(Reason("the body is not JSON (\(error))"))
                case .success(let tree):
                    if let node = path.first(in: tree) {
                        value = .success(tree.scalarText(of: node) ?? tree.rawText(of: node))
                    } else {
                        value = .failure(Reason("the path selects nothing in the body"))
                    }
                }
            }
            switch value {
            case .success(let text): found.append(CapturedValue(name: capture.name, value: text, isSecret: capture.isSecret))
            case .failure(let reason): misses.append(.init(name: capture.name, expression: capture.expression, reason: reason.text))
            }
        }
        return (found, misses.isEmpty ? nil : CaptureFailure(request: request, misses: misses))
    }

    /// As `collect(_:of:in:)`, as one result: the values when every capture found one.
    public static func evaluate(_ captures: [Capture], of request: String, in response: HTTPResponse) -> Result<[CapturedValue], CaptureFailure> {
        let (found, failure) = collect(captures, of: request, in: response)
        return failure.map { .failure($0) } ?? .success(found)
    }

    /// Why a capture found nothing.
    struct Reason: Error {
        var text: String
        init(_ text: String) { self.text = text }
    }

    /// The value the last `Set-Cookie` for `name` gives it (a later header overrides an earlier).
    private static func cookie(_ name: String, in headers: [HeaderField]) -> Result<String, Reason> {
        let values = headers.filter { $0.name.equalsIgnoringASCIICase("Set-Cookie") }.compactMap { header -> String? in
            let pair = header.value.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "="),
                  pair[..<equals].trimmingCharacters(in: .whitespaces) == name else { return nil }
            return CookieHeader.setCookieValue(header.value)
        }
        return values.last.map { .success($0) } ?? .failure(Reason("the response sets no cookie \(name)"))
    }

    /// The first match's first group (or whole match) of `pattern` in `text`.
    private static func match(_ pattern: String, in text: String) -> Result<String, Reason> {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return .failure(Reason("invalid regular expression")) }
        let range = NSRange(text.startIndex..., in: text)
        guard let result = regex.firstMatch(in: text, range: range) else { return .failure(Reason("no match in the body")) }
        let group = result.numberOfRanges > 1 ? result.range(at: 1) : result.range
        guard group.location != NSNotFound, let found = Range(group, in: text) else {
            return .failure(Reason("the first group took part in no match"))
        }
        return .success(String(text[found]))
    }
}

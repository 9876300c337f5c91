import Foundation
import Yams

/// Decoding of a request's `paginate:` block, kept beside the rest of the schema in `YAMLModelDecoding`.
extension YAMLReader {
    static let paginationKeys = [
        "style", "items", "max_pages", "page_param", "size_param", "size", "start", "total", "total_header", "cursor",
        "cursor_param",
    ]
    /// The keys that only one style uses; a misplaced one is a problem, not silently ignored.
    static let paginationStyleKeys: [String: Pagination.Style] = [
        "page_param": .page, "size_param": .page, "size": .page, "start": .page, "cursor": .cursor, "cursor_param": .cursor,
    ]

    /// `paginate: link` (the style alone) or `paginate: {style: page, items: $.data[*], ...}`;
    /// nil when absent or unusable, with a problem for every value that is not what was expected.
    mutating func pagination(_ node: Node?) -> Pagination? {
        guard let node else { return nil }
        let styles = Pagination.Style.allCases.map(\.rawValue).joined(separator: ", ")
        if let scalar = node.scalar {
            if scalar.style == .plain, ["", "~", "null"].contains(scalar.string) { return nil }
            guard let style = Pagination.Style(rawValue: scalar.string.lowercased()), style != .cursor else {
                problem("paginate must be a style (page or link) or a mapping such as {style: cursor, cursor: $.next}", at: node)
                return nil
            }
            return Pagination(style: style)
        }
        guard let fields = mapping(node, "paginate") else { return nil }
        for key in fields.keys where !Self.paginationKeys.contains(key.scalar?.string ?? "") {
            problem("unknown paginate option \(key.scalar?.string ?? "?"): expected \(Self.paginationKeys.joined(separator: ", "))", at: key)
        }
        guard let styleText = string(fields["style"], "paginate style") else {
            problem("paginate needs a style: \(styles)", at: fields["style"] ?? node)
            return nil
        }
        guard let style = Pagination.Style(rawValue: styleText.lowercased()) else {
            problem("paginate style must be one of \(styles), not \(styleText)", at: fields["style"])
            return nil
        }
        for key in fields.keys {
            guard let name = key.scalar?.string, let owner = Self.paginationStyleKeys[name], owner != style else { continue }
            problem("paginate \(name) belongs to style \(owner.rawValue), not \(style.rawValue)", at: key)
        }

        var pagination = Pagination(
            style: style,
            items: jsonPath(fields["items"], "paginate items"),
            maxPages: count(fields["max_pages"], "paginate max_pages", from: 1),
            pageParam: parameterName(fields["page_param"], "paginate page_param"),
            sizeParam: parameterName(fields["size_param"], "paginate size_param"),
            size: count(fields["size"], "paginate size", from: 1),
            start: count(fields["start"], "paginate start", from: 0),
            total: jsonPath(fields["total"], "paginate total"),
            totalHeader: parameterName(fields["total_header"], "paginate total_header"),
            cursor: jsonPath(fields["cursor"], "paginate cursor"),
            cursorParam: parameterName(fields["cursor_param"], "paginate cursor_param"))
        if (pagination.size == nil) != (pagination.sizeParam == nil), style == .page {
            problem("paginate size and size_param go together: size_param names the query parameter, size its value", at: fields["size"] ?? fields["size_param"])
        }
        if pagination.total != nil, pagination.totalHeader != nil {
            problem("paginate takes total (a JSONPath) or total_header (a header name), not both", at: fields["total_header"])
            pagination.totalHeader = nil
        }
        if style == .cursor, pagination.cursor == nil {
            // A bad path has its problem already; only a missing one needs saying.
            if fields["cursor"] == nil {
                problem("paginate style cursor needs cursor: the JSONPath of the next cursor, such as $.meta.next_cursor", at: fields["style"])
            }
            return nil
        }
        return pagination
    }

    /// A JSONPath; a bad one is a problem at the character where it goes wrong.
    mutating func jsonPath(_ node: Node?, _ what: String) -> JSONPath? {
        guard let node, let text = string(node, what) else { return nil }
        do {
            return try JSONPath(text)
        } catch {
            var column = node.mark?.column
            // The error's column counts from the path's first character; a quote comes before it.
            if let start = column, let style = node.scalar?.style {
                switch style {
                case .plain: column = start + error.column - 1
                case .singleQuoted, .doubleQuoted: column = start + error.column
                default: break
                }
            }
            problem("\(what): \(error.description)", line: node.mark?.line, column: column)
            return nil
        }
    }

    /// A whole number no less than `minimum`; a billion at most, so page arithmetic cannot overflow.
    private mutating func count(_ node: Node?, _ what: String, from minimum: Int) -> Int? {
        guard let node else { return nil }
        if let text = node.scalar?.string, let value = Int(text), value >= minimum, value <= 1_000_000_000 { return value }
        problem("\(what) must be a whole number from \(minimum) to 1000000000", at: node)
        return nil
    }

    /// A query parameter or header name: text that is not empty.
    private mutating func parameterName(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard let text = string(node, what) else { return nil }
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            problem("\(what) cannot be empty", at: node)
            return nil
        }
        return text
    }
}

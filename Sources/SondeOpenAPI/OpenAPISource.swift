import Foundation
import SondeCore
import Yams

/// An OpenAPI document as read: its values (JSON or YAML, keys in the file's order), its
/// version, and the YAML nodes that tell the line of a key for messages. The conversion reads
/// these values rather than OpenAPIKit's types because schemas and examples are copied out as
/// written (into bodies and JSON Schema files), which a typed model would re-encode.
struct OpenAPISource {
    enum Syntax { case json, yaml }

    let root: JSONLiteral
    let syntax: Syntax
    /// `3.0.3`, `3.1.0`, `3.2.0`.
    let version: String
    /// The composed YAML (JSON is YAML too), for `line(of:)`; nil when Yams cannot read it.
    let node: Node?

    var isVersion30: Bool { version.hasPrefix("3.0") }

    /// The deepest nesting read from YAML: conversion recurses once a level.
    static let maximumDepth = JSONLiteral.maximumDepth

    static func read(_ data: Data, sourceName: String) throws(OpenAPIImportError) -> OpenAPISource {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let text = String(data: bytes, encoding: .utf8) else {
            throw .unreadable(file: sourceName, line: 1, column: 1, reason: "not UTF-8 text")
        }
        let trimmed = text.drop { $0.isWhitespace }
        let root: JSONLiteral
        let syntax: Syntax
        var node: Node?
        // JSON, or YAML written in flow style (`{openapi: 3.1.0, …}`), which is not JSON.
        let jsonTree: Result<JSONTree, JSONSyntaxError>? = trimmed.hasPrefix("{") ? Result { () throws(JSONSyntaxError) in try JSONTree(Data(bytes)) } : nil
        if let jsonTree, case .failure(let error) = jsonTree, (try? Yams.compose(yaml: text, Resolver.basic)) == nil {
            throw .unreadable(file: sourceName, line: error.line, column: error.column, reason: error.message)
        }
        if let jsonTree, case .success(let tree) = jsonTree {
            syntax = .json
            guard let value = JSONLiteral(tree, node: tree.root) else {
                throw .notOpenAPI(file: sourceName, reason: "values are nested more than \(maximumDepth) levels deep")
            }
            root = value
            node = try? Yams.compose(yaml: text, Resolver.basic)
        } else {
            syntax = .yaml
            do {
                node = try Yams.compose(yaml: text, Resolver.basic)
            } catch let error as YamlError {
                let (line, column, reason) = Self.position(of: error)
                throw .unreadable(file: sourceName, line: line, column: column, reason: reason)
            } catch {
                throw .unreadable(file: sourceName, line: 1, column: 1, reason: "\(error)")
            }
            if let node, let (beyond, message) = YAMLExpansionLimit.check(node, text: text) {
                throw .unreadable(file: sourceName, line: beyond.mark?.line ?? 1, column: beyond.mark?.column ?? 1, reason: message)
            }
            guard let node, let value = Self.literal(node, depth: 0) else {
                throw .notOpenAPI(file: sourceName, reason: node == nil ? "the file is empty" : "values are nested more than \(maximumDepth) levels deep")
            }
            root = value
        }
        guard root.members != nil else { throw .notOpenAPI(file: sourceName, reason: "the top level is not an object of keys") }
        if root["swagger"] != nil, root["openapi"] == nil { throw .swagger2(file: sourceName) }
        guard let version = root["openapi"]?.scalarText else {
            throw .notOpenAPI(file: sourceName, reason: "it has no `openapi: 3.x` key at the top level")
        }
        guard version.hasPrefix("3.") else {
            throw .notOpenAPI(file: sourceName, reason: "openapi: \(version) is not a version 3 document; sonde imports OpenAPI 3.0, 3.1 and 3.2")
        }
        return OpenAPISource(root: root, syntax: syntax, version: version, node: node)
    }

    /// A YAML node as a JSON value: scalars by their resolved tag (`5` a number, `"5"` a
    /// string), timestamps and other tags as text. Nil when nested deeper than `maximumDepth`.
    static func literal(_ node: Node, depth: Int) -> JSONLiteral? {
        guard depth <= maximumDepth else { return nil }
        switch node {
        case .scalar(let scalar):
            // YAML 1.2's core schema, as OpenAPI documents are written for: `off` and `yes`
            // are strings, `012` the number 12.
            switch YAMLCoreSchema.resolve(scalar.string, tag: scalar.tag.description, isPlain: scalar.style == .plain) {
            case .json(let text):
                if text.hasPrefix("\"") { return .string(scalar.string) }
                return JSONLiteral(json: text) ?? .string(scalar.string)
            case .notJSON:
                return .string(scalar.string)
            }
        case .sequence(let sequence):
            var items: [JSONLiteral] = []
            for child in sequence {
                guard let item = literal(child, depth: depth + 1) else { return nil }
                items.append(item)
            }
            return .array(items)
        case .mapping(let mapping):
            var members: [(key: String, value: JSONLiteral)] = []
            for (key, value) in mapping {
                guard let item = literal(value, depth: depth + 1) else { return nil }
                members.append((key.string ?? "", item))
            }
            return .object(members)
        case .alias:
            return .null
        }
    }

    /// The line of the value at `path` (keys and array indexes), or of the deepest part of it
    /// that exists, for messages; nil without a composed node.
    func line(of path: [String]) -> Int? {
        guard var current = node else { return nil }
        var line = current.mark?.line
        for part in path {
            var next: Node?
            switch current {
            case .mapping(let mapping):
                for (key, value) in mapping where key.string == part {
                    next = value
                    line = key.mark?.line ?? line
                }
            case .sequence(let sequence):
                if let index = Int(part), sequence.indices.contains(index) { next = sequence[index] }
            default: break
            }
            guard let found = next else { break }
            current = found
            if case .mapping = found {} else { line = found.mark?.line ?? line }
        }
        return line
    }

    private static func position(of error: YamlError) -> (Int, Int, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        case .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, problem)
        default:
            return (1, 1, "\(error)")
        }
    }
}

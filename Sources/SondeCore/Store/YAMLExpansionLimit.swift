import Yams

/// How many values a YAML file may hold once its aliases are expanded, for every reader of YAML
/// that walks or decodes the whole tree: collection files and OpenAPI documents.
package enum YAMLExpansionLimit {
    /// The most values a file may hold once its aliases are expanded, unless the file's text is
    /// larger (every value takes at least a character without aliases). Ten levels of ten aliases
    /// make 10^10 values from 300 bytes: reading them hung `sonde send` and the TUI's start, and
    /// `sonde import` of such an OpenAPI document grew past 1.6 GB.
    package static let maximumExpandedNodes = 100_000

    /// The node past the limit for `text`, and what to say of it; nil when `root` is within it.
    package static func check(_ root: Node, text: String) -> (node: Node, message: String)? {
        let limit = max(maximumExpandedNodes, text.utf8.count)
        guard let beyond = nodeBeyond(limit, in: root) else { return nil }
        return (beyond, "aliases (*name) expand this file to more than \(limit) values, a \"billion laughs\": "
            + "write the values out, or use fewer aliases of aliases")
    }

    /// The node at which a walk of the tree, aliases expanded, passes `limit` nodes; nil when the
    /// whole tree has fewer. Iterative, and stops at the limit, so a bomb costs `limit` steps.
    static func nodeBeyond(_ limit: Int, in root: Node) -> Node? {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            if count > limit { return node }
            switch node {
            case .scalar, .alias: break
            case .mapping(let mapping):
                for (key, value) in mapping { pending.append(key); pending.append(value) }
            case .sequence(let sequence):
                pending.append(contentsOf: sequence)
            }
        }
        return nil
    }
}

import Foundation

/// Turns schema documents into `JSONSchemaNode`s: first a scan of every document for schema
/// resources (`$id`), anchors and dynamic anchors with their base URIs; then compilation from the
/// root, following `$ref`s to the locations they name (each location compiled once, so cycles
/// end), and finally the dynamic anchors of every resource reached, for `$dynamicRef`.
struct JSONSchemaCompiler: Sendable {
    /// A place in a document: which document, and the JSON Pointer tokens from its root.
    struct Location: Hashable {
        var document: Int
        var pointer: [String]
    }

    private var documents: [JSONSchemaValue] = []
    private var validationEnabled: [Bool] = []
    private var formatAsserted: [Bool] = []
    private var resources: [String: Location] = [:]
    private var anchors: [String: Location] = [:]
    private var dynamicAnchorLocations: [String: [String: Location]] = [:]
    private var bases: [Location: String] = [:]
    private var resourceIndexes: [String: Int] = [:]
    private var resourceNames: [String] = []
    private(set) var nodes: [JSONSchemaNode] = []
    private var compiled: [Location: Int] = [:]

    /// Where `$dynamicRef` may land, per resource index: anchor name → node.
    private(set) var dynamicAnchors: [[String: Int]] = []

    /// The base URI of a schema without `$id` and without a base given by the caller.
    static let defaultBaseURI = "https://sonde.invalid/schema.json"

    /// Registers documents that `$ref`s may reach (their resources and anchors), once for many schemas.
    mutating func register(_ documents: [(uri: String, value: JSONSchemaValue)]) {
        let first = self.documents.count
        for (uri, value) in documents { register(value, uri: uri) }
        for document in first..<self.documents.count { readVocabulary(document) }
    }

    /// Compiles `root` (retrieved from `baseURI`) against the registered documents; returns the root's node index.
    mutating func compile(root: JSONSchemaValue, baseURI: String?) throws -> Int {
        let rootDocument = register(root, uri: JSONSchemaURI(baseURI ?? Self.defaultBaseURI).withoutFragment.text)
        readVocabulary(rootDocument)
        let rootNode = try compile(Location(document: rootDocument, pointer: []))
        // Dynamic anchors of every resource reached; compiling them can reach more resources.
        var found: [Int: [String: Int]] = [:]
        var done = 0
        while done < resourceNames.count {
            let resource = done
            done += 1
            for (name, location) in dynamicAnchorLocations[resourceNames[resource]] ?? [:] {
                found[resource, default: [:]][name] = try compile(location)
            }
        }
        dynamicAnchors = resourceNames.indices.map { found[$0] ?? [:] }
        return rootNode
    }

    // MARK: - Scanning for resources and anchors

    @discardableResult
    private mutating func register(_ value: JSONSchemaValue, uri: String) -> Int {
        let document = documents.count
        documents.append(value)
        validationEnabled.append(true)
        formatAsserted.append(false)
        let location = Location(document: document, pointer: [])
        resources[uri] = location
        scan(value, at: location, base: uri)
        return document
    }

    private mutating func scan(_ value: JSONSchemaValue, at location: Location, base: String) {
        guard case .object(let object) = value else {
            bases[location] = base
            return
        }
        var base = base
        if let id = object["$id"]?.stringValue {
            base = JSONSchemaURI(base).resolving(id).withoutFragment.text
            resources[base] = location
        }
        bases[location] = base
        if let anchor = object["$anchor"]?.stringValue { anchors[base + "#" + anchor] = location }
        if let anchor = object["$dynamicAnchor"]?.stringValue {
            anchors[base + "#" + anchor] = location
            dynamicAnchorLocations[base, default: [:]][anchor] = location
        }
        for (tokens, child) in JSONSchemaKeywords.subschemas(of: object) {
            scan(child, at: Location(document: location.document, pointer: location.pointer + tokens), base: base)
        }
    }

    /// Which vocabularies the document's `$schema` declares through `$vocabulary`: without the
    /// validation vocabulary, `minimum` and the like are plain annotations; with format-assertion,
    /// `format` is checked.
    private mutating func readVocabulary(_ document: Int) {
        guard let object = documents[document].objectValue, let schema = object["$schema"]?.stringValue,
              let location = resources[JSONSchemaURI(schema).withoutFragment.text],
              let vocabulary = value(at: location)?.objectValue?["$vocabulary"]?.objectValue
        else { return }
        validationEnabled[document] = vocabulary[JSONSchemaKeywords.validationVocabulary] != nil
        formatAsserted[document] = vocabulary[JSONSchemaKeywords.formatAssertionVocabulary] != nil
    }

    private func value(at location: Location) -> JSONSchemaValue? {
        var value = documents[location.document]
        for token in location.pointer {
            switch value {
            case .object(let object):
                guard let member = object[token] else { return nil }
                value = member
            case .array(let array):
                guard let index = Int(token), array.indices.contains(index), token == String(index) else { return nil }
                value = array[index]
            default: return nil
            }
        }
        return value
    }

    private func base(of location: Location) -> String {
        var pointer = location.pointer
        while true {
            if let base = bases[Location(document: location.document, pointer: pointer)] { return base }
            if pointer.isEmpty { return Self.defaultBaseURI }
            pointer.removeLast()
        }
    }

    private mutating func resourceIndex(_ base: String) -> Int {
        if let index = resourceIndexes[base] { return index }
        resourceIndexes[base] = resourceNames.count
        resourceNames.append(base)
        return resourceNames.count - 1
    }

    // MARK: - References

    /// Where `reference` points from a schema whose base URI is `base`.
    private func resolve(_ reference: String, base: String, at location: Location) throws -> Location {
        let uri = JSONSchemaURI(base).resolving(reference)
        let resource = uri.withoutFragment.text
        let fragment = uri.fragment.map { $0.removingPercentEncoding ?? $0 } ?? ""
        let found: Location?
        if fragment.isEmpty || fragment.hasPrefix("/") {
            found = resources[resource].map { root in
                let tokens = fragment.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
                    .map { $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~") }
                return Location(document: root.document, pointer: root.pointer + tokens)
            }
        } else {
            found = anchors[resource + "#" + fragment]
        }
        guard let found, value(at: found) != nil else {
            let why = resources[resource] == nil
                ? "no document \(resource) is loaded (sonde does not fetch schemas over the network)"
                : "nothing is there"
            throw JSONSchemaError.invalidSchema("\(JSONText.quote(reference)) at \(Self.pointerText(location.pointer)) cannot be resolved: \(why)")
        }
        return found
    }

    static func pointerText(_ tokens: [String]) -> String {
        "#" + tokens.map { "/" + $0.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1") }.joined()
    }

    // MARK: - Compiling

    private mutating func compile(_ location: Location) throws -> Int {
        if let index = compiled[location] { return index }
        guard let value = value(at: location) else {
            throw JSONSchemaError.invalidSchema("no schema at \(Self.pointerText(location.pointer))")
        }
        if bases[location] == nil { scan(value, at: location, base: base(of: location)) }
        let node = JSONSchemaNode()
        let index = nodes.count
        nodes.append(node)
        compiled[location] = index
        node.resource = resourceIndex(base(of: location))
        switch value {
        case .bool(let boolean):
            node.boolean = boolean
        case .object(let object):
            try compileKeywords(object, into: node, at: location)
        default:
            throw JSONSchemaError.invalidSchema("a schema is an object or a boolean, not \(value.typeName) \(value.brief(limit: 30)), at \(Self.pointerText(location.pointer))")
        }
        return index
    }

    private mutating func compileKeywords(_ object: JSONSchemaObject, into node: JSONSchemaNode, at location: Location) throws {
        let base = base(of: location)
        let reader = KeywordReader(object: object, pointer: location.pointer)
        func child(_ tokens: String...) throws -> Int {
            try compile(Location(document: location.document, pointer: location.pointer + tokens))
        }
        if let reference = try reader.string("$ref") {
            node.ref = try compile(resolve(reference, base: base, at: location))
        }
        if let reference = try reader.string("$dynamicRef") {
            let target = try resolve(reference, base: base, at: location)
            let fragment = JSONSchemaURI(reference).fragment ?? ""
            let bookended = !fragment.isEmpty && !fragment.hasPrefix("/")
                && value(at: target)?.objectValue?["$dynamicAnchor"]?.stringValue == fragment
            node.dynamicRef = .init(target: try compile(target), anchor: bookended ? fragment : nil)
        }
        if validationEnabled[location.document] {
            try compileValidation(reader, into: node)
        }
        if object["prefixItems"] != nil { node.prefixItems = try (0..<reader.schemaCount("prefixItems")).map { try child("prefixItems", String($0)) } }
        if let items = object["items"] {
            if let tuple = items.arrayValue {
                // A draft-07 tuple, still common in the wild: `items` as a list is 2020-12's
                // prefixItems, and `additionalItems` its items.
                if object["prefixItems"] == nil {
                    node.prefixItems = try tuple.indices.map { try child("items", String($0)) }
                    node.prefixItemsKeyword = "items"
                }
                if object["additionalItems"] != nil {
                    node.items = try child("additionalItems")
                    node.itemsKeyword = "additionalItems"
                }
            } else {
                node.items = try child("items")
            }
        }
        if object["contains"] != nil { node.contains = try child("contains") }
        if let properties = try reader.object("properties") {
            for name in properties.keys { node.properties[name] = try child("properties", name) }
        }
        if let patterns = try reader.object("patternProperties") {
            for source in patterns.keys { node.patternProperties.append((try JSONSchemaPattern(source), try child("patternProperties", source))) }
        }
        if object["additionalProperties"] != nil { node.additionalProperties = try child("additionalProperties") }
        if object["propertyNames"] != nil { node.propertyNames = try child("propertyNames") }
        if let schemas = try reader.object("dependentSchemas") {
            for name in schemas.keys { node.dependentSchemas.append(("dependentSchemas", name, try child("dependentSchemas", name))) }
        }
        if object["allOf"] != nil { node.allOf = try (0..<reader.schemaCount("allOf")).map { try child("allOf", String($0)) } }
        if object["anyOf"] != nil { node.anyOf = try (0..<reader.schemaCount("anyOf")).map { try child("anyOf", String($0)) } }
        if object["oneOf"] != nil { node.oneOf = try (0..<reader.schemaCount("oneOf")).map { try child("oneOf", String($0)) } }
        if object["not"] != nil { node.not = try child("not") }
        if object["if"] != nil {
            node.ifSchema = try child("if")
            if object["then"] != nil { node.thenSchema = try child("then") }
            if object["else"] != nil { node.elseSchema = try child("else") }
        }
        if object["unevaluatedItems"] != nil { node.unevaluatedItems = try child("unevaluatedItems") }
        if object["unevaluatedProperties"] != nil { node.unevaluatedProperties = try child("unevaluatedProperties") }
        // `$defs` are compiled when something refers to them; compiling them all here would
        // only find errors in definitions nothing uses.
        node.format = object["format"]?.stringValue
        node.assertsFormat = formatAsserted[location.document]
        // draft-07's `dependencies`, still common in the wild: an array is dependentRequired, a schema dependentSchemas.
        if let dependencies = try reader.object("dependencies") {
            for name in dependencies.keys {
                if let names = dependencies[name]?.arrayValue {
                    guard validationEnabled[location.document] else { continue }
                    node.dependentRequired.append(("dependencies", name, names.compactMap(\.stringValue)))
                } else {
                    node.dependentSchemas.append(("dependencies", name, try child("dependencies", name)))
                }
            }
        }
    }

    private func compileValidation(_ reader: KeywordReader, into node: JSONSchemaNode) throws {
        if let type = reader.object["type"] {
            let names = type.arrayValue ?? [type]
            var types = JSONSchemaTypes()
            for name in names {
                guard let text = name.stringValue, let one = JSONSchemaTypes(name: text) else {
                    throw reader.error("type", "names one of null, boolean, object, array, number, string, integer, not \(name.brief(limit: 30))")
                }
                types.insert(one)
            }
            node.types = types
        }
        if let values = reader.object["enum"] {
            guard let array = values.arrayValue else { throw reader.error("enum", "is an array of the allowed values") }
            node.enumValues = array
        }
        node.constValue = reader.object["const"]
        node.multipleOf = try reader.number("multipleOf")
        if let multiple = node.multipleOf, multiple.isNegative || multiple.isZero { throw reader.error("multipleOf", "must be greater than 0") }
        node.maximum = try reader.number("maximum")
        node.exclusiveMaximum = try reader.number("exclusiveMaximum")
        node.minimum = try reader.number("minimum")
        node.exclusiveMinimum = try reader.number("exclusiveMinimum")
        node.maxLength = try reader.count("maxLength")
        node.minLength = try reader.count("minLength")
        if let source = try reader.string("pattern") { node.pattern = try JSONSchemaPattern(source) }
        node.maxItems = try reader.count("maxItems")
        node.minItems = try reader.count("minItems")
        if let unique = reader.object["uniqueItems"] {
            guard case .bool(let flag) = unique else { throw reader.error("uniqueItems", "is true or false") }
            node.uniqueItems = flag
        }
        node.maxContains = try reader.count("maxContains")
        node.minContains = try reader.count("minContains")
        node.maxProperties = try reader.count("maxProperties")
        node.minProperties = try reader.count("minProperties")
        if let required = reader.object["required"] {
            guard let names = required.arrayValue?.compactMap(\.stringValue), names.count == required.arrayValue?.count else {
                throw reader.error("required", "is an array of property names")
            }
            node.required = names
        }
        if let dependent = try reader.object("dependentRequired") {
            for name in dependent.keys {
                guard let names = dependent[name]?.arrayValue?.compactMap(\.stringValue), names.count == dependent[name]?.arrayValue?.count else {
                    throw reader.error("dependentRequired", "maps a property name to an array of property names")
                }
                node.dependentRequired.append(("dependentRequired", name, names))
            }
        }
    }
}

/// Reads keyword values of the expected JSON type, or throws a message naming the keyword and where it is.
private struct KeywordReader {
    let object: JSONSchemaObject
    let pointer: [String]

    func error(_ keyword: String, _ message: String) -> JSONSchemaError {
        .invalidSchema("\(keyword) at \(JSONSchemaCompiler.pointerText(pointer)) \(message)")
    }

    func string(_ keyword: String) throws -> String? {
        guard let value = object[keyword] else { return nil }
        guard let string = value.stringValue else { throw error(keyword, "must be a string, not \(value.brief(limit: 30))") }
        return string
    }

    func object(_ keyword: String) throws -> JSONSchemaObject? {
        guard let value = object[keyword] else { return nil }
        guard let members = value.objectValue else { throw error(keyword, "must be an object, not \(value.brief(limit: 30))") }
        return members
    }

    func number(_ keyword: String) throws -> JSONSchemaNumber? {
        guard let value = object[keyword] else { return nil }
        guard let number = value.numberValue else { throw error(keyword, "must be a number, not \(value.brief(limit: 30))") }
        return number
    }

    /// The length of a keyword's non-empty array of schemas.
    func schemaCount(_ keyword: String) throws -> Int {
        guard let array = object[keyword]?.arrayValue, !array.isEmpty else { throw error(keyword, "must be a non-empty array of schemas") }
        return array.count
    }

    /// A non-negative integer keyword (`maxLength`, `minItems`), or the length of an array keyword.
    func count(_ keyword: String) throws -> Int? {
        guard let value = object[keyword] else { return nil }
        guard let number = value.numberValue, number.isInteger, !number.isNegative else {
            throw error(keyword, "must be a non-negative integer, not \(value.brief(limit: 30))")
        }
        return number.count ?? Int.max
    }
}

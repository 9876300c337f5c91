import Foundation
import Testing
@testable import SondeCore

/// What a user reads when a response fails its schema: where (a JSONPath into the response and
/// the schema keyword's pointer), and what was expected against what was there; and what they
/// read when the schema itself is wrong.
@Suite struct JSONSchemaTests {
    func violations(_ schema: String, _ instance: String) throws -> [String] {
        try JSONSchema(data: Data(schema.utf8)).validate(Data(instance.utf8)).map(\.description)
    }

    func schemaError(_ schema: String) -> String {
        do {
            _ = try JSONSchema(data: Data(schema.utf8))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    static let users = #"""
        {"type": "object", "required": ["users"],
         "properties": {"users": {"type": "array", "items": {"$ref": "#/$defs/user"}}},
         "$defs": {"user": {"type": "object", "required": ["id", "email"], "additionalProperties": false,
                            "properties": {"id": {"type": "integer", "minimum": 1},
                                           "email": {"type": "string", "pattern": "^[^@]+@[^@]+$"},
                                           "odd key": true}}}}
        """#

    @Test func violationsNameTheInstancePathTheSchemaPathAndBothValues() throws {
        let instance = #"""
            {"users": [{"id": 1, "email": "a@b"}, {"id": 0, "email": "x", "odd key": 1, "role": "admin"}, {"email": 5}]}
            """#
        #expect(try violations(Self.users, instance) == [
            #"$.users[1].id: 0 is less than the minimum 1 (#/properties/users/items/$ref/properties/id/minimum)"#,
            #"$.users[1].email: "x" does not match the pattern "^[^@]+@[^@]+$" (#/properties/users/items/$ref/properties/email/pattern)"#,
            #"$.users[1].role: property "role" is not allowed (additionalProperties is false) (#/properties/users/items/$ref/additionalProperties)"#,
            #"$.users[2]: missing required property "id" (#/properties/users/items/$ref/required)"#,
            #"$.users[2].email: expected string, got integer 5 (#/properties/users/items/$ref/properties/email/type)"#,
        ])
        #expect(try violations(Self.users, #"{"users": [{"id": 2, "email": "a@b", "odd key": null}]}"#) == [])
    }

    @Test func pathsAreJSONPathsThatSondeReadsBack() throws {
        let schema = #"{"additionalProperties": {"items": {"type": "null"}}}"#
        let instance = #"{"a b": [null, 1], "it's": [2], "_ok-1": [3], "café": [4]}"#
        let found = try JSONSchema(data: Data(schema.utf8)).validate(Data(instance.utf8))
        #expect(found.map(\.instancePath) == [#"$['a b'][1]"#, #"$['it\'s'][0]"#, "$._ok-1[0]", #"$['café'][0]"#])
        let tree = try JSONTree(text: instance)
        for violation in found {
            let selected = try JSONPath(violation.instancePath).evaluate(in: tree)
            #expect(selected.count == 1, "\(violation.instancePath) selects the failing value")
        }
    }

    @Test func schemaPathsEscapePointerTokens() throws {
        #expect(try violations(#"{"properties": {"a/b~c": {"const": 1}}}"#, #"{"a/b~c": 2}"#) == [
            #"$['a/b~c']: expected 1, got 2 (#/properties/a~1b~0c/const)"#,
        ])
    }

    @Test func combinatorsReportOnceWithTheValue() throws {
        #expect(try violations(#"{"anyOf": [{"type": "string"}, {"minimum": 3}]}"#, "2") == [
            "$: 2 matches none of the 2 schemas in anyOf (#/anyOf)",
        ])
        #expect(try violations(#"{"oneOf": [{"type": "integer"}, {"minimum": 3}]}"#, "4") == [
            "$: 4 matches more than one schema in oneOf (0, 1), expected exactly one (#/oneOf)",
        ])
        #expect(try violations(#"{"not": {"enum": ["a", "b"]}}"#, #""a""#) == [#"$: "a" must not match the schema in not (#/not)"#])
        #expect(try violations(#"{"enum": ["a", "b", 1.5]}"#, "1.50") == [])
        #expect(try violations(#"{"enum": ["a", "b", 1.5]}"#, #""c""#) == [#"$: "c" is not one of ["a", "b", 1.5] (#/enum)"#])
        #expect(try violations(#"{"unevaluatedProperties": false, "allOf": [{"properties": {"a": true}}]}"#, #"{"a": 1, "b": 2}"#) == [
            #"$.b: property "b" is not allowed (unevaluatedProperties is false) (#/unevaluatedProperties)"#,
        ])
    }

    @Test func lengthsCountCodePoints() throws {
        #expect(try violations(#"{"maxLength": 2}"#, #""é😀""#) == [])
        #expect(try violations(#"{"maxLength": 1}"#, #""é😀""#) == [#"$: "é😀" is longer than 1 characters (2) (#/maxLength)"#])
        #expect(try violations(#"{"minLength": 2}"#, #""\ud83d\ude00""#) == [#"$: "😀" is shorter than 2 characters (1) (#/minLength)"#])
    }

    @Test func numbersAreExactDecimals() throws {
        #expect(try violations(#"{"type": "integer"}"#, "1.0") == [])
        #expect(try violations(#"{"type": "integer"}"#, "1e2") == [])
        #expect(try violations(#"{"type": "integer"}"#, "1.5") == ["$: expected integer, got number 1.5 (#/type)"])
        // 19.99 / 0.01 is 1998.9999999999998 in Double.
        #expect(try violations(#"{"multipleOf": 0.01}"#, "19.99") == [])
        #expect(try violations(#"{"multipleOf": 0.01}"#, "19.995") == ["$: 19.995 is not a multiple of 0.01 (#/multipleOf)"])
        #expect(try violations(#"{"multipleOf": 0.123456789}"#, "1e308") == ["$: 1e308 is not a multiple of 0.123456789 (#/multipleOf)"])
        #expect(try violations(#"{"maximum": 18446744073709551615}"#, "18446744073709551616") == [
            "$: 18446744073709551616 is greater than the maximum 18446744073709551615 (#/maximum)",
        ])
        #expect(try violations(#"{"const": 100000000000000000000000001}"#, "100000000000000000000000000") == [
            "$: expected 100000000000000000000000001, got 100000000000000000000000000 (#/const)",
        ])
        #expect(try violations(#"{"uniqueItems": true}"#, "[1, {\"a\": [2]}, 1.0]") == [
            "$: items 0 and 2 are equal (1), but uniqueItems is true (#/uniqueItems)",
        ])
        #expect(try violations(#"{"uniqueItems": true}"#, #"[{"a": 1, "b": 2}, {"b": 2, "a": 1.00}]"#).count == 1)
    }

    /// Objects compare by members in any order, small (scanned) or large (indexed); a name given
    /// twice in a response counts once, with its last value, as JavaScript's JSON.parse does.
    @Test func objectsOfAnySizeCompareByMembers() throws {
        for size in [3, 20] {
            let names = (0..<size).map { "k\($0)" }
            let forward = "{" + names.enumerated().map { "\"\($1)\": \($0)" }.joined(separator: ",") + "}"
            let backward = "{" + names.enumerated().reversed().map { "\"\($1)\": \($0).0" }.joined(separator: ",") + "}"
            #expect(try violations(#"{"uniqueItems": true}"#, "[\(forward), \(backward)]").count == 1)
            #expect(try violations("{\"const\": \(forward)}", backward) == [])
            #expect(try violations("{\"const\": \(forward)}", "{}").count == 1)
            let duplicated = "{" + names.map { "\"\($0)\": 1" }.joined(separator: ",") + ", \"k2\": \"x\"}"
            #expect(try violations(#"{"properties": {"k2": {"type": "string"}, "k1": {"type": "integer"}}, "maxProperties": 20}"#, duplicated) == [])
        }
    }

    @Test func badSchemasSayWhatAndWhere() {
        #expect(schemaError(#"{"properties": {"a": {"type": "strin"}}}"#)
            == #"invalid JSON Schema: type at #/properties/a names one of null, boolean, object, array, number, string, integer, not "strin""#)
        #expect(schemaError(#"{"minLength": -1}"#) == "invalid JSON Schema: minLength at # must be a non-negative integer, not -1")
        #expect(schemaError(#"{"$ref": "https://example.com/other.json"}"#)
            == #"invalid JSON Schema: "https://example.com/other.json" at # cannot be resolved: no document https://example.com/other.json is loaded (sonde does not fetch schemas over the network)"#)
        #expect(schemaError(##"{"$ref": "#/$defs/missing"}"##) == ##"invalid JSON Schema: "#/$defs/missing" at # cannot be resolved: nothing is there"##)
        #expect(schemaError("{\n\"type\": \"string\",\n\"type\": \"integer\"}") == #"invalid JSON Schema: duplicate member "type" at line 3"#)
        #expect(schemaError(#"{"pattern": "("}"#) == #"invalid JSON Schema: pattern "(" is not a valid regular expression"#)
        #expect(schemaError("[]") == "invalid JSON Schema: a schema is an object or a boolean, not array [], at #")
        #expect(schemaError("{").hasPrefix("invalid JSON Schema: not JSON: invalid JSON at line 1"))
    }

    @Test func instancesThatAreNotJSONOrTooDeepThrowInsteadOfCrashing() throws {
        let schema = try JSONSchema(data: Data(##"{"items": {"$ref": "#"}}"##.utf8))
        #expect(throws: JSONSchemaError.self) { try schema.validate(Data("[1,".utf8)) }
        let fine = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(try schema.validate(Data(fine.utf8)) == [])
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONSchemaError.tooDeep(256)) { try schema.validate(Data(deep.utf8)) }
    }

    @Test func aReferenceLoopThatNeverDescendsIsAnErrorNotACrash() throws {
        let schema = try JSONSchema(data: Data(##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##.utf8))
        #expect(throws: JSONSchemaError.self) { try schema.validate(Data("1".utf8)) }
    }

    /// Schemas written for draft-07 (OpenAPI 3.0's era) keep working: tuples, `additionalItems`,
    /// `definitions`, `dependencies`.
    @Test func draft07FormsAreRead() throws {
        let schema = #"""
            {"definitions": {"id": {"type": "integer"}},
             "properties": {"pair": {"items": [{"$ref": "#/definitions/id"}, {"type": "string"}], "additionalItems": false}},
             "dependencies": {"a": ["b"]}}
            """#
        #expect(try violations(schema, #"{"pair": [1, "x"]}"#) == [])
        #expect(try violations(schema, #"{"pair": ["1", "x", 3], "a": 1}"#) == [
            #"$: missing property "b", required when "a" is present (#/dependencies)"#,
            #"$.pair[0]: expected integer, got string "1" (#/properties/pair/items/0/$ref/type)"#,
            "$.pair[2]: item 2 is not allowed (at most 2 items) (#/properties/pair/additionalItems)",
        ])
    }

    @Test func metaschemaValidatesSchemas() throws {
        let meta = #"{"$ref": "https://json-schema.org/draft/2020-12/schema"}"#
        #expect(try violations(meta, #"{"properties": {"a": {"type": "integer", "minimum": 0}}}"#) == [])
        #expect(try violations(meta, #"{"properties": {"a": {"minLength": -1}}}"#).contains {
            $0.hasPrefix("$.properties.a.minLength: expected integer") || $0.hasPrefix("$.properties.a.minLength: -1 is less than the minimum 0")
        })
    }

    @Test func documentsAreTheOnlyRemoteSchemas() throws {
        let documents = try JSONSchemaDocuments(["https://example.com/id.json": Data(#"{"type": "integer", "minimum": 1}"#.utf8)])
        let schema = try JSONSchema(data: Data(#"{"properties": {"id": {"$ref": "id.json"}}}"#.utf8),
                                    baseURI: "https://example.com/user.json", documents: documents)
        #expect(try schema.validate(Data(#"{"id": 0}"#.utf8)).map(\.description) == [
            "$.id: 0 is less than the minimum 1 (#/properties/id/$ref/minimum)",
        ])
        #expect(try schema.isValid(Data(#"{"id": 3}"#.utf8)))
    }

    /// Nested anyOf with every branch evaluated (unevaluatedProperties needs their annotations):
    /// the work grows with the schema, not with the number of branch combinations.
    @Test func nestedAnyOfStaysLinear() throws {
        var schema = #"{"properties": {"leaf": {"type": "integer"}}}"#
        for level in 0..<40 {
            schema = #"{"anyOf": [{"properties": {"k\#(level)": {"type": "string"}}}, \#(schema), {"required": ["never\#(level)"]}]}"#
        }
        schema = #"{"unevaluatedProperties": false, "allOf": [\#(schema)]}"#
        let compiled = try JSONSchema(data: Data(schema.utf8))
        let start = ContinuousClock.now
        #expect(try compiled.validate(Data(#"{"leaf": 1, "k3": "x"}"#.utf8)) == [])
        #expect(try compiled.validate(Data(#"{"leaf": 1, "other": "x"}"#.utf8)).count == 1)
        #expect(ContinuousClock.now - start < .seconds(1))
    }
}

@Suite struct JSONSchemaFormatTests {
    @Test func formatsFailOnlyWhenAsserted() throws {
        let schema = Data(#"{"properties": {"users": {"items": {"properties": {"email": {"format": "email"}, "at": {"format": "date-time"}}}}}}"#.utf8)
        let instance = Data(#"{"users": [{"email": "a@b.example"}, {"email": "x", "at": "2026-02-30T10:00:00Z"}]}"#.utf8)
        #expect(try JSONSchema(data: schema).validate(instance) == [])
        let asserting = try JSONSchema(data: schema, documents: .metaschemasOnly, assertingFormats: true)
        #expect(try asserting.validate(instance).map(\.description) == [
            #"$.users[1].email: "x" is not a "email" (#/properties/users/items/properties/email/format)"#,
            #"$.users[1].at: "2026-02-30T10:00:00Z" is not a "date-time" (#/properties/users/items/properties/at/format)"#,
        ])
        // Formats sonde does not check stay annotations even when asserting.
        #expect(try JSONSchema(data: Data(#"{"format": "hostname"}"#.utf8), documents: .metaschemasOnly, assertingFormats: true)
            .validate(Data(#""not a host name!""#.utf8)) == [])
    }
}

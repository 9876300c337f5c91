// Times JSONSchema on a generated array of objects (default 10 MB): compile, then validate
// (collecting violations), CPU seconds of the fastest of 3 runs.
//
//   json-schema-bench [MEGABYTES]
import Foundation
import SondeCore

let megabytes = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10 : 10

func cpuSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

var body = "["
var count = 0
while body.utf8.count < megabytes * 1_000_000 {
    if count > 0 { body += "," }
    body += #"{"id":\#(count),"email":"user\#(count)@example.com","name":"User \#(count)","score":\#(Double(count % 1000) / 8),"tags":["a","b","c"],"active":\#(count % 2 == 0)}"#
    count += 1
}
body += "]"
let data = Data(body.utf8)

let schemaText = #"""
{"type": "array", "items": {"$ref": "#/$defs/user"},
 "$defs": {"user": {"type": "object", "required": ["id", "email", "name"], "additionalProperties": false,
   "properties": {"id": {"type": "integer", "minimum": 0}, "email": {"type": "string", "pattern": "^[^@]+@[^@]+$"},
     "name": {"type": "string", "minLength": 1, "maxLength": 100}, "score": {"type": "number", "multipleOf": 0.125},
     "tags": {"type": "array", "items": {"enum": ["a", "b", "c"]}, "uniqueItems": true}, "active": {"type": "boolean"}}}}}
"""#
let schema = try JSONSchema(data: Data(schemaText.utf8))
var best = Double.infinity
var violations: [JSONSchemaViolation] = []
for _ in 0..<3 {
    let start = cpuSeconds()
    violations = try schema.validate(data)
    best = min(best, cpuSeconds() - start)
}
print("\(data.count / 1_000_000) MB, \(count) objects: validated in \(String(format: "%.3f", best)) s CPU, \(violations.count) violations")

// Where the time goes: parsing alone (schema `true`), and the schema without its pattern.
for (label, text) in [("parse only (schema true)", "true"), ("without pattern", schemaText.replacingOccurrences(of: #", "pattern": "^[^@]+@[^@]+$""#, with: ""))] {
    let other = try JSONSchema(data: Data(text.utf8))
    var fastest = Double.infinity
    for _ in 0..<3 {
        let start = cpuSeconds()
        _ = try other.validate(data)
        fastest = min(fastest, cpuSeconds() - start)
    }
    print("  \(label): \(String(format: "%.3f", fastest)) s CPU")
}

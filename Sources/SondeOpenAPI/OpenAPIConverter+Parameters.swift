import Foundation
import SondeCore

extension OpenAPIConverter {
    /// A parameter as read: resolved, with where it goes.
    struct Parameter {
        var name: String
        var location: String
        var required: Bool
        var value: String?
        var description: String
    }

    /// Path-item parameters, then the operation's, an operation parameter replacing a shared one
    /// of the same name and location.
    mutating func mergedParameters(shared: [JSONLiteral], own: [JSONLiteral], place: String) -> [Parameter] {
        var merged: [Parameter] = []
        for raw in shared + own {
            guard let json = resolve(raw, place: place), let name = json["name"]?.string, let location = json["in"]?.string else {
                if raw["$ref"] == nil { warn(place, "a parameter without a name or in: skipped") }
                continue
            }
            for key in (json.members ?? []).map(\.key) where key.hasPrefix("x-") {
                warn(place, "parameter \(name): \(key) has no place in sonde: not imported")
            }
            if json["deprecated"]?.isTrue == true { warn(place, "parameter \(name) is deprecated: imported all the same") }
            let parameter = Parameter(
                name: name, location: location, required: location == "path" || json["required"]?.isTrue == true,
                value: parameterValue(json, place: place), description: json["description"]?.string ?? "")
            if let index = merged.firstIndex(where: { $0.name == name && $0.location == location }) {
                merged[index] = parameter
            } else {
                merged.append(parameter)
            }
        }
        return merged
    }

    /// A parameter's example value: `example`, the first of `examples`, else its schema's
    /// example, default or first enum value (also inside `content`).
    private mutating func parameterValue(_ json: JSONLiteral, place: String) -> String? {
        var value = json["example"]
        if value == nil, let first = json["examples"]?.members?.first?.value {
            value = resolve(first, place: place)?["value"]
        }
        var schema = json["schema"]
        if let content = json["content"]?.members?.first?.value {
            value = value ?? content["example"]
            schema = schema ?? content["schema"]
        }
        if value == nil, let schema, let resolved = resolve(schema, place: place) {
            value = resolved["example"] ?? resolved["examples"]?.items?.first ?? resolved["default"] ?? resolved["enum"]?.items?.first
        }
        guard let value else { return nil }
        return value.scalarText ?? value.items?.compactMap(\.scalarText).joined(separator: ",") ?? value.description
    }

    /// Path parameters as collection variables (the URL says `{{id}}`), query parameters as
    /// params (optional ones off), headers as headers and cookies as one `Cookie` header.
    mutating func apply(_ parameters: [Parameter], to definition: inout RequestDefinition, path: String, place: String) {
        var cookies: [String] = []
        for parameter in parameters {
            let value = parameter.value ?? ""
            switch parameter.location {
            case "path":
                guard path.contains("{\(parameter.name)}") else {
                    warn(place, "path parameter \(parameter.name) is not in the path \(path): skipped")
                    continue
                }
                if !pathVariables.contains(where: { $0.name == parameter.name }) {
                    if parameter.value == nil {
                        warn(place, "path parameter \(parameter.name) has no example, default or enum: the variable \(parameter.name) is empty, set it before sending")
                    }
                    pathVariables.append(KeyValue(parameter.name, value))
                }
            case "query", "querystring":
                definition.params.append(row(parameter, value: value))
            case "header":
                if ["accept", "content-type", "authorization"].contains(parameter.name.lowercased()) {
                    warn(place, "header parameter \(parameter.name) is ignored by OpenAPI (the media types and security say it): not imported")
                    continue
                }
                definition.headers.append(row(parameter, value: value))
            case "cookie":
                let cookie = ImportSecrets.looksSecret(name: parameter.name)
                    ? secrets.declaredReference(for: "", suggestedName: parameter.name) : value
                if parameter.required || parameter.value != nil { cookies.append("\(parameter.name)=\(cookie)") }
            default:
                warn(place, "parameter \(parameter.name) in \(parameter.location): sonde knows path, query, header and cookie parameters; skipped")
            }
        }
        if !cookies.isEmpty { definition.headers.append(KeyValue("Cookie", cookies.joined(separator: "; "))) }
    }

    /// A query or header row: on when required; a credential's value (by its name) is a
    /// `{{env:}}` reference, never an example.
    private mutating func row(_ parameter: Parameter, value: String) -> KeyValue {
        let stored = ImportSecrets.looksSecret(name: parameter.name)
            ? secrets.declaredReference(for: "", suggestedName: parameter.name) : value
        return KeyValue(parameter.name, stored, enabled: parameter.required)
    }
}

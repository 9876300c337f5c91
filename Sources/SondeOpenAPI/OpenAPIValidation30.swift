import Foundation
import OpenAPIKit30
import Yams

/// OpenAPIKit30's reading of a 3.0 document, as `OpenAPIValidation` for 3.1 and 3.2.
enum OpenAPIValidation30 {
    static func check(_ data: Data, syntax: OpenAPISource.Syntax) -> Result<[String], OpenAPIValidationFailure> {
        do {
            // OpenAPIKit30 keeps no warnings: a document that decodes has none to report.
            switch syntax {
            case .json: _ = try JSONDecoder().decode(OpenAPI.Document.self, from: data)
            case .yaml: _ = try YAMLDecoder().decode(OpenAPI.Document.self, from: data)
            }
            return .success([])
        } catch {
            let wrapped = OpenAPI.Error(from: error)
            return .failure(OpenAPIValidationFailure(reason: wrapped.localizedDescription, codingPath: wrapped.codingPath.map(\.stringValue)))
        }
    }
}

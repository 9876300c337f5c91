import Foundation
import OpenAPIKit
import Yams

/// OpenAPIKit's reading of a 3.1 or 3.2 document: whether it follows the specification, and
/// its warnings. A later 3.x than OpenAPIKit 6.4 knows is read as 3.2, as OpenAPIKit offers.
enum OpenAPIValidation {
    /// OpenAPIKit's warnings, or its reason and the coding path of what it could not read.
    static func check(_ data: Data, syntax: OpenAPISource.Syntax, version: String) -> Result<[String], OpenAPIValidationFailure> {
        var userInfo: [CodingUserInfoKey: Any] = [:]
        if OpenAPI.Document.Version(rawValue: version) == nil {
            userInfo[DocumentConfiguration.versionMapKey] = [version: OpenAPI.Document.Version.v3_2_0]
        }
        do {
            let document: OpenAPI.Document
            switch syntax {
            case .json:
                let decoder = JSONDecoder()
                decoder.userInfo = userInfo
                document = try decoder.decode(OpenAPI.Document.self, from: data)
            case .yaml:
                document = try YAMLDecoder().decode(OpenAPI.Document.self, from: data, userInfo: userInfo)
            }
            return .success(document.warnings.map { String(describing: $0) })
        } catch {
            let wrapped = OpenAPI.Error(from: error)
            return .failure(OpenAPIValidationFailure(reason: wrapped.localizedDescription, codingPath: wrapped.codingPath.map(\.stringValue)))
        }
    }
}

/// What OpenAPIKit could not read, and where (keys and indexes from the top).
struct OpenAPIValidationFailure: Error {
    var reason: String
    var codingPath: [String]
}

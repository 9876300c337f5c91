/// Why a `.http` file or an http-client environment file could not be converted, and where:
/// `requests.http:12: GET has no URL: write the URL after the method`.
public struct HTTPFileImportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `file:line`, or the file alone when the problem is the whole file.
    public var place: String
    public var message: String

    public init(place: String, message: String) {
        self.place = place
        self.message = message
    }

    public var description: String { "\(place): \(message)" }
}

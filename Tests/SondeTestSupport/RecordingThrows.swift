import Testing

/// Runs a property's body and records what it throws as an issue.
///
/// PropertyBased's `propertyCheck` runs its body under `try?` (since Swift 6.2), so an error
/// thrown by a case — a server that would not start, a file that could not be read — is dropped
/// and the case passes. Every property body that can throw goes through this.
public func recordingThrows(sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void) async {
    do {
        try await body()
    } catch {
        Issue.record(error, sourceLocation: sourceLocation)
    }
}

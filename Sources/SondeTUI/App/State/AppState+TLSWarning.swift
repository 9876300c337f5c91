import SondeCore

extension AppState {
    /// The badge a request with TLS verification off carries in the collections pane and the editor's title.
    static let tlsOffBadge = "⚠"
    /// The status line while such a request is selected.
    static let tlsOffWarning = "⚠ TLS verification is off for this request: any certificate is accepted"

    /// Whether `reference` would be sent without verifying TLS certificates: `verify_tls: false`
    /// on its draft, or inherited from its folders, collection or the environment in use.
    package func tlsVerificationOff(_ reference: RequestReference) -> Bool {
        guard let saved = savedRequest(reference) else { return false }
        let definition = (editor?.reference == reference ? editor?.draft : drafts[reference]?.draft) ?? saved.definition
        if let own = definition.options.verifyTLS { return !own }
        let inheritance = OptionInheritance(request: saved, collection: collections[reference.collection], environment: environment(for: reference.collection))
        return inheritance.inherited(.verifyTLS)?.value == "false"
    }
}

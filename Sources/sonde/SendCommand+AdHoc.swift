import Foundation
import SondeCore

extension SendCommand {
    /// `sonde send --url URL [-X M] [-H 'K: V']... [-d BODY | --json BODY] [--save PATH]`: the
    /// request made from the flags (`AdHocRequest`), sent as a saved one is, in a collection of
    /// its own rooted in the current folder (no defaults, no environment). Secret values the
    /// flags carried are handed over as if from the process environment, so they are masked.
    func sendAdHoc() async -> SendExitCode {
        let adHoc: AdHocRequest
        do {
            adHoc = try AdHocRequest(url: url ?? "", method: method, headers: headers, data: data, json: json)
        } catch {
            // A flag written wrong (`-H NoColon`, `-X 'GE T'`) is a wrong command line.
            return fail(.usage, error.description)
        }
        for warning in adHoc.warnings { warn(warning) }
        let folder = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let save {
            do {
                // Relative to the collections folder, as request ids are: `--save demo/users/ada`
                // is then sent again as `sonde send demo/users/ada` (it was written under the
                // current folder, where no send would find it).
                let relative = !save.hasPrefix("/")
                let file = try AdHocRequest.save(adHoc.definition, to: relative ? location.collectionsURL.appendingPathComponent(save).path : save)
                let inCollections = CollectionLoader.relativePath(file, root: location.collectionsURL)
                let shown = !relative ? file.path
                    : location.collections == "." ? inCollections : (location.collections as NSString).appendingPathComponent(inCollections)
                StandardError.write("saved the request to \(TerminalSafeText.singleLine(shown))\n")
                if !adHoc.secretValues.isEmpty {
                    let names = adHoc.secretValues.keys.sorted().joined(separator: ", ")
                    StandardError.write("its secrets are written as {{env:NAME}}: set \(TerminalSafeText.singleLine(names)) to send it again\n")
                }
            } catch {
                return fail(.outputUnwritable, error.description)
            }
        }
        let saved = SavedRequest(id: "ad-hoc", fileURL: folder.appendingPathComponent("ad-hoc.yaml"), definition: adHoc.definition)
        let collection = RequestCollection(
            name: "ad-hoc", rootURL: folder, root: RequestFolder(name: "", path: "", url: folder, requests: [saved]))
        var secretSource = SecretSource(collectionRoot: nil)
        secretSource.processEnvironment.merge(adHoc.secretValues) { _, given in given }
        let context = SendContext(
            collection: collection, environment: nil, secretSource: secretSource, overrides: overrides,
            cookieJars: nil)
        return await send(saved, in: context)
    }
}

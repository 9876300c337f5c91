import ArgumentParser
import Foundation
import SondeCore

/// Where the collections are and which environment to use; shared by the commands that load requests.
struct CollectionOptions: ParsableArguments {
    @Option(name: .long, help: "The folder of collections (or one collection).")
    var collections: String = "collections"

    @Option(name: .long, help: "The environment to use, e.g. local or staging.")
    var env: String?

    var collectionsURL: URL { URL(fileURLWithPath: collections).standardizedFileURL }
}

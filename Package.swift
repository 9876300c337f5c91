// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "sonde",
    // Linux only: libcurl, ncursesw and glibc through the C modules; no Apple platform is built or tested.
    products: [
        .executable(name: "sonde", targets: ["sonde"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // OpenAPI 3.0/3.1/3.2 documents for `sonde import`. No traits: its default
        // ExternalLoading (loading other files by URL, on Swift concurrency) is what makes it slow
        // to compile, and an import reads one file.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit", from: "6.4.0", traits: []),
        // `sonde run`'s latency percentiles in fixed memory, however many requests.
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        // C modules: the only places that see libcurl, ncursesw and zlib headers.
        .systemLibrary(
            name: "CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(
            name: "CNCurses",
            providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // The pure core: model, YAML store, templating, secrets, auth. No C, no I/O beyond files.
        .target(name: "SondeCore", dependencies: [
            .product(name: "Yams", package: "Yams"), .product(name: "Histogram", package: "hdrhistogram-swift"),
        ]),
        // The OpenAPI importer, apart from SondeCore: OpenAPIKit (three modules, ~200 files) is
        // pure Swift but slow to compile (~47 s of CPU for OpenAPIKitCore, OpenAPIKit and
        // OpenAPIKit30 in a debug build, measured), and the benches, fuzzers and TUI that build
        // on SondeCore need none of it. Only the command line links it; `Importer.convert`
        // takes its converter as an argument (`OpenAPIImporter.converters`).
        .target(name: "SondeOpenAPI", dependencies: [
            "SondeCore", .product(name: "Yams", package: "Yams"),
            .product(name: "OpenAPIKit", package: "OpenAPIKit"), .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
        ]),
        // The libcurl transport.
        .target(name: "SondeHTTP", dependencies: ["SondeCore", "CCurl"]),
        // The terminal UI (ncurses backend behind a protocol).
        .target(name: "SondeTUI", dependencies: ["SondeCore", "CNCurses"]),
        // The local demo API that the demo collection and the tests talk to.
        .target(name: "SondeDemoServer", dependencies: [
            .product(name: "FlyingFox", package: "FlyingFox"), "CZlib", "SondeCore",
        ]),
        // Position-independent, as the toolchain links it: a fixed-address (non-PIE) link made
        // `sonde send` start 12% faster (CPU 12.9 -> 11.3 ms) but took address randomisation away
        // from the code that parses what servers send; not worth it.
        .executableTarget(
            name: "sonde",
            dependencies: [
                "SondeCore", "SondeHTTP", "SondeTUI", "SondeDemoServer", "SondeOpenAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // bench/json-tree-vs-jq.sh's timer for JSONTree (parse, first screen, search, paths).
        .executableTarget(name: "json-tree-bench", dependencies: ["SondeCore"], path: "bench/JSONTreeBench"),
        // Times JSONSchema validation of a generated 10 MB array of objects.
        .executableTarget(name: "json-schema-bench", dependencies: ["SondeCore"], path: "bench/JSONSchemaBench"),
        .executableTarget(name: "tui-bench", dependencies: ["SondeCore", "SondeTUI"], path: "bench/TUIBench"),
        // bench/text-body-vs-wc.sh's timer for the text body viewer (index, wrap, draw, search).
        .executableTarget(name: "text-body-bench", dependencies: ["SondeCore", "SondeTUI"], path: "bench/TextBodyBench"),

        // What several test targets share (not shipped): secret forms, hostile and HTTP/2 servers.
        .target(name: "SondeTestSupport", path: "Tests/SondeTestSupport"),
        .testTarget(name: "SondeCoreTests", dependencies: [
            "SondeCore", "SondeTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SondeOpenAPITests", dependencies: [
            "SondeOpenAPI", "SondeCore", "SondeTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SondeHTTPTests", dependencies: ["SondeHTTP", "SondeCore", "SondeDemoServer", "SondeTestSupport"]),
        .testTarget(name: "SondeTUITests", dependencies: [
            "SondeTUI", "SondeCore", "SondeHTTP", "SondeDemoServer", "SondeTestSupport",
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "SondeCLITests", dependencies: [
            "SondeDemoServer", "SondeTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
    ]
)

// libFuzzer targets, built and run by scripts/fuzz.sh (which sets SONDE_FUZZ): in the package
// only then, so `swift build --build-tests` neither plans nor builds them.
if Context.environment["SONDE_FUZZ"] != nil {
    package.targets.append(.target(name: "LibFuzzerDriver", path: "Fuzz/LibFuzzerDriver"))
    for name in ["FuzzRequestFile", "FuzzTemplate", "FuzzJSONTree", "FuzzJSONPath", "FuzzPrettyPrint", "FuzzBruFile"] {
        package.targets.append(.executableTarget(
            name: name, dependencies: ["SondeCore", "LibFuzzerDriver"], path: "Fuzz/\(name)"))
    }
}

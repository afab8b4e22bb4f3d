// swift-tools-version:6.1
import PackageDescription

// The commit a release is built from (`git describe`), handed in by scripts/release.sh and compiled
// into CKFJobsBuild; a plain `swift build` has none. Only [A-Za-z0-9._+-] pass into the C literal.
let buildCommit = String((Context.environment["KFJOBS_COMMIT"] ?? "").filter { $0.isLetter || $0.isNumber || "._+-".contains($0) })

let package = Package(
    name: "kfjobs",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kfjobs", targets: ["kfjobs"]),
        .library(name: "KFJobs", targets: ["KFJobs"]),
        .library(name: "KeyfactorSimulator", targets: ["KeyfactorSimulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // No traits: the defaults bring the full Foundation (and its ICU data, 30 MB of a release binary)
        // and swift-configuration, neither of which the simulator uses.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
        // Already in the graph through Hummingbird; named for the simulator's Date handler.
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // The system libyaml (Debian libyaml-dev, Homebrew libyaml), bound by our own module map.
        .systemLibrary(
            name: "CLibYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The C library of the platform (Glibc, Musl or Darwin) behind one import; the POSIX calls.
        .target(name: "Portability"),
        // The commit of a release build, as a C string (see buildCommit above).
        .target(name: "CKFJobsBuild", cSettings: [.define("KFJOBS_COMMIT", to: "\"\(buildCommit)\"")]),
        // The project-wide problem type: a located diagnostic, as every library returns them.
        .target(name: "Diagnostics"),
        // libyaml events -> a tree of located nodes; limits; the YAML layer's own diagnostics.
        .target(name: "YAMLTree", dependencies: ["CLibYAML", "Diagnostics", "Portability"]),
        // Decoding located YAML into typed values: the toolkit the manifest and fleet decoders extend.
        .target(name: "LocatedDecoding", dependencies: ["Diagnostics", "YAMLTree"]),
        // The Keyfactor Command wire format: Codable types shared by the client and the simulator.
        .target(name: "KeyfactorWire"),
        // The Keyfactor Command client over AsyncHTTPClient: auth, TLS, paging, errors, configuration.
        .target(
            name: "KeyfactorAPI",
            dependencies: [
                // YAMLTree reads command_config files written as YAML.
                "KeyfactorWire", "YAMLTree", "Portability",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The offline manifest layer: decoding, templates, matrices, expansion into job instances; what
        // `kfjobs validate` runs. No HTTP, no crypto: it builds alone, and fuzz/fuzz.sh compiles it whole.
        .target(name: "KFJobsManifest", dependencies: ["Diagnostics", "LocatedDecoding", "YAMLTree", "KeyfactorWire", "Portability"]),
        // The domain: concrete jobs and their fingerprints, planning, submission, the ledger, status.
        // Never prints.
        .target(
            name: "KFJobs",
            dependencies: [
                "Diagnostics", "LocatedDecoding", "YAMLTree", "KFJobsManifest", "KeyfactorWire", "KeyfactorAPI", "Portability",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A faithful stand-in for Keyfactor Command on 127.0.0.1.
        .target(
            name: "KeyfactorSimulator",
            dependencies: [
                "Diagnostics", "KeyfactorWire", "LocatedDecoding", "YAMLTree", "Portability",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        // The command line: the only target that prints, reads argv or the environment.
        .executableTarget(
            name: "kfjobs",
            dependencies: [
                "Diagnostics", "KFJobs", "KFJobsManifest", "KeyfactorAPI", "KeyfactorWire", "KeyfactorSimulator",
                "YAMLTree", "Portability", "CKFJobsBuild",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // Helpers the test targets share (independent checkers run through python3).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // The harness of the suites that run the built binary: the process runner and an in-process
        // simulator that outlives a killed kfjobs.
        .target(
            name: "BinaryTestSupport",
            dependencies: [
                "KeyfactorSimulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            path: "Tests/BinaryTestSupport"
        ),
        // A CONNECT proxy on 127.0.0.1 for the proxy tests (optionally demanding credentials; counts tunnels).
        .target(
            name: "TestProxy",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/TestProxy"
        ),
        .testTarget(name: "YAMLTreeTests", dependencies: ["Diagnostics", "YAMLTree", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "KeyfactorAPITests",
            dependencies: [
                "KeyfactorAPI", "KeyfactorWire", "KeyfactorSimulator", "TestProxy",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "KFJobsTests",
            dependencies: [
                "Diagnostics", "KFJobs", "KFJobsManifest", "LocatedDecoding", "YAMLTree", "KeyfactorWire", "KeyfactorSimulator",
                "Portability", "TestSupport",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "KeyfactorSimulatorTests",
            dependencies: [
                "KeyfactorSimulator", "KeyfactorWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Runs the built `kfjobs` binary as a user would.
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "TestSupport", "BinaryTestSupport", "TestProxy",
                "kfjobs", "KeyfactorSimulator", "KFJobs",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // What the client sends and the simulator answers, against Keyfactor's published OpenAPI
        // document (a fixture derived from it; python's jsonschema) and schemathesis.sh over the simulator.
        .testTarget(
            name: "ContractTests",
            dependencies: [
                "KFJobs", "KeyfactorAPI", "KeyfactorWire", "TestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fixtures", "derive-operations.py", "contract-check.py", "schemathesis.sh"]
        ),
        // Exactly-once under faults and kill -9, and no secret in any output: a short form for CI,
        // a long one with KFJOBS_RELIABILITY=long (RELIABILITY.md).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["BinaryTestSupport", "TestSupport", "kfjobs", "KeyfactorSimulator", "KFJobs"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

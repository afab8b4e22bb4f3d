// swift-tools-version:6.0
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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.30.0"),
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
        // libyaml events -> a tree of located nodes; diagnostics; limits.
        .target(name: "YAMLTree", dependencies: ["CLibYAML", "Portability"]),
        // The Keyfactor Command wire format: Codable types shared by the client and the simulator.
        .target(name: "KeyfactorWire"),
        // The Keyfactor Command client over AsyncHTTPClient: auth, TLS, paging, errors, configuration.
        .target(
            name: "KeyfactorAPI",
            dependencies: [
                "KeyfactorWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The domain: manifests, planning, submission, the ledger. Never prints.
        .target(
            name: "KFJobs",
            dependencies: [
                "YAMLTree", "KeyfactorWire", "KeyfactorAPI", "Portability",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A faithful stand-in for Keyfactor Command on 127.0.0.1.
        .target(
            name: "KeyfactorSimulator",
            dependencies: [
                "KeyfactorWire", "YAMLTree",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The command line: the only target that prints, reads argv or the environment.
        .executableTarget(
            name: "kfjobs",
            dependencies: [
                "KFJobs", "KeyfactorAPI", "KeyfactorSimulator", "YAMLTree", "Portability", "CKFJobsBuild",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // bench/yaml-load.sh: loads a file with YAMLTree alone and prints its node count and load time.
        .executableTarget(name: "yaml-bench", dependencies: ["YAMLTree"], path: "bench/yaml-load/yaml-bench"),
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
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "KeyfactorAPITests",
            dependencies: [
                "KeyfactorAPI", "KeyfactorWire",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "KFJobsTests",
            dependencies: [
                "KFJobs", "YAMLTree", "KeyfactorSimulator", "TestSupport",
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
                "TestSupport", "BinaryTestSupport",
                "kfjobs", "KeyfactorSimulator", "KFJobs",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // Exactly-once under faults and kill -9, and no secret in any output: a short form for CI,
        // a long one with KFJOBS_RELIABILITY=long (RELIABILITY.md).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["BinaryTestSupport", "kfjobs", "KeyfactorSimulator", "KFJobs"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

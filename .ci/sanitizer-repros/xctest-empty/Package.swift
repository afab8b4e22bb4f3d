// swift-tools-version:6.0
// An empty package: LeakSanitizer still reports libXCTest's own objects in the XCTest pass of `swift test`.
import PackageDescription
let package = Package(name: "Empty", targets: [.target(name: "Empty"), .testTarget(name: "EmptyTests", dependencies: ["Empty"])])

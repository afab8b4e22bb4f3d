// swift-tools-version:6.0
// LeakSanitizer and ArgumentParser's usage error: see main.swift and ../run.
import PackageDescription

let package = Package(
    name: "ap",
    dependencies: [.package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")],
    targets: [.executableTarget(name: "ap", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")])]
)

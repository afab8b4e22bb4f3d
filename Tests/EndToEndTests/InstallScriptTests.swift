import BinaryTestSupport
import Foundation
import TestSupport
import Testing

/// A release download site on 127.0.0.1 (`Tests/ReleaseServer/release_server.py`): the files of a
/// folder laid out as GitHub's release downloads, and `releases/latest` redirecting to a tag.
final class ReleaseServer: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    let port: Int

    /// Starts serving `root`, with `latest` as the version `releases/latest` leads to.
    init(root: URL, latest: String) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", KFJobsProcess.packageRoot.appendingPathComponent("Tests/ReleaseServer/release_server.py").path, root.path, latest,
        ]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        // The server's first line is its port; it is printed once the socket is bound.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw HarnessError(message: "release_server.py printed no port: \(String(decoding: line, as: UTF8.self))")
        }
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)/releases/download" }

    func stop() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

extension BinaryTests {
    /// `scripts/install.sh` and the action's steps (`scripts/action-*.sh`), run as a user and the
    /// runner would, against a local release site holding a release packaged from the built binary.
    @Suite("install script and GitHub Action (binary)", .serialized)
    final class InstallScriptTests {
        let scratch = ScratchDirectory("kfjobs-install")
        let server: ReleaseServer
        /// Where the scripts may put temporary files: it must be empty after every run.
        let temporary: URL

        static let script = KFJobsProcess.packageRoot.appendingPathComponent("scripts/install.sh")
        static let sh = URL(fileURLWithPath: "/bin/sh")

        /// The site, made once per test process under .build: 0.1.0 packaged by scripts/package.sh from
        /// the built binary (the latest), 0.0.9 with a tarball that does not match its checksum.
        static let site = Task { () throws -> URL in
            let site = KFJobsProcess.packageRoot.appendingPathComponent(".build/install-test-site")
            try? FileManager.default.removeItem(at: site)
            let good = site.appendingPathComponent("releases/download/v0.1.0")
            let package = try await KFJobsProcess.runTool(
                KFJobsProcess.packageRoot.appendingPathComponent("scripts/package.sh"),
                ["--binary", KFJobsProcess.binary.path, "--version", "0.1.0", "--compression", "1", "--out", good.path])
            guard package.status == 0 else { throw HarnessError(message: "package.sh: \(package.stderr)") }
            let corrupt = site.appendingPathComponent("releases/download/v0.0.9")
            try FileManager.default.createDirectory(at: corrupt, withIntermediateDirectories: true)
            var tarball = try Data(contentsOf: good.appendingPathComponent("kfjobs-0.1.0-linux-x86_64.tar.gz"))
            tarball[tarball.count / 2] ^= 0xFF
            try tarball.write(to: corrupt.appendingPathComponent("kfjobs-0.0.9-linux-x86_64.tar.gz"))
            let checksum = try String(contentsOf: good.appendingPathComponent("kfjobs-0.1.0-linux-x86_64.tar.gz.sha256"), encoding: .utf8)
            try checksum.replacingOccurrences(of: "0.1.0", with: "0.0.9")
                .write(to: corrupt.appendingPathComponent("kfjobs-0.0.9-linux-x86_64.tar.gz.sha256"), atomically: true, encoding: .utf8)
            return site
        }

        init() async throws {
            temporary = scratch.url.appendingPathComponent("tmp")
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            server = try ReleaseServer(root: try await Self.site.value, latest: "0.1.0")
        }

        deinit { server.stop() }

        var prefix: URL { scratch.url.appendingPathComponent("prefix") }

        func install(_ arguments: [String]) async throws -> KFJobsProcess.Result {
            try await KFJobsProcess.runTool(Self.sh, [Self.script.path] + arguments, environment: ["TMPDIR": temporary.path])
        }

        func leftovers() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: temporary.path)
        }

        @Test func installsTheLatestReleaseUnderThePrefix() async throws {
            let result = try await install(["--base-url", server.baseURL, "--prefix", prefix.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("installed kfjobs 0.1.0 to \(prefix.path)/bin/kfjobs"), "\(result.stdout)")
            #expect(result.stdout.contains("export PATH=\"\(prefix.path)/bin:$PATH\""), "\(result.stdout)")
            let version = try await KFJobsProcess.runTool(prefix.appendingPathComponent("bin/kfjobs"), ["--version"])
            #expect(version.stdout.hasPrefix("0.1.0 ("), "\(version.stdout)")
            for file in ["share/bash-completion/completions/kfjobs", "share/zsh/site-functions/_kfjobs", "share/fish/vendor_completions.d/kfjobs.fish"] {
                let text = try String(contentsOf: prefix.appendingPathComponent(file), encoding: .utf8)
                #expect(text.contains("kfjobs"), "\(file)")
            }
            #expect(try leftovers().isEmpty)
        }

        @Test func aCorruptedTarballIsRefusedAndNothingIsLeftBehind() async throws {
            let result = try await install(["--version", "0.0.9", "--base-url", server.baseURL, "--prefix", prefix.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("checksum mismatch for \(server.baseURL)/v0.0.9/kfjobs-0.0.9-linux-x86_64.tar.gz"), "\(result.stderr)")
            #expect(result.stderr.contains("nothing was installed"))
            #expect(!FileManager.default.fileExists(atPath: prefix.path))
            #expect(try leftovers().isEmpty)
        }

        @Test func aMissingVersionNamesTheURL() async throws {
            let result = try await install(["--version", "v9.9.9", "--base-url", server.baseURL, "--prefix", prefix.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains("cannot download \(server.baseURL)/v9.9.9/kfjobs-9.9.9-linux-x86_64.tar.gz.sha256"), "\(result.stderr)")
            #expect(result.stderr.contains("404"), "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: prefix.path))
            #expect(try leftovers().isEmpty)
        }

        @Test(arguments: [["--version", "0.1.0"], []])
        func anUnreachableURLIsAnError(version: [String]) async throws {
            // Port 9 (discard) on loopback: nothing listens there, so the connection is refused.
            let unreachable = "http://127.0.0.1:9/releases/download"
            let result = try await install(version + ["--base-url", unreachable, "--prefix", prefix.path])
            #expect(result.status == 1)
            #expect(result.stderr.contains(version.isEmpty ? "cannot find the latest release at http://127.0.0.1:9/releases/latest" : "cannot download \(unreachable)/v0.1.0/"),
                    "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: prefix.path))
            #expect(try leftovers().isEmpty)
        }

        /// The action's install step puts kfjobs in the runner's tool cache and on GITHUB_PATH, and a
        /// second job finds it there without downloading; the run step passes `args` as words, unexpanded.
        @Test func theActionsStepsInstallIntoTheToolCacheAndRunKFJobs() async throws {
            let action = try String(contentsOf: KFJobsProcess.packageRoot.appendingPathComponent("action.yml"), encoding: .utf8)
            for needed in ["using: composite", "scripts/action-install.sh", "scripts/action-run.sh", "KFJOBS_ARGS: ${{ inputs.args }}",
                           "KFJOBS_VERSION: ${{ inputs.version }}", "working-directory: ${{ inputs.working-directory }}"] {
                #expect(action.contains(needed), "action.yml: \(needed)")
            }
            let toolCache = scratch.url.appendingPathComponent("toolcache")
            let githubPath = scratch.url.appendingPathComponent("github_path")
            let githubOutput = scratch.url.appendingPathComponent("github_output")
            let installStep = KFJobsProcess.packageRoot.appendingPathComponent("scripts/action-install.sh")
            func runInstall(_ version: String, _ baseURL: String) async throws -> KFJobsProcess.Result {
                try await KFJobsProcess.runTool(Self.sh, [installStep.path], environment: [
                    "KFJOBS_VERSION": version, "KFJOBS_BASE_URL": baseURL, "RUNNER_TOOL_CACHE": toolCache.path,
                    "GITHUB_PATH": githubPath.path, "GITHUB_OUTPUT": githubOutput.path, "TMPDIR": temporary.path,
                ])
            }
            let first = try await runInstall("latest", server.baseURL)
            #expect(first.status == 0, "\(first.stderr)")
            let bin = toolCache.appendingPathComponent("kfjobs/0.1.0/x64/bin")
            #expect(try String(contentsOf: githubPath, encoding: .utf8) == bin.path + "\n")
            #expect(try String(contentsOf: githubOutput, encoding: .utf8) == "version=0.1.0\n")
            #expect(FileManager.default.fileExists(atPath: toolCache.appendingPathComponent("kfjobs/0.1.0/x64.complete").path))

            // From the cache: the release site is not reachable any more, and not needed.
            let second = try await runInstall("0.1.0", "http://127.0.0.1:9/releases/download")
            #expect(second.status == 0, "\(second.stderr)")
            #expect(second.stdout.contains("kfjobs 0.1.0 found in the tool cache"), "\(second.stdout)")
            #expect(try leftovers().isEmpty)

            let runStep = KFJobsProcess.packageRoot.appendingPathComponent("scripts/action-run.sh")
            let path = bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            let validate = try await KFJobsProcess.runTool(
                runStep, [], environment: ["PATH": path, "KFJOBS_ARGS": "validate  \"examples/fetch-logs.yaml\""])
            #expect(validate.status == 0, "\(validate.stderr)")
            // Quotes group words; nothing in args is run by a shell.
            let marker = scratch.url.appendingPathComponent("ran")
            let hostile = try await KFJobsProcess.runTool(
                runStep, [], environment: ["PATH": path, "KFJOBS_ARGS": "validate \"$(touch \(marker.path))\""])
            #expect(hostile.status != 0)
            #expect(hostile.stderr.contains("$(touch"), "\(hostile.stderr)")
            #expect(!FileManager.default.fileExists(atPath: marker.path))
        }
    }
}

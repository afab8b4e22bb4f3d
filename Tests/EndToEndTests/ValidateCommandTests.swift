import BinaryTestSupport
import Foundation
import Testing

/// `kfjobs validate` as a user runs it: exit codes, located errors with a caret, all errors at once.
@Suite("kfjobs validate (binary)")
struct ValidateCommandTests {
    @Test func brokenYAMLPrintsALocatedErrorWithTheSourceLineAndACaret() throws {
        let result = try KFJobsProcess.run(["validate", "-"], stdin: "jobs:\n  name: a\n  kind: b: c\n")
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "<stdin>:3:10: error: mapping values are not allowed in this context")
        #expect(lines.dropFirst().first == "  kind: b: c")
        #expect(lines.dropFirst(2).first == "         ^")
        #expect(result.stdout.isEmpty)
    }

    @Test func everyErrorIsReportedNotJustTheFirst() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kfjobs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("a: 1\na: 2\n".utf8).write(to: directory.appendingPathComponent("one.yaml"))
        try Data("b: [1\n".utf8).write(to: directory.appendingPathComponent("two.yaml"))
        let result = try KFJobsProcess.run(["validate", "one.yaml", "two.yaml", "missing.yaml"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("one.yaml:2:1: error: duplicate key 'a'"))
        #expect(result.stderr.contains("one.yaml:1:1: note: first defined here"))
        #expect(result.stderr.contains("two.yaml:2:1: error: did not find expected ',' or ']'"))
        #expect(result.stderr.contains("error: no such file or directory: missing.yaml"))
        #expect(result.stderr.contains("3 errors"))
    }

    @Test func commentOnlyFileHasNoManifest() throws {
        let result = try KFJobsProcess.run(["validate", "-"], stdin: "# nothing\n")
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("<stdin>:1:1: error: no manifest in <stdin>"))
    }

    @Test func usageErrorExits64() throws {
        #expect(try KFJobsProcess.run(["validate"]).status == 64)
        #expect(try KFJobsProcess.run(["validate", "--no-such-flag", "x.yaml"]).status == 64)
        #expect(try KFJobsProcess.run(["validate", "--max-input-size", "0", "x.yaml"]).status == 64)
    }

    @Test func githubAnnotationsWhenRunningInActions() throws {
        let result = try KFJobsProcess.run(["validate", "-"], stdin: "a: [\n", environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.stderr.contains("::error file=<stdin>,line=2,col=1::"))
    }
}

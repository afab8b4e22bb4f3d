import Foundation
import TestSupport
import Testing

/// The checkers' virtual environment (Tests/python-checkers.py): made once under its lock by whichever
/// of several processes starting together takes it first, reused, made again when the requirements
/// change or when a previous attempt was cut short, and one clear error without python3.
/// These use requirements with no packages, so each environment is made in about a second, without pip.
struct PythonEnvironmentTests {
    @Test func severalProcessesStartingTogetherMakeItOnceAndReuseIt() throws {
        _ = try PythonCheck.interpreter()  // without python3: one failure for the whole run, the rest cancelled
        let scratch = ScratchDirectory("kfjobs-python-environment")
        let venv = try scratch.path("env")
        let requirements = URL(fileURLWithPath: try scratch.path("requirements.txt"))
        try Data("# no packages\n".utf8).write(to: requirements)

        let runs = try Self.startTogether(6, venv: venv, requirements: requirements.path, in: scratch.url)
        #expect(runs.allSatisfy { $0.status == 0 }, "\(runs.map(\.stderr))")
        #expect(runs.filter { $0.stderr.contains("python-checkers: created \(venv)") }.count == 1, "\(runs.map(\.stderr))")
        #expect(Set(runs.map(\.stdout)) == [venv + "/bin/python"])
        let python = try PythonEnvironment.prepare(venv: venv, requirements: requirements.path)
        #expect(python == (venv + "/bin/python", false))
        #expect(try PythonEnvironment.run([python.python, "-c", "import sys; print(sys.prefix)"]).stdout == venv)

        try Data("# no packages\n# changed\n".utf8).write(to: requirements)
        #expect(try PythonEnvironment.prepare(venv: venv, requirements: requirements.path).created)
        #expect(try PythonEnvironment.prepare(venv: venv, requirements: requirements.path).created == false)
    }

    @Test func aHalfMadeEnvironmentIsMadeAgain() throws {
        _ = try PythonCheck.interpreter()
        let scratch = ScratchDirectory("kfjobs-python-environment")
        let venv = URL(fileURLWithPath: try scratch.path("env"))
        let requirements = URL(fileURLWithPath: try scratch.path("requirements.txt"))
        try Data("# no packages\n".utf8).write(to: requirements)
        // What an interrupted first run leaves: the directory, no record of what it was made from.
        try FileManager.default.createDirectory(at: venv.appendingPathComponent("bin"), withIntermediateDirectories: true)
        try Data().write(to: venv.appendingPathComponent("leftover"))

        #expect(try PythonEnvironment.prepare(venv: venv.path, requirements: requirements.path).created)
        #expect(!FileManager.default.fileExists(atPath: venv.appendingPathComponent("leftover").path))
    }

    @Test func withoutPython3TheErrorSaysWhatToInstall() throws {
        let scratch = ScratchDirectory("kfjobs-python-environment")
        #expect {
            try PythonEnvironment.prepare(venv: try scratch.path("env"), path: scratch.url.path)
        } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("python3 not found on PATH") && message.contains("apt-get install python3 python3-venv")
        }
    }

    /// The real environment has the pinned versions of the four checkers the tests use.
    @Test func theCheckersEnvironmentHasThePinnedCheckers() throws {
        let requirements = try String(contentsOf: PythonEnvironment.packageRoot.appendingPathComponent("Tests/python-checkers.txt"), encoding: .utf8)
        let pins = requirements.split(separator: "\n").filter { !$0.hasPrefix("#") && $0.contains("==") }.map(String.init)
        #expect(pins.count >= 4)
        let script = """
        import sys
        from importlib.metadata import version
        print(" ".join(pin for pin in sys.argv[1:] if version(pin.split("==")[0]) != pin.split("==")[1]) or "all pinned")
        """
        #expect(try PythonCheck.run(script, arguments: pins) == "all pinned")
        #expect(try PythonCheck.run("import yaml, jsonschema, xmlschema, schemathesis; print(yaml.__with_libyaml__)") == "True")
    }

    /// Starts `count` runs of the script at once (processes, each taking the lock for itself), then
    /// waits for all of them.
    static func startTogether(_ count: Int, venv: String, requirements: String, in directory: URL) throws -> [(status: Int32, stdout: String, stderr: String)] {
        let script = PythonEnvironment.packageRoot.appendingPathComponent("Tests/python-checkers.py").path
        let started = try (0..<count).map { index -> (Process, URL, URL) in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, "--venv", venv, "--requirements", requirements]
            let out = directory.appendingPathComponent("out-\(index)")
            let err = directory.appendingPathComponent("err-\(index)")
            FileManager.default.createFile(atPath: out.path, contents: nil)
            FileManager.default.createFile(atPath: err.path, contents: nil)
            process.standardOutput = try FileHandle(forWritingTo: out)
            process.standardError = try FileHandle(forWritingTo: err)
            try process.run()
            return (process, out, err)
        }
        return try started.map { process, out, err in
            process.waitUntilExit()
            let read = { (url: URL) in try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
            return (process.terminationStatus, try read(out), try read(err))
        }
    }
}

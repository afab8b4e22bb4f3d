import Foundation

/// Runs a small python3 program as an independent checker (PyYAML, jsonschema, xmlschema) and
/// returns what it printed, trimmed. Shared by the test targets, which each check against a reader
/// that is not ours.
public enum PythonCheck {
    /// Runs `python3 -c script arguments...` with `input` on its standard input.
    /// A failing interpreter (a module missing, say) is reported in the returned text, so the
    /// expectation that reads it fails with the reason.
    public static func run(_ script: String, arguments: [String] = [], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 ? text : "python3 failed (exit \(process.terminationStatus)): \(text)"
    }
}

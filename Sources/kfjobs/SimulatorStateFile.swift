import Foundation
import KeyfactorSimulator
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded simulator's saved state beside a ledger (`LEDGER.simulator.json`), so that `--simulate`
/// commands follow the same jobs as against one long-running server.
///
/// Read and written only under the ledger's lock (by the commands that hold it); written whole to a
/// temporary file, fsync'ed, renamed over the old one and the directory fsync'ed, so a `kill -9` at
/// any instant leaves either the old state or the new one, never a torn file. Mode 0600; it holds job
/// names and ids, never field values (the snapshot has none).
enum SimulatorStateFile {
    /// `kfjobs-ledger.jsonl` → `kfjobs-ledger.jsonl.simulator.json`.
    static func path(forLedger ledger: String) -> String {
        ledger + ".simulator.json"
    }

    /// The saved state, or `nil` when there is none yet. A file that is not a state file, or is
    /// damaged, is a failure (exit 3) that says what to do.
    static func load(_ path: String) throws -> SimulatorStoreSnapshot? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandFailure(message: "cannot read the simulator state \(path); check its permissions, or run with --fresh", exitCode: 3)
        }
        do {
            return try SimulatorStoreSnapshot.decode(Array(data))
        } catch {
            throw CommandFailure(
                message: "\(path) is \(error.message); move it aside, or run with --fresh to start the simulator empty",
                exitCode: 3)
        }
    }

    /// Writes `snapshot` atomically: temporary file, fsync, rename, fsync of the directory.
    static func save(_ snapshot: SimulatorStoreSnapshot, to path: String) throws {
        let temporary = path + ".tmp"
        let bytes = snapshot.encoded()
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else {
                let failed = failure("write", temporary)
                close(descriptor)
                throw failed
            }
            offset += written
        }
        // The mode of a file that existed before (an older kfjobs, an editor) is put right too.
        guard fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            let failed = failure("fsync", temporary)
            close(descriptor)
            throw failed
        }
        close(descriptor)
        TestCrashPoint.reached("simulator-state-before-rename")
        guard rename(temporary, path) == 0 else { throw failure("rename", temporary) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    private static func failure(_ operation: String, _ path: String) -> CommandFailure {
        let reason = String(cString: strerror(errno))
        return CommandFailure(message: "cannot \(operation) the simulator state \(path): \(reason.prefix(1).lowercased() + reason.dropFirst())", exitCode: 3)
    }
}

/// Where the end-to-end tests may have kfjobs `kill -9` itself, to prove a crash at that instant
/// leaves every file usable: `KFJOBS_TEST_KILL_AT=NAME`. Unset (always, outside those tests), nothing happens.
enum TestCrashPoint {
    private static let chosen = ProcessEnvironment.current["KFJOBS_TEST_KILL_AT"]

    static func reached(_ name: String) {
        if chosen == name { kill(getpid(), SIGKILL) }
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorSimulator
import Synchronization
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

    /// Whether a save failed in this process (the command then exits 3).
    static let saveFailed = Atomic<Bool>(false)

    /// The space a job takes in the state file at most (its record and its history entry), with room to spare.
    static let bytesPerJob = 2_048

    /// Sets aside room for the next save (the state as it is, plus `jobs` more) in the temporary
    /// file the save writes: a command that is about to create jobs on the sandbox finds out that
    /// the disk is full before it creates any, rather than after, when the simulator could not keep
    /// them. Fails with exit 3 and the system's reason (`No space left on device`).
    static func reserve(_ path: String, jobs: Int) throws {
        let temporary = path + ".tmp"
        var existing = stat()
        let current = stat(path, &existing) == 0 ? Int(existing.st_size) : 0
        let bytes = current + jobs * bytesPerJob + 64 * 1024
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("reserve space for", temporary) }
        defer { close(descriptor) }
        var result = posix_fallocate(descriptor, 0, off_t(bytes))
        if result == EOPNOTSUPP || result == EINVAL {
            // A file system without fallocate: the same by writing.
            result = 0
            let zeros = [UInt8](repeating: 0, count: 64 * 1024)
            var offset = 0
            while offset < bytes {
                let count = min(zeros.count, bytes - offset)
                let written = zeros.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, count, off_t(offset)) }
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { result = errno; break }
                offset += written
            }
        }
        guard result == 0 else {
            errno = result
            let failed = failure("reserve space for", temporary)
            _ = unlink(temporary)
            throw failed
        }
    }

    /// Writes `snapshot` atomically: temporary file, fsync, rename, fsync of the directory. The
    /// temporary file may be one `reserve` set aside: it is written over from the start and cut to
    /// length, so the space reserved is what the write uses. On a failure it is removed (a full disk
    /// gets its space back).
    static func save(_ snapshot: SimulatorStoreSnapshot, to path: String) throws {
        let temporary = path + ".tmp"
        do {
            try write(snapshot.encoded(), to: temporary)
        } catch {
            _ = unlink(temporary)
            saveFailed.store(true, ordering: .relaxed)
            throw error
        }
        TestCrashPoint.reached("simulator-state-before-rename")
        guard rename(temporary, path) == 0 else {
            saveFailed.store(true, ordering: .relaxed)
            throw failure("rename", temporary)
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let folder = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    private static func write(_ bytes: [UInt8], to temporary: String) throws {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("create", temporary) }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress.map { $0 + offset }, bytes.count - offset, off_t(offset)) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw failure("write", temporary) }
            offset += written
        }
        // The mode of a file that existed before (an older kfjobs, an editor) is put right too.
        guard ftruncate(descriptor, off_t(bytes.count)) == 0, fchmod(descriptor, 0o600) == 0, fsync(descriptor) == 0 else {
            throw failure("fsync", temporary)
        }
    }

    private static func failure(_ operation: String, _ path: String) -> CommandFailure {
        let code = errno
        // The system's words as it says them (`No space left on device`), as the ledger's messages do.
        let advice = code == ENOSPC || code == EDQUOT
            ? "free space on its file system, then run again (or run with --fresh)" : "check its folder and permissions, or run with --fresh"
        return CommandFailure(message: "cannot \(operation) the simulator state \(path): \(String(cString: strerror(code))); \(advice)", exitCode: 3)
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

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import NIOConcurrencyHelpers
import Portability

/// The ledger file of one apply: held under an exclusive lock, repaired if its last line is torn,
/// appended to in whole lines, made durable with `fsync` when asked.
///
/// One writer at a time: the lock is an `flock` on the sidecar `FILE.lock`, which also holds a line
/// naming its holder so that a second apply can say who has it. The kernel releases the lock when the
/// holder dies, so a `kill -9` never leaves a stale lock behind.
public final class LedgerFile: Sendable {
    public let path: String
    private let state: NIOLockedValueBox<Descriptors>

    private struct Descriptors {
        var file: Int32
        var lock: Int32
    }

    /// What was in the file when it was opened (its latest state, read as it streamed), and whether
    /// a torn last line was cut off.
    public struct Opened: Sendable {
        public var file: LedgerFile
        public var state: LedgerState
        /// The bytes of a torn last line that was removed, if there was one (a crash mid-write).
        public var removedTornLine: String?
    }

    private init(path: String, file: Int32, lock: Int32) {
        self.path = path
        self.state = NIOLockedValueBox(Descriptors(file: file, lock: lock))
    }

    deinit {
        state.withLockedValue { descriptors in
            if descriptors.file >= 0 { _ = SystemCall.close(descriptors.file) }
            if descriptors.lock >= 0 { _ = SystemCall.close(descriptors.lock) }
        }
    }

    /// Opens (creating it and fsync'ing its directory if new) and locks the ledger at `path`.
    ///
    /// - Parameters:
    ///   - holder: a line naming this process (pid, host, run id), written into the lock file.
    ///   - readsState: read the ledger's state (and repair a torn last line); `false` only locks, for
    ///     a command that read the ledger already and writes nothing to it.
    public static func open(path: String, holder: String, readsState: Bool = true) throws(LedgerError) -> Opened {
        let lockPath = path + ".lock"
        let lock = SystemCall.open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw .io(path: lockPath, operation: "open the lock of", errno: errno) }
        guard flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            let holderText = readAll(lock).trimmingWhitespaceAndNewlines()
            _ = SystemCall.close(lock)
            throw .locked(path: path, holder: holderText.isEmpty ? "holder unknown" : holderText)
        }
        _ = ftruncate(lock, 0)
        _ = pwriteAll(lock, Array((holder + "\n").utf8), offset: 0)

        let existed = access(path, F_OK) == 0
        let file = SystemCall.open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard file >= 0 else {
            let code = errno
            _ = SystemCall.close(lock)
            throw .io(path: path, operation: "open", errno: code)
        }
        if !existed { syncDirectory(of: path) }
        let ledger = LedgerFile(path: path, file: file, lock: lock)
        var state = LedgerState()
        guard readsState else { return Opened(file: ledger, state: state, removedTornLine: nil) }
        let tail = try LedgerParser.stream(descriptor: file, path: path, into: &state)
        if let torn = tail.tornLine {
            // Under the lock, so no other writer can be appending while the tail is cut.
            guard ftruncate(file, off_t(tail.validLength)) == 0, fsync(file) == 0 else {
                throw .io(path: path, operation: "repair the torn last line of", errno: errno)
            }
            return Opened(file: ledger, state: state, removedTornLine: String(decoding: torn, as: UTF8.self))
        }
        return Opened(file: ledger, state: state, removedTornLine: nil)
    }

    /// Appends `records`, one JSON line each, in a single write; `durable` also waits for `fsync`.
    public func append(_ records: [LedgerRecord], durable: Bool) throws(LedgerError) {
        guard !records.isEmpty else { return }
        // Encoded before taking the lock: the lock only covers the write.
        var bytes: [UInt8] = []
        for record in records {
            bytes += LedgerCoding.encode(record)
            bytes.append(UInt8(ascii: "\n"))
        }
        // The lock's `withLockedValue` rethrows untyped errors: a `Result` carries the typed one through.
        try state.withLockedValue { descriptors in
            Result { () throws(LedgerError) in
                guard descriptors.file >= 0 else { throw .io(path: path, operation: "write to a closed", errno: EBADF) }
                guard SystemCall.writeAll(descriptors.file, bytes) else { throw .io(path: path, operation: "write", errno: errno) }
                if durable, fsync(descriptors.file) != 0 { throw .io(path: path, operation: "fsync", errno: errno) }
            }
        }.get()
    }

    /// Makes everything appended so far durable.
    public func sync() throws(LedgerError) {
        try state.withLockedValue { descriptors in
            Result { () throws(LedgerError) in
                if descriptors.file >= 0, fsync(descriptors.file) != 0 { throw .io(path: path, operation: "fsync", errno: errno) }
            }
        }.get()
    }

    /// Syncs, closes the file and releases the lock.
    public func close() {
        state.withLockedValue { descriptors in
            if descriptors.file >= 0 {
                _ = fsync(descriptors.file)
                _ = SystemCall.close(descriptors.file)
                descriptors.file = -1
            }
            if descriptors.lock >= 0 {
                _ = SystemCall.close(descriptors.lock)
                descriptors.lock = -1
            }
        }
    }

    private static func pwriteAll(_ descriptor: Int32, _ bytes: [UInt8], offset: off_t) -> Bool {
        bytes.withUnsafeBytes { buffer in pwrite(descriptor, buffer.baseAddress, bytes.count, offset) == bytes.count }
    }

    private static func readAll(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, offset) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
            offset += off_t(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A new file's name is durable only once its directory is synced.
    static func syncDirectory(of path: String) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = SystemCall.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = SystemCall.close(descriptor)
    }
}

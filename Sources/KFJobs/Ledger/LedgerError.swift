/// Why the ledger cannot be used; every case means exit 3 and says what to do.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case locked(path: String, holder: String)
        case corrupt(path: String, line: Int, reason: String)
        case io(path: String, operation: String, errno: Int32)
        case compactionMismatch(path: String)
    }

    private let code: Code

    /// Another process holds the ledger's lock.
    public static func locked(path: String, holder: String) -> LedgerError {
        LedgerError(code: .locked(path: path, holder: holder))
    }

    /// A line other than a torn last one does not decode.
    public static func corrupt(path: String, line: Int, reason: String) -> LedgerError {
        LedgerError(code: .corrupt(path: path, line: line, reason: reason))
    }

    /// A system call on the ledger failed.
    public static func io(path: String, operation: String, errno: Int32) -> LedgerError {
        LedgerError(code: .io(path: path, operation: operation, errno: errno))
    }

    /// A compacted ledger, read back, did not give the original's state (so it was not used).
    public static func compactionMismatch(path: String) -> LedgerError {
        LedgerError(code: .compactionMismatch(path: path))
    }

    /// The system error of a failed system call, if that is the problem.
    public var systemError: Int32? {
        if case .io(_, _, let errno) = code { return errno }
        return nil
    }

    /// The line number of a corrupt record, if that is the problem.
    public var corruptLine: Int? {
        if case .corrupt(_, let line, _) = code { return line }
        return nil
    }

    public var isLocked: Bool {
        if case .locked = code { return true }
        return false
    }

    public var description: String {
        switch code {
        case let .locked(path, holder):
            return "ledger \(path) is in use by another kfjobs (\(holder)); wait for it to finish, or if it died, run again (the lock is released with its process)"
        case let .corrupt(path, line, reason):
            return "\(path):\(line): ledger record is corrupt (\(reason)); restore the file from a backup or CI artifact, or move it aside to start a new ledger"
        case let .io(path, operation, errno):
            return "cannot \(operation) ledger \(path): \(String(cString: strerror(errno))); \(Self.advice(errno))"
        case let .compactionMismatch(path):
            return "the compacted ledger \(path) does not give the same state as the original, so the original was kept as it was; please report this, with the original ledger if you can"
        }
    }

    /// What to do about a failed system call.
    private static func advice(_ errno: Int32) -> String {
        switch errno {
        case ENOSPC, EDQUOT:
            "free space on its file system, then run again (a torn last line is repaired and uncertain jobs are reconciled first)"
        default:
            "check the path and its permissions"
        }
    }
}

import Portability

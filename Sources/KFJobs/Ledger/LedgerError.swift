/// Why the ledger cannot be used; every case means exit 3 and says what to do.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case locked(path: String, holder: String)
        case corrupt(path: String, line: Int, reason: String)
        case io(path: String, operation: String, errno: Int32)
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
            return "cannot \(operation) ledger \(path): \(String(cString: strerror(errno))); check the path and its permissions"
        }
    }
}

import Portability

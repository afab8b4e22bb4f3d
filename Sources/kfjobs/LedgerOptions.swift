import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KFJobs

/// The ledger's file rules as the command line applies them, written once: the default name, a
/// missing ledger (exit 1 where one is required), an unusable one (exit 3), the lock.
enum LedgerFiles {
    static let defaultPath = "kfjobs-ledger.jsonl"

    /// The latest state of a ledger that may not exist yet (plan and apply before the first run):
    /// empty. Read as it streams (memory grows with the keys, not the records).
    static func state(ifPresent path: String) throws -> LedgerState {
        var state = LedgerState()
        try read(path, into: &state)
        return state
    }

    /// Adds the ledger at `path` (which must exist: status, ledger, unschedule) to `state`.
    static func read(existing path: String, into state: inout LedgerState) throws {
        try requireExisting(path)
        try read(path, into: &state)
    }

    private static func read(_ path: String, into state: inout LedgerState) throws {
        do {
            try LedgerReader.read(path: path, into: &state)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
    }

    static func requireExisting(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(message: "no such ledger: \(path)", exitCode: 1)
        }
    }

    /// Opens the ledger for writing under its lock, as run `runId`; a ledger another run holds, or
    /// one that cannot be read, is exit 3.
    ///
    /// `readsState: false` only locks (a command that read the ledger already and writes nothing to it).
    static func open(_ path: String, runId: String, readsState: Bool = true) throws -> LedgerFile.Opened {
        do {
            return try LedgerFile.open(path: path, holder: RunIdentity.holder(runId: runId), readsState: readsState)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
    }

    /// Appends `records` durably; a failure (a full disk) is exit 3, with what was written kept.
    static func append(_ records: [LedgerRecord], to file: LedgerFile) throws {
        do {
            try file.append(records, durable: true)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
    }
}

/// `--ledger FILE`, repeatable, of the commands that read several ledgers as one (status and
/// ledger, over the ledgers of shards).
struct LedgerInputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A ledger to read (repeatable; default \(LedgerFiles.defaultPath)).", valueName: "file"))
    var ledger: [String] = []

    /// The ledgers named, or the default one.
    var paths: [String] { ledger.isEmpty ? [LedgerFiles.defaultPath] : ledger }

    /// The latest state of the ledgers, read in the order named into one (shards merge); each must exist.
    func state() throws -> LedgerState {
        var state = LedgerState()
        for path in paths { try LedgerFiles.read(existing: path, into: &state) }
        return state
    }
}

import ArgumentParser
import Foundation
import KFJobs

/// The ledger's file rules as the command line applies them, written once: the default name, a
/// missing ledger (exit 1 where one is required), an unusable one (exit 3), the lock.
enum LedgerFiles {
    static let defaultPath = "kfjobs-ledger.jsonl"

    /// The records of a ledger that may not exist yet (plan and apply before the first run): none.
    static func records(ifPresent path: String) throws -> [LedgerRecord] {
        do {
            return try LedgerReader.read(path: path)
        } catch {
            throw CommandFailure(message: "\(error)", exitCode: 3)
        }
    }

    /// The records of a ledger that must exist (status, ledger, unschedule).
    static func records(of path: String) throws -> [LedgerRecord] {
        try requireExisting(path)
        return try records(ifPresent: path)
    }

    static func requireExisting(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CommandFailure(message: "no such ledger: \(path)", exitCode: 1)
        }
    }

    /// Opens the ledger for writing under its lock, as run `runId`; a ledger another run holds, or
    /// one that cannot be read, is exit 3.
    static func open(_ path: String, runId: String) throws -> LedgerFile.Opened {
        do {
            return try LedgerFile.open(path: path, holder: RunIdentity.holder(runId: runId))
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

    /// Every ledger's records, in the order named; each must exist.
    func records() throws -> [LedgerRecord] {
        try paths.flatMap { try LedgerFiles.records(of: $0) }
    }
}

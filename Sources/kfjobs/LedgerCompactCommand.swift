import ArgumentParser
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Portability
import KFJobs

/// `kfjobs ledger compact`: rewrites the ledger to what every command still needs, dropping history.
struct LedgerCompactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compact",
        abstract: "Rewrite the ledger keeping only what plan, apply, status, ledger and unschedule still read.",
        discussion: """
            Keeps every run record and, per job, its latest outcome and the intents and outcomes that \
            resume and reconciliation need; every command answers as before. Holds the ledger's lock; \
            writes a new file beside it, fsyncs it, checks it and renames it over the ledger, so an \
            interruption leaves the old ledger or the new one. Run it now and then (monthly in CI).
            """
    )

    /// `--ledger FILE` (once: the ledger to compact) and `--output text|json`, shared with `kfjobs ledger`.
    @OptionGroup var ledgers: LedgerInputOptions
    @OptionGroup var format: LedgerCommand.OutputOption

    @Flag(name: .customLong("dry-run"), help: "Only report what would be kept and the size; write nothing.")
    var dryRun = false

    var ledger: String { ledgers.paths[0] }
    var output: LedgerCommand.Format { format.output }

    func validate() throws {
        guard ledgers.ledger.count <= 1 else { throw ValidationError("ledger compact takes one --ledger (compact the shards' ledgers one by one)") }
        guard format.output != .csv else { throw ValidationError("ledger compact prints text or json") }
    }

    func run() throws {
        let summary: LedgerCompaction.Summary
        // A first run in CI has no ledger yet: nothing to compact is not a failure.
        guard FileManager.default.fileExists(atPath: ledger) else {
            summary = LedgerCompaction.Summary(
                ledger: ledger, dryRun: dryRun, recordsBefore: 0, recordsAfter: 0, bytesBefore: 0, bytesAfter: 0, runs: 0, keys: 0,
                uncertainKeys: 0, removedTornLine: false)
            return try emit(summary, text: "nothing to compact: no ledger at \(ledger) yet\n")
        }
        do {
            summary = try LedgerCompaction.compact(
                path: ledger, holder: RunIdentity.holder(runId: "compact-" + RunIdentity.make()), dryRun: dryRun,
                crashPoint: TestCrashPoint.reached)
        } catch {
            Terminal.error("error: \(error)")
            throw ExitCode(3)
        }
        if summary.removedTornLine {
            Terminal.error("warning: \(ledger): " + (dryRun ? "has" : "left out") + " a torn last line left by an interrupted run")
        }
        try emit(summary, text: Self.text(summary))
    }

    private func emit(_ summary: LedgerCompaction.Summary, text: String) throws {
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            Terminal.output(String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n")
        case .text, .csv:
            Terminal.output(text)
        }
    }

    static func text(_ summary: LedgerCompaction.Summary) -> String {
        let sizes = "\(count(summary.recordsBefore)) records (\(megabytes(summary.bytesBefore))) -> "
            + "\(count(summary.recordsAfter)) records (\(megabytes(summary.bytesAfter)))"
        let kept = "\(count(summary.runs)) runs and \(count(summary.keys)) jobs kept"
            + (summary.uncertainKeys > 0 ? ", \(count(summary.uncertainKeys)) of them uncertain (kept with what reconciling them needs)" : "")
        if summary.dryRun {
            return "would compact \(summary.ledger): \(sizes)\n\(kept); nothing was written (--dry-run)\n"
        }
        return "compacted \(summary.ledger): \(sizes)\n\(kept)\n"
    }

    /// 1,000,100: thousands grouped with commas, whatever the locale.
    private static func count(_ value: Int) -> String {
        var digits = String(value)
        var index = digits.endIndex
        while digits.distance(from: digits.startIndex, to: index) > 3 {
            index = digits.index(index, offsetBy: -3)
            digits.insert(",", at: index)
        }
        return digits
    }

    private static func megabytes(_ bytes: Int) -> String {
        bytes < 1_000_000 ? NumberText.fixed(Double(bytes) / 1_000, fractionDigits: 1) + " kB"
            : NumberText.fixed(Double(bytes) / 1_000_000, fractionDigits: 1) + " MB"
    }
}

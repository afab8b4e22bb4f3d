#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What a simulator's store holds that outlives one process: its jobs, their history and run state,
/// and its clock, so that `--simulate` behaves as one long-running server across commands.
///
/// Job field values are never part of it (only the field names): the snapshot sits beside a ledger
/// that lives in git, and the values were checked when each job was submitted. Tokens and request
/// counts are not kept either. The text is JSON with a format name and version, so a foreign or
/// corrupt file is told apart from a state file of another version.
public struct SimulatorStoreSnapshot: Hashable, Sendable {
    /// The `format` member every snapshot carries.
    public static let formatName = "kfjobs-simulator-state"
    public static let version = 1

    /// The name of the fleet the jobs were made on, for messages.
    public var fleetName: String
    /// The fleet's identity (`SimulatorFleet.identity`): a snapshot only fits the fleet it was made on.
    public var fleetIdentity: String
    /// The simulator's clock when the snapshot was taken.
    public var savedAt: Date
    /// How far the simulator's clock ran ahead of the wall clock when it was taken.
    public var clockOffset: TimeInterval
    var nextHistoryId: Int64
    var jobs: [JobRecord]
    var history: [HistoryRecord]

    /// An empty store's snapshot for `fleet`: what `--fresh` starts from.
    public static func empty(for fleet: SimulatorFleet, at now: Date = Date()) -> SimulatorStoreSnapshot {
        SimulatorStoreSnapshot(
            fleetName: fleet.name, fleetIdentity: fleet.identity, savedAt: now, clockOffset: 0,
            nextHistoryId: SimulatorStore.firstHistoryId, jobs: [], history: [])
    }

    /// How many jobs it holds (any state).
    public var jobCount: Int { jobs.count }

    /// The clock a restored simulator runs on: the wall clock plus an offset that never lets the
    /// simulator's time run backwards (the wall clock stepped back since, or an offset kept from before).
    public func resumedClock(wallNow: Date = Date()) -> OffsetSimulatorClock {
        OffsetSimulatorClock(offset: max(clockOffset, savedAt.timeIntervalSince(wallNow), 0))
    }
}

/// Why a snapshot could not be read.
public struct SimulatorSnapshotError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}

/// The wall clock moved by a fixed offset: how a restored simulator keeps time monotonic.
public struct OffsetSimulatorClock: SimulatorClock {
    public var offset: TimeInterval

    public init(offset: TimeInterval) {
        self.offset = offset
    }

    public var now: Date { Date().addingTimeInterval(offset) }
}

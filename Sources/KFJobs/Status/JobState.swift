#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KeyfactorWire

/// Where a job stands on the server.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Still in ScheduledJobs, waiting for its time (recurring jobs stay here for good).
    case scheduled
    /// In JobHistory, Status 1 (Waiting) or 0 (Unknown).
    case waiting
    /// In JobHistory, Status 2 (InProcess) or 5 (CompletedWillRetry).
    case inProcess = "in-process"
    /// Completed with Result 2 (Success).
    case succeeded
    /// Completed with Result 3 (Warning), or with no result.
    case warning
    /// Completed with Result 4 (Failure).
    case failed
    /// Neither scheduled nor in the history: unscheduled, purged, or never there.
    case unknown

    /// A state the job will not leave by waiting.
    public var isFinal: Bool {
        switch self {
        case .succeeded, .warning, .failed, .unknown: true
        case .scheduled, .waiting, .inProcess: false
        }
    }

    /// A state that makes `status` exit 2.
    public var isProblem: Bool {
        self == .warning || self == .failed || self == .unknown
    }

    /// The state a JobHistory row says a run is in.
    public static func of(_ entry: JobHistoryEntry) -> JobState {
        switch entry.status {
        case 3, 4:
            switch entry.result {
            case 2: .succeeded
            case 4: .failed
            default: .warning
            }
        case 2, 5: .inProcess
        default: .waiting
        }
    }
}

/// One tracked job and its state on the server.
public struct JobStatus: Sendable, Hashable {
    public var job: TrackedJob
    public var state: JobState
    /// A recurring job: it stays scheduled, so waiting never waits for it.
    public var recurring: Bool
    /// The latest run's message (the reason of a failure or warning).
    public var message: String?
    /// The latest run's history id, for its JobStatus/Data.
    public var jobHistoryId: Int64?
    public var operationEnd: Date?

    public init(
        job: TrackedJob, state: JobState, recurring: Bool = false, message: String? = nil, jobHistoryId: Int64? = nil,
        operationEnd: Date? = nil
    ) {
        self.job = job
        self.state = state
        self.recurring = recurring
        self.message = message
        self.jobHistoryId = jobHistoryId
        self.operationEnd = operationEnd
    }

    /// Whether waiting is over for this job: a final state, or a recurring job (which never finishes).
    public var isSettled: Bool { state.isFinal || recurring }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A job still waiting to run, as `GET /OrchestratorJobs/ScheduledJobs` lists it.
public struct ScheduledJob: Sendable, Hashable {
    /// The JobId.
    public var id: String
    public var clientMachine: String?
    public var target: String?
    /// The schedule when the server sends the object form.
    public var schedule: Schedule?
    /// The schedule when the server sends a description string instead.
    public var scheduleText: String?
    /// When the job was requested, as the server wrote it (see `requestedDate`).
    public var requested: String?
    /// The job type's name.
    public var jobType: String?

    public init(
        id: String, clientMachine: String? = nil, target: String? = nil, schedule: Schedule? = nil,
        scheduleText: String? = nil, requested: String? = nil, jobType: String? = nil
    ) {
        self.id = id
        self.clientMachine = clientMachine
        self.target = target
        self.schedule = schedule
        self.scheduleText = scheduleText
        self.requested = requested
        self.jobType = jobType
    }

    /// `requested` read as a date-time, when it is one.
    public var requestedDate: Date? { requested.flatMap(KeyfactorDate.parse) }
}

extension ScheduledJob: Codable {
    public init(from decoder: any Decoder) throws {
        let wire = try WireDecoding(decoder)
        id = try wire.decode(String.self, "Id")
        clientMachine = try wire.decodeIfPresent(String.self, "ClientMachine")
        target = try wire.decodeIfPresent(String.self, "Target")
        (schedule, scheduleText) = wire.decodeScheduleLeniently("Schedule")
        requested = try wire.decodeLenientStringIfPresent("Requested")
        jobType = try wire.decodeIfPresent(String.self, "JobType")
    }

    public func encode(to encoder: any Encoder) throws {
        var wire = WireEncoding(encoder)
        try wire.encode(id, "Id")
        try wire.encodeIfPresent(clientMachine, "ClientMachine")
        try wire.encodeIfPresent(target, "Target")
        if let schedule {
            try wire.encode(schedule, "Schedule")
        } else {
            try wire.encodeIfPresent(scheduleText, "Schedule")
        }
        try wire.encodeIfPresent(requested, "Requested")
        try wire.encodeIfPresent(jobType, "JobType")
    }
}
